#include "core/io/scalesim_files.h"

#include "core/util/error.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <map>
#include <sstream>

namespace mdse::core {
namespace {

std::string trim(std::string_view s)
{
    const auto notSpace = [](unsigned char c) { return !std::isspace(c); };
    auto begin = std::find_if(s.begin(), s.end(), notSpace);
    auto end = std::find_if(s.rbegin(), s.rend(), notSpace).base();
    return begin < end ? std::string(begin, end) : std::string();
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

std::vector<std::string> splitLines(std::string_view text)
{
    std::vector<std::string> lines;
    std::string line;
    std::istringstream in{std::string(text)};
    while (std::getline(in, line))
        lines.push_back(line);
    return lines;
}

std::int64_t positiveInt(const std::string& value, const std::string& what, const SourceLocation& where)
{
    std::int64_t v = 0;
    const std::string t = trim(value);
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || end != t.data() + t.size() || v <= 0 || v > (std::int64_t{1} << 31))
        throw Error(what + " must be a positive integer, got '" + t + "'", where);
    return v;
}

struct Entry {
    std::string value;
    SourceLocation where;
};

std::map<std::string, Entry> readIni(std::string_view text, const std::string& fileLabel)
{
    std::map<std::string, Entry> entries; // "section.key" in lower case
    std::string section;
    const auto lines = splitLines(text);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string line = trim(lines[i]);
        const SourceLocation where{fileLabel, int(i + 1), 1};
        if (line.empty() || line[0] == '#' || line[0] == ';')
            continue;
        if (line.front() == '[') {
            if (line.back() != ']')
                throw Error("unterminated section header", where);
            section = lower(trim(std::string_view(line).substr(1, line.size() - 2)));
            continue;
        }
        const std::size_t sep = line.find_first_of(":=");
        if (sep == std::string::npos || section.empty())
            throw Error("expected 'key: value' inside a [section]", where);
        entries[section + "." + lower(trim(std::string_view(line).substr(0, sep)))] =
            {trim(std::string_view(line).substr(sep + 1)), {fileLabel, int(i + 1), int(sep + 2)}};
    }
    return entries;
}

const Entry& require(const std::map<std::string, Entry>& ini, const std::string& key, const std::string& fileLabel)
{
    const auto it = ini.find(key);
    if (it == ini.end())
        throw Error("missing '" + key.substr(key.find('.') + 1) + "' in [" + key.substr(0, key.find('.')) + "]",
                    {fileLabel, 0, 0});
    return it->second;
}

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error("cannot open file", {path, 0, 0});
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

SystolicConfig parseScaleSimConfig(std::string_view text, const std::string& fileLabel)
{
    const auto ini = readIni(text, fileLabel);
    SystolicConfig c;
    if (const auto it = ini.find("general.run_name"); it != ini.end())
        c.runName = it->second.value;
    const auto number = [&](const char* key) {
        const Entry& e = require(ini, std::string("architecture_presets.") + key, fileLabel);
        return positiveInt(e.value, key, e.where);
    };
    c.rows = number("arrayheight");
    c.cols = number("arraywidth");
    c.ifmapSramKb = number("ifmapsramszkb");
    c.filterSramKb = number("filtersramszkb");
    c.ofmapSramKb = number("ofmapsramszkb");
    const Entry& df = require(ini, "architecture_presets.dataflow", fileLabel);
    const std::string dataflow = lower(df.value);
    if (dataflow == "os")
        c.dataflow = SystolicDataflow::OutputStationary;
    else if (dataflow == "ws")
        c.dataflow = SystolicDataflow::WeightStationary;
    else if (dataflow == "is")
        c.dataflow = SystolicDataflow::InputStationary;
    else
        throw Error("Dataflow must be os, ws or is, got '" + df.value + "'", df.where);
    const Entry& mode = require(ini, "run_presets.interfacebandwidth", fileLabel);
    if (mode.value != "CALC" && mode.value != "USER")
        throw Error("InterfaceBandwidth must be CALC or USER, got '" + mode.value + "'", mode.where);
    c.userBandwidth = mode.value == "USER";
    if (c.userBandwidth) {
        const Entry& bw = require(ini, "architecture_presets.bandwidth", fileLabel);
        c.bandwidthWordsPerCycle = positiveInt(bw.value.substr(0, bw.value.find(',')), "Bandwidth", bw.where);
    }
    return c;
}

std::vector<SystolicLayer> parseScaleSimTopology(std::string_view text, const std::string& fileLabel)
{
    std::vector<SystolicLayer> layers;
    const auto lines = splitLines(text);
    for (std::size_t i = 1; i < lines.size(); ++i) { // line 1 is the header
        if (trim(lines[i]).empty())
            continue;
        std::vector<std::string> cells;
        std::stringstream row(lines[i]);
        for (std::string cell; std::getline(row, cell, ',');)
            cells.push_back(trim(cell));
        while (!cells.empty() && cells.back().empty())
            cells.pop_back();
        const SourceLocation where{fileLabel, int(i + 1), 1};
        if (cells.size() < 8)
            throw Error("expected 8 fields (name, IFMAP H, IFMAP W, filter H, filter W, channels, filters, "
                        "stride), got " + std::to_string(cells.size()), where);
        const char* names[] = {"IFMAP height", "IFMAP width", "filter height", "filter width", "channels",
                               "filters", "stride"};
        std::int64_t v[7];
        for (int f = 0; f < 7; ++f)
            v[f] = positiveInt(cells[std::size_t(f) + 1], names[f], where);
        SystolicLayer l{cells[0], v[0], v[1], v[2], v[3], v[4], v[5], v[6]};
        if (l.filterH > l.ifmapH || l.filterW > l.ifmapW)
            throw Error("filter larger than the IFMAP in layer '" + l.name + "'", where);
        // Keeps every later product (M*K*N, fold counts x words) inside int64.
        constexpr double kMaxGemmMacs = 1e15;
        if (double(l.gemmM()) * double(l.gemmK()) * double(l.gemmN()) > kMaxGemmMacs)
            throw Error("layer '" + l.name + "' is too large (more than 1e15 MACs)", where);
        if (l.name.find("DP") == std::string::npos) {
            layers.push_back(l);
            continue;
        }
        for (std::int64_t ch = 0; ch < v[4]; ++ch) {
            SystolicLayer single = l;
            single.name = l.name + "Channel_" + std::to_string(ch);
            single.channels = 1;
            layers.push_back(single);
        }
    }
    if (layers.empty())
        throw Error("the topology has no layers", {fileLabel, 0, 0});
    return layers;
}

SystolicConfig loadScaleSimConfig(const std::string& path)
{
    return parseScaleSimConfig(readFile(path), path);
}

std::vector<SystolicLayer> loadScaleSimTopology(const std::string& path)
{
    return parseScaleSimTopology(readFile(path), path);
}

} // namespace mdse::core
