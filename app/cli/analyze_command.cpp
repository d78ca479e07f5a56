// `microdse analyze <network> [design flags] [--format table|json|csv]
// [--save NAME [--db FILE]] [--write-spec FILE]`: one evaluate() of the
// network and the design the flags describe (docs/design-spec.md).
#include "app/cli/commands.h"
#include "app/cli/spec_flags.h"

#include "core/evaluate/evaluate.h"
#include "core/io/design_spec_yaml.h"
#include "core/io/network_loader.h"
#include "core/report/evaluation_report.h"
#include "core/store/experiment_from_evaluation.h"
#include "core/store/experiment_store.h"

#include <ostream>

namespace mdse::app {
namespace {

struct AnalyzeFlags {
    std::string network;
    std::string format = "table";
    std::string inputShape, save, db, writeSpec;
    SpecFlags spec;
};

core::Network loadNetwork(const AnalyzeFlags& f)
{
    core::OnnxImportOptions onnx; // --input-shape: a graph input's full ONNX shape
    if (!f.inputShape.empty()) {
        const auto parsed = core::parseInputShapeOverride(f.inputShape);
        if (!parsed)
            throw UsageError("--input-shape expects name=1x3x224x224, found '" + f.inputShape + "'");
        onnx.inputShapes[parsed->first] = parsed->second;
    }
    return core::loadNetwork(f.network, onnx);
}

void runAnalyze(const AnalyzeFlags& f, CommandIo& io)
{
    const core::DesignSpec spec = specFromFlags(f.spec);
    const core::Network network = loadNetwork(f);
    const core::Evaluation evaluation = core::evaluate(network, spec);
    if (!f.writeSpec.empty())
        writeOutput(f.writeSpec, core::writeDesignSpecYaml(spec), io);
    if (!f.save.empty()) {
        core::ExperimentStore store(databasePath(f.db));
        store.save(core::experimentFromEvaluation(network, f.network, evaluation, f.save));
        io.err << "saved experiment '" << f.save << "' in " << store.path() << "\n";
    }
    if (f.format == "json")
        io.out << core::evaluationJson(evaluation);
    else if (f.format == "csv")
        io.out << core::evaluationCsv(evaluation);
    else
        io.out << core::evaluationTable(evaluation);
    for (const core::Warning& warning : evaluation.warnings)
        if (f.format != "table")
            io.err << "warning: " << (warning.where.file.empty() ? "" : core::formatLocation(warning.where) + ": ")
                   << warning.message << "\n";
}

} // namespace

void addAnalyzeCommand(CLI::App& app, CommandIo& io)
{
    auto flags = std::make_shared<AnalyzeFlags>();
    CLI::App* c = app.add_subcommand("analyze", "Evaluate a network and a design: shapes, params, MACs, bytes; with "
                                                "--target the MCU memory, latency and fits or the accelerator's "
                                                "dataflow, energy and resources");
    c->add_option("network", flags->network, "A .yaml, .onnx or .tflite file, or zoo:<id>")->required();
    c->add_option("--format", flags->format, "Report format (default table)")->check(formats({"table", "json", "csv"}));
    c->add_option("--input-shape", flags->inputShape, "ONNX: a graph input's full shape, name=1x3x224x224");
    addSpecFlags(*c, flags->spec);
    c->add_option("--save", flags->save, "Keep the evaluation as experiment NAME in the database");
    c->add_option("--db", flags->db, "The experiment database (default $XDG_DATA_HOME/microdse/experiments.sqlite)");
    c->add_option("--write-spec", flags->writeSpec, "Write the whole design spec as YAML to FILE");
    c->callback([flags, &io] { runAnalyze(*flags, io); });
}

} // namespace mdse::app
