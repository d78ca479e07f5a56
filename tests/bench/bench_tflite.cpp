// TFLite open time and memory (issue #13, "Performance"): writes int8
// TFLite versions of zoo:mobilenetv2-1.0-224 (~4.0 MB, the converter's
// layout: BatchNorm folded, per-channel int8 weights, int32 biases;
// tests/core/tst_tflite_zoo.h) and zoo:mlperf-tiny-vww (MobileNetV1 0.25,
// ~0.3 MB) into a fresh directory under the system temporary directory
// (removed at exit), then, as Google Benchmark programs:
//  - tfliteOpen/<model>: loadNetwork (content sniff, mmap, verify, read,
//    translate, infer shapes) + computeStats;
// Counters: fileBytes, layers, macs, params, bytes_per_second (of the
// file), and the peak RSS (VmHWM) of a fresh process that only opens the
// file (peakRssBytes) next to that of one opening the smallest model
// (zoo:lenet-300-100 as TFLite, baselinePeakRssBytes): their difference
// over the file size is the memory the open costs per file byte
// (openRssPerFileRatio). Goals: open <= 5 ms and <= 1 ms; peak memory
// <= 1.5x the file. Times are Google Benchmark's, never asserted.
//   ./build/tests/bench/bench_tflite [--benchmark_repetitions=11]
//   ./build/tests/bench/bench_tflite --write-models DIR   (keep the files)
#include "core/graph/layer_stats.h"
#include "core/io/network_loader.h"
#include "tests/core/tst_tflite_zoo.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace mdse::core;
namespace fs = std::filesystem;

extern char** environ;

namespace {

std::size_t writeModel(const std::string& zooId, const std::string& path)
{
    const std::vector<std::uint8_t> bytes = mdse::test::ZooToTflite(loadNetwork("zoo:" + zooId)).bytes();
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                                static_cast<std::streamsize>(bytes.size()));
    return bytes.size();
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

const fs::path& benchDir()
{
    static const fs::path dir = [] {
        const fs::path path = fs::temp_directory_path()
            / ("mdse_bench_tflite_" + std::to_string(std::random_device{}()) + "_" + std::to_string(::getpid()));
        fs::create_directories(path);
        return path;
    }();
    return dir;
}

struct WrittenModel {
    std::string path;
    std::size_t fileBytes = 0;
    long peakRssKib = -1;
};

// Each model is written (and its child's peak RSS measured) once, outside
// every timed loop; the files stay until exit.
const WrittenModel& writtenModel(const std::string& zooId)
{
    static std::map<std::string, WrittenModel> models;
    auto it = models.find(zooId);
    if (it == models.end()) {
        WrittenModel m;
        m.path = (benchDir() / (zooId + ".tflite")).string();
        m.fileBytes = writeModel(zooId, m.path);
        m.peakRssKib = peakRssOfChild(m.path);
        it = models.emplace(zooId, m).first;
    }
    return it->second;
}

void tfliteOpen(benchmark::State& state, const std::string& zooId)
{
    const WrittenModel& m = writtenModel(zooId);
    const WrittenModel& baseline = writtenModel("lenet-300-100");
    NetworkStats stats;
    for (auto _ : state) {
        stats = computeStats(loadNetwork(m.path));
        benchmark::DoNotOptimize(stats);
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(m.fileBytes));
    state.counters["fileBytes"] = double(m.fileBytes);
    state.counters["layers"] = double(stats.layers.size());
    state.counters["macs"] = double(stats.totals.macs);
    state.counters["params"] = double(stats.totals.params);
    state.counters["peakRssBytes"] = double(m.peakRssKib) * 1024;
    state.counters["baselinePeakRssBytes"] = double(baseline.peakRssKib) * 1024;
    state.counters["openRssPerFileRatio"] =
        double(m.peakRssKib - baseline.peakRssKib) * 1024 / double(m.fileBytes - baseline.fileBytes);
}

} // namespace

int main(int argc, char** argv)
{
    if (argc == 4 && std::string(argv[1]) == "--open-once") {
        computeStats(loadNetwork(argv[2]));
        std::ofstream(argv[3]) << ownPeakKib();
        return 0;
    }
    const char* const models[] = {"mobilenetv2-1.0-224", "mlperf-tiny-vww"};
    if (argc == 3 && std::string(argv[1]) == "--write-models") {
        for (const char* id : models)
            std::printf("%s: %zu bytes\n", id, writeModel(id, (fs::path(argv[2]) / (std::string(id) + ".tflite")).string()));
        return 0;
    }
    for (const char* id : models) {
        const std::string model = id;
        benchmark::RegisterBenchmark(("tfliteOpen/" + model).c_str(), tfliteOpen, model)->Unit(benchmark::kMillisecond);
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
