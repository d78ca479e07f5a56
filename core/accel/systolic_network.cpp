#include "core/accel/systolic_network.h"

namespace mdse::core {

SystolicWork systolicWorkOf(const ConvProblem& p)
{
    SystolicWork w;
    // The input extent the windows read, (E-1)*U + R: SCALE-Sim's ceil
    // output formula then gives exactly E (the padded input may be longer).
    w.layer = {p.name, (p.outputH - 1) * p.strideH + p.kernelH, (p.outputW - 1) * p.strideW + p.kernelW,
               p.kernelH, p.kernelW, p.channels, p.filters, p.strideH, p.batch};
    w.groups = p.groups;
    return w;
}

SystolicLayerReport simulateSystolicProblem(const ConvProblem& problem, const SystolicConfig& config,
                                            const ProgressCallback& progress)
{
    const SystolicWork w = systolicWorkOf(problem);
    SystolicLayerReport r = simulateSystolicLayer(w.layer, config, progress);
    const std::int64_t g = w.groups;
    for (std::int64_t* count : {&r.totalCycles, &r.computeCycles, &r.stallCycles, &r.sramIfmapReads,
                                &r.sramFilterReads, &r.sramOfmapWrites, &r.dramIfmapReads, &r.dramFilterReads,
                                &r.dramOfmapWrites})
        *count *= g;
    return r;
}

} // namespace mdse::core
