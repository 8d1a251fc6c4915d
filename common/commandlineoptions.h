// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>

// The base of a program's command line (ServerCommandLine,
// ClientCommandLine): its options are members, declared with option() in
// the order --help lists them, each with a description for people.
class CommandLineOptions
{
    Q_DECLARE_TR_FUNCTIONS(main)

protected:
    // Describes the program and adds --help and --version.
    CommandLineOptions(QCommandLineParser &parser, const QString &description);

    // Declares an option; value names its value in --help (none: a flag).
    QCommandLineOption option(const char *name, const QString &description, const char *value = nullptr);
    // " (default N)", appended to a description.
    static QString defaultNote(qint64 value);

private:
    QCommandLineParser &m_parser;
};
