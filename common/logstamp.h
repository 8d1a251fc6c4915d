// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The time stamp of a log line in local time, "hh:mm:ss.zzz" or
// "yyyy-MM-dd hh:mm:ss.zzz". Local time costs a look at the time zone each
// time it is worked out, so the text up to the second is kept and reused
// while events share their second (a flood's do): a view or a writer stamps
// a line in nanoseconds instead of microseconds. Not thread-safe: one per
// thread that formats.
#pragma once

#include <QString>

class LogStamp
{
public:
    enum class Format { Time, DateTime };

    explicit LogStamp(Format format = Format::Time)
        : m_format(format)
    {
    }

    Format format() const { return m_format; }
    void setFormat(Format format);
    // Appends the stamp of the time (without a separator after it).
    void appendTo(QString &out, qint64 msecsSinceEpoch);

private:
    Format m_format;
    // The last stamp's second and its text up to the milliseconds.
    qint64 m_second = 0;
    QString m_seconds;
};
