#pragma once

#include "core/config/design_config.h" // core::Precision (moving to core/graph/precision.h)
#include "core/graph/layer_stats.h"
#include "hwlib/inference_engine.h"
#include "hwlib/mcu_target.h"
#include "hwlib/op_class.h"

#include <array>
#include <optional>
#include <cstdint>
#include <string>
#include <vector>

namespace mdse::core {

// Per-op-class MCU latency and energy (issue #17). An ESTIMATE with a range
// and the provenance of its rates:
//
//   cycles = perInference + sum over executed layers of
//              ( max(compute, memory) + perLayer )
//   compute = work / (rate[opClass] * precisionScale(kernel precision))
//             + pixels * cyclesPerPixel[opClass]
//   memory  = flashBytes / flashBytesPerCycle + sramBytes / sramBytesPerCycle
//   seconds = cycles / clockHz           (exact clock scaling: no term depends on the clock)
//   joules  = power * seconds
//
// work: MACs for conv / pointwise / depthwise / fc, elements read (output
// elements x window) for pooling, output elements for element-wise layers;
// view ops (reshape, flatten, ...) cost nothing. pixels: output positions
// (H x W) of conv / pointwise / depthwise / pooling layers, 1 for fully
// connected, 0 for element-wise: a kernel's loop set-up per output position
// (im2col column, pointers, requantisation set-up), the second term of the
// usual "MACs + positions + layers" kernel cost. flashBytes = the layer's
// stored weights + biases, sramBytes = its input + output activations, each
// counted once (the compulsory traffic of the roofline, docs/mcu-analysis.md);
// the bandwidths are the part's `memoryBandwidth`, which folds in wait states
// and bus widths. Rates and overheads come from a calibration
// (core/perf/latency_fit.h) or from the uncalibrated default below.

// What the model needs of each layer besides the network: its weight and
// activation precision and the bytes its stored weights take (after
// compression; -1 = dense at the weight precision plus int32 biases).
struct LayerCostInput {
    Precision weights = Precision::Int8;
    Precision activations = Precision::Int8;
    std::int64_t storedWeightBytes = -1;
};

// int8 weights and activations everywhere, dense weights: the TFLite Micro /
// CMSIS-NN / X-CUBE-AI deployment of the MLPerf Tiny reference models.
std::vector<LayerCostInput> int8LayerCosts(const Network& network);

// One layer's rate-independent cost features.
struct LayerWork {
    std::size_t layerIndex = 0;
    std::string name;
    bool executed = false;                  // false for view ops
    hwlib::OpClass opClass = hwlib::OpClass::Elementwise;
    std::int64_t work = 0;                  // MACs or elements (see above)
    std::int64_t pixels = 0;                // output positions (see above)
    double precisionScale = 1.0;            // kernel throughput relative to int8
    std::int64_t flashBytes = 0;
    std::int64_t sramBytes = 0;
};

// `inputs` is indexed by layer index (network.layers()), one per layer.
// Throws core::Error if its size does not match.
std::vector<LayerWork> mcuLayerWork(const Network& network, const NetworkStats& stats,
                                    const std::vector<LayerCostInput>& inputs);

// The op class of a layer: conv variants by convVariant(), dense/matmul/
// recurrent as fully connected, max/avg/global pools as pooling, the rest
// element-wise.
hwlib::OpClass opClassOf(const Network& network, const Layer& layer);

// CPU throughput at a kernel precision relative to int8 (the widest of the
// layer's weight and activation precision): integer <= 8 bits x1 (CMSIS-NN
// and X-CUBE-AI unpack sub-byte weights to int8), integer <= 16 bits x0.5
// (half the SIMD lanes), anything wider or floating point x0.25 (one FPU MAC
// per cycle against the int8 dual-MAC; Bosch HALE, MLPerf Tiny v1.2, runs
// fp32 ResNet-8 on the H7A3 at 8.05 inf/s vs 21.81 int8 = 0.37x).
double precisionThroughputScale(Precision weights, Precision activations);

// Where a set of rates came from.
enum class RateOrigin {
    PartCalibration, // fitted to the user's measurements, stored with the part
    Calibrated,      // fitted to published measurements of this core family and engine
    Transferred,     // the core family or the engine was measured, not both together
    Uncalibrated,    // the part file's rates x the engine's speedVsPartRates
};
const char* rateOriginName(RateOrigin origin); // "part-calibration", "calibrated", ...

struct CostRates {
    std::array<double, hwlib::kOpClassCount> workPerCycle{}; // at int8, by hwlib::OpClass
    std::array<double, hwlib::kOpClassCount> cyclesPerPixel{}; // by hwlib::OpClass; 0 uncalibrated
    double perInferenceOverheadCycles = 0.0;
    double perLayerOverheadCycles = 0.0;
    double flashBytesPerCycle = 4.0;
    double sramBytesPerCycle = 4.0;
    // The reported range: [estimate * lowFactor, estimate * highFactor].
    double lowFactor = 0.5;
    double highFactor = 2.0;
    RateOrigin origin = RateOrigin::Uncalibrated;
    std::string provenance; // e.g. "calibrated on 16 MLPerf Tiny measurements of Cortex-M4 + x-cube-ai-9.0"
};

// The uncalibrated default for `part` running `engine`: the part file's
// int8MacsPerCycle (conv, pointwise, depthwise, fc; elementwise for both
// pooling and element-wise) x engine.speedVsPartRates, no per-pixel cost,
// the engine's overheads, the part's memory bandwidth, range [0.5x, 2x]
// (estimated).
CostRates uncalibratedRates(const hwlib::McuTarget& part, const hwlib::InferenceEngine& engine);

// The part's stored calibration for `engine` (McuTarget::engineCalibrations)
// as rates, range +-max(worstErrorPercent, 10 %); nullopt if it has none.
std::optional<CostRates> partCalibrationRates(const hwlib::McuTarget& part, const hwlib::InferenceEngine& engine);

// A layer's compute cycles: work / (rate x precision scale) + pixels x cyclesPerPixel.
double computeCycles(const LayerWork& layer, const CostRates& rates);
// A layer's memory cycles: flash and SRAM bytes over the part's bandwidths.
double memoryCycles(const LayerWork& layer, const CostRates& rates);

// Total cycles of one inference (the formula above).
double inferenceCycles(const std::vector<LayerWork>& layers, const CostRates& rates);

// Power while inferring and where it came from.
struct PowerFigure {
    double watts = 0.0;
    bool measured = false;
    std::string source;
};
// The part file's activePower (measured for the MLPerf Tiny parts).
PowerFigure partPower(const hwlib::McuTarget& part);

struct LayerCost {
    std::size_t layerIndex = 0;
    std::string name;
    hwlib::OpClass opClass = hwlib::OpClass::Elementwise;
    std::int64_t work = 0;
    double computeCycles = 0.0;
    double memoryCycles = 0.0;
    double cycles = 0.0; // max(compute, memory) + per-layer overhead; 0 for view ops
    bool memoryBound = false;
    double seconds = 0.0;
};

struct McuCostEstimate {
    std::vector<LayerCost> layers; // executed layers, in execution order
    double cycles = 0.0;
    double seconds = 0.0;
    double lowSeconds = 0.0;
    double highSeconds = 0.0;
    double joules = 0.0;
    double lowJoules = 0.0;
    double highJoules = 0.0;
    PowerFigure power;
    RateOrigin origin = RateOrigin::Uncalibrated;
    std::string provenance;
    std::string engine;
    std::string model; // the formula, for reports
};

McuCostEstimate estimateMcuCost(const std::vector<LayerWork>& layers, const hwlib::McuTarget& part,
                                const hwlib::InferenceEngine& engine, const CostRates& rates,
                                const PowerFigure& power);

} // namespace mdse::core
