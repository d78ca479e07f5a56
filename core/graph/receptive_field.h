#pragma once

#include "core/graph/layer.h"
#include "core/graph/window_geometry.h"

#include <algorithm>
#include <cstdint>
#include <optional>

namespace mdse::core {

// A half-open range [begin, end) of rows or columns of a feature map.
struct Interval {
    std::int64_t begin = 0;
    std::int64_t end = 0;

    std::int64_t length() const { return end > begin ? end - begin : 0; }
    bool operator==(const Interval&) const = default;
};

// The smallest interval containing both (for tensors read by two branches).
// Inline: the patch planner's receptive-field walk calls it per stage input.
inline Interval hull(const Interval& a, const Interval& b)
{
    if (a.length() == 0)
        return b;
    if (b.length() == 0)
        return a;
    return {std::min(a.begin, b.begin), std::max(a.end, b.end)};
}

// The one receptive-field step: the input rows a sliding window needs to
// produce output rows `out`, clipped to the input [0, inputExtent):
//   begin = out.begin*stride - padBegin
//   end   = (out.end-1)*stride - padBegin + dilation*(kernel-1) + 1
// so a region of r output rows needs (r-1)*stride + dilation*(kernel-1) + 1
// input rows: r + k - 1 at stride 1, 2(r-1) + k at stride 2 (MCUNetV2,
// Lin et al. NeurIPS 2021). Rows falling in the padding are clipped away,
// which is how a patch at the image border loses its outer halo.
inline Interval windowInputInterval(const Interval& out, std::int64_t kernel, std::int64_t stride,
                                    std::int64_t dilation, std::int64_t padBegin, std::int64_t inputExtent)
{
    if (out.length() == 0)
        return {};
    const std::int64_t begin = out.begin * stride - padBegin;
    const std::int64_t end = (out.end - 1) * stride - padBegin + dilation * (kernel - 1) + 1;
    return {std::clamp<std::int64_t>(begin, 0, inputExtent), std::clamp<std::int64_t>(end, 0, inputExtent)};
}

// The window through which `layer` sees an input of shape [C, H, W]:
// conv2d, max/avg pooling their resolved Window2D (window_geometry.h);
// element-wise and per-channel ops (activations, batchnorm, add, mul,
// channel concat) the identity window (1x1, stride 1, no padding). Other
// ops (global pooling, dense, reshape, resize, ...) have no spatial
// locality: std::nullopt.
std::optional<Window2D> spatialWindow(const Layer& layer, const Shape& inputShape);

// windowInputInterval() through spatialWindow() along axis 1 (H) or 2 (W).
std::optional<Interval> layerInputInterval(const Layer& layer, const Shape& inputShape, int axis,
                                           const Interval& out);

// True when layerInputInterval() is defined for `layer`.
bool hasSpatialLocality(const Layer& layer);

} // namespace mdse::core
