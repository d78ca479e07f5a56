// `microdse sensitivity <network>`: per-layer quantization SQNR of the real
// weights (docs/design-config.md).
#include "app/cli/commands.h"

#include "core/compress/network_sensitivity.h"
#include "core/io/network_loader.h"
#include "core/report/analysis_reports.h"

#include <ostream>

namespace mdse::app {
namespace {

struct SensitivityFlags {
    std::string network, format = "table";
    std::vector<int> bits{2, 4, 8};
    std::vector<double> sparsities{0.5, 0.75, 0.9};
};

void runSensitivity(const SensitivityFlags& f, CommandIo& io)
{
    core::SensitivityOptions options;
    options.bits = f.bits;
    options.sparsities = f.sparsities;
    const core::Network network = core::loadNetwork(f.network);
    const auto layers = core::analyzeNetworkWeights(network, options);
    if (layers.empty())
        throw core::Error("the network carries no weights (import an ONNX or TFLite model; YAML networks describe "
                          "shapes only)",
                          {f.network});
    io.out << (f.format == "json" ? core::sensitivityJson(layers) : core::sensitivityTable(layers));
}

} // namespace

void addSensitivityCommand(CLI::App& app, CommandIo& io)
{
    auto f = std::make_shared<SensitivityFlags>();
    CLI::App* c = app.add_subcommand("sensitivity", "Quantization SQNR of the real weights per layer and bit width");
    c->add_option("network", f->network, "An .onnx or .tflite model with weights")->required();
    c->add_option("--bits", f->bits, "Bit widths (default 2,4,8)")->delimiter(',')->check(CLI::Range(1, 16));
    c->add_option("--sparsities", f->sparsities, "Magnitude-pruning sparsities (default 0.5,0.75,0.9)")
        ->delimiter(',')
        ->check(CLI::Range(0.0, 0.999999));
    c->add_option("--format", f->format, "Report format (default table)")->check(formats({"table", "json"}));
    c->callback([f, &io] { runSensitivity(*f, io); });
}

} // namespace mdse::app
