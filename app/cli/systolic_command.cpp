#include "app/cli/accel_commands.h"
#include "app/cli/cli_args.h"

#include "core/accel/systolic_simulator.h"
#include "core/io/json_writer.h"
#include "core/io/scalesim_files.h"

#include <cstdio>
#include <ostream>

namespace mdse::app {
namespace {

const char* dataflowId(core::SystolicDataflow df)
{
    switch (df) {
    case core::SystolicDataflow::OutputStationary: return "os";
    case core::SystolicDataflow::WeightStationary: return "ws";
    case core::SystolicDataflow::InputStationary: return "is";
    }
    return "?";
}

void writeLayer(core::JsonWriter& json, const core::SystolicLayerReport& r)
{
    json.beginObject();
    json.key("name").value(r.name);
    json.key("totalCycles").value(r.totalCycles);
    json.key("stallCycles").value(r.stallCycles);
    json.key("overallUtilizationPercent").value(r.overallUtilizationPercent);
    json.key("mappingEfficiencyPercent").value(r.mappingEfficiencyPercent);
    json.key("computeUtilizationPercent").value(r.computeUtilizationPercent);
    json.key("sramIfmapReads").value(r.sramIfmapReads);
    json.key("sramFilterReads").value(r.sramFilterReads);
    json.key("sramOfmapWrites").value(r.sramOfmapWrites);
    json.key("dramIfmapReads").value(r.dramIfmapReads);
    json.key("dramFilterReads").value(r.dramFilterReads);
    json.key("dramOfmapWrites").value(r.dramOfmapWrites);
    json.endObject();
}

std::string toJson(const core::SystolicConfig& c, const std::vector<core::SystolicLayerReport>& reports)
{
    core::JsonWriter json;
    json.beginObject();
    json.key("runName").value(c.runName);
    json.key("arrayRows").value(c.rows);
    json.key("arrayCols").value(c.cols);
    json.key("dataflow").value(dataflowId(c.dataflow));
    json.key("layers").beginArray();
    std::int64_t cycles = 0;
    for (const auto& r : reports) {
        writeLayer(json, r);
        cycles += r.totalCycles;
    }
    json.endArray();
    json.key("totals").beginObject().key("totalCycles").value(cycles).endObject();
    json.endObject();
    return json.str();
}

std::string toTable(const std::vector<core::SystolicLayerReport>& reports)
{
    std::string text = "layer                      cycles   stalls  util%  map%  comp%   sramIfmap  sramFilter   "
                       "sramOfmap  dramIfmap dramFilter  dramOfmap\n";
    char line[320];
    for (const auto& r : reports) {
        std::snprintf(line, sizeof line, "%-22.22s %10lld %8lld %6.2f %5.1f %6.2f %11lld %11lld %11lld %10lld %10lld %10lld\n",
                      r.name.c_str(), (long long)r.totalCycles, (long long)r.stallCycles,
                      r.overallUtilizationPercent, r.mappingEfficiencyPercent, r.computeUtilizationPercent,
                      (long long)r.sramIfmapReads, (long long)r.sramFilterReads, (long long)r.sramOfmapWrites,
                      (long long)r.dramIfmapReads, (long long)r.dramFilterReads, (long long)r.dramOfmapWrites);
        text += line;
    }
    return text;
}

} // namespace

int runSystolic(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err)
{
    const CliArgs args(arguments, {"config", "topology", "format"});
    const auto config = args.flag("config");
    const auto topology = args.flag("topology");
    const std::string format = args.flagOr("format", "table");
    if (!config || !topology || !args.positional().empty() || (format != "json" && format != "table")) {
        err << "usage: microdse systolic --config arch.cfg --topology net.csv [--format json|table]\n";
        return 2;
    }
    const core::SystolicConfig c = core::loadScaleSimConfig(*config);
    const auto reports = core::simulateSystolic(core::loadScaleSimTopology(*topology), c);
    out << (format == "json" ? toJson(c, reports) : toTable(reports));
    return 0;
}

} // namespace mdse::app
