// `microdse`: the command-line face of MicroDSE Studio. Every report the
// studio shows can be produced here from the same core calls.
#include "app/cli/accel_commands.h"
#include "app/cli/commands.h"
#include "app/cli/precision_search_command.h"
#include "app/cli/sensitivity_command.h"

#include "core/util/error.h"
#include "hwlib/catalogue.h"

#include <iostream>
#include <map>
#include <stdexcept>

namespace {

constexpr const char* kUsage =
    "usage: microdse <command> [options]\n"
    "commands:\n"
    "  analyze <network> [--format table|json|csv]   per-layer shapes, params, MACs [--config design.yaml]\n"
    "  analyze <network> --target <mcu-id|part.yaml> SRAM timeline, arena, patches, flash, latency, fits\n"
    "                                                [--runtime tflm|tinyengine] (docs/mcu-analysis.md)\n"
    "  precision-search <network> --flash-budget B   exact per-layer bit widths under budgets [--bops-budget N] [--bits 2,4,8]\n"
    "  sensitivity <network.onnx> [--bits 2,4,8]      per-layer quantization SQNR of the real weights\n"
    "  zoo                                           list the built-in networks\n"
    "  targets                                       list the MCU catalogue\n"
    "  experiments list|show|compare|export|import|merge|...   the experiment database [--db FILE]\n"
    "  systolic --config a.cfg --topology n.csv      SCALE-Sim style systolic array report [--format json|table]\n"
    "<network> is a .yaml file or zoo:<id>, e.g. zoo:mobilenetv2-1.0-224\n";

} // namespace

int main(int argc, char** argv)
{
    using Command = int (*)(const std::vector<std::string>&, std::ostream&, std::ostream&);
    const std::map<std::string, Command> commands{
        {"analyze", mdse::app::runAnalyze},
        {"precision-search", mdse::app::runPrecisionSearch},
        {"sensitivity", mdse::app::runSensitivity},
        {"zoo", mdse::app::runZoo},
        {"targets", mdse::app::runTargets},
        {"experiments", mdse::app::runExperiments},
        {"systolic", mdse::app::runSystolic},
    };
    if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
        std::cout << kUsage;
        return argc < 2 ? 2 : 0;
    }
    const auto command = commands.find(argv[1]);
    if (command == commands.end()) {
        std::cerr << "microdse: unknown command '" << argv[1] << "'\n" << kUsage;
        return 2;
    }
    try {
        return command->second(std::vector<std::string>(argv + 2, argv + argc), std::cout, std::cerr);
    } catch (const mdse::core::Error& error) {
        std::cerr << "microdse " << argv[1] << ": " << error.what() << "\n";
    } catch (const mdse::hwlib::CatalogueError& error) {
        std::cerr << "microdse " << argv[1] << ": " << error.what() << "\n";
    } catch (const std::invalid_argument& error) {
        std::cerr << "microdse " << argv[1] << ": " << error.what() << "\n";
    } catch (const std::exception& error) {
        std::cerr << "microdse " << argv[1] << ": unexpected error: " << error.what() << "\n";
    }
    return 1;
}
