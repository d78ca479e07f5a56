#pragma once

#include <QString>
#include <QStringList>

class QApplication;

namespace mdse::models {
class StudioDocument;
}

namespace mdse::app {

class MainWindow;

// What the command line asks for: `microdse-studio [network] [--target id]
// [--language code]`. Empty fields mean the defaults.
struct StartupOptions {
    QString network;
    QString targetId;
    QString language;
};

// Parses the arguments (QCommandLineParser: --help and --version exit).
StartupOptions parseStartupOptions(const QStringList& arguments);

// The built-in default network: zoo:<core::kDefaultZooId>, or the first zoo
// entry while that file is not in the zoo.
QString defaultNetwork();

// Loads the embedded studio translation and Qt's own for `language` (the
// system locale when empty).
void installTranslations(QApplication& application, const QString& language);

// Counts read "3,504,872" even under the C locale.
void useGroupSeparators();

// Chooses the target and opens the network; errors go to the window's
// message box and the defaults stay in place.
void openStartupDesign(MainWindow& window, models::StudioDocument& document, const StartupOptions& options);

} // namespace mdse::app
