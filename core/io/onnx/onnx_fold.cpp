// Import-time evaluation of nodes whose inputs are all constants: the shape
// arithmetic exporters emit (Shape -> Gather -> Unsqueeze -> Concat ->
// Reshape, Shape -> Gather -> Add/Div/Mul -> Slice, Shape -> Expand of an
// RNN's initial state, ...), which standard shape inference leaves unshaped.
#include "core/io/onnx/onnx_importer.h"

#include "core/util/checked_math.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <numeric>
#include <set>

namespace mdse::core::onnx_import {
namespace {

using T = onnx::TensorProto;
constexpr std::int64_t kMaxFoldElements = std::int64_t{1} << 22;

const std::set<std::string> kFoldable{
    "Constant", "Shape", "Size", "Identity", "Cast", "Gather", "Unsqueeze", "Squeeze", "Concat", "Add", "Sub",
    "Mul", "Div", "Slice", "Reshape", "Flatten", "ConstantOfShape", "Expand", "Equal", "Less", "Greater",
    "Where", "Range", "Floor", "Ceil", "Sqrt", "Neg", "Abs", "Min", "Max", "Transpose", "Dropout",
    "DequantizeLinear", "QuantizeLinear", "Not", "ReduceProd"};

struct Folder {
    Importer& im;
    const Node& node;

    const ConstantValue& in(int i) const { return im.constantInput(node, i, "input"); }
    std::vector<double> reals(int i) const { return im.realsOf(node, in(i)); }
    std::vector<std::int64_t> ints(int i) const { return im.intsInput(node, i, "input"); }

    void check(std::int64_t elements) const
    {
        if (elements < 0 || elements > kMaxFoldElements)
            im.fail(node, "folding would make a constant of " + std::to_string(elements) + " elements");
    }
    ConstantValue make(Shape dims, bool integer) const
    {
        ConstantValue c;
        c.dims = std::move(dims);
        c.dataType = integer ? T::INT64 : T::FLOAT;
        c.materialised = true;
        check(c.elementCount());
        return c;
    }
    static double at(const ConstantValue& c, std::size_t k)
    {
        return c.isInteger() ? static_cast<double>(c.ints[k]) : c.reals[k];
    }
    ConstantValue materialise(const ConstantValue& c) const
    {
        if (c.materialised || c.isInteger())
            return c;
        ConstantValue copy = c;
        copy.reals = im.realsOf(node, c);
        copy.materialised = true;
        copy.dataType = T::FLOAT;
        return copy;
    }

    std::size_t normAxis(std::int64_t axis, std::size_t rank) const
    {
        const auto r = static_cast<std::int64_t>(rank);
        if (axis < -r || axis >= r)
            im.fail(node, "axis " + std::to_string(axis) + " is out of range for rank " + std::to_string(rank));
        return static_cast<std::size_t>(axis < 0 ? axis + r : axis);
    }

    Shape broadcast(const Shape& a, const Shape& b) const
    {
        Shape out(std::max(a.size(), b.size()), 1);
        for (std::size_t i = 0; i < out.size(); ++i) {
            const std::int64_t x = i < a.size() ? a[a.size() - 1 - i] : 1;
            const std::int64_t y = i < b.size() ? b[b.size() - 1 - i] : 1;
            if (x != y && x != 1 && y != 1)
                im.fail(node, "constant shapes " + shapeToString(a) + " and " + shapeToString(b) + " do not broadcast");
            out[out.size() - 1 - i] = x == 1 ? y : x;
        }
        return out;
    }
    // Flat index into `dims` (right-aligned, broadcast) for flat output index k.
    static std::size_t source(std::size_t k, const Shape& out, const Shape& dims)
    {
        std::size_t index = 0, stride = 1;
        for (std::size_t i = 0; i < out.size(); ++i) {
            const std::size_t d = out.size() - 1 - i;
            const auto coordinate = k % static_cast<std::size_t>(out[d]);
            k /= static_cast<std::size_t>(out[d]);
            if (i < dims.size()) {
                const auto extent = static_cast<std::size_t>(dims[dims.size() - 1 - i]);
                index += (extent == 1 ? 0 : coordinate) * stride;
                stride *= extent;
            }
        }
        return index;
    }

