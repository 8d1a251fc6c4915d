// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "translation.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <cstring>

namespace Translation {

namespace {
constexpr char kOption[] = "--lang";
const QString kPrefix = QStringLiteral(":/i18n");
} // namespace

QString languageFromArguments(int argc, char *argv[])
{
    const size_t length = std::strlen(kOption);
    for (int i = 1; i < argc; ++i) {
        const char *arg = argv[i];
        if (std::strcmp(arg, "--") == 0)
            break;
        if (std::strcmp(arg, kOption) == 0 && i + 1 < argc)
            return QString::fromLocal8Bit(argv[i + 1]);
        if (std::strncmp(arg, kOption, length) == 0 && arg[length] == '=')
            return QString::fromLocal8Bit(arg + length + 1);
    }
    return {};
}

void installPluralForms(QCoreApplication *app)
{
    auto *english = new QTranslator(app);
    if (english->load(kPrefix + QStringLiteral("/sockethub_en.qm")))
        QCoreApplication::installTranslator(english);
    else
        delete english;
}

QString install(QCoreApplication *app, const QString &language)
{
    // English plural forms ("1 client", "2 clients") for every language
    // without a translation of its own.
    installPluralForms(app);

    QLocale locale = QLocale::system();
    if (!language.isEmpty()) {
        locale = QLocale(language);
        QLocale::setDefault(locale);
    }
    auto *own = new QTranslator(app);
    if (!own->load(locale, QStringLiteral("sockethub"), QStringLiteral("_"), kPrefix)
        || own->language().startsWith(QLatin1String("en"))) {
        delete own;
        return QStringLiteral("en");
    }
    QCoreApplication::installTranslator(own);
    // Qt's own texts (the standard buttons of a question), when the
    // system has them (qt6-translations-l10n).
    auto *qt = new QTranslator(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return own->language();
}

QCommandLineOption languageOption()
{
    return QCommandLineOption(QStringLiteral("lang"),
                              QCoreApplication::translate("main", "Language of the window and messages, such as de "
                                                                  "or en (default: the system's, from LANGUAGE or "
                                                                  "LANG)."),
                              QStringLiteral("LANG"));
}

} // namespace Translation
