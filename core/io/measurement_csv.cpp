#include "core/io/measurement_csv.h"

#include "core/graph/batchnorm_folding.h"
#include "core/io/network_loader.h"

#include <charconv>
#include <cmath>
#include <map>
#include <sstream>

namespace mdse::core {
namespace {

constexpr std::size_t kMaxMeasurementFileBytes = 16u << 20;

const char* const kColumns[] = {"board", "part", "core", "clockHz", "engine", "model", "latencyMs", "energyUj",
                                "supplyVolts", "submitter", "round", "source", "energySource"};

struct Field {
    std::string text;
    int column = 1; // 1-based character column where the field starts
};

// Splits one CSV line (RFC 4180 quoting, no embedded newlines).
std::vector<Field> splitLine(std::string_view line, const SourceLocation& where)
{
    std::vector<Field> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        Field& field = fields.back();
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"')
                field.text += line[++i];
            else if (c == '"')
                quoted = false;
            else
                field.text += c;
        } else if (c == '"' && field.text.empty()) {
            quoted = true;
        } else if (c == ',') {
            fields.push_back({"", static_cast<int>(i) + 2});
        } else {
            field.text += c;
        }
    }
    if (quoted)
        throw Error("unterminated quoted field", where);
    return fields;
}

class RowReader {
public:
    RowReader(const std::map<std::string, std::size_t>& columns, const std::vector<Field>& fields, SourceLocation at)
        : m_columns(columns), m_fields(fields), m_at(std::move(at))
    {
    }

    const Field* field(const char* column) const
    {
        const auto found = m_columns.find(column);
        if (found == m_columns.end() || m_fields[found->second].text.empty())
            return nullptr;
        return &m_fields[found->second];
    }
    std::string text(const char* column, bool required = false) const
    {
        const Field* f = field(column);
        if (!f && required)
            fail(column, "is empty");
        return f ? f->text : std::string();
    }
    std::optional<double> positive(const char* column, bool required = false) const
    {
        const Field* f = field(column);
        if (!f) {
            if (required)
                fail(column, "is empty");
            return std::nullopt;
        }
        double value = 0.0;
        const auto [end, status] = std::from_chars(f->text.data(), f->text.data() + f->text.size(), value);
        if (status != std::errc() || end != f->text.data() + f->text.size() || !std::isfinite(value) || value <= 0)
            fail(column, "must be a positive number, got '" + f->text + "'");
        return value;
    }
    std::int64_t positiveInt(const char* column) const
    {
        const Field* f = field(column);
        if (!f)
            return 0;
        std::int64_t value = 0;
        const auto [end, status] = std::from_chars(f->text.data(), f->text.data() + f->text.size(), value);
        if (status != std::errc() || end != f->text.data() + f->text.size() || value <= 0)
            fail(column, "must be a positive integer, got '" + f->text + "'");
        return value;
    }
    [[noreturn]] void fail(const char* column, const std::string& message) const
    {
        SourceLocation where = m_at;
        const auto found = m_columns.find(column);
        if (found != m_columns.end())
            where.column = m_fields[found->second].column;
        throw Error(std::string("column '") + column + "' " + message, where);
    }

private:
    const std::map<std::string, std::size_t>& m_columns;
    const std::vector<Field>& m_fields;
    SourceLocation m_at;
};

std::map<std::string, std::size_t> readHeader(const std::vector<Field>& header, const SourceLocation& at)
{
    std::map<std::string, std::size_t> columns;
    for (std::size_t i = 0; i < header.size(); ++i) {
        const std::string& name = header[i].text;
        SourceLocation where = at;
        where.column = header[i].column;
        bool known = false;
        for (const char* column : kColumns)
            known = known || name == column;
        if (!known)
            throw Error("unknown column '" + name + "'", where);
        if (!columns.emplace(name, i).second)
            throw Error("column '" + name + "' appears twice", where);
    }
    for (const char* required : {"part", "model", "latencyMs"})
        if (!columns.count(required))
            throw Error(std::string("missing column '") + required + "' in the header", at);
    return columns;
}

LatencyMeasurement readRow(const RowReader& row, const SourceLocation& at)
{
    LatencyMeasurement m;
    m.board = row.text("board");
    m.part = row.text("part", true);
    m.core = row.text("core");
    m.clockHz = row.positiveInt("clockHz");
    m.engine = row.text("engine");
    m.model = row.text("model", true);
    m.latencySeconds = *row.positive("latencyMs", true) / 1000.0;
    if (const auto energy = row.positive("energyUj"))
        m.energyJoules = *energy / 1e6;
    m.supplyVolts = row.positive("supplyVolts");
    m.submitter = row.text("submitter");
    m.round = row.text("round");
    m.source = row.text("source");
    m.energySource = row.text("energySource");
    m.origin = at;
    return m;
}