    template <typename Op>
    ConstantValue elementwise(const std::vector<ConstantValue>& args, bool integer, Op op) const
    {
        Shape dims = args.front().dims;
        for (const auto& a : args)
            dims = broadcast(dims, a.dims);
        ConstantValue out = make(dims, integer);
        const auto count = static_cast<std::size_t>(out.elementCount());
        std::vector<double> operands(args.size());
        for (std::size_t k = 0; k < count; ++k) {
            for (std::size_t a = 0; a < args.size(); ++a)
                operands[a] = at(args[a], source(k, dims, args[a].dims));
            const double value = op(operands);
            if (integer) {
                if (!std::isfinite(value) || std::fabs(value) > 9.2e18)
                    im.fail(node, "integer result out of range");
                out.ints.push_back(static_cast<std::int64_t>(value));
            } else {
                out.reals.push_back(value);
            }
        }
        return out;
    }

    ConstantValue binary(const std::string& op) const
    {
        const ConstantValue a = materialise(in(0)), b = materialise(in(1));
        const bool integer = a.isInteger() && b.isInteger();
        const bool compare = op == "Equal" || op == "Less" || op == "Greater";
        auto result = elementwise({a, b}, integer || compare, [&](const std::vector<double>& v) {
            if (op == "Add") return v[0] + v[1];
            if (op == "Sub") return v[0] - v[1];
            if (op == "Mul") return v[0] * v[1];
            if (op == "Min") return std::min(v[0], v[1]);
            if (op == "Max") return std::max(v[0], v[1]);
            if (op == "Equal") return v[0] == v[1] ? 1.0 : 0.0;
            if (op == "Less") return v[0] < v[1] ? 1.0 : 0.0;
            if (op == "Greater") return v[0] > v[1] ? 1.0 : 0.0;
            if (integer && v[1] == 0)
                im.fail(node, "integer division by zero");
            return integer ? std::floor(v[0] / v[1]) : v[0] / v[1]; // Div
        });
        if (compare)
            result.dataType = T::BOOL;
        return result;
    }

    ConstantValue unary(const std::string& op) const
    {
        const ConstantValue a = materialise(in(0));
        return elementwise({a}, a.isInteger(), [&](const std::vector<double>& v) {
            if (op == "Floor") return std::floor(v[0]);
            if (op == "Ceil") return std::ceil(v[0]);
            if (op == "Sqrt") return std::sqrt(v[0]);
            if (op == "Neg") return -v[0];
            if (op == "Not") return v[0] == 0 ? 1.0 : 0.0;
            return std::fabs(v[0]); // Abs
        });
    }

    // Elements of `c` picked by per-output-axis source coordinates.
    ConstantValue pick(const ConstantValue& c, const std::vector<std::vector<std::int64_t>>& coordinates) const
    {
        Shape dims;
        for (const auto& axis : coordinates)
            dims.push_back(static_cast<std::int64_t>(axis.size()));
        ConstantValue out = make(dims, c.isInteger());
        out.dataType = c.dataType;
        const auto count = static_cast<std::size_t>(out.elementCount());
        for (std::size_t k = 0; k < count; ++k) {
            std::size_t rest = k, index = 0, stride = 1;
            for (std::size_t i = dims.size(); i-- > 0;) {
                const auto coordinate = rest % static_cast<std::size_t>(dims[i]);
                rest /= static_cast<std::size_t>(dims[i]);
                index += static_cast<std::size_t>(coordinates[i][coordinate]) * stride;
                stride *= static_cast<std::size_t>(c.dims[i]);
            }
            if (c.isInteger())
                out.ints.push_back(c.ints[index]);
            else
                out.reals.push_back(c.reals[index]);
        }
        return out;
    }

    static std::vector<std::vector<std::int64_t>> all(const Shape& dims)
    {
        std::vector<std::vector<std::int64_t>> coordinates;
        for (std::int64_t extent : dims) {
            coordinates.emplace_back(static_cast<std::size_t>(extent));
            std::iota(coordinates.back().begin(), coordinates.back().end(), 0);
        }
        return coordinates;
    }

