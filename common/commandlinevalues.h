// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>

// Reads the values of a parsed command line with one wording for every
// wrong value. The first wrong one is the error; reading goes on, so that
// one pass checks everything.
class CommandLineValues
{
    Q_DECLARE_TR_FUNCTIONS(main)

public:
    explicit CommandLineValues(const QCommandLineParser &parser) : m_parser(parser) {}

    bool isSet(const QCommandLineOption &option) const { return m_parser.isSet(option); }
    QString value(const QCommandLineOption &option) const { return m_parser.value(option); }
    QStringList values(const QCommandLineOption &option) const { return m_parser.values(option); }

    // The option's value, a whole number from min to max; min and a
    // failure when it is not one.
    qint64 number(const QCommandLineOption &option, qint64 min, qint64 max);
    // Sets field to the option's number when the option is given.
    template <typename T>
    void setNumber(const QCommandLineOption &option, T &field, qint64 min, qint64 max)
    {
        if (m_parser.isSet(option))
            field = static_cast<T>(number(option, min, max));
    }
    // Records a failure (only the first is kept).
    void fail(const QString &message);

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }

private:
    const QCommandLineParser &m_parser;
    QString m_error;
};
