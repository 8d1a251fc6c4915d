// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "eventlog.h"

#include "crossthread.h"

#include <QSaveFile>

EventLog::EventLog(int maxLines, QObject *parent)
    : QObject(parent)
    , m_maxLines(qMax(1, maxLines))
    , m_batchTimer(this)
{
    m_batchTimer.setSingleShot(true);
    m_batchTimer.setInterval(kDefaultBatchIntervalMs);
    connect(&m_batchTimer, &QTimer::timeout, this, &EventLog::flush);
}

EventLog::~EventLog() = default;

QList<LogEvent> EventLog::events() const
{
    return QList<LogEvent>(m_events.begin(), m_events.end());
}

QStringList EventLog::lines() const
{
    QStringList out;
    out.reserve(qsizetype(m_events.size()));
    for (const LogEvent &e : m_events)
        out.append(e.format());
    return out;
}

bool EventLog::saveTo(const QString &path, QString *errorString) const
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        for (const LogEvent &e : m_events) {
            file.write(e.format().toUtf8());
            file.write("\n", 1);
        }
        if (file.commit())
            return true;
    }
    if (errorString)
        *errorString = file.errorString();
    return false;
}

void EventLog::append(const QString &line)
{
    appendEvent(LogEvent::info(line));
}

void EventLog::appendEvent(const LogEvent &event)
{
    retain(event);
    m_pending.append(event);
    m_pendingBytes += event.cost();
    schedule();
}

void EventLog::appendEvents(const QList<LogEvent> &events)
{
    if (events.isEmpty())
        return;
    // Only the newest maxLines can stay; skip the rest without touching them.
    const qsizetype first = qMax<qsizetype>(0, events.size() - m_maxLines);
    for (qsizetype i = first; i < events.size(); ++i)
        retain(events.at(i));
    if (m_pending.isEmpty())
        m_pending = events;
    else
        m_pending.append(events);
    m_pendingBytes += LogEvent::cost(events);
    schedule();
}

void EventLog::setRetaining(bool on)
{
    m_retaining = on;
    if (!on) {
        m_events.clear();
        m_bytes = 0;
    }
}

void EventLog::retain(const LogEvent &event)
{
    if (!m_retaining)
        return;
    m_events.push_back(event);
    // A payload that is a slice of a larger block (the server's line
    // decoder gives each line of a read a slice of one block: ByteSlice)
    // would keep the whole block alive for as long as the log keeps the
    // line, far past the log's byte bound. A kept line keeps its own bytes.
    QByteArray &payload = m_events.back().utf8;
    if (payload.capacity() > payload.size() + kMaxSharedSlack)
        payload = QByteArray(payload.constData(), payload.size());
    m_bytes += event.cost();
    trim();
}

void EventLog::trim()
{
    while (!m_events.empty()
           && (qsizetype(m_events.size()) > m_maxLines || (m_bytes > m_maxBytes && m_events.size() > 1))) {
        m_bytes -= m_events.front().cost();
        m_events.pop_front();
    }
}

void EventLog::schedule()
{
    if (!m_batchTimer.isActive())
        m_batchTimer.start();
}

void EventLog::clear()
{
    m_events.clear();
    m_bytes = 0;
    m_pending.clear();
    m_pendingBytes = 0;
    m_batchTimer.stop();
    Q_EMIT cleared();
}

void EventLog::flush()
{
    m_batchTimer.stop();
    if (m_pending.isEmpty())
        return;
    const QList<LogEvent> batch = std::exchange(m_pending, {});
    m_pendingBytes = 0;
    m_pending.reserve(batch.size()); // the next batch is likely as large: grow once
    // Its receivers may be on other threads (the window's copy, a LogWriter).
    CrossThread::emitAcross(this, [&] { Q_EMIT eventsAppended(batch); });
}
