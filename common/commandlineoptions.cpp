// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "commandlineoptions.h"

CommandLineOptions::CommandLineOptions(QCommandLineParser &parser, const QString &description)
    : m_parser(parser)
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addVersionOption();
}

QCommandLineOption CommandLineOptions::option(const char *name, const QString &description, const char *value)
{
    QCommandLineOption o(QString::fromLatin1(name), description);
    if (value)
        o.setValueName(QString::fromLatin1(value));
    m_parser.addOption(o);
    return o;
}

QString CommandLineOptions::defaultNote(qint64 value)
{
    return tr(" (default %1)").arg(value);
}
