#!/usr/bin/python3
"""Writes ONNX equivalents of zoo networks, the way exporters write them.

Run with Debian's python3-onnx (apt-get install python3-onnx):
    /usr/bin/python3 tests/data/onnx/gen_onnx.py [--out DIR] [zoo ids...]
Without ids it writes the small committed set next to this script. CI never
runs it: the generated .onnx files are committed. Weights are random
(seeded) and stored as float16, or int8 behind DequantizeLinear (QDQ form),
to keep the files small; statistics only depend on shapes.

Exporter habits reproduced on purpose: Conv without bias + BatchNormalization
(PyTorch before folding), ReLU6 as Clip fed by Constant nodes, HardSwish as
HardSigmoid + Mul, Flatten written as Shape -> Gather -> Unsqueeze -> Concat
-> Reshape, dense as Gemm(transB=1) or MatMul + Add, LSTM wrapped in
Transpose/Squeeze with its final state read from Y_h.
"""
import argparse
import os
import sys

import numpy as np
import onnx
import yaml
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
ZOO = os.path.join(HERE, "..", "..", "..", "resources", "networks")
# id -> style options
COMMITTED = {
    "lenet5": {"flatten": "shape_chain", "dense": "gemm"},
    "lenet-300-100": {"flatten": "flatten", "dense": "matmul_add"},
    "dscnn-s": {"flatten": "flatten", "dense": "gemm", "bn": True},
    "lstm-kws": {"dense": "gemm"},
    "mcunet-vww1": {"flatten": "flatten", "dense": "gemm", "qdq": True},
}


def pair(value):
    return list(value) if isinstance(value, list) else [value, value]


class Builder:
    def __init__(self, style, rng):
        self.style, self.rng = style, rng
        self.nodes, self.inits, self.count = [], [], 0

    def name(self, base):
        self.count += 1
        return f"{base}_{self.count}"

    def weight(self, name, shape, positive=False):
        values = self.rng.standard_normal(shape).astype(np.float32) * 0.1
        if positive:
            values = np.abs(values) + 0.5
        if self.style.get("qdq") and len(shape) > 1:
            q = np.clip(np.round(values * 127), -127, 127).astype(np.int8)
            self.inits.append(numpy_helper.from_array(q, name + "_q"))
            self.inits.append(numpy_helper.from_array(np.array(0.01, np.float32), name + "_scale"))
            self.inits.append(numpy_helper.from_array(np.array(0, np.int8), name + "_zp"))
            self.node("DequantizeLinear", [name + "_q", name + "_scale", name + "_zp"], [name])
            return name
        self.inits.append(numpy_helper.from_array(values.astype(np.float16), name + "_h"))
        self.node("Cast", [name + "_h"], [name], to=TensorProto.FLOAT)
        return name

    def const(self, values, dtype=np.int64):
        name = self.name("const")
        self.nodes.append(helper.make_node("Constant", [], [name], value=numpy_helper.from_array(np.array(values, dtype))))
        return name

    def node(self, op, inputs, outputs, name=None, **attrs):
        self.nodes.append(helper.make_node(op, inputs, outputs, name=name or self.name(op), **attrs))
        return outputs[0]

    def activation(self, kind, x, base):
        if kind in (None, "none"):
            return x
        if kind == "relu":
            return self.node("Relu", [x], [base + "_relu"])
        if kind == "relu6":
            return self.node("Clip", [x, self.const(0.0, np.float32), self.const(6.0, np.float32)], [base + "_relu6"])
        if kind == "hardswish":
            gate = self.node("HardSigmoid", [x], [base + "_hsig"], alpha=1.0 / 6, beta=0.5)
            return self.node("Mul", [x, gate], [base + "_hswish"])
        if kind == "leaky_relu":
            return self.node("LeakyRelu", [x], [base + "_leaky"], alpha=0.1)
        raise ValueError(kind)


