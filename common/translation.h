// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The programs' translations (resources/translations, built into the
// programs under :/i18n): the language comes from the system locale
// (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), or from --lang for one run.
#pragma once

#include <QCommandLineOption>
#include <QString>

class QCoreApplication;

namespace Translation {

// The value of --lang LANG / --lang=LANG in argv, or an empty string. Read
// before the QCommandLineParser runs, since the options' own help texts
// are translated.
QString languageFromArguments(int argc, char *argv[]);

// Installs the English plural forms, then the translation for language (a
// locale name such as "de" or "de_DE"; empty: the system's UI languages),
// plus Qt's own for the standard dialog buttons. Returns the language
// loaded ("en" when there is no translation for it).
QString install(QCoreApplication *app, const QString &language);

// Only the English plural forms (install() does this first): for tests
// that check the English texts.
void installPluralForms(QCoreApplication *app);

// --lang, for the parser's list (its value was already used by install()).
QCommandLineOption languageOption();

} // namespace Translation
