#include "core/report/json.h"

#include "core/report/report_schema.h"

namespace mdse::core::report {
namespace {

bool isNumberArray(const Json& value)
{
    if (!value.is_array() || value.empty())
        return false;
    for (const Json& item : value)
        if (!item.is_number())
            return false;
    return true;
}

void write(std::string& out, const Json& value, int depth)
{
    const std::string indent(static_cast<std::size_t>(2 * depth), ' ');
    const std::string inner(static_cast<std::size_t>(2 * (depth + 1)), ' ');
    if (value.is_object() && !value.empty()) {
        out += "{\n";
        std::size_t i = 0;
        for (const auto& [key, member] : value.items()) {
            out += inner + Json(key).dump() + ": ";
            write(out, member, depth + 1);
            out += ++i < value.size() ? ",\n" : "\n";
        }
        out += indent + "}";
    } else if (value.is_array() && !value.empty() && !isNumberArray(value)) {
        out += "[\n";
        for (std::size_t i = 0; i < value.size(); ++i) {
            out += inner;
            write(out, value[i], depth + 1);
            out += i + 1 < value.size() ? ",\n" : "\n";
        }
        out += indent + "]";
    } else {
        out += value.dump(-1, ' ', false, Json::error_handler_t::replace);
    }
}

} // namespace

std::string dump(const Json& document)
{
    std::string out;
    write(out, document, 0);
    return out + "\n";
}

Json shapeJson(const Shape& shape)
{
    Json array = Json::array();
    for (const std::int64_t extent : shape)
        array.push_back(extent);
    return array;
}

Json rooflineJson(const Roofline& r)
{
    Json compute = Json::array(), bandwidth = Json::array(), points = Json::array();
    for (const ComputeCeiling& c : r.compute)
        compute.push_back({{"name", c.name}, {"opsPerSecond", c.opsPerSecond}});
    const double firstPeak = r.compute.empty() ? 0.0 : r.compute.front().opsPerSecond;
    for (const BandwidthCeiling& b : r.bandwidth)
        bandwidth.push_back({{"name", b.name},
                             {"bytesPerSecond", b.bytesPerSecond},
                             {"ridgeOpsPerByte", ridgePoint(firstPeak, b.bytesPerSecond)}});
    for (const RooflinePoint& p : r.points)
        points.push_back({{"name", p.name},
                          {"level", p.level},
                          {"ops", p.ops},
                          {"bytes", p.bytes},
                          {"arithmeticIntensity", p.arithmeticIntensity},
                          {"attainedOpsPerSecond", p.attainedOpsPerSecond},
                          {"roofOpsPerSecond", p.roofOpsPerSecond},
                          {"bound", p.bound}});
    return {{"computeCeilings", compute}, {"bandwidthCeilings", bandwidth}, {"points", points}};
}

Json provenanceJson(const Provenance& p)
{
    Json catalogue = Json::array();
    for (const CatalogueEntry& entry : p.catalogue)
        catalogue.push_back({{"kind", entry.kind}, {"id", entry.id}});
    return {{"tool", "microdse"}, {"version", p.toolVersion}, {"specHash", p.specHash}, {"catalogue", catalogue}};
}

Json warningsJson(const Warnings& warnings)
{
    Json list = Json::array();
    for (const Warning& w : warnings) {
        Json item = {{"message", w.message}};
        if (!w.where.file.empty())
            item["file"] = w.where.file;
        if (w.where.line > 0) {
            item["line"] = w.where.line;
            item["column"] = w.where.column;
        }
        list.push_back(item);
    }
    return list;
}

} // namespace mdse::core::report
