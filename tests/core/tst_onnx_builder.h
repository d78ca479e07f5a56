#pragma once
// Builds small ONNX models in memory through the protobuf API (tests,
// benchmarks and fuzz seeds).

#include "core/io/onnx/onnx_import.h"

#include <onnx/onnx_pb.h>

#include <cstring>
#include <string>
#include <vector>

namespace mdse::test {

class OnnxBuilder {
public:
    explicit OnnxBuilder(int opset = 13, int irVersion = 7)
    {
        m_model.set_ir_version(irVersion);
        m_model.set_producer_name("tst_onnx_builder");
        auto* op = m_model.add_opset_import();
        op->set_domain("");
        op->set_version(opset);
        m_model.mutable_graph()->set_name("test");
    }
    onnx::GraphProto& graph() { return *m_model.mutable_graph(); }
    onnx::ModelProto& model() { return m_model; }

    // dims: a value > 0 is fixed, 0 means symbolic (named "d<axis>").
    void input(const std::string& name, const std::vector<std::int64_t>& dims,
               int type = onnx::TensorProto::FLOAT)
    {
        auto* value = graph().add_input();
        value->set_name(name);
        auto* tensor = value->mutable_type()->mutable_tensor_type();
        tensor->set_elem_type(type);
        auto* shape = tensor->mutable_shape();
        for (std::size_t d = 0; d < dims.size(); ++d) {
            auto* dim = shape->add_dim();
            if (dims[d] > 0)
                dim->set_dim_value(dims[d]);
            else
                dim->set_dim_param(d == 0 ? "batch" : "d" + std::to_string(d));
        }
    }
    void output(const std::string& name) { graph().add_output()->set_name(name); }

    onnx::TensorProto& floats(const std::string& name, const std::vector<std::int64_t>& dims,
                              const std::vector<float>& values)
    {
        auto& tensor = addTensor(name, dims, onnx::TensorProto::FLOAT);
        tensor.set_raw_data(std::string(reinterpret_cast<const char*>(values.data()), values.size() * 4));
        return tensor;
    }
    // A float tensor filled with `value`.
    onnx::TensorProto& filled(const std::string& name, const std::vector<std::int64_t>& dims, float value = 0.5f)
    {
        std::int64_t count = 1;
        for (std::int64_t d : dims)
            count *= d;
        return floats(name, dims, std::vector<float>(static_cast<std::size_t>(count), value));
    }
    onnx::TensorProto& ints(const std::string& name, const std::vector<std::int64_t>& values,
                            std::vector<std::int64_t> dims = {-1})
    {
        if (dims == std::vector<std::int64_t>{-1})
            dims = {static_cast<std::int64_t>(values.size())};
        auto& tensor = addTensor(name, dims, onnx::TensorProto::INT64);
        for (std::int64_t v : values)
            tensor.add_int64_data(v);
        return tensor;
    }
    onnx::TensorProto& int8s(const std::string& name, const std::vector<std::int64_t>& dims, std::int8_t value)
    {
        std::int64_t count = 1;
        for (std::int64_t d : dims)
            count *= d;
        auto& tensor = addTensor(name, dims, onnx::TensorProto::INT8);
        tensor.set_raw_data(std::string(static_cast<std::size_t>(count), static_cast<char>(value)));
        return tensor;
    }

    onnx::NodeProto& node(const std::string& op, const std::vector<std::string>& inputs,
                          const std::vector<std::string>& outputs, const std::string& name = {})
    {
        auto* node = graph().add_node();
        node->set_op_type(op);
        node->set_name(name.empty() ? outputs.front() : name);
        for (const auto& i : inputs)
            node->add_input(i);
        for (const auto& o : outputs)
            node->add_output(o);
        return *node;
    }
    static void setInts(onnx::NodeProto& node, const std::string& name, const std::vector<std::int64_t>& values)
    {
        auto* a = node.add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INTS);
        for (std::int64_t v : values)
            a->add_ints(v);
    }
    static void setInt(onnx::NodeProto& node, const std::string& name, std::int64_t value)
    {
        auto* a = node.add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INT);
        a->set_i(value);
    }
    static void setFloat(onnx::NodeProto& node, const std::string& name, float value)
    {
        auto* a = node.add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::FLOAT);
        a->set_f(value);
    }
    static void setString(onnx::NodeProto& node, const std::string& name, const std::string& value)
    {
        auto* a = node.add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::STRING);
        a->set_s(value);
    }
    // A Constant node holding a scalar float.
    void constantFloat(const std::string& name, float value)
    {
        auto& n = node("Constant", {}, {name});
        auto* a = n.add_attribute();
        a->set_name("value");
        a->set_type(onnx::AttributeProto::TENSOR);
        a->mutable_t()->set_data_type(onnx::TensorProto::FLOAT);
        a->mutable_t()->add_float_data(value);
    }

    std::string bytes() const { return m_model.SerializeAsString(); }
    core::Network import(const core::OnnxImportOptions& options = {}) const
    {
        const std::string data = bytes();
        return core::importOnnxBytes(data.data(), data.size(), "<test>", options);
    }

private:
    onnx::TensorProto& addTensor(const std::string& name, const std::vector<std::int64_t>& dims, int type)
    {
        auto* tensor = graph().add_initializer();
        tensor->set_name(name);
        tensor->set_data_type(type);
        for (std::int64_t d : dims)
            tensor->add_dims(d);
        return *tensor;
    }

    onnx::ModelProto m_model;
};

} // namespace mdse::test