def conv(b, layer, x, channels):
    f, k = layer["filters"], pair(layer["kernel"])
    g = layer.get("groups", 1)
    n = layer["name"]
    attrs = {"kernel_shape": k, "strides": pair(layer.get("stride", 1)), "group": g}
    pad = layer.get("padding", 0)
    if pad == "same":
        attrs["auto_pad"] = "SAME_UPPER"
    elif pad != "valid":
        p = pair(pad)
        attrs["pads"] = p + p if len(p) == 2 else p
    if "dilation" in layer:
        attrs["dilations"] = pair(layer["dilation"])
    inputs = [x, b.weight(n + ".weight", [f, channels // g] + k)]
    bias = layer.get("bias", True)
    use_bn = bias and b.style.get("bn")
    if bias and not use_bn:
        inputs.append(b.weight(n + ".bias", [f]) if not b.style.get("qdq") else bias_init(b, n, f))
    y = b.node("Conv", inputs, [n], name=n, **attrs)
    if use_bn:  # the exporter did not fold BatchNorm: conv without bias + BN
        bn = [b.weight(n + s, [f], positive=(s == ".bn.var")) for s in (".bn.scale", ".bn.bias", ".bn.mean", ".bn.var")]
        y = b.node("BatchNormalization", [y] + bn, [n + "_bn"], name=n + "_bn", epsilon=1e-5)
    return b.activation(layer.get("activation"), y, n), f


def bias_init(b, n, f):
    b.inits.append(numpy_helper.from_array(np.zeros([f], np.float32), n + ".bias"))
    return n + ".bias"


def dense(b, layer, x, features):
    n, units = layer["name"], layer["units"]
    bias = layer.get("bias", True)
    if b.style.get("dense") == "matmul_add":
        y = b.node("MatMul", [x, b.weight(n + ".weight", [features, units])], [n + "_mm"], name=n)
        if bias:
            y = b.node("Add", [y, b.weight(n + ".bias", [units])], [n + "_add"])
    else:
        inputs = [x, b.weight(n + ".weight", [units, features])]
        if bias:
            inputs.append(b.weight(n + ".bias", [units]) if not b.style.get("qdq") else bias_init(b, n, units))
        y = b.node("Gemm", inputs, [n], name=n, transB=1)
    return b.activation(layer.get("activation"), y, n), units


def flatten(b, x):
    if b.style.get("flatten") == "shape_chain":
        shape = b.node("Shape", [x], [b.name("shape")])
        batch = b.node("Gather", [shape, b.const(0)], [b.name("batch")], axis=0)
        batch1 = b.node("Unsqueeze", [batch, b.const([0])], [b.name("batch1")])
        target = b.node("Concat", [batch1, b.const([-1])], [b.name("target")], axis=0)
        return b.node("Reshape", [x, target], [b.name("flat")])
    return b.node("Flatten", [x], [b.name("flat")], axis=1)


def lstm(b, layer, x, features, steps):
    n, h = layer["name"], layer["hidden"]
    w = b.weight(n + ".W", [1, 4 * h, features])
    r = b.weight(n + ".R", [1, 4 * h, h])
    bias = np.zeros([1, 8 * h], np.float32)
    if layer.get("bias", "double") != "none":
        bias[0, : 4 * h] = 0.1  # TensorFlow's one bias vector; the recurrent half stays 0
        if layer.get("bias", "double") == "double":
            bias[0, 4 * h:] = 0.1
    b.inits.append(numpy_helper.from_array(bias, n + ".B"))
    seq = b.node("Transpose", [x], [n + "_tbi"], perm=[1, 0, 2])  # [1, T, F] -> [T, 1, F]
    outs = [n + "_Y", n + "_Yh"]
    b.node("LSTM", [seq, w, r, n + ".B"], outs, name=n, hidden_size=h)
    if layer.get("return_sequences", True):
        return b.node("Squeeze", [outs[0], b.const([1])], [n + "_seq"]), h
    return b.node("Squeeze", [outs[1], b.const([0])], [n + "_last"]), h


def build(zoo_id, style, seed=1):
    with open(os.path.join(ZOO, zoo_id + ".yaml")) as f:
        net = yaml.safe_load(f)
    b = Builder(style, np.random.default_rng(seed))
    inp = net["inputs"][0]
    shape = [1] + inp["shape"]
    tensors, shapes, prev = {inp["name"]: inp["name"]}, {inp["name"]: inp["shape"]}, inp["name"]
    graph_inputs = [helper.make_tensor_value_info(inp["name"], TensorProto.FLOAT, ["batch"] + inp["shape"])]
    for layer in net["layers"]:
        srcs = layer.get("inputs", [prev])
        x, s = tensors[srcs[0]], shapes[srcs[0]]
        op = layer["op"]
        if op == "conv2d":
            y, c = conv(b, layer, x, s[0])
            out = None
        elif op == "batchnorm":
            n, c = layer["name"], s[0]
            bn = [b.weight(n + suf, [c], positive=(suf == ".var")) for suf in (".scale", ".bias", ".mean", ".var")]
            y = b.node("BatchNormalization", [x] + bn, [n], name=n, epsilon=layer.get("epsilon", 1e-5))
            y = b.activation(layer.get("activation"), y, n)
        elif op in ("maxpool", "avgpool"):
            k = pair(layer["kernel"])
            attrs = {"kernel_shape": k, "strides": pair(layer.get("stride", layer["kernel"]))}
            pad = layer.get("padding", 0)
            if pad == "same":
                attrs["auto_pad"] = "SAME_UPPER"
            elif pad != "valid":
                p = pair(pad)
                attrs["pads"] = p + p if len(p) == 2 else p
            if layer.get("ceil_mode"):
                attrs["ceil_mode"] = 1
            y = b.node("MaxPool" if op == "maxpool" else "AveragePool", [x], [layer["name"]], name=layer["name"], **attrs)
        elif op == "global_avgpool":
            y = b.node("GlobalAveragePool", [x], [layer["name"]], name=layer["name"])
        elif op == "flatten":
            y = flatten(b, x)
        elif op == "dense":
            y, _ = dense(b, layer, x, s[-1])
        elif op == "add":
            y = b.node("Add", [tensors[i] for i in srcs], [layer["name"]], name=layer["name"])
            y = b.activation(layer.get("activation"), y, layer["name"])
        elif op == "concat":
            y = b.node("Concat", [tensors[i] for i in srcs], [layer["name"]], name=layer["name"], axis=1)
        elif op == "leaky_relu":
            y = b.node("LeakyRelu", [x], [layer["name"]], name=layer["name"], alpha=layer.get("alpha", 0.1))
        elif op == "lstm":
            y, _ = lstm(b, layer, x, s[-1], s[0])
        else:
            raise ValueError(f"{zoo_id}: op {op} not handled by the generator")
        tensors[layer["name"]] = y
        if op == "flatten":
            shapes[layer["name"]] = [int(np.prod(s))]
        elif op == "dense":
            shapes[layer["name"]] = s[:-1] + [layer["units"]]
        else:
            shapes[layer["name"]] = infer(y, b, graph_inputs, shape)
        prev = layer["name"]
    graph = helper.make_graph(b.nodes, net["name"], graph_inputs,
                              [helper.make_tensor_value_info(tensors[prev], TensorProto.FLOAT, None)], b.inits)
    model = helper.make_model(graph, producer_name="mdse gen_onnx.py", opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 7
    return model


def infer(name, b, graph_inputs, shape):
    """Shape (batch dropped) of tensor `name` via ONNX shape inference."""
    graph = helper.make_graph(b.nodes, "g", [helper.make_tensor_value_info(graph_inputs[0].name, TensorProto.FLOAT, shape)],
                              [helper.make_tensor_value_info(name, TensorProto.FLOAT, None)], b.inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    inferred = onnx.shape_inference.infer_shapes(model)
    for value in list(inferred.graph.value_info) + list(inferred.graph.output):
        if value.name == name:
            dims = [d.dim_value for d in value.type.tensor_type.shape.dim]
            if dims and all(d > 0 for d in dims):
                return dims[1:] if len(dims) > 1 else dims
    raise ValueError(f"no inferred shape for {name}")


def fuzz_seeds(out):
    """Tiny valid models for tests/fuzz/corpus/fuzz_onnx_import (a few hundred bytes each)."""
    f = TensorProto.FLOAT
    def save(name, nodes, inits, in_shape, opset=13):
        graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info("x", f, in_shape)],
                                  [helper.make_tensor_value_info(nodes[-1].output[0], f, None)], inits)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
        model.ir_version = 7
        onnx.save(model, os.path.join(out, name + ".onnx"))
    w = lambda name, *shape: numpy_helper.from_array(np.full(shape, 0.5, np.float32), name)
    i64 = lambda name, values: numpy_helper.from_array(np.array(values, np.int64), name)
    save("conv_bn_clip", [
        helper.make_node("Conv", ["x", "w"], ["c"], pads=[1, 1, 1, 1], strides=[2, 2]),
        helper.make_node("BatchNormalization", ["c", "s", "b", "m", "v"], ["n"]),
        helper.make_node("Constant", [], ["lo"], value=numpy_helper.from_array(np.array(0, np.float32))),
        helper.make_node("Constant", [], ["hi"], value=numpy_helper.from_array(np.array(6, np.float32))),
        helper.make_node("Clip", ["n", "lo", "hi"], ["y"])],
        [w("w", 2, 3, 3, 3), w("s", 2), w("b", 2), w("m", 2), w("v", 2)], ["N", 3, 6, 6])
    save("shape_chain_gemm", [
        helper.make_node("Shape", ["x"], ["s"]),
        helper.make_node("Gather", ["s", "zero"], ["n"], axis=0),
        helper.make_node("Unsqueeze", ["n", "axes"], ["n1"]),
        helper.make_node("Concat", ["n1", "minus1"], ["t"], axis=0),
        helper.make_node("Reshape", ["x", "t"], ["r"]),
        helper.make_node("Gemm", ["r", "w", "b"], ["y"], transB=1)],
        [i64("zero", 0), i64("axes", [0]), i64("minus1", [-1]), w("w", 3, 8), w("b", 3)], [1, 2, 2, 2])
    save("shuffle_pool", [
        helper.make_node("Reshape", ["x", "g"], ["r"]),
        helper.make_node("Transpose", ["r"], ["t"], perm=[0, 2, 1, 3, 4]),
        helper.make_node("Reshape", ["t", "f"], ["s"]),
        helper.make_node("MaxPool", ["s"], ["p"], kernel_shape=[3, 3], strides=[2, 2], ceil_mode=1),
        helper.make_node("GlobalAveragePool", ["p"], ["y"])],
        [i64("g", [1, 2, 2, 5, 5]), i64("f", [1, 4, 5, 5])], [1, 4, 5, 5])
    save("lstm", [
        helper.make_node("LSTM", ["x", "W", "R", "B"], ["Y", "Yh"], hidden_size=2),
        helper.make_node("Squeeze", ["Yh", "axes"], ["y"])],
        [w("W", 1, 8, 3), w("R", 1, 8, 2), w("B", 1, 16), i64("axes", [0])], [4, 1, 3])
    q = numpy_helper.from_array(np.full([2, 2, 1, 1], 3, np.int8), "wq")
    save("qdq_resize_slice", [
        helper.make_node("DequantizeLinear", ["wq", "sc", "zp"], ["w"]),
        helper.make_node("Conv", ["x", "w"], ["c"]),
        helper.make_node("Resize", ["c", "", "scales"], ["r"]),
        helper.make_node("Slice", ["r", "st", "en", "ax"], ["y"])],
        [q, numpy_helper.from_array(np.array(0.1, np.float32), "sc"), numpy_helper.from_array(np.array(0, np.int8), "zp"),
         numpy_helper.from_array(np.array([1, 1, 2, 2], np.float32), "scales"), i64("st", [1]), i64("en", [3]), i64("ax", [2])],
        [1, 2, 3, 3])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=HERE)
    parser.add_argument("--fuzz-seeds", help="write the fuzz seed corpus into this folder instead")
    parser.add_argument("ids", nargs="*")
    args = parser.parse_args()
    if args.fuzz_seeds:
        return fuzz_seeds(args.fuzz_seeds)
    for zoo_id in args.ids or COMMITTED:
        style = COMMITTED.get(zoo_id, {"flatten": "flatten", "dense": "gemm", "bn": True})
        model = build(zoo_id, style)
        path = os.path.join(args.out, zoo_id + ".onnx")
        onnx.save(model, path)
        print(f"{path}: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    sys.exit(main())
