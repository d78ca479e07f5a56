#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mdse::core {

// The dataflow taxonomy of Chen, Emer and Sze (ISCA 2016, Section III;
// Mazumder et al., JETCAS 2021 Section IV-B.3; McGill EPEPS 2019 tutorial "Dataflows").
enum class Dataflow {
    WeightStationary,  // weights stay in the PE; inputs stream, psums move
    OutputStationary,  // psums stay in the PE's RF; weights broadcast, inputs shift
    RowStationary,     // a filter row, an input row window and a psum row stay in the PE
    NoLocalReuse,      // no RF; everything from the global buffer
};

inline constexpr Dataflow kAllDataflows[] = {Dataflow::WeightStationary, Dataflow::OutputStationary,
                                             Dataflow::RowStationary, Dataflow::NoLocalReuse};

std::string_view dataflowId(Dataflow dataflow);   // "ws", "os", "rs", "nlr"
std::string_view dataflowName(Dataflow dataflow); // "weight stationary", ...
std::optional<Dataflow> parseDataflow(std::string_view id); // case-sensitive ids above

// Accesses (reads + writes, in words) at each memory level for one data type.
struct LevelAccesses {
    std::int64_t dram = 0;
    std::int64_t globalBuffer = 0;
    std::int64_t array = 0;        // inter-PE network deliveries
    std::int64_t registerFile = 0;

    LevelAccesses& operator+=(const LevelAccesses& o)
    {
        dram += o.dram;
        globalBuffer += o.globalBuffer;
        array += o.array;
        registerFile += o.registerFile;
        return *this;
    }
    LevelAccesses scaled(std::int64_t factor) const
    {
        return {dram * factor, globalBuffer * factor, array * factor, registerFile * factor};
    }
};

struct DataflowAccesses {
    LevelAccesses inputs;
    LevelAccesses weights;
    LevelAccesses psums; // partial sums on chip; final outputs at the DRAM level

    LevelAccesses total() const
    {
        LevelAccesses t = inputs;
        t += weights;
        t += psums;
        return t;
    }
};

// Energy by level, in the unit of the cost table (pJ, or MAC units for a
// normalized table).
struct LevelEnergy {
    double mac = 0;
    double registerFile = 0;
    double array = 0;
    double globalBuffer = 0;
    double dram = 0;

    double total() const { return mac + registerFile + array + globalBuffer + dram; }
    LevelEnergy& operator+=(const LevelEnergy& o)
    {
        mac += o.mac;
        registerFile += o.registerFile;
        array += o.array;
        globalBuffer += o.globalBuffer;
        dram += o.dram;
        return *this;
    }
};

} // namespace mdse::core
