#include "core/report/evaluation_report.h"

#include "core/report/evaluation_sections.h"

namespace mdse::core {
namespace report {
namespace {

Json designJson(const Evaluation& e)
{
    const DesignSpec& spec = e.spec;
    Json folded = Json::array();
    for (const FoldedLayer& f : e.folded)
        folded.push_back({{"name", f.name}, {"into", f.into}});
    return {{"targetKind", targetKindName(spec.target.kind)},
            {"defaultPrecision",
             {{"weights", precisionName(e.defaults.weights)},
              {"activations", precisionName(e.defaults.activations)},
              {"rule", e.defaults.rule}}},
            {"foldBatchNorms", batchNormFoldingName(spec.foldBatchNorms)},
            {"foldedBatchNorms", folded},
            {"batch", spec.batch}};
}

Json systolicJson(const Evaluation& e)
{
    const SystolicConfig& c = *e.spec.systolic;
    const SystolicTotals& t = *e.systolic;
    return {{"arrayRows", c.rows},
            {"arrayCols", c.cols},
            {"dataflow", systolicDataflowId(c.dataflow)},
            {"ifmapSramKb", c.ifmapSramKb},
            {"filterSramKb", c.filterSramKb},
            {"ofmapSramKb", c.ofmapSramKb},
            {"bandwidth", c.userBandwidth ? "user" : "calc"},
            {"totals",
             {{"layers", t.layers},
              {"totalCycles", t.totalCycles},
              {"stallCycles", t.stallCycles},
              {"dramReads", t.dramReads},
              {"dramWrites", t.dramWrites}}}};
}

} // namespace
} // namespace report

std::string evaluationJson(const Evaluation& e)
{
    using report::Json;
    Json document;
    document["schemaVersion"] = kReportSchemaVersion;
    document["provenance"] = report::provenanceJson(e.provenance);
    document["network"] = {{"name", e.network.name()},
                           {"source", e.network.definition().source},
                           {"layerCount", e.layers.size()}};
    document["design"] = report::designJson(e);
    document["warnings"] = report::warningsJson(e.warnings);
    Json layers = Json::array();
    for (const EvaluatedLayer& row : e.layers)
        layers.push_back(report::layerJson(e, row));
    document["layers"] = std::move(layers);
    document["totals"] = report::totalsJson(e);
    if (e.mcu)
        report::addMcuMembers(document, e);
    if (e.accelerator)
        report::addAcceleratorMembers(document, e);
    if (e.systolic)
        document["systolic"] = report::systolicJson(e);
    return report::dump(document);
}

} // namespace mdse::core
