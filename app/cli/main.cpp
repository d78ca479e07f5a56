// `microdse`: the command-line face of MicroDSE Studio. Every report the
// studio shows can be produced here from the same core call, evaluate().
#include "app/cli/cli.h"

#include <iostream>

int main(int argc, char** argv)
{
    return mdse::app::runCli(std::vector<std::string>(argv + 1, argv + argc), std::cout, std::cerr);
}
