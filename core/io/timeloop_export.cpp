#include "core/io/timeloop_export.h"

#include "core/util/error.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>

// Keys and node kinds follow Timeloop's v0.4 inputs (read in the public
// examples of Accelergy-Project/timeloop-accelergy-exercises: the conv2D
// problem of example_designs/_include, the architectures and mappings of
// example_designs/*); nothing is copied, the document is emitted here.

namespace mdse::core {
namespace {

constexpr const char* kGlobalBuffer = "GlobalBuffer";
constexpr const char* kRegisterFile = "RegisterFile";
constexpr int kBufferWidthBits = 64; // SRAM row width of the GLB (depth = bits / width)

std::string timeloopName(Operand o)
{
    switch (o) {
    case Operand::Weights: return "Weights";
    case Operand::Inputs: return "Inputs";
    case Operand::Outputs: return "Outputs";
    }
    return "?";
}

// [[X]] or [[X, coefficient], [Y, coefficient]] entries of a projection.
void emitProjection(YAML::Emitter& out, const std::vector<std::vector<std::vector<std::string>>>& ranks)
{
    out << YAML::Key << "projection" << YAML::Value << YAML::BeginSeq;
    for (const auto& rank : ranks) {
        out << YAML::Flow << YAML::BeginSeq;
        for (const auto& term : rank) {
            out << YAML::Flow << YAML::BeginSeq;
            for (const std::string& t : term)
                out << t;
            out << YAML::EndSeq;
        }
        out << YAML::EndSeq;
    }
    out << YAML::EndSeq;
}

void emitShape(YAML::Emitter& out)
{
    out << YAML::Key << "shape" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << "conv2D";
    out << YAML::Key << "dimensions" << YAML::Value << YAML::Flow
        << std::vector<std::string>{"C", "M", "R", "S", "N", "P", "Q"};
    out << YAML::Key << "coefficients" << YAML::Value << YAML::BeginSeq;
    for (const char* c : {"Hstride", "Wstride", "Hdilation", "Wdilation"})
        out << YAML::Flow << YAML::BeginMap << YAML::Key << "name" << YAML::Value << c << YAML::Key << "default"
            << YAML::Value << 1 << YAML::EndMap;
    out << YAML::EndSeq;
    out << YAML::Key << "data_spaces" << YAML::Value << YAML::BeginSeq;
    out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << "Weights";
    emitProjection(out, {{{"C"}}, {{"M"}}, {{"R"}}, {{"S"}}});
    out << YAML::EndMap;
    out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << "Inputs";
    emitProjection(out, {{{"N"}}, {{"C"}}, {{"R", "Hdilation"}, {"P", "Hstride"}}, {{"S", "Wdilation"}, {"Q", "Wstride"}}});
    out << YAML::EndMap;
    out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << "Outputs";
    emitProjection(out, {{{"N"}}, {{"M"}}, {{"P"}}, {{"Q"}}});
    out << YAML::Key << "read_write" << YAML::Value << true << YAML::EndMap;
    out << YAML::EndSeq << YAML::EndMap;
}

void emitDensity(YAML::Emitter& out, const char* space, double density, bool structured)
{
    out << YAML::Key << space << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "distribution" << YAML::Value << (structured ? "fixed_structured" : "hypergeometric");
    out << YAML::Key << "density" << YAML::Value << density << YAML::EndMap;
}

void emitProblem(YAML::Emitter& out, const ConvProblem& p, const LayerOperands& o)
{
    out << YAML::Key << "problem" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "version" << YAML::Value << 0.4;
    emitShape(out);
    out << YAML::Key << "instance" << YAML::Value << YAML::BeginMap;
    const LoopFactors e = problemExtents(p);
    for (LoopDim d : kAllLoopDims)
        out << YAML::Key << std::string(1, loopDimLetter(d)) << YAML::Value << at(e, d);
    out << YAML::Key << "Hstride" << YAML::Value << p.strideH << YAML::Key << "Wstride" << YAML::Value << p.strideW;
    const double wd = effectiveWeightDensity(o);
    if (wd < 1 || o.activationDensity < 1) {
        out << YAML::Key << "densities" << YAML::Value << YAML::BeginMap;
        if (wd < 1)
            emitDensity(out, "Weights", wd, o.pruning == PruningKind::NM);
        if (o.activationDensity < 1)
            emitDensity(out, "Inputs", o.activationDensity, false);
        out << YAML::EndMap;
    }
    out << YAML::EndMap << YAML::EndMap;
}

void emitComponent(YAML::Emitter& out, const std::string& name, const std::string& cls,
                   const std::vector<std::pair<std::string, std::int64_t>>& attributes)
{
    out << YAML::LocalTag("Component") << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << name << YAML::Key << "class" << YAML::Value << cls;
    out << YAML::Key << "attributes" << YAML::Value << YAML::BeginMap;
    for (const auto& [key, value] : attributes)
        out << YAML::Key << key << YAML::Value << value;
    out << YAML::EndMap;
}

void emitKeep(YAML::Emitter& out, const std::array<bool, 3>& keeps)
{
    std::vector<std::string> keep, bypass;
    for (Operand o : kAllOperands)
        (keeps[std::size_t(o)] ? keep : bypass).push_back(timeloopName(o));
    out << YAML::Key << "keep" << YAML::Value << YAML::Flow << keep;
    out << YAML::Key << "bypass" << YAML::Value << YAML::Flow << bypass;
}

void emitArchitecture(YAML::Emitter& out, const hwlib::AcceleratorTemplate& a, const LoopNest& n,
                      const LayerOperands& o)
{
    const std::int64_t word = precisionBits(o.inputs);
    out << YAML::Key << "architecture" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "version" << YAML::Value << 0.4;
    out << YAML::Key << "nodes" << YAML::Value << YAML::BeginSeq;
    out << YAML::LocalTag("Container") << YAML::BeginMap << YAML::Key << "name" << YAML::Value << "system"
        << YAML::EndMap;
    emitComponent(out, "DRAM", "DRAM", {{"width", 64}, {"datawidth", word}});
    out << YAML::EndMap;
    emitComponent(out, kGlobalBuffer, "smartbuffer_SRAM",
                  {{"depth", a.globalBufferBytes * 8 / kBufferWidthBits}, {"width", kBufferWidthBits}, {"datawidth", word}});
    out << YAML::Key << "constraints" << YAML::Value << YAML::BeginMap << YAML::Key << "dataspace" << YAML::Value
        << YAML::Flow << YAML::BeginMap;
    emitKeep(out, {true, true, true});
    out << YAML::EndMap << YAML::EndMap << YAML::EndMap;
    out << YAML::LocalTag("Container") << YAML::BeginMap << YAML::Key << "name" << YAML::Value << "PE_column";
    out << YAML::Key << "spatial" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "meshX"
        << YAML::Value << a.peCols << YAML::EndMap << YAML::EndMap;
    out << YAML::LocalTag("Container") << YAML::BeginMap << YAML::Key << "name" << YAML::Value << "PE";
    out << YAML::Key << "spatial" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "meshY"
        << YAML::Value << a.peRows << YAML::EndMap << YAML::EndMap;
    const bool hasRf = n.rfKeeps[0] || n.rfKeeps[1] || n.rfKeeps[2];
    if (hasRf) {
        emitComponent(out, kRegisterFile, "smartbuffer_RF",
                      {{"depth", a.rfBytesPerPe * 8 / word}, {"width", word}, {"datawidth", word}});
        out << YAML::Key << "constraints" << YAML::Value << YAML::BeginMap << YAML::Key << "dataspace" << YAML::Value
            << YAML::Flow << YAML::BeginMap;
        emitKeep(out, n.rfKeeps);
        out << YAML::EndMap << YAML::EndMap << YAML::EndMap;
    }
    emitComponent(out, "MAC", "intmac",
                  {{"multiplier_width", std::max<std::int64_t>(precisionBits(o.weights), word)},
                   {"adder_width", o.psumBits}});
    out << YAML::EndMap;
    out << YAML::EndSeq << YAML::EndMap;
}

std::vector<std::string> factorList(const LoopFactors& f)
{
    std::vector<std::string> r;
    for (LoopDim d : kAllLoopDims)
        r.push_back(std::string(1, loopDimLetter(d)) + "=" + std::to_string(at(f, d)));
    return r;
}

std::vector<std::string> letters(const std::array<LoopDim, kLoopDimCount>& order)
{
    std::vector<std::string> r;
    for (LoopDim d : order)
        r.emplace_back(1, loopDimLetter(d));
    return r;
}

void emitTemporal(YAML::Emitter& out, const char* target, const TemporalLoops& loops)
{
    out << YAML::BeginMap << YAML::Key << "target" << YAML::Value << target << YAML::Key << "type" << YAML::Value
        << "temporal";
    out << YAML::Key << "factors" << YAML::Value << YAML::Flow << factorList(loops.factors);
    out << YAML::Key << "permutation" << YAML::Value << YAML::Flow << letters(loops.order) << YAML::EndMap;
}

// Spatial factors: the columns at the PE_column container (all on X,
// split = 7), the rows at the PE container (all on Y, split = 0), so that
// a loop may be spatial on both axes.
void emitSpatial(YAML::Emitter& out, const char* target, const LoopFactors& f, bool onX)
{
    std::vector<std::string> order;
    for (LoopDim d : kAllLoopDims)
        if (at(f, d) > 1)
            order.emplace_back(1, loopDimLetter(d));
    for (LoopDim d : kAllLoopDims)
        if (at(f, d) == 1)
            order.emplace_back(1, loopDimLetter(d));
    out << YAML::BeginMap << YAML::Key << "target" << YAML::Value << target << YAML::Key << "type" << YAML::Value
        << "spatial";
    out << YAML::Key << "factors" << YAML::Value << YAML::Flow << factorList(f);
    out << YAML::Key << "permutation" << YAML::Value << YAML::Flow << order;
    out << YAML::Key << "split" << YAML::Value << (onX ? kLoopDimCount : 0) << YAML::EndMap;
}

void emitMapping(YAML::Emitter& out, const LoopNest& n)
{
    const bool hasRf = n.rfKeeps[0] || n.rfKeeps[1] || n.rfKeeps[2];
    out << YAML::Key << "mapping" << YAML::Value << YAML::BeginSeq;
    emitTemporal(out, "DRAM", n.dram);
    emitTemporal(out, kGlobalBuffer, n.buffer);
    emitSpatial(out, "PE_column", n.cols, true);
    emitSpatial(out, "PE", n.rows, false);
    if (hasRf) {
        TemporalLoops rf;
        rf.factors = n.registers;
        rf.order = {LoopDim::S, LoopDim::R, LoopDim::Q, LoopDim::P, LoopDim::C, LoopDim::M, LoopDim::N};
        emitTemporal(out, kRegisterFile, rf);
        out << YAML::BeginMap << YAML::Key << "target" << YAML::Value << kRegisterFile << YAML::Key << "type"
            << YAML::Value << "datatype";
        emitKeep(out, n.rfKeeps);
        out << YAML::EndMap;
    }
    out << YAML::EndSeq;
}

std::string fileNameOf(std::size_t index, const std::string& layer)
{
    std::string safe;
    for (char c : layer)
        safe += (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-') ? c : '_';
    return std::to_string(index) + "_" + safe + ".yaml";
}

} // namespace

std::string timeloopSpecYaml(const ConvProblem& problem, const hwlib::AcceleratorTemplate& accel, Dataflow dataflow,
                             const LayerOperands& operands, const LoopNest& nest)
{
    countLoopNest(problem, nest); // throws when the nest does not map this layer
    YAML::Emitter out;
    out.SetDoublePrecision(12); // 0.4, not 0.40000000000000002
    out << YAML::Comment("Timeloop v0.4 specification written by MicroDSE Studio: layer '" + problem.name + "', "
                         + std::string(dataflowName(dataflow)) + " on '" + (accel.id.empty() ? accel.name : accel.id)
                         + "'" + (problem.groups > 1 ? ", one of " + std::to_string(problem.groups) + " groups" : ""));
    out << YAML::BeginMap;
    emitProblem(out, problem, operands);
    emitArchitecture(out, accel, nest, operands);
    emitMapping(out, nest);
    out << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

std::vector<std::pair<std::string, std::string>> timeloopNetworkSpecs(
    const std::vector<ConvProblem>& problems, const hwlib::AcceleratorTemplate& accel, Dataflow dataflow,
    const std::vector<LayerOperands>& operands, const std::vector<LoopNest>& nests)
{
    if (operands.size() != problems.size() || nests.size() != problems.size())
        throw Error("Timeloop export: " + std::to_string(problems.size()) + " layers, " + std::to_string(operands.size())
                    + " operand sets, " + std::to_string(nests.size()) + " mappings");
    std::vector<std::pair<std::string, std::string>> files;
    for (std::size_t i = 0; i < problems.size(); ++i)
        files.emplace_back(fileNameOf(i, problems[i].name),
                           timeloopSpecYaml(problems[i], accel, dataflow, operands[i], nests[i]));
    return files;
}

} // namespace mdse::core
