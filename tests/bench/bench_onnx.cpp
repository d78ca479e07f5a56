// ONNX open time and memory (issue #3, "Benchmark"): writes, through the
// protobuf API, ONNX versions of zoo:mobilenetv2-1.0-224 (~14 MB, Conv +
// BatchNormalization + Clip as PyTorch exports it before folding) and
// zoo:alexnet (~244 MB) into a fresh directory under the system temporary
// directory (removed at exit), then, as Google Benchmark programs:
//  - onnxOpen/<model>: importOnnxFile (mmap, parse, fold, translate, infer
//    shapes) + computeStats;
//  - onnxParse/<model>: the bare protobuf parse of the same file (mmap +
//    ParseFromArray);
// Counters: fileBytes, bytes_per_second (of the file), and on onnxOpen the
// peak RSS (VmHWM) of a fresh process that only opens the file
// (peakRssBytes, peakRssPerFileRatio) and of one opening
// zoo:lenet-300-100 as ONNX (baselinePeakRssBytes, baselineFileBytes: the
// process itself, libraries and zoo). Goals: open < 30 ms and < 400 ms;
// peak RSS < 2x the file. Times are Google Benchmark's, never asserted.
//   ./build/tests/bench/bench_onnx [--benchmark_repetitions=11]
#include "core/graph/layer_stats.h"
#include "core/io/network_loader.h"
#include "tests/core/tst_onnx_builder.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace mdse::core;
using mdse::test::OnnxBuilder;
namespace fs = std::filesystem;

extern char** environ;

namespace {

using Ints = std::vector<std::int64_t>;

std::string zeros(std::int64_t floats) { return std::string(static_cast<std::size_t>(floats) * 4, '\0'); }

void weight(OnnxBuilder& b, const std::string& name, const Ints& dims)
{
    auto* t = b.graph().add_initializer();
    t->set_name(name);
    t->set_data_type(onnx::TensorProto::FLOAT);
    std::int64_t count = 1;
    for (std::int64_t d : dims) {
        t->add_dims(d);
        count *= d;
    }
    t->set_raw_data(zeros(count));
}

// One zoo layer as exporter-style ONNX nodes; returns the output tensor.
std::string emitLayer(OnnxBuilder& b, const Network& net, const Layer& layer, const std::vector<std::string>& inputNames)
{
    const std::string& input = inputNames.front();
    const Shape in = net.tensor(layer.inputs.front()).shape;
    const std::string& n = layer.name;
    std::string out = n;
    const auto window = [&](onnx::NodeProto& node, bool pool) {
        const Ints k = layer.attributes.getInts("kernel", {1});
        OnnxBuilder::setInts(node, "kernel_shape", {k.front(), k.back()});
        const Ints s = layer.attributes.getInts("stride", pool ? k : Ints{1});
        OnnxBuilder::setInts(node, "strides", {s.front(), s.back()});
        if (layer.attributes.holdsString("padding")) {
            if (layer.attributes.getString("padding", "") == "same")
                OnnxBuilder::setString(node, "auto_pad", "SAME_UPPER");
        } else {
            const Ints p = layer.attributes.getInts("padding", {0});
            OnnxBuilder::setInts(node, "pads", p.size() == 4 ? p : Ints{p.front(), p.back(), p.front(), p.back()});
        }
    };
    switch (layer.op) {
    case OpKind::Conv2D: {
        const std::int64_t f = layer.attributes.getInt("filters", 1), g = layer.attributes.getInt("groups", 1);
        const Ints k = layer.attributes.getInts("kernel", {1});
        weight(b, n + ".w", {f, in[0] / g, k.front(), k.back()});
        std::vector<std::string> inputs{input, n + ".w"};
        if (layer.attributes.getInt("bias", 1) != 0) {
            weight(b, n + ".b", {f});
            inputs.push_back(n + ".b");
        }
        auto& node = b.node("Conv", inputs, {n});
        OnnxBuilder::setInt(node, "group", g);
        window(node, false);
        break;
    }
    case OpKind::BatchNorm:
        for (const char* p : {".s", ".h", ".m", ".v"})
            weight(b, n + p, {in[0]});
        b.node("BatchNormalization", {input, n + ".s", n + ".h", n + ".m", n + ".v"}, {n});
        break;
    case OpKind::MaxPool:
    case OpKind::AvgPool: window(b.node(layer.op == OpKind::MaxPool ? "MaxPool" : "AveragePool", {input}, {n}), true); break;
    case OpKind::GlobalAvgPool: b.node("GlobalAveragePool", {input}, {n}); break;
    case OpKind::Flatten: b.node("Flatten", {input}, {n}); break;
    case OpKind::Add: b.node("Add", {input, inputNames.back()}, {n}); break;
    case OpKind::Dense: {
        const std::int64_t units = layer.attributes.getInt("units", 1);
        weight(b, n + ".w", {units, in.back()});
        weight(b, n + ".b", {units});
        OnnxBuilder::setInt(b.node("Gemm", {input, n + ".w", n + ".b"}, {n}), "transB", 1);
        break;
    }
    default: throw Error("bench_onnx: op not written: " + std::string(opName(layer.op)));
    }
    const std::string activation = layer.attributes.getString("activation", "none");
    if (activation == "relu")
        out = b.node("Relu", {n}, {n + "_act"}).output(0);
    else if (activation == "relu6")
        out = b.node("Clip", {n, "zero", "six"}, {n + "_act"}).output(0);
    return out;
}

// Writes the zoo network as ONNX; tensor names follow layer names so that
// multi-input layers (add) find their inputs.
std::size_t writeModel(const std::string& zooId, const std::string& path)
{
    const Network net = loadNetwork("zoo:" + zooId);
    OnnxBuilder b;
    b.floats("zero", {}, {0.0f});
    b.floats("six", {}, {6.0f});
    const TensorInfo& input = net.inputs().front();
    Ints dims{1};
    dims.insert(dims.end(), input.shape.begin(), input.shape.end());
    b.input(input.name, dims);
    std::map<std::string, std::string> onnxName{{input.name, input.name}};
    std::string last;
    for (std::size_t index : net.executionOrder()) {
        const Layer& layer = net.layers()[index];
        std::vector<std::string> inputs;
        for (const std::string& name : layer.inputs)
            inputs.push_back(onnxName.at(name));
        last = emitLayer(b, net, layer, inputs);
        onnxName[net.layers()[index].outputs.front()] = last;
    }
    b.output(last);
    std::ofstream(path, std::ios::binary) << b.bytes();
    struct stat info {};
    ::stat(path.c_str(), &info);
    return static_cast<std::size_t>(info.st_size);
}

// The bare protobuf parse: false if the file does not parse.
bool bareParse(const std::string& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY);
    struct stat info {};
    ::fstat(fd, &info);
    void* data = ::mmap(nullptr, static_cast<std::size_t>(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    onnx::ModelProto model;
    const bool parsed = model.ParseFromArray(data, static_cast<int>(info.st_size));
    ::munmap(data, static_cast<std::size_t>(info.st_size));
    ::close(fd);
    return parsed;
}

// Peak RSS (KiB, VmHWM) of a fresh process that opens `path` once.
long peakRssOfChild(const std::string& path)
{
    const std::string report = path + ".rss";
    pid_t pid = 0;
    std::string flag = "--open-once", target = path, out = report;
    char* argv[] = {flag.data(), flag.data(), target.data(), out.data(), nullptr};
    if (posix_spawn(&pid, "/proc/self/exe", nullptr, nullptr, argv, environ) != 0)
        return -1;
    int status = 0;
    ::waitpid(pid, &status, 0);
    long kib = -1;
    std::ifstream(report) >> kib;
    std::remove(report.c_str());
    return kib;
}

long ownPeakKib()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0)
            return std::stol(line.substr(6));
    return -1;
}

