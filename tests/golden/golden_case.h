#pragma once
// Golden cases (tests/golden/README.md): each folder holds a network
// reference, a design spec and the expected figures, each figure citing an
// independent source. Header only, shared by the CLI and studio runners.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <cmath>
#include <optional>
#include <vector>

namespace mdse::test {

struct GoldenFigure {
    QString path;     // "totals.params", "layers[name=fc1].weightBytes", "patch.curve[splitLayer=c,grid=2].peakBytes"
    QJsonValue value; // a number, a string or a boolean
    double relativeTolerance = 0.0;
    QString source;
};

struct GoldenCase {
    QString name;
    QString network; // "zoo:<id>" or an absolute path
    QString spec;    // absolute path of spec.yaml
    std::vector<GoldenFigure> figures;
};

inline QString goldenDirectory() { return QStringLiteral(MDSE_SOURCE_DIR "/tests/golden"); }

inline QJsonObject readJsonFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

inline std::vector<GoldenCase> goldenCases()
{
    std::vector<GoldenCase> cases;
    const QDir root(goldenDirectory());
    for (const QString& name : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QDir dir(root.filePath(name));
        const QJsonObject expected = readJsonFile(dir.filePath(QStringLiteral("expected.json")));
        GoldenCase c;
        c.name = name;
        const QString network = expected.value(QStringLiteral("network")).toString();
        c.network = network.startsWith(QStringLiteral("zoo:")) ? network : dir.absoluteFilePath(network);
        c.spec = dir.absoluteFilePath(QStringLiteral("spec.yaml"));
        for (const QJsonValue& item : expected.value(QStringLiteral("figures")).toArray()) {
            const QJsonObject f = item.toObject();
            c.figures.push_back({f.value(QStringLiteral("path")).toString(), f.value(QStringLiteral("value")),
                                 f.value(QStringLiteral("relativeTolerance")).toDouble(0.0),
                                 f.value(QStringLiteral("source")).toString()});
        }
        cases.push_back(std::move(c));
    }
    return cases;
}

// One step of a path: a member, then optionally [i] or [key=value,...] to pick an array element.
inline std::optional<QJsonValue> step(const QJsonValue& current, const QString& token)
{
    static const QRegularExpression pattern(QStringLiteral("^([A-Za-z0-9_]+)(?:\\[(.*)\\])?$"));
    const QRegularExpressionMatch m = pattern.match(token);
    if (!m.hasMatch() || !current.isObject() || !current.toObject().contains(m.captured(1)))
        return std::nullopt;
    const QJsonValue member = current.toObject().value(m.captured(1));
    if (m.captured(2).isEmpty())
        return member;
    const QJsonArray array = member.toArray();
    bool isIndex = false;
    const int index = m.captured(2).toInt(&isIndex);
    if (isIndex)
        return index >= 0 && index < array.size() ? std::optional(array.at(index)) : std::nullopt;
    for (const QJsonValue& element : array) {
        bool all = true;
        for (const QString& condition : m.captured(2).split(QLatin1Char(','))) {
            const QStringList kv = condition.split(QLatin1Char('='));
            const QJsonValue v = element.toObject().value(kv.value(0));
            const QString text = v.isString() ? v.toString() : QString::number(v.toDouble(), 'g', 17);
            all = all && kv.size() == 2 && text == kv.value(1);
        }
        if (all)
            return element;
    }
    return std::nullopt;
}

inline std::optional<QJsonValue> lookup(const QJsonObject& report, const QString& path)
{
    QJsonValue current = report;
    for (const QString& token : path.split(QLatin1Char('.'))) {
        const auto next = step(current, token);
        if (!next)
            return std::nullopt;
        current = *next;
    }
    return current;
}

// Every figure of `c` that `report` does not match, as readable lines.
inline QStringList mismatches(const GoldenCase& c, const QJsonObject& report)
{
    QStringList problems;
    if (c.figures.empty())
        problems << c.name + QStringLiteral(": expected.json lists no figures");
    for (const GoldenFigure& f : c.figures) {
        const auto actual = lookup(report, f.path);
        if (f.source.isEmpty())
            problems << c.name + QStringLiteral(": figure ") + f.path + QStringLiteral(" cites no source");
        if (!actual) {
            problems << c.name + QStringLiteral(": ") + f.path + QStringLiteral(" is missing from the report");
            continue;
        }
        bool same = *actual == f.value;
        if (f.value.isDouble() && actual->isDouble()) {
            const double want = f.value.toDouble(), got = actual->toDouble();
            same = std::abs(got - want) <= f.relativeTolerance * std::abs(want);
        }
        if (!same)
            problems << QStringLiteral("%1: %2 = %3, expected %4 (%5)")
                            .arg(c.name, f.path, QString::fromUtf8(QJsonDocument(QJsonArray{*actual}).toJson(QJsonDocument::Compact)),
                                 QString::fromUtf8(QJsonDocument(QJsonArray{f.value}).toJson(QJsonDocument::Compact)), f.source);
    }
    return problems;
}

} // namespace mdse::test