    ConstantValue gather() const
    {
        const ConstantValue data = materialise(in(0));
        const ConstantValue indices = in(1);
        if (!indices.isInteger())
            im.fail(node, "indices must be integers");
        const std::size_t axis = normAxis(im.attrInt(node, "axis", 0), data.dims.size());
        auto coordinates = all(data.dims);
        std::vector<std::int64_t> picked;
        for (std::int64_t index : indices.ints) {
            if (index < -data.dims[axis] || index >= data.dims[axis])
                im.fail(node, "index " + std::to_string(index) + " is out of range");
            picked.push_back(index < 0 ? index + data.dims[axis] : index);
        }
        coordinates[axis] = picked;
        ConstantValue out = pick(data, coordinates);
        Shape dims(data.dims.begin(), data.dims.begin() + static_cast<long>(axis));
        dims.insert(dims.end(), indices.dims.begin(), indices.dims.end());
        dims.insert(dims.end(), data.dims.begin() + static_cast<long>(axis) + 1, data.dims.end());
        out.dims = dims;
        return out;
    }

    ConstantValue slice() const
    {
        const ConstantValue data = materialise(in(0));
        const bool fromInputs = im.opset() >= 10;
        const auto starts = fromInputs ? ints(1) : im.attrInts(node, "starts", {});
        const auto ends = fromInputs ? ints(2) : im.attrInts(node, "ends", {});
        std::vector<std::int64_t> axes(starts.size());
        std::iota(axes.begin(), axes.end(), 0);
        axes = fromInputs ? (im.hasInput(node, 3) ? ints(3) : axes) : im.attrInts(node, "axes", axes);
        const auto steps = fromInputs && im.hasInput(node, 4) ? ints(4) : std::vector<std::int64_t>(starts.size(), 1);
        if (ends.size() != starts.size() || axes.size() != starts.size() || steps.size() != starts.size())
            im.fail(node, "starts, ends, axes and steps differ in length");
        auto coordinates = all(data.dims);
        for (std::size_t i = 0; i < starts.size(); ++i) {
            const std::size_t axis = normAxis(axes[i], data.dims.size());
            const std::int64_t dim = data.dims[axis], step = steps[i];
            if (step == 0)
                im.fail(node, "slice step 0");
            auto wrap = [dim](std::int64_t v) { return v < 0 ? std::max(v, -dim - 1) + dim : v; };
            std::int64_t s = wrap(starts[i]), e = wrap(ends[i]);
            s = step > 0 ? std::clamp<std::int64_t>(s, 0, dim) : std::clamp<std::int64_t>(s, 0, dim - 1);
            e = step > 0 ? std::clamp<std::int64_t>(e, 0, dim) : std::clamp<std::int64_t>(e, -1, dim - 1);
            coordinates[axis].clear();
            const std::int64_t magnitude = step == INT64_MIN ? INT64_MAX : (step > 0 ? step : -step);
            const std::int64_t count = step > 0 ? (e > s ? (e - s - 1) / magnitude + 1 : 0)
                                                : (s > e ? (s - e - 1) / magnitude + 1 : 0);
            for (std::int64_t k = 0; k < count; ++k)
                coordinates[axis].push_back(step > 0 ? s + k * magnitude : s - k * magnitude);
        }
        return pick(data, coordinates);
    }

    ConstantValue concat() const
    {
        std::vector<ConstantValue> parts;
        for (int i = 0; i < node.input_size(); ++i)
            if (im.hasInput(node, i))
                parts.push_back(materialise(in(i)));
        const std::size_t axis = normAxis(im.attrInt(node, "axis", 0), parts.front().dims.size());
        bool integer = true;
        Shape dims = parts.front().dims;
        dims[axis] = 0;
        for (const auto& part : parts) {
            integer = integer && part.isInteger();
            if (part.dims.size() != dims.size())
                im.fail(node, "constant inputs differ in rank");
            for (std::size_t d = 0; d < dims.size(); ++d)
                if (d != axis && part.dims[d] != parts.front().dims[d])
                    im.fail(node, "constant inputs differ outside the concatenation axis");
            dims[axis] += part.dims[axis];
        }
        ConstantValue out = make(dims, integer);
        const auto outer = std::accumulate(dims.begin(), dims.begin() + static_cast<long>(axis), std::int64_t{1}, std::multiplies<>());
        for (std::int64_t o = 0; o < outer; ++o)
            for (const auto& part : parts) {
                const auto block = static_cast<std::size_t>(part.elementCount() / std::max<std::int64_t>(outer, 1));
                for (std::size_t k = 0; k < block; ++k) {
                    const std::size_t index = static_cast<std::size_t>(o) * block + k;
                    if (integer)
                        out.ints.push_back(part.ints[index]);
                    else
                        out.reals.push_back(at(part, index));
                }
            }
        return out;
    }

