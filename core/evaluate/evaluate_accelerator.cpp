// evaluate() step 6 for FPGA targets (the dataflow model, resources,
// roofline) and for any target with `systolic` (SCALE-Sim's array).
#include "core/evaluate/evaluate_stages.h"

#include "core/accel/systolic_network.h"
#include "hwlib/fpga_catalogue.h"

#include <unordered_map>

namespace mdse::core::stages {
namespace {

// Conv problems (core/accel) name their layer; rows are keyed by index.
// Layer names are unique in a Network, so this is the one join needed.
std::vector<std::size_t> rowsOfProblems(const Evaluation& e, const std::vector<ConvProblem>& problems)
{
    std::unordered_map<std::string, std::size_t> rowOf;
    for (std::size_t r = 0; r < e.layers.size(); ++r)
        rowOf.emplace(e.network.layers()[e.layers[r].layerIndex].name, r);
    std::vector<std::size_t> rows;
    for (const ConvProblem& problem : problems)
        rows.push_back(rowOf.at(problem.name));
    return rows;
}

// Winograd F(2x2, 3x3) applies to stride-1 3x3 kernels only; FFT to all.
std::optional<FastConvCost> fastConvolutionOf(const ConvProblem& p, FastConvolution method)
{
    if (method == FastConvolution::Fft)
        return fftLayerCost(p);
    const bool winogradApplies = p.strideH == 1 && p.strideW == 1 && p.kernelH == 3 && p.kernelW == 3;
    if (method == FastConvolution::Winograd && winogradApplies)
        return winogradLayerCost(p, 2);
    return std::nullopt;
}

} // namespace

void evaluateAccelerator(Evaluation& e)
{
    const DesignSpec& spec = e.spec;
    const hwlib::AcceleratorTemplate& accel = spec.target.accelerator;
    const AcceleratorOptions& options = spec.accelerator;
    const std::vector<ConvProblem> problems = convProblems(e.network, e.spec.batch);
    const hwlib::EnergyCostTable picojoules = hwlib::builtInEnergyCostTable(hwlib::kHorowitzEnergyId);
    const hwlib::EnergyCostTable normalized = hwlib::builtInEnergyCostTable(hwlib::kEyerissEnergyId);
    DataflowReport report = evaluateDataflow(problems, accel, options.dataflow, picojoules);
    const DataflowReport normalizedReport = evaluateDataflow(problems, accel, options.dataflow, normalized);
    AcceleratorResults results;
    results.energyTableId = report.energyTableId;
    results.normalizedEnergyTableId = normalizedReport.energyTableId;
    results.totals = report.totals;
    results.normalizedEnergy = normalizedReport.totals.energy;
    results.resources = estimateFpgaResources(accel, spec.target.device);
    const MeasuredResources& measured = options.measuredResources;
    if (measured.dsps || measured.bram18 || measured.luts || measured.flipFlops)
        results.resources = estimateFpgaResources(accel, spec.target.device,
                                                  calibrateResources(results.resources, measured));
    results.roofline = dataflowRoofline(accel, report);
    const std::vector<std::size_t> rows = rowsOfProblems(e, problems);
    for (std::size_t i = 0; i < problems.size(); ++i) {
        LayerAccelerator layer;
        layer.problem = problems[i];
        layer.dataflow = std::move(report.layers[i]);
        layer.normalizedEnergy = normalizedReport.layers[i].energy;
        layer.fastConvolution = fastConvolutionOf(problems[i], options.fastConvolution);
        if (options.sparsity)
            layer.sparsity = sparsityEffect(problems[i].macs(), problems[i].weightWordsPerGroup() * problems[i].groups,
                                            *options.sparsity);
        e.layers[rows[i]].accelerator = std::move(layer);
    }
    e.accelerator = std::move(results);
    e.provenance.catalogue.push_back({"energy", picojoules.id});
    e.provenance.catalogue.push_back({"energy", normalized.id});
}

void evaluateSystolic(Evaluation& e, const ProgressCallback& progress)
{
    const std::vector<ConvProblem> problems = convProblems(e.network, e.spec.batch);
    const std::vector<std::size_t> rows = rowsOfProblems(e, problems);
    SystolicTotals totals;
    for (std::size_t i = 0; i < problems.size(); ++i) {
        const double done = double(i) / double(problems.size());
        const double share = 1.0 / double(problems.size());
        SystolicLayerReport report = simulateSystolicProblem(
            problems[i], *e.spec.systolic, [&](double f) { return !progress || progress(done + share * f); });
        totals.totalCycles += report.totalCycles;
        totals.stallCycles += report.stallCycles;
        totals.dramReads += report.dramIfmapReads + report.dramFilterReads;
        totals.dramWrites += report.dramOfmapWrites;
        ++totals.layers;
        e.layers[rows[i]].systolic = std::move(report);
    }
    e.systolic = totals;
}

} // namespace mdse::core::stages
