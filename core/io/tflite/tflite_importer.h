#pragma once

// Internal to core/io/tflite: the importer state the op handlers share.

#include "core/graph/network.h"
#include "core/io/tflite/tflite_model.h"
#include "core/io/tflite/tflite_schema.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace mdse::core::tflite_import {

// How a TFLite tensor's axes map onto ours: a leading extent-1 axis of a
// tensor of rank >= 2 is the batch and is dropped; a rank-4 tensor that
// loses its batch is NHWC and becomes [C, H, W].
struct Layout {
    bool dropBatch = false;
    bool nhwc = false;
};
Layout layoutOf(const std::vector<std::int32_t>& dims);
Shape mapShape(const std::vector<std::int32_t>& dims, const Layout& layout);
// Our axis for a (non-negative) file axis; nullopt for the dropped batch.
std::optional<std::size_t> mapAxis(std::size_t fileAxis, const Layout& layout);

// Thrown by a handler when an operator cannot be expressed faithfully with
// our ops (e.g. a transpose that moves the batch axis); the operator is
// then kept as an opaque layer with a note giving the reason.
struct Unmappable : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Element type of a TFLite type as ours; nullopt for INT64/UINT64/FLOAT64,
// STRING, COMPLEX, RESOURCE, VARIANT.
std::optional<Precision> tflPrecision(std::int8_t type);

struct OpaqueCounts {
    std::int64_t weights = 0;
    std::int64_t biases = 0;
    std::int64_t macs = 0;
};

class Importer {
public:
    Importer(const TflModel& model, std::string path, std::shared_ptr<const void> keepAlive);
    NetworkDefinition run();

    // --- for the handlers -------------------------------------------------
    const TflModel& model() const { return m_model; }
    const TflTensor& tensor(int index) const { return m_model.tensors[static_cast<std::size_t>(index)]; }
    [[noreturn]] void fail(const TflOperator& op, const std::string& message) const;
    std::string describe(const TflOperator& op) const;

    bool hasInput(const TflOperator& op, std::size_t slot) const;
    int inputIndex(const TflOperator& op, std::size_t slot, const char* what) const; // fails if absent
    bool isConstant(int index) const;
    // The constant behind input `slot` (through a DEQUANTIZE of a constant).
    const TflTensor& constant(const TflOperator& op, std::size_t slot, const char* what) const;
    // Integer values of a constant INT32/INT64 input (axes, shapes, paddings).
    std::vector<std::int64_t> ints(const TflOperator& op, std::size_t slot, const char* what) const;
    // Our tensor name of a run-time input, produced earlier in execution order.
    const std::string& activation(const TflOperator& op, std::size_t slot) const;
    bool isProduced(int index) const { return m_produced.count(index) != 0; }
    const std::string& ourName(int index) const { return m_names[static_cast<std::size_t>(index)]; }

    Shape ourShape(int index) const;
    Layout layout(int index) const { return layoutOf(tensor(index).shape); }
    // Our axis for a file axis of tensor `index` (negative counts from the
    // end); throws Unmappable for the batch axis, fails for out-of-range.
    std::size_t ourAxis(const TflOperator& op, int index, std::int64_t fileAxis) const;
    // An operand's shape broadcast against the output, in our layout: the
    // operand's axes right-aligned to the output's rank, then mapped.
    Shape operandShape(int operand, int output) const;

    // The weight-store entry of a constant (registered once; scales and
    // zero points attached); empty when its type cannot be stored.
    std::string weight(const TflOperator& op, int index);
    // Precision the file stores a constant in (the source of a DEQUANTIZE).
    Precision storedPrecision(int index) const;

    // A layer for `op` named after its first output, not yet emitted.
    Layer layer(const TflOperator& op, OpKind kind) const;
    // Shape-infers `layer` (inputs set, outputs left empty) and emits it for
    // op.outputs: a fused activation our op does not carry becomes its own
    // layer, and an output whose natural shape differs from the file's (same
    // elements) gets a reshape view; a different element count fails.
    void emit(const TflOperator& op, Layer layer, std::int8_t fusedActivation = schema::ACT_NONE);
    // An input viewed as `target` (a reshape view layer when the shape differs).
    std::string viewAs(const TflOperator& op, const std::string& tensorName, const Shape& target,
                       const std::string& suffix);
    // Keeps `op` as an opaque layer over its run-time inputs.
    void emitOpaque(const TflOperator& op, const std::string& why, OpaqueCounts counts = {});
    // Output `output` is the constant `source` (DEQUANTIZE of a weight).
    void aliasConstant(int output, int source) { m_constantAlias[output] = source; }
    void markState(int index);
    void note(std::string text) { m_notes.push_back(std::move(text)); }
    // a * b and a + b for counts derived from the file's extents; fails
    // (naming the operator) when they do not fit 64 bits.
    std::int64_t mul(const TflOperator& op, std::int64_t a, std::int64_t b) const;
    std::int64_t add(const TflOperator& op, std::int64_t a, std::int64_t b) const;
    // Elements of a constant input (0 when absent).
    std::int64_t elementsOf(const TflOperator& op, std::size_t slot) const;

private:
    void readInputs();
    void importOperator(const TflOperator& op);
    std::vector<std::string> resolveOutputs() const;
    void push(Layer layer, const std::vector<Shape>& shapes);
    std::vector<Shape> infer(const TflOperator& op, const Layer& layer) const;
    Precision activationPrecision(int index);
    int resolveAlias(int index) const;

    const TflModel& m_model;
    std::string m_path;
    std::shared_ptr<const void> m_keepAlive;
    std::shared_ptr<WeightStore> m_store = std::make_shared<WeightStore>();
    std::vector<std::string> m_names;           // our tensor name per TFLite tensor
    std::set<int> m_produced;                   // graph inputs and operator outputs
    std::map<int, int> m_constantAlias;         // DEQUANTIZE output -> constant
    std::map<std::string, Shape> m_shapes;      // our tensors
    std::map<std::string, Precision> m_types;
    std::map<int, std::string> m_weights;       // tensor -> weight-store name
    std::set<int> m_stateMarked;
    std::vector<TensorInfo> m_inputs;
    std::vector<TensorInfo> m_state;
    std::vector<Layer> m_layers;
    std::vector<std::string> m_notes;
};

using Handler = std::function<void(Importer&, const TflOperator&)>;
// Op handlers by builtin code (tflite_ops_*.cpp).
const std::map<std::int32_t, Handler>& operatorHandlers();

} // namespace mdse::core::tflite_import
