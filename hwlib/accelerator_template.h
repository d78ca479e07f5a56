#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mdse::hwlib {

// A parametric spatial accelerator (Eyeriss-style PE array with a register
// file per PE, one global buffer, one DRAM channel), as described by
// hwlib/catalogue/accelerators/<id>.yaml or a user file.
struct AcceleratorTemplate {
    std::string id;
    std::string name;
    std::int64_t peRows = 0;
    std::int64_t peCols = 0;
    std::int64_t macsPerPe = 1;
    std::int64_t rfBytesPerPe = 0;      // register file (scratchpad) per PE
    std::int64_t globalBufferBytes = 0; // on-chip shared buffer
    double dramBytesPerSecond = 0;
    double clockHz = 0;
    // Word widths of the default precision: activations, weights, partial sums.
    int activationBits = 16;
    int weightBits = 16;
    int psumBits = 32;
    std::vector<std::string> sources;

    std::int64_t peCount() const { return peRows * peCols; }
    std::int64_t macsPerCycle() const { return peRows * peCols * macsPerPe; }

    bool operator==(const AcceleratorTemplate&) const = default;
};

// A published accelerator with its reported figures (Mazumder et al., JETCAS 2021 Tables III-IV),
// plotted next to the user's design. Unknown figures are negative.
struct ReferenceAccelerator {
    std::string id;
    std::string name;
    std::string reference;  // citation of the original paper
    std::string table;      // where the survey lists it, e.g. "Mazumder et al., JETCAS 2021 Table III"
    std::string device;
    std::string precision;  // "16-bit fixed", "binary", ...
    std::string workload;
    double clockHz = -1;
    double powerWatts = -1;
    double throughputGops = -1;
    double efficiencyGopsPerWatt = -1; // = GOP/J
    double bramPercent = -1;
    std::string note;
};

// Energy per access at each memory level and per MAC. Normalized tables
// (Eyeriss) are in units of one MAC; absolute tables in picojoules. One
// "access" moves one word of `wordBits`.
struct EnergyCostTable {
    std::string id;
    std::string name;
    bool normalized = false;
    int wordBits = 16;
    double mac = 0;
    double registerFile = 0;
    double array = 0;        // inter-PE network (NoC)
    double globalBuffer = 0;
    double dram = 0;
    std::vector<std::string> sources;
};

} // namespace mdse::hwlib
