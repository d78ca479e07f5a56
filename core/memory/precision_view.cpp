#include "core/memory/precision_view.h"

#include "core/graph/tensor_bytes.h"

namespace mdse::core {

int PrecisionView::activationBitsOf(const std::string& tensor) const
{
    const auto it = activationBits.find(tensor);
    return it == activationBits.end() ? defaultActivationBits : it->second;
}

int PrecisionView::weightBitsOf(const std::string& layer) const
{
    const auto it = weightBits.find(layer);
    return it == weightBits.end() ? defaultWeightBits : it->second;
}

std::int64_t activationBytes(const Network& network, const PrecisionView& precision,
                             const std::string& tensor)
{
    return activationBytes(precision, tensor, elementCount(network.tensor(tensor).shape));
}

std::int64_t activationBytes(const PrecisionView& precision, const std::string& tensor,
                             std::int64_t elements)
{
    return packedBytes(elements, precision.activationBitsOf(tensor));
}

} // namespace mdse::core
