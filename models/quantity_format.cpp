#include "models/quantity_format.h"

#include "core/report/quantity_text.h"

#include <QCoreApplication>

#include <cmath>

namespace mdse::models {

namespace {

// Rounds to two decimals and prints the shortest text for that value.
QString twoDecimals(double value, const QLocale& locale)
{
    const double rounded = std::round(value * 100.0) / 100.0;
    return locale.toString(rounded, 'f', QLocale::FloatingPointShortest);
}

} // namespace

QString formatExactCount(qint64 count, const QLocale& locale)
{
    return locale.toString(count);
}

QString formatSiCount(qint64 count)
{
    return QString::fromStdString(core::formatCount(count));
}

QString formatCountBoth(qint64 count, const QLocale& locale)
{
    return QStringLiteral("%1 (%2)").arg(formatExactCount(count, locale), formatSiCount(count));
}

QString formatKibibytes(qint64 bytes, const QLocale& locale)
{
    const double kibibytes = static_cast<double>(bytes) / static_cast<double>(kBytesPerKibibyte);
    return QCoreApplication::translate("mdse::models::QuantityFormat", "%1 KiB")
        .arg(twoDecimals(kibibytes, locale));
}

QString formatKilobytes(qint64 bytes, const QLocale& locale)
{
    const double kilobytes = static_cast<double>(bytes) / static_cast<double>(kBytesPerKilobyte);
    return QCoreApplication::translate("mdse::models::QuantityFormat", "%1 kB")
        .arg(twoDecimals(kilobytes, locale));
}

QString formatMegahertz(qint64 hertz, const QLocale& locale)
{
    return QCoreApplication::translate("mdse::models::QuantityFormat", "%1 MHz")
        .arg(twoDecimals(static_cast<double>(hertz) / 1e6, locale));
}

} // namespace mdse::models
