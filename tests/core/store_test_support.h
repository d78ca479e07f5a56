#pragma once
// Helpers shared by the tst_store_* suites (header only, not a test).

#include "core/graph/layer_stats.h"
#include "core/io/design_config_yaml.h"
#include "core/io/network_yaml.h"
#include "core/evaluate/evaluate.h"
#include "core/store/experiment_from_evaluation.h"
#include "core/store/sqlite_database.h"

#include <string>

namespace mdse::test {

// A chain of `layers` 3x3 convolutions with `channels` filters on a
// [channels, 8, 8] input: each layer has 9*C*C weights and C biases.
inline std::string chainNetworkYaml(int layers, int channels)
{
    const std::string c = std::to_string(channels);
    std::string yaml = "name: chain" + std::to_string(layers) + "x" + c + "\ninputs:\n  - {name: x, shape: [" + c
        + ", 8, 8]}\nlayers:\n";
    for (int i = 0; i < layers; ++i)
        yaml += "  - {name: conv" + std::to_string(i) + ", op: conv2d, filters: " + c + ", kernel: 3, padding: 1}\n";
    return yaml;
}

inline core::Experiment makeExperiment(const std::string& name, int layers = 4, int channels = 8,
                                       const std::string& configYaml = "")
{
    const core::Network network = core::readNetworkYaml(chainNetworkYaml(layers, channels), "<test>");
    core::DesignSpec spec;
    spec.design = core::readDesignConfigYaml(configYaml, "<test config>");
    core::Experiment e = core::experimentFromEvaluation(network, "<test>", core::evaluate(network, spec), name);
    e.configYaml = configYaml;
    return e;
}

inline std::string pragmaText(const std::string& path, const char* pragma)
{
    core::SqliteDatabase db(path, core::SqliteDatabase::Mode::ReadOnly, 5000);
    core::SqliteStatement statement = db.prepare(pragma);
    return statement.step() ? statement.text(0) : std::string();
}

// Round counts of the robustness suites: a default that stays meaningful
// under ASan, tunable with an environment variable.
inline int envRounds(const char* variable, int fallback)
{
    const char* value = std::getenv(variable);
    return value != nullptr && std::atoi(value) > 0 ? std::atoi(value) : fallback;
}

} // namespace mdse::test