    ConstantValue reshaped(const ConstantValue& c, Shape dims) const
    {
        ConstantValue out = c;
        std::int64_t known = 1;
        long inferred = -1;
        for (std::size_t d = 0; d < dims.size(); ++d) {
            if (dims[d] == 0 && d < c.dims.size())
                dims[d] = c.dims[d];
            if (dims[d] == -1 && inferred < 0)
                inferred = static_cast<long>(d);
            else if (dims[d] <= 0 || dims[d] > kMaxTensorElements)
                im.fail(node, "invalid reshape target " + shapeToString(dims));
            else
                known = checkedMul(known, dims[d]).value_or(kMaxTensorElements + 1);
            known = std::min(known, kMaxTensorElements + 1);
        }
        if (inferred >= 0)
            dims[static_cast<std::size_t>(inferred)] = known > 0 ? c.elementCount() / known : 0;
        out.dims = dims;
        if (out.elementCount() != c.elementCount())
            im.fail(node, "cannot reshape a constant " + shapeToString(c.dims) + " into " + shapeToString(dims));
        return out;
    }

    ConstantValue squeezeOrUnsqueeze(bool squeeze) const
    {
        const ConstantValue& c = in(0);
        const auto axes = im.opset() >= 13 && im.hasInput(node, 1) ? ints(1) : im.attrInts(node, "axes", {});
        Shape dims;
        if (squeeze) {
            std::set<std::size_t> drop;
            for (std::int64_t a : axes)
                drop.insert(normAxis(a, c.dims.size()));
            for (std::size_t d = 0; d < c.dims.size(); ++d)
                if (axes.empty() ? c.dims[d] != 1 : !drop.count(d))
                    dims.push_back(c.dims[d]);
        } else {
            const std::size_t rank = c.dims.size() + axes.size();
            std::vector<bool> inserted(rank, false);
            for (std::int64_t a : axes)
                inserted[normAxis(a, rank)] = true;
            for (std::size_t d = 0, s = 0; d < rank; ++d)
                dims.push_back(inserted[d] || s >= c.dims.size() ? 1 : c.dims[s++]);
        }
        return reshaped(c, dims);
    }

    ConstantValue cast() const
    {
        const int to = static_cast<int>(im.attrInt(node, "to", T::FLOAT));
        const bool toInteger = to != T::FLOAT && to != T::DOUBLE && to != T::FLOAT16;
        const ConstantValue& c = in(0);
        if (!c.isInteger() && !toInteger)
            return c; // float to float: same values for shape purposes
        ConstantValue source = materialise(c);
        auto out = elementwise({source}, toInteger, [](const std::vector<double>& v) { return std::trunc(v[0]); });
        if (!toInteger)
            out = elementwise({source}, false, [](const std::vector<double>& v) { return v[0]; });
        out.dataType = to;
        return out;
    }

    ConstantValue transpose() const
    {
        const ConstantValue c = materialise(in(0));
        std::vector<std::int64_t> perm(c.dims.size());
        std::iota(perm.rbegin(), perm.rend(), 0);
        perm = im.attrInts(node, "perm", perm);
        std::vector<std::int64_t> sorted = perm;
        std::sort(sorted.begin(), sorted.end());
        for (std::size_t d = 0; d < sorted.size(); ++d)
            if (sorted[d] != static_cast<std::int64_t>(d) || perm.size() != c.dims.size())
                im.fail(node, "perm is not a permutation of the axes");
        Shape dims;
        for (std::int64_t p : perm)
            dims.push_back(c.dims[normAxis(p, c.dims.size())]);
        ConstantValue out = make(dims, c.isInteger());
        const auto count = static_cast<std::size_t>(out.elementCount());
        std::vector<std::size_t> strides(c.dims.size(), 1);
        for (std::size_t d = c.dims.size(); d-- > 1;)
            strides[d - 1] = strides[d] * static_cast<std::size_t>(c.dims[d]);
        for (std::size_t k = 0; k < count; ++k) {
            std::size_t rest = k, index = 0;
            for (std::size_t d = dims.size(); d-- > 0;) {
                index += (rest % static_cast<std::size_t>(dims[d])) * strides[static_cast<std::size_t>(perm[d])];
                rest /= static_cast<std::size_t>(dims[d]);
            }
            if (c.isInteger())
                out.ints.push_back(c.ints[index]);
            else
                out.reals.push_back(c.reals[index]);
        }
        return out;
    }

