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

int runTargets(const std::vector<std::string>& arguments, std::ostream& out, std::ostream&)
{
    const CliArgs args(arguments, {});
    for (const hwlib::McuTarget& target : hwlib::builtInMcuTargets()) {
        char line[256];
        std::snprintf(line, sizeof line, "%-12s %-34s %-12s %5lld MHz  SRAM %8lld B  flash %9lld B\n",
                      target.id.c_str(), target.name.c_str(), target.core.c_str(),
                      static_cast<long long>(target.clockHz / 1000000),
                      static_cast<long long>(target.sramBytes),
                      static_cast<long long>(target.flashBytes));
        out << line;
    }
    return 0;
}

} // namespace mdse::app
