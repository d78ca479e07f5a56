// `microdse experiments <action>`: the experiment database from the shell
// (docs/experiments.md).
#include "app/cli/cli_args.h"
#include "app/cli/commands.h"
#include "app/cli/experiment_save.h"
#include "app/cli/experiments_report.h"

#include "core/io/deployment_export.h"
#include "core/io/experiment_yaml.h"
#include "core/io/network_loader.h"
#include "core/util/error.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <map>
#include <ostream>

namespace mdse::app {
namespace {

constexpr const char* kUsage =
    "usage: microdse experiments <action> [--db FILE] ...\n"
    "  list [--name GLOB] [--tag TAG] [--network NAME|HASH] [--sort KEY] [--order asc|desc]\n"
    "       [--limit N] [--format table|json]\n"
    "  show NAME [--format table|json]\n"
    "  compare NAME NAME... [--format table|json]\n"
    "  export NAME --format yaml|json|c-header|hls4ml|csv [--output FILE] [--reuse-factor N]\n"
    "  export [NAME...] --format experiments [--output FILE]   (all when no NAME)\n"
    "  import FILE.yaml          merge OTHER.sqlite\n"
    "  rename NAME NEW           duplicate NAME NEW          delete NAME\n"
    "  tag NAME TAG...           untag NAME TAG...           note NAME TEXT\n"
    "  measure NAME KEY VALUE    (e.g. accuracy 0.713, latency_seconds 0.21, board \"Nucleo\")\n"
    "the database defaults to $XDG_DATA_HOME/microdse/experiments.sqlite\n";

using Positional = std::vector<std::string>;

struct Context {
    const CliArgs& args;
    const Positional& names; // positional arguments after the action
    std::ostream& out;
    std::ostream& err;
};

std::string formatFlag(const Context& c, const std::vector<std::string>& allowed)
{
    const std::string format = c.args.flagOr("format", allowed.front());
    for (const std::string& candidate : allowed)
        if (format == candidate)
            return format;
    throw std::invalid_argument("unknown format '" + format + "'");
}

void need(const Context& c, std::size_t count, const char* what)
{
    if (c.names.size() < count)
        throw std::invalid_argument(std::string("expects ") + what);
}

void emit(const Context& c, const std::string& text)
{
    const auto output = c.args.flag("output");
    if (!output) {
        c.out << text;
        return;
    }
    // Write beside, then rename: a failed export never leaves half a file.
    const std::string temporary = *output + ".part";
    {
        std::ofstream file(temporary, std::ios::binary);
        file << text;
        if (!file.flush())
            throw core::Error("cannot write the export", {*output});
    }
    if (std::rename(temporary.c_str(), output->c_str()) != 0)
        throw core::Error("cannot write the export", {*output});
    c.err << "wrote " << *output << "\n";
}

int list(const Context& c, core::ExperimentStore& store)
{
    core::ListQuery query;
    query.nameFilter = c.args.flagOr("name", "");
    query.tag = c.args.flagOr("tag", "");
    query.network = c.args.flagOr("network", "");
    query.sortBy = c.args.flagOr("sort", "name");
    query.descending = c.args.flagOr("order", "asc") == "desc";
    if (const auto limit = c.args.flag("limit")) {
        const auto [end, problem] = std::from_chars(limit->data(), limit->data() + limit->size(), query.limit);
        if (problem != std::errc() || end != limit->data() + limit->size() || query.limit < 0)
            throw std::invalid_argument("--limit expects a count, found '" + *limit + "'");
    }
    const auto rows = store.list(query);
    c.out << (formatFlag(c, {"table", "json"}) == "json" ? experimentListJson(rows) : experimentListTable(rows));
    return 0;
}

int show(const Context& c, core::ExperimentStore& store)
{
    need(c, 1, "an experiment name");
    const core::Experiment e = store.load(c.names[0]);
    c.out << (formatFlag(c, {"table", "json"}) == "json" ? experimentJson(e) : experimentTable(e));
    return 0;
}

int compare(const Context& c, core::ExperimentStore& store)
{
    need(c, 2, "two or more experiment names");
    std::vector<core::Experiment> experiments;
    for (const std::string& name : c.names)
        experiments.push_back(store.load(name));
    const core::ExperimentComparison comparison = core::compareExperiments(experiments);
    c.out << (formatFlag(c, {"table", "json"}) == "json" ? comparisonJson(comparison) : comparisonTable(comparison));
    return 0;
}

int exportExperiments(const Context& c, core::ExperimentStore& store)
{
    const std::string format = formatFlag(c, {"yaml", "json", "c-header", "hls4ml", "csv", "experiments"});
    if (format == "experiments") {
        std::vector<core::Experiment> experiments;
        if (c.names.empty())
            for (const auto& row : store.list())
                experiments.push_back(store.load(row.name));
        for (const std::string& name : c.names)
            experiments.push_back(store.load(name));
        emit(c, core::writeExperimentsYaml(experiments));
        return 0;
    }
    need(c, 1, "an experiment name");
    const core::Experiment e = store.load(c.names[0]);
    if (format == "yaml")
        emit(c, core::deploymentYaml(e));
    else if (format == "json")
        emit(c, core::deploymentJson(e));
    else if (format == "c-header")
        emit(c, core::deploymentCHeader(e));
    else if (format == "csv")
        emit(c, core::layerResultsCsv(e));
    else
        emit(c, core::deploymentHls4ml(e, {std::stol(c.args.flagOr("reuse-factor", "1"))}));
    return 0;
}

int importFile(const Context& c, core::ExperimentStore& store)
{
    need(c, 1, "a YAML experiments file");
    const std::string text = core::readTextFile(c.names[0], core::kMaxExperimentsYamlBytes);
    const auto names = store.importAll(core::readExperimentsYaml(text, c.names[0]));
    for (const std::string& name : names)
        c.out << "imported " << name << "\n";
    return 0;
}

int merge(const Context& c, core::ExperimentStore& store)
{
    need(c, 1, "the database file to merge");
    const core::MergeReport report = store.merge(c.names[0]);
    for (const std::string& name : report.added)
        c.out << "added     " << name << "\n";
    for (const auto& [from, to] : report.renamed)
        c.out << "renamed   " << from << " -> " << to << " (the name was taken)\n";
    for (const auto& [from, existing] : report.duplicates)
        c.out << "skipped   " << from << " (same design as " << existing << ")\n";
    c.out << report.added.size() + report.renamed.size() << " added, " << report.duplicates.size()
          << " already present, " << report.measurementsAdded << " measurements added\n";
    return 0;
}

int edit(const std::string& action, const Context& c, core::ExperimentStore& store)
{
    const Positional& n = c.names;
    if (action == "rename" || action == "duplicate") {
        need(c, 2, "NAME NEW");
        action == "rename" ? store.rename(n[0], n[1]) : void(store.duplicate(n[0], n[1]));
    } else if (action == "delete") {
        need(c, 1, "NAME");
        store.remove(n[0]);
    } else if (action == "tag" || action == "untag") {
        need(c, 2, "NAME TAG...");
        const Positional tags(n.begin() + 1, n.end());
        action == "tag" ? store.addTags(n[0], tags) : store.removeTags(n[0], tags);
    } else if (action == "note") {
        need(c, 2, "NAME TEXT");
        store.setNotes(n[0], n[1]);
    } else {
        need(c, 3, "NAME KEY VALUE");
        core::Measurement m{n[1], std::nullopt, {}, 0};
        double value = 0;
        const auto [end, problem] = std::from_chars(n[2].data(), n[2].data() + n[2].size(), value);
        if (problem == std::errc() && end == n[2].data() + n[2].size())
            m.value = value;
        else
            m.text = n[2];
        store.addMeasurement(n[0], m);
    }
    c.out << action << ": done\n";
    return 0;
}

} // namespace

int runExperiments(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err)
{
    const CliArgs args(arguments,
                       {"db", "format", "output", "name", "tag", "network", "sort", "order", "limit", "reuse-factor"});
    if (args.positional().empty()) {
        err << kUsage;
        return 2;
    }
    const std::string action = args.positional().front();
    using Handler = int (*)(const Context&, core::ExperimentStore&);
    static const std::map<std::string, Handler> handlers{
        {"list", list}, {"show", show}, {"compare", compare}, {"export", exportExperiments},
        {"import", importFile}, {"merge", merge}};
    static const std::vector<std::string> edits{"rename", "duplicate", "delete", "tag", "untag", "note", "measure"};
    const auto handler = handlers.find(action);
    const bool isEdit = std::find(edits.begin(), edits.end(), action) != edits.end();
    if (handler == handlers.end() && !isEdit) {
        err << "microdse experiments: unknown action '" << action << "'\n" << kUsage;
        return 2;
    }
    const Positional names(args.positional().begin() + 1, args.positional().end());
    const Context context{args, names, out, err};
    try {
        core::ExperimentStore store(databasePath(args));
        return isEdit ? edit(action, context, store) : handler->second(context, store);
    } catch (const std::invalid_argument& problem) {
        err << "microdse experiments " << action << ": " << problem.what() << "\n" << kUsage;
        return 2;
    }
}

} // namespace mdse::app
