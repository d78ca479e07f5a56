#include "core/accel/dataflow.h"

namespace mdse::core {

std::string_view dataflowId(Dataflow dataflow)
{
    switch (dataflow) {
    case Dataflow::WeightStationary: return "ws";
    case Dataflow::OutputStationary: return "os";
    case Dataflow::RowStationary: return "rs";
    case Dataflow::NoLocalReuse: return "nlr";
    }
    return "?";
}

std::string_view dataflowName(Dataflow dataflow)
{
    switch (dataflow) {
    case Dataflow::WeightStationary: return "weight stationary";
    case Dataflow::OutputStationary: return "output stationary";
    case Dataflow::RowStationary: return "row stationary";
    case Dataflow::NoLocalReuse: return "no local reuse";
    }
    return "?";
}

std::optional<Dataflow> parseDataflow(std::string_view id)
{
    for (Dataflow d : kAllDataflows)
        if (dataflowId(d) == id)
            return d;
    return std::nullopt;
}

} // namespace mdse::core
