#include "app/cli/cli_args.h"
#include "app/cli/commands.h"

#include "core/io/network_loader.h"
#include "core/io/zoo.h"
#include "hwlib/catalogue.h"

#include <cstdio>
#include <ostream>

namespace mdse::app {

int runZoo(const std::vector<std::string>& arguments, std::ostream& out, std::ostream&)
{
    const CliArgs args(arguments, {});
    for (const std::string& id : core::zooIds()) {
        const core::Network network = core::loadNetwork("zoo:" + id);
        out << id << "\t" << network.name() << "\t" << network.definition().source << "\n";
    }
    return 0;
}

namespace {

// One catalogue line. SRAM is the arena limit (largest arena-capable
// region); both KiB (1024 B) and kB (1000 B) appear in datasheets, so the
// table prints exact bytes.
void printTarget(const hwlib::McuTarget& target, std::ostream& out)
{
    char line[320];
    const std::string npu = target.npu ? target.npu->name : std::string("-");
    std::snprintf(line, sizeof line,
                  "%-11s %-38s %-18s %4lld MHz  arena SRAM %8lld B  flash %8lld B  NPU %-14s %s\n",
                  target.id.c_str(), target.name.c_str(), target.core.c_str(),
                  static_cast<long long>(target.clockHz / 1000000),
                  static_cast<long long>(target.sramBytes),
                  static_cast<long long>(target.flashBytes), npu.c_str(),
                  target.activePowerWatts.estimated ? "power estimated" : "power datasheet");
    out << line;
}

} // namespace

int runTargets(const std::vector<std::string>& arguments, std::ostream& out, std::ostream&)
{
    const CliArgs args(arguments, {"file"});
    if (const auto file = args.flag("file")) {
        printTarget(hwlib::loadMcuTargetFile(*file), out);
        return 0;
    }
    for (const hwlib::McuTarget& target : hwlib::builtInMcuTargets())
        printTarget(target, out);
    return 0;
}

} // namespace mdse::app
