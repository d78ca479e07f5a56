#include "core/store/experiment_yaml.h"

#include "core/io/network_yaml.h"
#include "core/util/error.h"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <set>

namespace mdse::core {
namespace {

class Reader {
public:
    explicit Reader(std::string file) : m_file(std::move(file)) {}

    std::vector<Experiment> read(const YAML::Node& root) const
    {
        m_context = root.IsDefined() ? root.Mark() : YAML::Mark();
        expectKeys(root, "the file", {"format", "version", "experiments"});
        if (text(root["format"], "format") != "microdse-experiments")
            fail(root["format"], "format must be 'microdse-experiments'");
        if (integer(root["version"], "version") != 1)
            fail(root["version"], "unsupported experiments file version (this program reads version 1)");
        const YAML::Node list = root["experiments"];
        if (!list.IsSequence())
            fail(list, "experiments must be a list");
        std::vector<Experiment> experiments;
        std::set<std::string> names;
        for (const YAML::Node& node : list) {
            experiments.push_back(experiment(node));
            if (!names.insert(experiments.back().name).second)
                fail(node["name"], "experiment name '" + experiments.back().name + "' appears twice");
        }
        return experiments;
    }

private:
    // A missing key gives an invalid node without a position: report it at
    // the experiment being read.
    [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const
    {
        const YAML::Mark mark = node.IsDefined() ? node.Mark() : m_context;
        throw Error(message, {m_file, mark.line + 1, mark.column + 1});
    }

    void expectKeys(const YAML::Node& node, const std::string& what, std::set<std::string> allowed) const
    {
        if (!node.IsDefined() || !node.IsMap())
            fail(node, what + " must be a mapping (key: value)");
        for (const auto& entry : node)
            if (!allowed.count(entry.first.Scalar()))
                fail(entry.first, "unknown key '" + entry.first.Scalar() + "' in " + what);
    }

    std::string text(const YAML::Node& node, const std::string& what) const
    {
        if (!node.IsDefined() || !node.IsScalar())
            fail(node, what + " must be a text value");
        return node.Scalar();
    }

    std::string optionalText(const YAML::Node& node, const std::string& what) const
    {
        return node.IsDefined() && !node.IsNull() ? text(node, what) : std::string();
    }

    std::int64_t integer(const YAML::Node& node, const std::string& what) const
    {
        std::int64_t value = 0;
        if (!node.IsDefined() || !node.IsScalar() || !YAML::convert<std::int64_t>::decode(node, value))
            fail(node, what + " must be an integer");
        return value;
    }

    double real(const YAML::Node& node, const std::string& what) const
    {
        double value = 0;
        if (!node.IsDefined() || !node.IsScalar() || !YAML::convert<double>::decode(node, value) || !std::isfinite(value))
            fail(node, what + " must be a finite number");
        return value;
    }

    std::optional<double> optionalReal(const YAML::Node& node, const std::string& what) const
    {
        return node.IsDefined() ? std::optional<double>(real(node, what)) : std::nullopt;
    }

    std::optional<std::int64_t> optionalInteger(const YAML::Node& node, const std::string& what) const
    {
        return node.IsDefined() ? std::optional<std::int64_t>(integer(node, what)) : std::nullopt;
    }

    StoredNetwork network(const YAML::Node& node) const
    {
        expectKeys(node, "network", {"name", "sourcePath", "yaml"});
        StoredNetwork n{text(node["name"], "network name"), optionalText(node["sourcePath"], "sourcePath"),
                        text(node["yaml"], "network yaml"), {}};
        try {
            readNetworkYaml(n.yaml, m_file + " (embedded network '" + n.name + "')");
        } catch (const Error& error) {
            fail(node["yaml"], "the embedded network does not load: " + error.message());
        }
        return n;
    }

    LayerResult layer(const YAML::Node& node) const
    {
        expectKeys(node, "a layer result",
                   {"name", "op", "inputShape", "outputShape", "weights", "biases", "params", "macs",
                    "inputElements", "outputElements", "weightBits", "activationBits", "pruning", "sparsity",
                    "weightBytes", "latencySeconds", "energyJoules"});
        LayerResult l;
        l.name = text(node["name"], "layer name");
        l.op = text(node["op"], "layer op");
        l.inputShape = optionalText(node["inputShape"], "inputShape");
        l.outputShape = optionalText(node["outputShape"], "outputShape");
        l.weights = optionalInteger(node["weights"], "weights").value_or(0);
        l.biases = optionalInteger(node["biases"], "biases").value_or(0);
        l.params = optionalInteger(node["params"], "params").value_or(0);
        l.macs = optionalInteger(node["macs"], "macs").value_or(0);
        l.inputElements = optionalInteger(node["inputElements"], "inputElements").value_or(0);
        l.outputElements = optionalInteger(node["outputElements"], "outputElements").value_or(0);
        l.weightBits = optionalInteger(node["weightBits"], "weightBits");
        l.activationBits = optionalInteger(node["activationBits"], "activationBits");
        l.pruning = optionalText(node["pruning"], "pruning");
        l.sparsity = optionalReal(node["sparsity"], "sparsity");
        l.weightBytes = optionalReal(node["weightBytes"], "weightBytes");
        l.latencySeconds = optionalReal(node["latencySeconds"], "latencySeconds");
        l.energyJoules = optionalReal(node["energyJoules"], "energyJoules");
        return l;
    }

    void plans(const YAML::Node& node, Experiment& e) const
    {
        if (const YAML::Node memory = node["memory"]) {
            expectKeys(memory, "memory", {"arenaBytes", "tensors"});
            e.memory.arenaBytes = optionalInteger(memory["arenaBytes"], "arenaBytes");
            for (const YAML::Node& t : list(memory["tensors"], "memory tensors")) {
                expectKeys(t, "a tensor placement", {"tensor", "offsetBytes", "sizeBytes"});
                e.memory.tensors.push_back({text(t["tensor"], "tensor"), integer(t["offsetBytes"], "offsetBytes"),
                                            integer(t["sizeBytes"], "sizeBytes")});
            }
        }
        if (const YAML::Node patch = node["patch"]) {
            expectKeys(patch, "patch", {"splitLayer", "grid", "peakBytes", "overheadPercent"});
            e.patch = ExperimentPatchPlan{text(patch["splitLayer"], "splitLayer"), integer(patch["grid"], "grid"),
                                optionalInteger(patch["peakBytes"], "peakBytes"),
                                optionalReal(patch["overheadPercent"], "overheadPercent")};
        }
    }

    YAML::Node list(const YAML::Node& node, const std::string& what) const
    {
        if (node.IsDefined() && !node.IsNull() && !node.IsSequence())
            fail(node, what + " must be a list");
        return node.IsDefined() && node.IsSequence() ? node : YAML::Node(YAML::NodeType::Sequence);
    }

    Experiment experiment(const YAML::Node& node) const
    {
        expectKeys(node, "an experiment",
                   {"name", "notes", "tags", "created", "modified", "network", "target", "config", "spec", "metrics",
                    "memory", "patch", "layers", "measurements"});
        m_context = node.Mark();
        Experiment e;
        e.name = text(node["name"], "experiment name");
        e.notes = optionalText(node["notes"], "notes");
        for (const YAML::Node& tag : list(node["tags"], "tags"))
            e.tags.push_back(text(tag, "a tag"));
        e.createdSeconds = optionalInteger(node["created"], "created").value_or(0);
        e.modifiedSeconds = optionalInteger(node["modified"], "modified").value_or(0);
        if (!node["network"])
            fail(node, "experiment '" + e.name + "' has no network");
        e.network = network(node["network"]);
        if (const YAML::Node target = node["target"]) {
            expectKeys(target, "target", {"id", "kind", "description"});
            e.target = StoredTarget{text(target["id"], "target id"), optionalText(target["kind"], "kind"),
                                    optionalText(target["description"], "description")};
        }
        e.configYaml = optionalText(node["config"], "config");
        e.specYaml = optionalText(node["spec"], "spec");
        if (const YAML::Node metrics = node["metrics"]) {
            expectKeys(metrics, "metrics", {metricNames().begin(), metricNames().end()});
            for (const std::string& metric : metricNames())
                setMetricValue(e.metrics, metric, optionalReal(metrics[metric], metric));
        }
        plans(node, e);
        for (const YAML::Node& l : list(node["layers"], "layers"))
            e.layers.push_back(layer(l));
        for (const YAML::Node& m : list(node["measurements"], "measurements")) {
            expectKeys(m, "a measurement", {"key", "value", "text", "measuredAt"});
            e.measurements.push_back({text(m["key"], "measurement key"), optionalReal(m["value"], "value"),
                                      optionalText(m["text"], "text"),
                                      optionalInteger(m["measuredAt"], "measuredAt").value_or(0)});
        }
        return e;
    }

    std::string m_file;
    mutable YAML::Mark m_context;
};

} // namespace

std::vector<Experiment> readExperimentsYaml(std::string_view text, const std::string& fileLabel)
{
    if (text.size() > kMaxExperimentsYamlBytes)
        throw Error("the file is larger than 256 MiB; experiment files are limited to that", {fileLabel});
    if (text.find('\0') != std::string_view::npos)
        throw Error("the file contains NUL bytes: it is not a YAML text file", {fileLabel});
    YAML::Node root;
    try {
        root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& error) {
        throw Error("YAML syntax error: " + error.msg, {fileLabel, error.mark.line + 1, error.mark.column + 1});
    }
    return Reader(fileLabel).read(root);
}

} // namespace mdse::core
