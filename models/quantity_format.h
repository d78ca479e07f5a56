#pragma once

#include <QLocale>
#include <QString>

// Number formatting shared by every view, so a count or a size reads the
// same everywhere (and follows the user's locale).
namespace mdse::models {

// "3,504,872": exact, with the locale's group separator.
QString formatExactCount(qint64 count, const QLocale& locale = QLocale());
// "3.50 M": three significant digits with an SI prefix (core::formatCount,
// the same text the CLI prints).
QString formatSiCount(qint64 count);
// "3,504,872 (3.50 M)"
QString formatCountBoth(qint64 count, const QLocale& locale = QLocale());

// Binary (IEC 80000-13) and decimal (SI) kilo: 1 KiB = 1024 B, 1 kB = 1000 B.
// Values are rounded to two decimals, trailing zeros dropped:
// 327,680 B -> "320 KiB" and "327.68 kB".
inline constexpr qint64 kBytesPerKibibyte = 1024;
inline constexpr qint64 kBytesPerKilobyte = 1000;
QString formatKibibytes(qint64 bytes, const QLocale& locale = QLocale());
QString formatKilobytes(qint64 bytes, const QLocale& locale = QLocale());

// 216,000,000 Hz -> "216 MHz"
QString formatMegahertz(qint64 hertz, const QLocale& locale = QLocale());

} // namespace mdse::models
