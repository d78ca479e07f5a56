#include "core/io/roofline_json.h"

#include "core/io/json_writer.h"

namespace mdse::core {

void writeRoofline(JsonWriter& json, const Roofline& r)
{
    json.beginObject();
    json.key("computeCeilings").beginArray();
    for (const auto& c : r.compute)
        json.beginObject().key("name").value(c.name).key("opsPerSecond").value(c.opsPerSecond).endObject();
    json.endArray();
    const double firstPeak = r.compute.empty() ? 0.0 : r.compute.front().opsPerSecond;
    json.key("bandwidthCeilings").beginArray();
    for (const auto& b : r.bandwidth) {
        json.beginObject().key("name").value(b.name).key("bytesPerSecond").value(b.bytesPerSecond);
        json.key("ridgeOpsPerByte").value(ridgePoint(firstPeak, b.bytesPerSecond));
        json.endObject();
    }
    json.endArray();
    json.key("points").beginArray();
    for (const auto& p : r.points) {
        json.beginObject().key("name").value(p.name).key("level").value(p.level);
        json.key("ops").value(p.ops).key("bytes").value(p.bytes);
        json.key("arithmeticIntensity").value(p.arithmeticIntensity);
        json.key("attainedOpsPerSecond").value(p.attainedOpsPerSecond).key("roofOpsPerSecond").value(p.roofOpsPerSecond);
        json.key("bound").value(p.bound).endObject();
    }
    json.endArray();
    json.endObject();
}

} // namespace mdse::core
