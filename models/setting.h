#pragma once

#include <QSettings>
#include <QString>
#include <QVariant>

#include <utility>

namespace mdse::models {

// A typed handle to one entry of the application's QSettings store,
// declared where it is used:
//     const Setting<QString> lastDirectory{"files/lastOpenDirectory", QString()};
// The store is the default QSettings of the application (organization and
// application name set in main()); core reads no settings.
template <typename T>
class Setting {
public:
    Setting(const char* key, T defaultValue)
        : m_key(QString::fromUtf8(key))
        , m_default(std::move(defaultValue))
    {
    }

    T value() const
    {
        const QVariant stored = QSettings().value(m_key);
        return stored.canConvert<T>() ? stored.template value<T>() : m_default;
    }
    void setValue(const T& value) const { QSettings().setValue(m_key, QVariant::fromValue(value)); }
    void reset() const { QSettings().remove(m_key); }

    const QString& key() const { return m_key; }
    const T& defaultValue() const { return m_default; }

private:
    QString m_key;
    T m_default;
};

} // namespace mdse::models