const fs::path& benchDir()
{
    static const fs::path dir = [] {
        const fs::path path = fs::temp_directory_path()
            / ("mdse_bench_onnx_" + std::to_string(std::random_device{}()) + "_" + std::to_string(::getpid()));
        fs::create_directories(path);
        return path;
    }();
    return dir;
}

struct WrittenModel {
    std::string path;
    std::size_t fileBytes = 0;
    long peakRssKib = -1; // of a fresh process opening it
};

// Each model is written (and its child's peak RSS measured) once, outside
// every timed loop; the files stay until exit.
const WrittenModel& writtenModel(const std::string& zooId)
{
    static std::map<std::string, WrittenModel> models;
    auto it = models.find(zooId);
    if (it == models.end()) {
        WrittenModel m;
        m.path = (benchDir() / (zooId + ".onnx")).string();
        m.fileBytes = writeModel(zooId, m.path);
        m.peakRssKib = peakRssOfChild(m.path);
        it = models.emplace(zooId, m).first;
    }
    return it->second;
}

void onnxOpen(benchmark::State& state, const std::string& zooId)
{
    const WrittenModel& m = writtenModel(zooId);
    const WrittenModel& baseline = writtenModel("lenet-300-100");
    for (auto _ : state)
        benchmark::DoNotOptimize(computeStats(loadNetwork(m.path)));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(m.fileBytes));
    state.counters["fileBytes"] = double(m.fileBytes);
    state.counters["peakRssBytes"] = double(m.peakRssKib) * 1024;
    state.counters["peakRssPerFileRatio"] = double(m.peakRssKib) * 1024 / double(m.fileBytes);
    state.counters["baselinePeakRssBytes"] = double(baseline.peakRssKib) * 1024;
    state.counters["baselineFileBytes"] = double(baseline.fileBytes);
}

void onnxParse(benchmark::State& state, const std::string& zooId)
{
    const WrittenModel& m = writtenModel(zooId);
    for (auto _ : state)
        if (!bareParse(m.path)) {
            state.SkipWithError("bare protobuf parse failed");
            break;
        }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(m.fileBytes));
    state.counters["fileBytes"] = double(m.fileBytes);
}

} // namespace

int main(int argc, char** argv)
{
    if (argc == 4 && std::string(argv[1]) == "--open-once") {
        computeStats(loadNetwork(argv[2]));
        std::ofstream(argv[3]) << ownPeakKib();
        return 0;
    }
    for (const char* id : {"mobilenetv2-1.0-224", "alexnet"}) {
        const std::string model = id;
        benchmark::RegisterBenchmark(("onnxOpen/" + model).c_str(), onnxOpen, model)->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark(("onnxParse/" + model).c_str(), onnxParse, model)->Unit(benchmark::kMillisecond);
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    std::error_code ignored;
    fs::remove_all(benchDir(), ignored);
    return 0;
}