    ConstantValue shapeOf(const Shape& dims, bool size) const
    {
        if (size)
            return [&] { auto out = make({}, true); out.ints = {std::accumulate(dims.begin(), dims.end(), std::int64_t{1}, std::multiplies<>())}; return out; }();
        const auto rank = static_cast<std::int64_t>(dims.size());
        auto clampAxis = [rank](std::int64_t v) { return std::clamp<std::int64_t>(v < 0 ? v + rank : v, 0, rank); };
        const std::int64_t start = clampAxis(im.attrInt(node, "start", 0));
        const std::int64_t end = clampAxis(im.attrInt(node, "end", rank));
        ConstantValue out = make({std::max<std::int64_t>(end - start, 0)}, true);
        for (std::int64_t d = start; d < end; ++d)
            out.ints.push_back(dims[static_cast<std::size_t>(d)]);
        return out;
    }

    ConstantValue constantOfShape() const
    {
        Shape dims = ints(0);
        for (std::int64_t d : dims)
            if (d < 0 || d > kMaxTensorElements)
                im.fail(node, "invalid shape " + shapeToString(dims));
        ConstantValue fill = make({}, false);
        fill.reals = {0.0};
        if (const auto* value = im.attr(node, "value"))
            fill = materialise(im.tensorConstant(value->t(), "the value of node '" + node.name() + "'"));
        ConstantValue out = make(dims, fill.isInteger());
        out.dataType = fill.dataType;
        const auto count = static_cast<std::size_t>(out.elementCount());
        if (fill.isInteger())
            out.ints.assign(count, fill.ints.empty() ? 0 : fill.ints.front());
        else
            out.reals.assign(count, fill.reals.empty() ? 0.0 : fill.reals.front());
        return out;
    }

    ConstantValue range() const
    {
        const ConstantValue start = materialise(in(0)), limit = materialise(in(1)), delta = materialise(in(2));
        const double s = at(start, 0), l = at(limit, 0), d = at(delta, 0);
        if (d == 0 || !std::isfinite(s) || !std::isfinite(l) || !std::isfinite(d))
            im.fail(node, "range needs finite bounds and a non-zero delta");
        const double count = std::max(std::ceil((l - s) / d), 0.0);
        check(static_cast<std::int64_t>(std::min(count, 1e12)));
        ConstantValue out = make({static_cast<std::int64_t>(count)}, start.isInteger());
        for (std::int64_t k = 0; k < static_cast<std::int64_t>(count); ++k) {
            const double value = s + static_cast<double>(k) * d;
            if (start.isInteger() && !(std::fabs(value) < 9.2e18))
                im.fail(node, "range value out of range");
            if (start.isInteger())
                out.ints.push_back(static_cast<std::int64_t>(value));
            else
                out.reals.push_back(value);
        }
        return out;
    }

    ConstantValue constantNode() const
    {
        const auto* a = node.attribute_size() == 1 ? &node.attribute(0) : nullptr;
        if (!a)
            im.fail(node, "a Constant node needs exactly one value attribute");
        ConstantValue out;
        if (a->name() == "value")
            return im.tensorConstant(a->t(), "the value of node '" + node.name() + "'");
        if (a->name() == "value_float" || a->name() == "value_floats") {
            out = make(a->name() == "value_float" ? Shape{} : Shape{a->floats_size()}, false);
            out.reals = a->name() == "value_float" ? std::vector<double>{a->f()}
                                                   : std::vector<double>(a->floats().begin(), a->floats().end());
            return out;
        }
        if (a->name() == "value_int" || a->name() == "value_ints") {
            out = make(a->name() == "value_int" ? Shape{} : Shape{a->ints_size()}, true);
            out.ints = a->name() == "value_int" ? std::vector<std::int64_t>{a->i()}
                                                : std::vector<std::int64_t>(a->ints().begin(), a->ints().end());
            return out;
        }
        im.fail(node, "Constant attribute '" + a->name() + "' is not supported");
    }

