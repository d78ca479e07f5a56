#include "core/accel/dataflow_model.h"

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

double levelEnergy(const DataflowAccesses& a, std::int64_t LevelAccesses::*level, double cost,
                   const hwlib::AcceleratorTemplate& t, int tableBits, bool psumAtActivationWidth)
{
    const double psumBits = psumAtActivationWidth ? t.activationBits : t.psumBits;
    return cost / tableBits
        * (double(a.inputs.*level) * t.activationBits + double(a.weights.*level) * t.weightBits
           + double(a.psums.*level) * psumBits);
}

LevelEnergy energyOf(const DataflowAccesses& a, std::int64_t macs, const hwlib::AcceleratorTemplate& t,
                     const hwlib::EnergyCostTable& c)
{
    LevelEnergy e;
    const double bits = c.wordBits;
    e.mac = double(macs) * c.mac * t.activationBits * t.weightBits / (bits * bits);
    e.registerFile = levelEnergy(a, &LevelAccesses::registerFile, c.registerFile, t, c.wordBits, false);
    e.array = levelEnergy(a, &LevelAccesses::array, c.array, t, c.wordBits, false);
    e.globalBuffer = levelEnergy(a, &LevelAccesses::globalBuffer, c.globalBuffer, t, c.wordBits, false);
    // Outputs leave for DRAM at the activation width (after requantization).
    e.dram = levelEnergy(a, &LevelAccesses::dram, c.dram, t, c.wordBits, true);
    return e;
}

} // namespace

DataflowLayerResult evaluateDataflowLayer(const ConvProblem& problem, const hwlib::AcceleratorTemplate& accel,
                                          Dataflow dataflow, const hwlib::EnergyCostTable& costs)
{
    const ArrayShape array{accel.peRows, accel.peCols, accel.rfBytesPerPe * 8 / accel.activationBits};
    DataflowLayerResult r;
    r.name = problem.name;
    r.kind = problem.kind;
    r.dataflow = dataflow;
    r.macs = problem.macs();
    r.mapping = mapDataflow(problem, array, dataflow);
    DataflowAccesses perGroup = r.mapping.onChip;
    addDram(problem, dataflow, accel.globalBufferBytes * 8 / accel.activationBits, perGroup);
    r.accesses = {perGroup.inputs.scaled(problem.groups), perGroup.weights.scaled(problem.groups),
                  perGroup.psums.scaled(problem.groups)};
    r.energy = energyOf(r.accesses, r.macs, accel, costs);
    r.energyNormalized = costs.normalized;
    const LevelAccesses& in = r.accesses.inputs;
    r.dramBytes = (double(in.dram) * accel.activationBits + double(r.accesses.weights.dram) * accel.weightBits
                   + double(r.accesses.psums.dram) * accel.activationBits) / 8.0;
    // Latency = max(compute, memory): the array at its mapped utilization
    // versus the DRAM traffic at the template's bandwidth (double-buffered,
    // so the two overlap; roofline reasoning of Williams et al., CACM 2009).
    const double macsPerCycle = double(accel.macsPerCycle()) * r.mapping.utilization;
    r.computeCycles = static_cast<std::int64_t>(std::ceil(double(r.macs) / macsPerCycle));
    const double bytesPerCycle = accel.dramBytesPerSecond / accel.clockHz;
    r.memoryCycles = static_cast<std::int64_t>(std::ceil(r.dramBytes / bytesPerCycle));
    r.cycles = std::max(r.computeCycles, r.memoryCycles);
    r.seconds = double(r.cycles) / accel.clockHz;
    return r;
}

DataflowReport evaluateDataflow(const std::vector<ConvProblem>& problems, const hwlib::AcceleratorTemplate& accel,
                                Dataflow dataflow, const hwlib::EnergyCostTable& costs)
{
    DataflowReport report;
    report.dataflow = dataflow;
    report.acceleratorId = accel.id;
    report.energyTableId = costs.id;
    double weightedUtilization = 0;
    for (const ConvProblem& p : problems) {
        DataflowLayerResult r = evaluateDataflowLayer(p, accel, dataflow, costs);
        report.totals.macs += r.macs;
        report.totals.energy += r.energy;
        report.totals.dramBytes += r.dramBytes;
        report.totals.cycles += r.cycles;
        report.totals.seconds += r.seconds;
        weightedUtilization += r.mapping.utilization * double(r.macs);
        report.layers.push_back(std::move(r));
    }
    if (report.totals.macs > 0)
        report.totals.utilization = weightedUtilization / double(report.totals.macs);
    return report;
}

} // namespace mdse::core
