#include "app/studio/studio_startup.h"

#include "app/studio/main_window.h"

#include "core/io/zoo.h"
#include "hwlib/catalogue.h"
#include "models/studio_document.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <algorithm>

namespace mdse::app {

StartupOptions parseStartupOptions(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("mdse::app::Startup", "Design-space exploration of neural networks on micro hardware."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("network"),
        QApplication::translate("mdse::app::Startup", "A YAML network file or zoo:<id> (default: %1).").arg(defaultNetwork()),
        QStringLiteral("[network]"));
    const QCommandLineOption target(QStringLiteral("target"),
        QApplication::translate("mdse::app::Startup", "The MCU target id (default: %1).")
            .arg(QString::fromUtf8(hwlib::kDefaultMcuId)),
        QStringLiteral("id"));
    const QCommandLineOption language(QStringLiteral("language"),
        QApplication::translate("mdse::app::Startup", "The user-interface language, e.g. de or en."),
        QStringLiteral("code"));
    parser.addOptions({target, language});
    parser.process(arguments);
    const QStringList positional = parser.positionalArguments();
    return {positional.value(0), parser.value(target), parser.value(language)};
}

QString defaultNetwork()
{
    const std::vector<std::string> ids = core::zooIds();
    const std::string wanted(core::kDefaultZooId);
    const bool present = std::find(ids.begin(), ids.end(), wanted) != ids.end();
    const std::string id = present || ids.empty() ? wanted : ids.front();
    return QStringLiteral("zoo:") + QString::fromStdString(id);
}

void installTranslations(QApplication& application, const QString& language)
{
    const QLocale locale = language.isEmpty() ? QLocale() : QLocale(language);
    if (!language.isEmpty())
        QLocale::setDefault(locale);
    auto* qtTranslator = new QTranslator(&application);
    if (qtTranslator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qtTranslator);
    auto* studioTranslator = new QTranslator(&application);
    if (studioTranslator->load(locale, QStringLiteral("microdse"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(studioTranslator);
}

void useGroupSeparators()
{
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    QLocale::setDefault(locale);
}

void openStartupDesign(MainWindow& window, models::StudioDocument& document, const StartupOptions& options)
{
    const QString defaultTarget = QString::fromUtf8(hwlib::kDefaultMcuId);
    document.setTargetId(defaultTarget);
    if (!options.targetId.isEmpty() && options.targetId != defaultTarget) {
        const QString error = document.setTargetId(options.targetId);
        if (!error.isEmpty())
            window.showError(error);
    }
    const bool opened = !options.network.isEmpty() && window.openNetwork(options.network);
    if (!opened)
        window.openNetwork(defaultNetwork());
}

} // namespace mdse::app
