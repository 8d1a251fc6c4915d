// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "commandlinevalues.h"

qint64 CommandLineValues::number(const QCommandLineOption &option, qint64 min, qint64 max)
{
    bool ok = false;
    const qint64 v = m_parser.value(option).toLongLong(&ok);
    if (!ok || v < min || v > max) {
        fail(tr("--%1 must be a number from %2 to %3").arg(option.names().constFirst()).arg(min).arg(max));
        return min;
    }
    return v;
}

void CommandLineValues::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = message;
}
