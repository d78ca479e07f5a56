#include "core/report/quantity_text.h"

#include <fmt/format.h>

#include <locale>

namespace mdse::core {
namespace {

// The C locale with ',' between groups of three digits, so reports read the
// same on every machine.
struct CommaGroups : std::numpunct<char> {
    char do_thousands_sep() const override { return ','; }
    std::string do_grouping() const override { return "\3"; }
};

const std::locale& reportLocale()
{
    static const std::locale locale(std::locale::classic(), new CommaGroups);
    return locale;
}

} // namespace

std::string groupedDigits(std::int64_t value) { return fmt::format(reportLocale(), "{:L}", value); }

std::string formatBytes(std::int64_t bytes)
{
    return fmt::format("{} B ({:.2f} KiB, {:.2f} kB)", groupedDigits(bytes), double(bytes) / 1024.0,
                       double(bytes) / 1000.0);
}

std::string formatCount(std::int64_t count)
{
    static const char* const suffixes[] = {"", " k", " M", " G", " T"};
    double value = static_cast<double>(count);
    int index = 0;
    while (value >= 1000.0 && index < 4) {
        value /= 1000.0;
        ++index;
    }
    if (index == 0)
        return fmt::format("{}", count);
    const int decimals = value < 10 ? 2 : value < 100 ? 1 : 0;
    return fmt::format("{:.{}f}{}", value, decimals, suffixes[index]);
}

} // namespace mdse::core
