#include "core/accel/mapper.h"

#include "core/accel/access_energy.h"
#include "core/accel/mapper_search.h"
#include "core/util/error.h"

#include <algorithm>
#include <cmath>

// The search is in mapper_search.cpp; this file holds the API, the
// evaluation of one mapping and the report.

namespace mdse::core {
namespace {

using mapper_detail::Context;

MappingLimits limitsOf(const hwlib::AcceleratorTemplate& a, const LayerOperands& o)
{
    return {a.peRows, a.peCols, double(a.rfBytesPerPe) * 8, double(a.globalBufferBytes) * 8, onChipBits(o),
            storageBits(o)};
}

MappedLayer evaluate(const Context& c, const LoopNest& nest)
{
    MappedLayer r;
    const ConvProblem& p = c.problem;
    const hwlib::AcceleratorTemplate& a = *c.accel;
    r.name = p.name;
    r.kind = p.kind;
    r.dataflow = c.dataflow;
    r.feasible = true;
    r.nest = nest;
    r.perGroup = countLoopNest(p, nest);
    const std::int64_t g = p.groups;
    r.macs = r.perGroup.macs * g;
    r.accesses = {r.perGroup.accesses.inputs.scaled(g), r.perGroup.accesses.weights.scaled(g),
                  r.perGroup.accesses.psums.scaled(g)};
    r.energy = accessEnergy(r.accesses, r.macs, r.perGroup.outputWords * g, c.operands, *c.costs);
    r.dramBytes = dramBytes(r.accesses, r.perGroup.outputWords * g, c.operands);
    r.computeCycles = std::int64_t(std::ceil(double(r.perGroup.steps * g) * skippedCycleFactor(c.operands)));
    r.memoryCycles = std::int64_t(std::ceil(r.dramBytes / (a.dramBytesPerSecond / a.clockHz)));
    r.cycles = std::max(r.computeCycles, r.memoryCycles);
    r.utilization = double(r.macs) / (double(a.macsPerCycle()) * double(r.perGroup.steps * g));
    return r;
}

std::string infeasibleReason(const Context& c)
{
    return "no " + std::string(dataflowId(c.dataflow)) + " mapping of '" + c.problem.name + "' fits a "
        + std::to_string(c.accel->peRows) + "x" + std::to_string(c.accel->peCols) + " array with "
        + std::to_string(c.accel->rfBytesPerPe) + " B of RF per PE and a "
        + std::to_string(c.accel->globalBufferBytes) + " B global buffer";
}

Context contextOf(const ConvProblem& problem, const hwlib::AcceleratorTemplate& accel, Dataflow dataflow,
                  const hwlib::EnergyCostTable& costs, const LayerOperands& operands, const MapperOptions& options)
{
    validateOperands(operands, problem.name);
    return {prunedProblem(problem, operands), &accel, dataflow, &costs, operands, options.objective,
            dataflowSpace(dataflow), limitsOf(accel, operands), LoopOrderClasses(), options.seed};
}

} // namespace

std::string_view mapperObjectiveId(MapperObjective objective)
{
    switch (objective) {
    case MapperObjective::Energy: return "energy";
    case MapperObjective::Latency: return "latency";
    case MapperObjective::EnergyDelay: return "edp";
    }
    return "?";
}

std::optional<MapperObjective> parseMapperObjective(std::string_view id)
{
    for (MapperObjective o : {MapperObjective::Energy, MapperObjective::Latency, MapperObjective::EnergyDelay})
        if (mapperObjectiveId(o) == id)
            return o;
    return std::nullopt;
}

MappedLayer mapLayer(const ConvProblem& problem, const hwlib::AcceleratorTemplate& accel, Dataflow dataflow,
                     const hwlib::EnergyCostTable& costs, const LayerOperands& operands, const MapperOptions& options)
{
    const Context c = contextOf(problem, accel, dataflow, costs, operands, options);
    const std::int64_t budget = std::max<std::int64_t>(1, options.maxEvaluations);
    const mapper_detail::SearchOutcome found = mapper_detail::searchMappings(c, budget, options.threads);
    MappedLayer r;
    if (found.found) {
        r = evaluate(c, found.nest);
    } else {
        r.name = problem.name;
        r.kind = problem.kind;
        r.dataflow = dataflow;
        r.reason = infeasibleReason(c);
    }
    r.mappingsEvaluated = found.evaluated;
    r.spaceSize = found.spaceSize;
    r.search = found.search;
    return r;
}

std::vector<MappedLayer> mapLayers(const std::vector<ConvProblem>& problems, const hwlib::AcceleratorTemplate& accel,
                                   Dataflow dataflow, const hwlib::EnergyCostTable& costs,
                                   const std::vector<LayerOperands>& operands, const MapperOptions& options,
                                   const ProgressCallback& progress)
{
    if (operands.size() != problems.size())
        throw Error("mapper: " + std::to_string(operands.size()) + " operand sets for "
                    + std::to_string(problems.size()) + " layers");
    std::vector<MappedLayer> result;
    result.reserve(problems.size());
    for (std::size_t i = 0; i < problems.size(); ++i) {
        result.push_back(mapLayer(problems[i], accel, dataflow, costs, operands[i], options));
        reportProgress(progress, double(i + 1) / double(problems.size()));
    }
    return result;
}

MappedLayer evaluateMapping(const ConvProblem& problem, const hwlib::AcceleratorTemplate& accel, Dataflow dataflow,
                            const hwlib::EnergyCostTable& costs, const LayerOperands& operands, const LoopNest& nest)
{
    MappedLayer r = evaluate(contextOf(problem, accel, dataflow, costs, operands, {}), nest);
    r.mappingsEvaluated = 1;
    r.spaceSize = 1;
    r.search = "given";
    return r;
}

std::string describeMapping(const MappedLayer& m)
{
    if (!m.feasible)
        return m.reason + "\n";
    const LoopNestCounts& c = m.perGroup;
    std::string rf;
    for (Operand o : kAllOperands)
        if (m.nest.rfKeeps[std::size_t(o)])
            rf += std::string(rf.empty() ? "" : ", ") + std::string(operandName(o)) + " "
                + std::to_string(c.rfTileWords[std::size_t(o)]);
    return printLoopNest(m.nest) + "RF partition (words per PE): " + (rf.empty() ? std::string("none") : rf)
        + "\nsearch: " + m.search + ", " + std::to_string(m.mappingsEvaluated) + " mappings evaluated\n";
}

} // namespace mdse::core