// Quotes a field when it holds a comma, a quote or surrounding spaces.
std::string csvField(const std::string& text)
{
    if (text.find_first_of(",\"") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (const char c : text)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

std::string number(double value)
{
    std::ostringstream text;
    text.precision(17);
    text << value;
    return text.str();
}

} // namespace

std::vector<LatencyMeasurement> parseMeasurementCsv(std::string_view text, const std::string& fileLabel)
{
    std::vector<LatencyMeasurement> rows;
    std::map<std::string, std::size_t> columns;
    bool haveHeader = false;
    int lineNumber = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        std::string_view line = text.substr(start, end - start);
        start = end + 1;
        ++lineNumber;
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.find_first_not_of(" \t") == std::string_view::npos || line.front() == '#')
            continue;
        const SourceLocation at{fileLabel, lineNumber, 1};
        const std::vector<Field> fields = splitLine(line, at);
        if (!haveHeader) {
            columns = readHeader(fields, at);
            haveHeader = true;
            continue;
        }
        if (fields.size() != columns.size())
            throw Error("expected " + std::to_string(columns.size()) + " fields as in the header, got "
                            + std::to_string(fields.size()),
                        at);
        rows.push_back(readRow(RowReader(columns, fields, at), at));
    }
    if (!haveHeader)
        throw Error("no header row (expected columns such as part,model,latencyMs)", {fileLabel, 0, 0});
    return rows;
}

std::vector<LatencyMeasurement> loadMeasurementCsvFile(const std::string& path)
{
    return parseMeasurementCsv(readTextFile(path, kMaxMeasurementFileBytes), path);
}

std::string writeMeasurementCsv(const std::vector<LatencyMeasurement>& measurements)
{
    std::string out;
    for (const char* column : kColumns)
        out += std::string(out.empty() ? "" : ",") + column;
    out += "\n";
    for (const LatencyMeasurement& m : measurements) {
        const std::vector<std::string> fields{
            m.board, m.part, m.core, m.clockHz > 0 ? std::to_string(m.clockHz) : "", m.engine, m.model,
            number(m.latencySeconds * 1000.0), m.energyJoules ? number(*m.energyJoules * 1e6) : "",
            m.supplyVolts ? number(*m.supplyVolts) : "", m.submitter, m.round, m.source, m.energySource};
        for (std::size_t i = 0; i < fields.size(); ++i)
            out += (i ? "," : "") + csvField(fields[i]);
        out += "\n";
    }
    return out;
}

std::vector<LatencyMeasurement> builtInMeasurements(std::string_view setId)
{
    const auto csv = hwlib::calibrationSetCsv(setId);
    if (!csv)
        throw Error("unknown calibration set '" + std::string(setId) + "'");
    return parseMeasurementCsv(*csv, "hwlib/catalogue/calibration/" + std::string(setId) + ".csv");
}

std::vector<CalibrationSample> measurementSamples(const std::vector<LatencyMeasurement>& measurements,
                                                  const PartProvider& partOf)
{
    const NetworkProvider networkOf = [](const std::string& model) {
        const auto endsWith = [&model](std::string_view suffix) {
            return model.size() >= suffix.size() && model.compare(model.size() - suffix.size(), suffix.size(), suffix) == 0;
        };
        const bool file = model.find('/') != std::string::npos || endsWith(".yaml") || endsWith(".yml") || endsWith(".onnx");
        const bool zoo = model.rfind("zoo:", 0) == 0;
        return Network(foldBatchNorms(loadNetwork(file || zoo ? model : "zoo:" + model)));
    };
    return calibrationSamples(measurements, networkOf, partOf);
}

LatencyCalibration builtInLatencyCalibration(const FitOptions& options, bool heldOutRanges)
{
    LatencyCalibration calibration;
    calibration.measurements = builtInMeasurements();
    calibration.samples = measurementSamples(calibration.measurements);
    calibration.fit = fitLatencyModel(calibration.samples, options);
    if (heldOutRanges) {
        calibration.heldOut = crossValidate(calibration.samples, HoldOut::Measurement, options);
        calibration.fit.setHeldOutErrors(calibration.heldOut);
    }
    return calibration;
}

} // namespace mdse::core
