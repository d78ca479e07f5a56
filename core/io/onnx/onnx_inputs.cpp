// Lists an ONNX model's graph inputs by walking the protobuf wire format of
// the mapped file: only the graph's `input` entries are parsed (and the
// names of its initializers, to drop IR < 4 duplicates); weights are skipped.
// Field numbers are those of onnx.proto (ModelProto.graph = 7,
// GraphProto.initializer = 5, GraphProto.input = 11, TensorProto.name = 8).
#include "core/io/onnx/onnx_inputs.h"

#include "core/io/mapped_file.h"
#include "core/util/error.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/wire_format_lite.h>
#include <onnx/onnx_pb.h>

#include <climits>
#include <set>

namespace mdse::core {
namespace {

using google::protobuf::io::CodedInputStream;
using google::protobuf::internal::WireFormatLite;

constexpr std::uint32_t kModelGraph = 7, kGraphInitializer = 5, kGraphInput = 11, kTensorName = 8;

// Calls visit(field, payload, length) for each length-delimited field of the
// message in [data, data + size) and skips the others; false if malformed.
template <typename Visit>
bool forEachDelimited(const std::uint8_t* data, std::size_t size, Visit visit)
{
    if (size > INT_MAX)
        return false;
    CodedInputStream in(data, static_cast<int>(size));
    while (static_cast<std::size_t>(in.CurrentPosition()) < size) {
        const std::uint32_t tag = in.ReadTag();
        if (tag == 0)
            return false;
        if ((tag & 7) != WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
            if (!WireFormatLite::SkipField(&in, tag))
                return false;
            continue;
        }
        std::uint32_t length = 0;
        if (!in.ReadVarint32(&length) || length > size - static_cast<std::size_t>(in.CurrentPosition()))
            return false;
        const std::uint8_t* payload = data + in.CurrentPosition();
        if (!in.Skip(static_cast<int>(length)) || !visit(tag >> 3, payload, length))
            return false;
    }
    return true;
}

OnnxInputInfo describe(const onnx::ValueInfoProto& input)
{
    OnnxInputInfo info{input.name(), {}};
    const auto& dims = input.type().tensor_type().shape().dim();
    bool batchSeen = false;
    for (int d = 0; d < dims.size(); ++d) {
        OnnxInputDim dim;
        dim.symbol = dims[d].dim_param();
        const bool batchLike = isBatchLikeAxis(d, dims.size(), dim.symbol);
        if (dims[d].has_dim_value() && dims[d].dim_value() > 0) {
            dim.extent = dims[d].dim_value();
        } else if (batchLike && !batchSeen) {
            batchSeen = true;
            dim.kind = OnnxInputDim::Kind::Batch;
            dim.extent = 1;
        } else {
            dim.kind = OnnxInputDim::Kind::Symbolic;
        }
        info.dims.push_back(std::move(dim));
    }
    return info;
}

} // namespace

bool OnnxInputInfo::needsOverride() const
{
    for (const OnnxInputDim& dim : dims)
        if (dim.kind == OnnxInputDim::Kind::Symbolic)
            return true;
    return false;
}

Shape OnnxInputInfo::shapeWith(const std::vector<std::int64_t>& symbolicExtents) const
{
    Shape shape;
    std::size_t next = 0;
    for (const OnnxInputDim& dim : dims) {
        if (dim.kind != OnnxInputDim::Kind::Symbolic)
            shape.push_back(dim.extent);
        else
            shape.push_back(next < symbolicExtents.size() ? symbolicExtents[next++] : 0);
    }
    return shape;
}

std::vector<OnnxInputInfo> listOnnxInputsFromBytes(const void* data, std::size_t size, const std::string& label)
{
    std::vector<onnx::ValueInfoProto> inputs;
    std::set<std::string> initializers;
    const auto graph = [&](std::uint32_t field, const std::uint8_t* payload, std::uint32_t length) {
        if (field == kGraphInput) {
            onnx::ValueInfoProto& input = inputs.emplace_back();
            return input.ParseFromArray(payload, static_cast<int>(length));
        }
        if (field == kGraphInitializer)
            return forEachDelimited(payload, length, [&](std::uint32_t f, const std::uint8_t* p, std::uint32_t n) {
                if (f == kTensorName)
                    initializers.emplace(reinterpret_cast<const char*>(p), n);
                return true;
            });
        return true;
    };
    bool sawGraph = false;
    const bool ok = size > 0
        && forEachDelimited(static_cast<const std::uint8_t*>(data), size,
                            [&](std::uint32_t field, const std::uint8_t* payload, std::uint32_t length) {
                                if (field != kModelGraph)
                                    return true;
                                sawGraph = true;
                                return forEachDelimited(payload, length, graph);
                            });
    if (!ok || !sawGraph)
        throw Error("not a readable ONNX model: the protobuf data is truncated, corrupt or has no graph ("
                        + std::to_string(size) + " bytes)",
                    {label, 0, 0});
    std::vector<OnnxInputInfo> result;
    for (const auto& input : inputs)
        if (!initializers.count(input.name()))
            result.push_back(describe(input));
    return result;
}

std::vector<OnnxInputInfo> listOnnxInputs(const std::string& path)
{
    const auto file = MappedFile::open(path);
    return listOnnxInputsFromBytes(file->data(), file->size(), path);
}

} // namespace mdse::core
