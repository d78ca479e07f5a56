// libFuzzer target for the TFLite importer (issue #13, "Tests and bad
// input"). Any input must either give a core::Error or a valid network
// whose statistics compute (or refuse with core::Error on overflow), and a
// network's weight tensors must be readable. Anything else (crash,
// sanitizer report, other exception) is a finding. Seeds are small valid
// models written with tests/core/tst_tflite_builder.h
// (tests/fuzz/corpus/fuzz_tflite_import/). Run longer by hand:
//   ./build-asan/tests/fuzz/fuzz_tflite_import -max_total_time=600 \
//       tests/fuzz/corpus/fuzz_tflite_import
#include "core/graph/layer_stats.h"
#include "core/io/tflite/tflite_import.h"
#include "core/util/error.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>

using namespace mdse::core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        const Network network = importTfliteBytes(data, size, "<fuzz>");
        computeStats(network);
        for (const Layer& layer : network.layers())
            for (const std::string* name : {&layer.weightTensor, &layer.biasTensor, &layer.recurrentWeightTensor})
                if (!name->empty()) {
                    const WeightTensor& tensor = network.weights()->at(*name);
                    if (tensor.elementCount() > 0)
                        tensor.valueAt(tensor.elementCount() - 1);
                }
    } catch (const Error&) {
        // a clear refusal: fine
    } catch (const std::exception& other) {
        std::fprintf(stderr, "fuzz_tflite_import: unexpected exception: %s\n", other.what());
        std::abort();
    }
    return 0;
}
