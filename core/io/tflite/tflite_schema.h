#pragma once

// Internal to core/io/tflite: the parts of the TensorFlow Lite FlatBuffers
// schema the reader uses, written down from the published schema
// (tensorflow/lite/schema/schema.fbs, schema version 3, file_identifier
// "TFL3"). Field ids are declaration positions in each table (a union takes
// two ids: its `_type` byte, then the value); enum values are as declared.

#include <cstdint>
#include <string>

namespace mdse::core::tflite_import::schema {

inline constexpr const char* kFileIdentifier = "TFL3";
inline constexpr std::uint32_t kSchemaVersion = 3;

// table Model
namespace model {
inline constexpr int version = 0, operator_codes = 1, subgraphs = 2, description = 3, buffers = 4,
                     metadata_buffer = 5, metadata = 6;
}
// table OperatorCode
namespace operator_code {
inline constexpr int deprecated_builtin_code = 0, custom_code = 1, version = 2, builtin_code = 3;
}
// table SubGraph
namespace subgraph {
inline constexpr int tensors = 0, inputs = 1, outputs = 2, operators = 3, name = 4;
}
// table Buffer (offset/size: data stored after the FlatBuffer, files > 2 GiB)
namespace buffer {
inline constexpr int data = 0, offset = 1, size = 2;
}
// table Tensor
namespace tensor {
inline constexpr int shape = 0, type = 1, buffer = 2, name = 3, quantization = 4, is_variable = 5,
                     sparsity = 6, shape_signature = 7;
}
// table QuantizationParameters (details: union, ids 4 and 5)
namespace quantization {
inline constexpr int min = 0, max = 1, scale = 2, zero_point = 3, details_type = 4, details = 5,
                     quantized_dimension = 6;
}
// table Operator (builtin_options: union, ids 3 and 4)
namespace op {
inline constexpr int opcode_index = 0, inputs = 1, outputs = 2, builtin_options_type = 3,
                     builtin_options = 4, custom_options = 5, custom_options_format = 6,
                     mutating_variable_inputs = 7, intermediates = 8;
}

// enum TensorType : byte
enum TensorType : std::int8_t {
    FLOAT32 = 0, FLOAT16 = 1, INT32 = 2, UINT8 = 3, INT64 = 4, STRING = 5, BOOL = 6, INT16 = 7,
    COMPLEX64 = 8, INT8 = 9, FLOAT64 = 10, COMPLEX128 = 11, UINT64 = 12, RESOURCE = 13,
    VARIANT = 14, UINT32 = 15, UINT16 = 16, INT4 = 17, BFLOAT16 = 18,
};

// enum Padding : byte
enum Padding : std::int8_t { SAME = 0, VALID = 1 };

// enum ActivationFunctionType : byte
// (prefixed ACT_: the names RELU, RELU6, TANH are also builtin operators)
enum Activation : std::int8_t {
    ACT_NONE = 0, ACT_RELU = 1, ACT_RELU_N1_TO_1 = 2, ACT_RELU6 = 3, ACT_TANH = 4, ACT_SIGN_BIT = 5,
};

// enum BuiltinOperator : int32 (the operators the importer maps; any other
// code is kept as an opaque layer, named by builtinName()).
enum Builtin : std::int32_t {
    ADD = 0, AVERAGE_POOL_2D = 1, CONCATENATION = 2, CONV_2D = 3, DEPTHWISE_CONV_2D = 4,
    DEQUANTIZE = 6, FULLY_CONNECTED = 9, LOGISTIC = 14, MAX_POOL_2D = 17, MUL = 18, RELU = 19,
    RELU6 = 21, RESHAPE = 22, RESIZE_BILINEAR = 23, SOFTMAX = 25, SVDF = 27, TANH = 28,
    CUSTOM = 32, PAD = 34, TRANSPOSE = 39, MEAN = 40, SUB = 41, SQUEEZE = 43,
    UNIDIRECTIONAL_SEQUENCE_LSTM = 44, STRIDED_SLICE = 45, SPLIT = 49, PRELU = 54, PADV2 = 60,
    SLICE = 65, TRANSPOSE_CONV = 67, EXPAND_DIMS = 70, PACK = 83, UNPACK = 88,
    RESIZE_NEAREST_NEIGHBOR = 97, LEAKY_RELU = 98, SPLIT_V = 102, QUANTIZE = 114,
    HARD_SWISH = 117, BATCH_MATMUL = 126,
};

// Option tables (the builtin_options value), field ids.
namespace conv2d { // Conv2DOptions
inline constexpr int padding = 0, stride_w = 1, stride_h = 2, fused_activation = 3, dilation_w = 4, dilation_h = 5;
}
namespace depthwise { // DepthwiseConv2DOptions
inline constexpr int padding = 0, stride_w = 1, stride_h = 2, depth_multiplier = 3, fused_activation = 4,
                     dilation_w = 5, dilation_h = 6;
}
namespace transpose_conv { // TransposeConvOptions
inline constexpr int padding = 0, stride_w = 1, stride_h = 2, fused_activation = 3;
}
namespace pool2d { // Pool2DOptions
inline constexpr int padding = 0, stride_w = 1, stride_h = 2, filter_width = 3, filter_height = 4,
                     fused_activation = 5;
}
namespace fully_connected { // FullyConnectedOptions
inline constexpr int fused_activation = 0, weights_format = 1, keep_num_dims = 2;
}
// AddOptions, SubOptions, MulOptions: fused_activation_function is field 0;
// ConcatenationOptions: axis 0, fused_activation_function 1.
inline constexpr int kElementwiseActivation = 0;
namespace concatenation {
inline constexpr int axis = 0, fused_activation = 1;
}
namespace reducer { // ReducerOptions
inline constexpr int keep_dims = 0;
}
namespace strided_slice { // StridedSliceOptions
inline constexpr int begin_mask = 0, end_mask = 1, ellipsis_mask = 2, new_axis_mask = 3, shrink_axis_mask = 4;
}
namespace pack { // PackOptions
inline constexpr int values_count = 0, axis = 1;
}
namespace unpack { // UnpackOptions
inline constexpr int num = 0, axis = 1;
}
namespace leaky_relu { // LeakyReluOptions
inline constexpr int alpha = 0;
}
namespace batch_matmul { // BatchMatMulOptions
inline constexpr int adj_x = 0, adj_y = 1;
}
namespace svdf { // SVDFOptions
inline constexpr int rank = 0, fused_activation = 1;
}
namespace sequence_lstm { // UnidirectionalSequenceLSTMOptions
inline constexpr int fused_activation = 0, cell_clip = 1, proj_clip = 2, time_major = 3;
}

// "CONV_2D" for a builtin code, "BUILTIN_<n>" for codes without a name here.
std::string builtinName(std::int32_t code);

} // namespace mdse::core::tflite_import::schema