    // DequantizeLinear/QuantizeLinear on a stored weight: keeps the stored
    // tensor (its precision becomes the consuming layer's weight type).
    ConstantValue quantize(bool dequantize) const
    {
        ConstantValue out = in(0);
        const int stored = in(0).dataType;
        if (dequantize) {
            if (stored == T::INT8 || stored == T::UINT8 || stored == T::INT32)
                out.quantizedType = elementTypeOfOnnx(stored);
            out.dataType = T::FLOAT;
        } else {
            out.dataType = im.hasInput(node, 2) ? in(2).dataType : T::UINT8;
            out.quantizedType = elementTypeOfOnnx(out.dataType);
        }
        out.materialised = false;
        out.ints.clear();
        out.reals.clear();
        if (out.weightName.empty())
            im.fail(node, "only stored weights can be (de)quantized at import time");
        return out;
    }

    ConstantValue evaluate() const
    {
        const std::string& op = node.op_type();
        if (op == "Constant") return constantNode();
        if (op == "Identity" || op == "Dropout") return in(0);
        if (op == "Cast") return cast();
        if (op == "Gather") return gather();
        if (op == "Slice") return slice();
        if (op == "Concat") return concat();
        if (op == "Unsqueeze" || op == "Squeeze") return squeezeOrUnsqueeze(op == "Squeeze");
        if (op == "Reshape") return reshaped(in(0), im.opset() >= 5 ? ints(1) : im.attrInts(node, "shape", {}));
        if (op == "Flatten") {
            const Shape& d = in(0).dims;
            const std::size_t axis = normAxis(im.attrInt(node, "axis", 1), d.size() + 1);
            const auto outer = std::accumulate(d.begin(), d.begin() + static_cast<long>(axis), std::int64_t{1}, std::multiplies<>());
            return reshaped(in(0), {outer, -1});
        }
        if (op == "ConstantOfShape") return constantOfShape();
        if (op == "Expand") {
            const ConstantValue c = materialise(in(0));
            ConstantValue target = make(ints(1), true); // zeros of the target shape, for broadcasting
            target.ints.assign(static_cast<std::size_t>(target.elementCount()), 0);
            return elementwise({c, target}, c.isInteger(), [](const std::vector<double>& v) { return v[0]; });
        }
        if (op == "Where") {
            const ConstantValue c = materialise(in(0)), x = materialise(in(1)), y = materialise(in(2));
            return elementwise({c, x, y}, x.isInteger() && y.isInteger(),
                               [](const std::vector<double>& v) { return v[0] != 0 ? v[1] : v[2]; });
        }
        if (op == "Range") return range();
        if (op == "Transpose") return transpose();
        if (op == "DequantizeLinear" || op == "QuantizeLinear") return quantize(op == "DequantizeLinear");
        if (op == "ReduceProd") {
            const ConstantValue c = materialise(in(0));
            ConstantValue out = make({}, c.isInteger());
            double product = 1;
            for (std::size_t k = 0; k < static_cast<std::size_t>(c.elementCount()); ++k)
                product *= at(c, k);
            if (c.isInteger() && !(std::fabs(product) < 9.2e18))
                im.fail(node, "integer product out of range");
            if (c.isInteger()) out.ints = {static_cast<std::int64_t>(product)}; else out.reals = {product};
            if (im.attrInt(node, "keepdims", 1) != 0) out.dims = Shape(c.dims.size(), 1);
            return out;
        }
        if (op == "Floor" || op == "Ceil" || op == "Sqrt" || op == "Neg" || op == "Abs" || op == "Not") return unary(op);
        return binary(op);
    }
};

} // namespace

bool isFoldableOp(const std::string& opType) { return kFoldable.count(opType) != 0; }

bool foldNode(Importer& importer, const Node& node)
{
    const std::string& op = node.op_type();
    if (!isFoldableOp(op))
        return false;
    Folder folder{importer, node};
    if (op == "Shape" || op == "Size") {
        const Value& value = importer.input(node, 0);
        const Shape& dims = value.isConstant ? value.constant.dims : value.activation.onnxShape;
        importer.setConstant(node.output(0), folder.shapeOf(dims, op == "Size"));
        return true;
    }
    for (int i = 0; i < node.input_size(); ++i)
        if (importer.hasInput(node, i) && !importer.input(node, i).isConstant)
            return false;
    if (op == "Dropout" && node.output_size() > 1 && !node.output(1).empty())
        importer.fail(node, "the dropout mask output is not supported");
    importer.setConstant(node.output(0), folder.evaluate());
    return true;
}

} // namespace mdse::core::onnx_import
