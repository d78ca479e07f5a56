#include "core/accel/access_energy.h"

namespace mdse::core {
namespace {

double bitsMoved(const DataflowAccesses& a, std::int64_t LevelAccesses::*level, const OperandBits& b)
{
    return double(a.inputs.*level) * b.inputs + double(a.weights.*level) * b.weights
        + double(a.psums.*level) * b.psums;
}

double dramBits(const DataflowAccesses& a, std::int64_t finalOutputWords, const OperandBits& b)
{
    const double spills = double(a.psums.dram - finalOutputWords);
    return double(a.inputs.dram) * b.inputs + double(a.weights.dram) * b.weights
        + double(finalOutputWords) * b.outputs + spills * b.psums;
}

// RF accesses left after zero skipping (see the header).
double registerFileBits(const DataflowAccesses& a, const LayerOperands& o, const OperandBits& b)
{
    const double wd = effectiveWeightDensity(o), ad = o.activationDensity;
    const double weights = double(a.weights.registerFile) * (o.skipZeroActivations ? ad : 1.0);
    const double inputs = double(a.inputs.registerFile) * (o.skipZeroWeights ? wd : 1.0);
    const double psums = double(a.psums.registerFile) * (o.skipZeroActivations ? ad : 1.0)
        * (o.skipZeroWeights ? wd : 1.0);
    return inputs * b.inputs + weights * b.weights + psums * b.psums;
}

} // namespace

LevelEnergy accessEnergy(const DataflowAccesses& a, std::int64_t macs, std::int64_t finalOutputWords,
                         const LayerOperands& o, const hwlib::EnergyCostTable& c)
{
    const OperandBits chip = onChipBits(o), stored = storageBits(o);
    const double perBit = 1.0 / c.wordBits;
    LevelEnergy e;
    e.mac = double(macs) * c.mac * chip.inputs * chip.weights * perBit * perBit * effectiveWeightDensity(o)
        * o.activationDensity;
    e.registerFile = c.registerFile * perBit * registerFileBits(a, o, chip);
    e.array = c.array * perBit * bitsMoved(a, &LevelAccesses::array, chip);
    e.globalBuffer = c.globalBuffer * perBit * bitsMoved(a, &LevelAccesses::globalBuffer, stored);
    e.dram = c.dram * perBit * dramBits(a, finalOutputWords, stored);
    return e;
}

double dramBytes(const DataflowAccesses& a, std::int64_t finalOutputWords, const LayerOperands& o)
{
    return dramBits(a, finalOutputWords, storageBits(o)) / 8.0;
}

} // namespace mdse::core
