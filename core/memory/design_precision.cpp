#include "core/memory/design_precision.h"

namespace mdse::core {

PrecisionView precisionViewOf(const CompressedDesign& design)
{
    PrecisionView view;
    const Network& network = design.network;
    for (const LayerEffects& effects : design.effects.layers) {
        const Layer& layer = network.layers()[effects.layerIndex];
        for (const std::string& output : layer.outputs)
            view.activationBits[output] = effects.activationBits;
        view.weightBits[layer.name] = effects.weightBits;
        if (effects.weights > 0)
            view.weightBytes[layer.name] = effects.valueBytes + effects.indexBytes;
    }
    for (const TensorInfo& input : network.inputs()) {
        const std::vector<std::size_t> readers = network.consumersOf(input.name);
        if (readers.empty())
            continue;
        for (const LayerEffects& effects : design.effects.layers)
            if (effects.layerIndex == readers.front())
                view.activationBits[input.name] = effects.activationBits;
    }
    return view;
}

} // namespace mdse::core
