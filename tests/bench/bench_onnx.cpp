// ONNX open time and memory (issue #3, "Benchmark"): writes, through the
// protobuf API, ONNX versions of zoo:mobilenetv2-1.0-224 (~14 MB, Conv +
// BatchNormalization + Clip as PyTorch exports it before folding) and
// zoo:alexnet (~244 MB), into /tmp, then for each prints
//  - open: importOnnxFile (mmap, parse, fold, translate, infer shapes) +
//    computeStats, best of 5 runs;
//  - parse: the bare protobuf parse of the same file (mmap + ParseFromArray);
//  - peak RSS of a fresh process that only opens the file, against the size.
// Goals: open < 30 ms and < 400 ms; peak RSS < 2x the file. Times are
// printed, never asserted. Run: ./build/tests/bench/bench_onnx
#include "core/graph/layer_stats.h"
#include "core/io/network_loader.h"
#include "tests/core/tst_onnx_builder.h"

#include <chrono>
#include <cstdio>
#include <fcntl.h>
#include <fstream>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace mdse::core;
using mdse::test::OnnxBuilder;
using Clock = std::chrono::steady_clock;

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

double bestMs(int runs, const std::function<void()>& work)
{
    double best = 1e9;
    for (int i = 0; i < runs; ++i) {
        const auto start = Clock::now();
        work();
        best = std::min(best, std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    return best;
}

void bareParse(const std::string& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY);
    struct stat info {};
    ::fstat(fd, &info);
    void* data = ::mmap(nullptr, static_cast<std::size_t>(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    onnx::ModelProto model;
    if (!model.ParseFromArray(data, static_cast<int>(info.st_size)))
        std::printf("bare parse failed\n");
    ::munmap(data, static_cast<std::size_t>(info.st_size));
    ::close(fd);
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

} // namespace

int main(int argc, char** argv)
{
    if (argc == 4 && std::string(argv[1]) == "--open-once") {
        computeStats(loadNetwork(argv[2]));
        std::ofstream(argv[3]) << ownPeakKib();
        return 0;
    }
    long baseline = 0;
    {
        const std::string empty = "/tmp/mdse_bench_onnx_tiny.onnx";
        writeModel("lenet-300-100", empty);
        baseline = peakRssOfChild(empty); // the process itself (libraries, zoo) and a 1 MB model
    }
    std::printf("%-24s %10s %10s %10s %12s %10s\n", "model", "file MB", "open ms", "parse ms", "peak RSS MB", "RSS/file");
    for (const char* id : {"mobilenetv2-1.0-224", "alexnet"}) {
        const std::string path = std::string("/tmp/mdse_bench_") + id + ".onnx";
        const std::size_t bytes = writeModel(id, path);
        const double open = bestMs(5, [&] { computeStats(loadNetwork(path)); });
        const double parse = bestMs(5, [&] { bareParse(path); });
        const long peak = peakRssOfChild(path);
        const double fileMb = static_cast<double>(bytes) / 1e6;
        const double peakMb = static_cast<double>(peak) * 1024 / 1e6;
        std::printf("%-24s %10.1f %10.1f %10.1f %12.1f %10.2f\n", id, fileMb, open, parse, peakMb, peakMb / fileMb);
        std::remove(path.c_str());
    }
    std::printf("(peak RSS of a process opening a 0.5 MB model: %.1f MB)\n", static_cast<double>(baseline) * 1024 / 1e6);
    return 0;
}
