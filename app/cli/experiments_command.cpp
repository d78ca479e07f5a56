// `microdse experiments <action>`: the experiment database from the shell
// (docs/experiments.md).
#include "app/cli/commands.h"

#include "core/io/network_loader.h"
#include "core/report/deployment_export.h"
#include "core/report/evaluation_report.h"
#include "core/report/experiments_report.h"
#include "core/store/experiment_compare.h"
#include "core/store/experiment_from_evaluation.h"
#include "core/store/experiment_store.h"
#include "core/store/experiment_yaml.h"

#include <charconv>
#include <ostream>

namespace mdse::app {
namespace {

struct ExperimentFlags {
    std::string db, format, output, name, tag, network, sort = "name", order = "asc";
    std::int64_t limit = -1, reuseFactor = 1;
    std::vector<std::string> names; // positional arguments of the action
};

using Action = void (*)(ExperimentFlags&, core::ExperimentStore&, CommandIo&);

void list(ExperimentFlags& f, core::ExperimentStore& store, CommandIo& io)
{
    core::ListQuery query;
    query.nameFilter = f.name;
    query.tag = f.tag;
    query.network = f.network;
    query.sortBy = f.sort;
    query.descending = f.order == "desc";
    query.limit = f.limit;
    const auto rows = store.list(query);
    io.out << (f.format == "json" ? core::experimentListJson(rows) : core::experimentListTable(rows));
}

void show(ExperimentFlags& f, core::ExperimentStore& store, CommandIo& io)
{
    const core::Experiment e = store.load(f.names.at(0));
    io.out << (f.format == "json" ? core::experimentJson(e) : core::experimentTable(e));
}

void compare(ExperimentFlags& f, core::ExperimentStore& store, CommandIo& io)
{
    std::vector<core::Experiment> experiments;
    for (const std::string& name : f.names)
        experiments.push_back(store.load(name));
    const core::ExperimentComparison comparison = core::compareExperiments(experiments);
    io.out << (f.format == "json" ? core::comparisonJson(comparison) : core::comparisonTable(comparison));
}

void exportExperiments(ExperimentFlags& f, core::ExperimentStore& store, CommandIo& io)
{
    if (f.format == "experiments") {
        std::vector<core::Experiment> experiments;
        if (f.names.empty())
            for (const auto& row : store.list())
                experiments.push_back(store.load(row.name));
        for (const std::string& name : f.names)
            experiments.push_back(store.load(name));
        writeOutput(f.output, core::writeExperimentsYaml(experiments), io);
        return;
    }
    if (f.names.size() != 1)
        throw UsageError("--format " + f.format + " exports one experiment: give its name");
    const core::Experiment e = store.load(f.names[0]);
    if (f.format == "yaml")
        writeOutput(f.output, core::deploymentYaml(e), io);
    else if (f.format == "json")
        writeOutput(f.output, core::deploymentJson(e), io);
    else if (f.format == "c-header")
        writeOutput(f.output, core::deploymentCHeader(e), io);
    else if (f.format == "csv")
        writeOutput(f.output, core::layerResultsCsv(e), io);
    else if (f.format == "spec" && e.specYaml.empty())
        throw core::Error("experiment '" + e.name + "' stores no spec (saved before schema version 4)");
    else if (f.format == "spec")
        writeOutput(f.output, e.specYaml, io);
    else
        writeOutput(f.output, core::deploymentHls4ml(e, {f.reuseFactor}), io);
}

void importFile(ExperimentFlags& f, core::ExperimentStore& store, CommandIo& io)
{
    const std::string text = core::readTextFile(f.names.at(0), core::kMaxExperimentsYamlBytes);
    for (const std::string& name : store.importAll(core::readExperimentsYaml(text, f.names[0])))
        io.out << "imported " << name << "\n";
}

void merge(ExperimentFlags& f, core::ExperimentStore& store, CommandIo& io)
{
    const core::MergeReport report = store.merge(f.names.at(0));
    for (const std::string& name : report.added)
        io.out << "added     " << name << "\n";
    for (const auto& [from, to] : report.renamed)
        io.out << "renamed   " << from << " -> " << to << " (the name was taken)\n";
    for (const auto& [from, existing] : report.duplicates)
        io.out << "skipped   " << from << " (same design as " << existing << ")\n";
    io.out << report.added.size() + report.renamed.size() << " added, " << report.duplicates.size()
           << " already present, " << report.measurementsAdded << " measurements added\n";
}

// Evaluates a stored experiment again (its network and spec) and reports it.
void reevaluateExperiment(ExperimentFlags& f, core::ExperimentStore& store, CommandIo& io)
{
    const core::Evaluation evaluation = core::reevaluate(store.load(f.names.at(0)));
    io.out << (f.format == "json" ? core::evaluationJson(evaluation) : core::evaluationTable(evaluation));
}

void measure(ExperimentFlags& f, core::ExperimentStore& store, CommandIo& io)
{
    const auto& n = f.names;
    core::Measurement m{n.at(1), std::nullopt, {}, 0};
    double value = 0;
    const auto [end, problem] = std::from_chars(n.at(2).data(), n[2].data() + n[2].size(), value);
    if (problem == std::errc() && end == n[2].data() + n[2].size())
        m.value = value;
    else
        m.text = n[2];
    store.addMeasurement(n[0], m);
    io.out << "measure: done\n";
}

CLI::App* action(CLI::App& parent, const char* name, const char* help, const char* positional, std::size_t min,
                 int max, std::shared_ptr<ExperimentFlags> f, Action run, CommandIo& io)
{
    CLI::App* c = parent.add_subcommand(name, help);
    CLI::Option* names = c->add_option(positional, f->names, "")->expected(static_cast<int>(min), max);
    if (min > 0)
        names->required();
    c->callback([f, run, &io] {
        core::ExperimentStore store(databasePath(f->db));
        run(*f, store, io);
    });
    return c;
}

void addQueries(CLI::App& x, const std::shared_ptr<ExperimentFlags>& f, CommandIo& io)
{
    CLI::App* l = action(x, "list", "List experiments", "names", 0, 0, f, list, io);
    l->add_option("--name", f->name, "Name glob (* ? [..]); without wildcards: contains");
    l->add_option("--tag", f->tag, "Only experiments with this tag");
    l->add_option("--network", f->network, "Network name or a prefix of its content hash");
    l->add_option("--sort", f->sort, "name, created, modified, network or a metric (default name)");
    l->add_option("--order", f->order, "asc or desc (default asc)")->check(formats({"asc", "desc"}));
    l->add_option("--limit", f->limit, "At most N rows")->check(CLI::NonNegativeNumber);
    CLI::App* s = action(x, "show", "Show one experiment", "name", 1, 1, f, show, io);
    CLI::App* c = action(x, "compare", "Metric deltas and the design diff of 2 or more experiments", "names", 2, -1, f,
                         compare, io);
    CLI::App* r = action(x, "reevaluate", "Evaluate a stored experiment again from its network and spec", "name", 1, 1, f,
                         reevaluateExperiment, io);
    for (CLI::App* command : {l, s, c, r})
        command->add_option("--format", f->format, "table or json (default table)")->check(formats({"table", "json"}));
}

void addEdits(CLI::App& x, const std::shared_ptr<ExperimentFlags>& f, CommandIo& io)
{
    action(x, "rename", "Rename NAME to NEW", "names", 2, 2, f,
           [](ExperimentFlags& g, core::ExperimentStore& s, CommandIo& o) { s.rename(g.names[0], g.names[1]); o.out << "rename: done\n"; }, io);
    action(x, "duplicate", "Copy NAME as NEW", "names", 2, 2, f,
           [](ExperimentFlags& g, core::ExperimentStore& s, CommandIo& o) { s.duplicate(g.names[0], g.names[1]); o.out << "duplicate: done\n"; }, io);
    action(x, "delete", "Delete NAME", "name", 1, 1, f,
           [](ExperimentFlags& g, core::ExperimentStore& s, CommandIo& o) { s.remove(g.names[0]); o.out << "delete: done\n"; }, io);
    action(x, "tag", "Add tags: NAME TAG...", "names", 2, -1, f,
           [](ExperimentFlags& g, core::ExperimentStore& s, CommandIo& o) {
               s.addTags(g.names[0], {g.names.begin() + 1, g.names.end()});
               o.out << "tag: done\n";
           }, io);
    action(x, "untag", "Remove tags: NAME TAG...", "names", 2, -1, f,
           [](ExperimentFlags& g, core::ExperimentStore& s, CommandIo& o) {
               s.removeTags(g.names[0], {g.names.begin() + 1, g.names.end()});
               o.out << "untag: done\n";
           }, io);
    action(x, "note", "Set the notes: NAME TEXT", "names", 2, 2, f,
           [](ExperimentFlags& g, core::ExperimentStore& s, CommandIo& o) { s.setNotes(g.names[0], g.names[1]); o.out << "note: done\n"; }, io);
    action(x, "measure", "Record a measurement: NAME KEY VALUE (e.g. accuracy 0.713, board \"Nucleo\")", "names", 3, 3, f,
           measure, io);
}

} // namespace

void addExperimentsCommand(CLI::App& app, CommandIo& io)
{
    auto f = std::make_shared<ExperimentFlags>();
    CLI::App* x = app.add_subcommand("experiments", "The experiment database: list, show, compare, export, import, "
                                                    "merge, edit");
    x->require_subcommand(1, 1);
    x->add_option("--db", f->db, "The experiment database (default $XDG_DATA_HOME/microdse/experiments.sqlite)");
    addQueries(*x, f, io);
    CLI::App* e = action(*x, "export", "Export: NAME --format yaml|json|c-header|hls4ml|csv|spec, or [NAME...] "
                                       "--format experiments (all when no name)", "names", 0, -1, f, exportExperiments, io);
    e->add_option("--format", f->format, "Export format")
        ->required()
        ->check(formats({"yaml", "json", "c-header", "hls4ml", "csv", "spec", "experiments"}));
    e->add_option("--output", f->output, "Write to FILE instead of standard output");
    e->add_option("--reuse-factor", f->reuseFactor, "hls4ml ReuseFactor of every layer (default 1)")->check(CLI::PositiveNumber);
    action(*x, "import", "Import an experiments file (validated whole first)", "file", 1, 1, f, importFile, io);
    action(*x, "merge", "Merge another database into this one", "file", 1, 1, f, merge, io);
    addEdits(*x, f, io);
    for (CLI::App* sub : x->get_subcommands([](CLI::App*) { return true; }))
        sub->fallthrough(); // --db may come after the action
}

} // namespace mdse::app
