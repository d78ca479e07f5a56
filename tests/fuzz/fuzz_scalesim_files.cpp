// Fuzzes the SCALE-Sim file readers and the systolic simulator behind them.
// Input: a .cfg text, a line "@@@", a topology .csv text. Both readers must
// either parse or raise core::Error; small parsed layers are simulated in
// both bandwidth modes and must give consistent reports.
#include "core/accel/systolic_memory.h"
#include "core/accel/systolic_simulator.h"
#include "core/io/scalesim_files.h"
#include "core/util/error.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

// The simulator's own work bound (systolic_memory.cpp) is sized for a
// desktop minute; the fuzzer simulates only layers a thousand times smaller.
bool smallEnough(const mdse::core::SystolicLayer& l, const mdse::core::SystolicConfig& c)
{
    const double folds = double((l.gemmM() + c.rows - 1) / c.rows + 1) * double((l.gemmN() + c.cols - 1) / c.cols + 1)
                         * double((l.gemmK() + c.rows - 1) / c.rows + 1);
    const double foldCycles = double(l.gemmM() + l.gemmN() + l.gemmK()) + 2.0 * double(c.rows) + double(c.cols);
    return folds * foldCycles * double(c.rows + c.cols) < 2e6
           && double(l.ifmapH) * double(l.ifmapW) * double(l.channels) < 1e6;
}

void check(const mdse::core::SystolicLayer& layer, const mdse::core::SystolicConfig& config)
{
    const mdse::core::SystolicLayerReport r = mdse::core::simulateSystolicLayer(layer, config);
    if (r.totalCycles < r.computeCycles || r.stallCycles < 0 || r.dramOfmapWrites < r.m * r.n
        || r.dramFilterReads < r.k * r.n)
        __builtin_trap();
    if (!config.userBandwidth && r.dramIfmapReads < mdse::core::uniqueIfmapWords(layer))
        __builtin_trap(); // every distinct word is fetched at least once
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t split = input.find("\n@@@\n");
    const std::string_view cfgText = input.substr(0, split);
    const std::string_view csvText = split == std::string_view::npos ? std::string_view{} : input.substr(split + 5);
    try {
        mdse::core::SystolicConfig config = mdse::core::parseScaleSimConfig(cfgText, "fuzz.cfg");
        const auto layers = mdse::core::parseScaleSimTopology(csvText, "fuzz.csv");
        for (const auto& layer : layers) {
            if (!smallEnough(layer, config))
                continue;
            check(layer, config);
            config.userBandwidth = !config.userBandwidth;
            check(layer, config);
        }
    } catch (const mdse::core::Error&) {
    }
    return 0;
}
