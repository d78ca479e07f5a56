// hls4ml-style FPGA configuration (docs/experiments.md, "hls4ml").
#include "core/report/deployment_export.h"

#include "core/util/error.h"

#include <yaml-cpp/yaml.h>

namespace mdse::core {
namespace {

// hls4ml's documented default precision (config_from_*_model:
// default_precision='fixed<16,6>').
constexpr const char* kHls4mlDefault = "ap_fixed<16,6>";

bool isFloat(std::int64_t bits) { return bits <= 0 || bits >= 32; }

} // namespace

// Weights quantized symmetrically to b bits lie in [-1, 1) once scaled
// (QKeras quantized_bits(b, 0) = ap_fixed<b,1>: sign bit plus b-1
// fraction bits); binary weights are one unsigned bit (hls4ml's XNOR
// path); float precisions take hls4ml's default.
std::string hls4mlWeightType(std::int64_t bits)
{
    if (bits == 1)
        return "ap_uint<1>";
    if (isFloat(bits) || bits > 16)
        return kHls4mlDefault;
    return "ap_fixed<" + std::to_string(bits) + ",1>";
}

// Activations: half of the bits integer (rounded up), a starting point
// to refine with hls4ml's numerical profiling.
std::string hls4mlResultType(std::int64_t bits)
{
    if (bits == 1)
        return "ap_uint<1>";
    if (isFloat(bits) || bits > 16)
        return kHls4mlDefault;
    return "ap_fixed<" + std::to_string(bits) + "," + std::to_string((bits + 1) / 2) + ">";
}

std::string deploymentHls4ml(const Experiment& e, const Hls4mlOptions& options)
{
    if (e.target && e.target->kind == "mcu")
        throw Error("an hls4ml configuration is for FPGA targets; experiment '" + e.name + "' targets the MCU '"
                    + e.target->id + "' (use --format c-header)");
    if (options.reuseFactor < 1)
        throw Error("the reuse factor must be at least 1");
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "OutputDir" << YAML::Value << cIdentifier(e.name) + "_hls4ml";
    out << YAML::Key << "ProjectName" << YAML::Value << "myproject";
    if (e.target)
        out << YAML::Key << "Part" << YAML::Value << e.target->id;
    out << YAML::Key << "IOType" << YAML::Value << "io_parallel";
    out << YAML::Key << "HLSConfig" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "Model" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "Precision" << YAML::Value << kHls4mlDefault;
    out << YAML::Key << "ReuseFactor" << YAML::Value << options.reuseFactor;
    out << YAML::Key << "Strategy" << YAML::Value << (options.reuseFactor > 1 ? "Resource" : "Latency");
    out << YAML::EndMap;
    out << YAML::Key << "LayerName" << YAML::Value << YAML::BeginMap;
    for (const LayerResult& l : e.layers) {
        const std::int64_t w = l.weightBits.value_or(32);
        const std::int64_t a = l.activationBits.value_or(32);
        out << YAML::Key << l.name << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "Precision" << YAML::Value << YAML::BeginMap;
        if (l.params > 0) {
            out << YAML::Key << "weight" << YAML::Value << hls4mlWeightType(w);
            // Integer weights keep int32 accumulators and biases (issue #4).
            out << YAML::Key << "bias" << YAML::Value << (isFloat(w) ? kHls4mlDefault : "ap_fixed<32,16>");
        }
        out << YAML::Key << "result" << YAML::Value << hls4mlResultType(a);
        out << YAML::EndMap;
        if (l.params > 0)
            out << YAML::Key << "ReuseFactor" << YAML::Value << options.reuseFactor;
        out << YAML::EndMap;
    }
    out << YAML::EndMap << YAML::EndMap << YAML::EndMap;
    return "# hls4ml configuration of experiment '" + e.name + "' (MicroDSE Studio)\n" + out.c_str() + "\n";
}

} // namespace mdse::core
