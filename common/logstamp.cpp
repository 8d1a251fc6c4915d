// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "logstamp.h"

#include <QDateTime>

void LogStamp::setFormat(Format format)
{
    if (format == m_format)
        return;
    m_format = format;
    m_seconds.clear();
}

void LogStamp::appendTo(QString &out, qint64 msecsSinceEpoch)
{
    const qint64 msecs = msecsSinceEpoch;
    const qint64 second = msecs >= 0 ? msecs / 1000 : (msecs - 999) / 1000;
    if (second != m_second || m_seconds.isEmpty()) {
        const QDateTime time = QDateTime::fromMSecsSinceEpoch(second * 1000);
        m_seconds = m_format == Format::DateTime ? time.toString(QStringLiteral("yyyy-MM-dd hh:mm:ss."))
                                                 : time.time().toString(QStringLiteral("hh:mm:ss."));
        m_second = second;
    }
    const int millis = int(msecs - second * 1000);
    out.reserve(out.size() + m_seconds.size() + 3);
    out += m_seconds;
    out += QLatin1Char(char('0' + millis / 100));
    out += QLatin1Char(char('0' + millis / 10 % 10));
    out += QLatin1Char(char('0' + millis % 10));
}
