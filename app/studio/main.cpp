// microdse-studio [network] [--target id] [--language code]
#include "app/studio/main_window.h"
#include "app/studio/studio_startup.h"

#include "models/studio_document.h"

#include <QApplication>

int main(int argc, char* argv[])
{
    QApplication application(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("MicroDSE"));
    QApplication::setApplicationName(QStringLiteral("MicroDSE Studio"));
    QApplication::setApplicationVersion(QStringLiteral(MDSE_VERSION));

    const mdse::app::StartupOptions options = mdse::app::parseStartupOptions(application.arguments());
    mdse::app::installTranslations(application, options.language);
    mdse::app::useGroupSeparators();

    mdse::models::StudioDocument document;
    mdse::app::MainWindow window(&document);
    mdse::app::openStartupDesign(window, document, options);
    window.show();
    return application.exec();
}
