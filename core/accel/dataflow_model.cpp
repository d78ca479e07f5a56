#include "core/accel/dataflow_model.h"

#include "core/accel/access_energy.h"
#include "core/util/error.h"

#include <algorithm>
#include <cmath>

namespace mdse::core {
namespace {

std::int64_t ceilDiv(std::int64_t a, std::int64_t b) { return (a + b - 1) / b; }

// DRAM traffic from the global buffer's capacity (in activation words).
// Each datum moves once (I, Wt read; O written) when the group fits in the
// buffer, or when either inputs or weights fit in half of it (that operand
// stays resident while the other streams through once). Otherwise the
// stationary operand is tiled into half of the buffer and the other operand
// is re-read once per tile: WS, RS and NLR keep weight tiles (inputs re-read
// ceil(Wt / (G/2)) times); OS keeps output tiles (weights re-read
// ceil(O / (G/2)) times). This is the loop-tiling view of Timeloop and
// SCALE-Sim buffers, reduced to one level.
void addDram(const ConvProblem& p, Dataflow dataflow, std::int64_t bufferWords, DataflowAccesses& a)
{
    const std::int64_t I = p.inputWordsPerGroup(), Wt = p.weightWordsPerGroup(), O = p.outputWordsPerGroup();
    const std::int64_t half = std::max<std::int64_t>(1, bufferWords / 2);
    a.inputs.dram = I;
    a.weights.dram = Wt;
    a.psums.dram = O;
    if (I + Wt + O <= bufferWords || I <= half || Wt <= half)
        return;
    if (dataflow == Dataflow::OutputStationary)
        a.weights.dram = Wt * ceilDiv(O, half);
    else
        a.inputs.dram = I * ceilDiv(Wt, half);
}

} // namespace

DataflowLayerResult evaluateDataflowLayer(const ConvProblem& problem, const hwlib::AcceleratorTemplate& accel,
                                          Dataflow dataflow, const hwlib::EnergyCostTable& costs)
{
    return evaluateDataflowLayer(problem, accel, dataflow, costs, operandsOf(accel));
}

DataflowLayerResult evaluateDataflowLayer(const ConvProblem& dense, const hwlib::AcceleratorTemplate& accel,
                                          Dataflow dataflow, const hwlib::EnergyCostTable& costs,
                                          const LayerOperands& operands)
{
    validateOperands(operands, dense.name);
    const ConvProblem problem = prunedProblem(dense, operands);
    // Capacities in words of the layer's input-activation width.
    const int wordBits = precisionBits(operands.inputs);
    const ArrayShape array{accel.peRows, accel.peCols, accel.rfBytesPerPe * 8 / wordBits};
    DataflowLayerResult r;
    r.name = problem.name;
    r.kind = problem.kind;
    r.dataflow = dataflow;
    r.macs = problem.macs();
    r.mapping = mapDataflow(problem, array, dataflow);
    DataflowAccesses perGroup = r.mapping.onChip;
    addDram(problem, dataflow, accel.globalBufferBytes * 8 / wordBits, perGroup);
    r.accesses = {perGroup.inputs.scaled(problem.groups), perGroup.weights.scaled(problem.groups),
                  perGroup.psums.scaled(problem.groups)};
    // The fixed mappings never spill psums to DRAM: every DRAM psum is a final output.
    const std::int64_t outputs = r.accesses.psums.dram;
    r.energy = accessEnergy(r.accesses, r.macs, outputs, operands, costs);
    r.energyNormalized = costs.normalized;
    r.dramBytes = dramBytes(r.accesses, outputs, operands);
    // Latency = max(compute, memory): the array at its mapped utilization
    // (fewer cycles when the PEs skip zeros) versus the DRAM traffic at the
    // template's bandwidth (double-buffered, so the two overlap; roofline
    // reasoning of Williams et al., CACM 2009).
    const double macsPerCycle = double(accel.macsPerCycle()) * r.mapping.utilization;
    r.computeCycles = static_cast<std::int64_t>(std::ceil(double(r.macs) * skippedCycleFactor(operands) / macsPerCycle));
    const double bytesPerCycle = accel.dramBytesPerSecond / accel.clockHz;
    r.memoryCycles = static_cast<std::int64_t>(std::ceil(r.dramBytes / bytesPerCycle));
    r.cycles = std::max(r.computeCycles, r.memoryCycles);
    r.seconds = double(r.cycles) / accel.clockHz;
    return r;
}

DataflowReport evaluateDataflow(const std::vector<ConvProblem>& problems, const hwlib::AcceleratorTemplate& accel,
                                Dataflow dataflow, const hwlib::EnergyCostTable& costs)
{
    return evaluateDataflow(problems, accel, dataflow, costs,
                            std::vector<LayerOperands>(problems.size(), operandsOf(accel)));
}

DataflowReport evaluateDataflow(const std::vector<ConvProblem>& problems, const hwlib::AcceleratorTemplate& accel,
                                Dataflow dataflow, const hwlib::EnergyCostTable& costs,
                                const std::vector<LayerOperands>& operands)
{
    if (operands.size() != problems.size())
        throw Error("dataflow model: " + std::to_string(operands.size()) + " operand sets for "
                    + std::to_string(problems.size()) + " layers");
    DataflowReport report;
    report.dataflow = dataflow;
    report.acceleratorId = accel.id;
    report.energyTableId = costs.id;
    std::vector<DataflowLayerResult> layers;
    layers.reserve(problems.size());
    for (std::size_t i = 0; i < problems.size(); ++i)
        layers.push_back(evaluateDataflowLayer(problems[i], accel, dataflow, costs, operands[i]));
    report.layers = std::move(layers);
    report.totals = totalsOf(report.layers);
    return report;
}

DataflowTotals totalsOf(const std::vector<DataflowLayerResult>& layers)
{
    DataflowTotals totals;
    double weightedUtilization = 0;
    for (const DataflowLayerResult& r : layers) {
        totals.macs += r.macs;
        totals.energy += r.energy;
        totals.dramBytes += r.dramBytes;
        totals.cycles += r.cycles;
        totals.seconds += r.seconds;
        weightedUtilization += r.mapping.utilization * double(r.macs);
    }
    if (totals.macs > 0)
        totals.utilization = weightedUtilization / double(totals.macs);
    return totals;
}

} // namespace mdse::core
