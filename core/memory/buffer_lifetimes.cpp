#include "core/memory/buffer_lifetimes.h"

#include <algorithm>

namespace mdse::core {

std::string aliasRoot(const Network& network, const std::string& tensor)
{
    std::string current = tensor;
    for (;;) {
        const long producer = network.producerOf(current);
        if (producer < 0)
            return current;
        const Layer& layer = network.layers()[static_cast<std::size_t>(producer)];
        if (!isViewOp(layer.op) || layer.inputs.empty())
            return current;
        current = layer.inputs.front();
    }
}

namespace {

std::size_t addBuffer(BufferLifetimes& result, const Network& network, const PrecisionView& precision,
                      const std::string& tensor, std::size_t step)
{
    TensorBuffer buffer;
    buffer.tensor = tensor;
    buffer.bytes = activationBytes(network, precision, tensor);
    buffer.precision = precision.activationOf(tensor);
    buffer.firstStep = step;
    buffer.lastStep = step;
    result.buffers.push_back(buffer);
    result.bufferOf[tensor] = result.buffers.size() - 1;
    return result.buffers.size() - 1;
}

} // namespace

BufferLifetimes computeBufferLifetimes(const Network& network, const std::vector<std::size_t>& order,
                                       const PrecisionView& precision)
{
    BufferLifetimes result;
    result.order = order;
    for (const TensorInfo& input : network.inputs()) {
        const std::size_t index = addBuffer(result, network, precision, input.name, 0);
        result.buffers[index].graphInput = true;
    }
    for (std::size_t step = 0; step < order.size(); ++step) {
        const Layer& layer = network.layers()[order[step]];
        for (const std::string& input : layer.inputs) {
            TensorBuffer& buffer = result.buffers[result.bufferOf.at(input)];
            buffer.lastStep = std::max(buffer.lastStep, step);
        }
        for (const std::string& output : layer.outputs) {
            if (isViewOp(layer.op) && !layer.inputs.empty()) {
                const std::size_t root = result.bufferOf.at(layer.inputs.front());
                result.bufferOf[output] = root;
                result.buffers[root].aliases.push_back(output);
            } else {
                addBuffer(result, network, precision, output, step);
            }
        }
    }
    const std::size_t lastStep = order.empty() ? 0 : order.size() - 1;
    for (const std::string& output : network.outputs()) {
        TensorBuffer& buffer = result.buffers[result.bufferOf.at(output)];
        buffer.graphOutput = true;
        buffer.lastStep = lastStep;
    }
    return result;
}

} // namespace mdse::core
