// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// A bounded, batched log of structured events: the model behind each
// window's log pane, and the engine's record of what happened.
//
// append() is cheap and may be called once per message: it stores the event
// (no formatting), keeps the newest maxLines events within maxBytes, and
// queues it. Listeners (the log view, a LogWriter) receive queued events in
// one eventsAppended() batch per interval (about 30 Hz), never per event, and
// format only what they show or write.
#pragma once

#include "logevent.h"

#include <QList>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <deque>

class EventLog : public QObject
{
    Q_OBJECT

public:
    static constexpr int kDefaultBatchIntervalMs = 33;
    // The byte bound of a log's retained events (see LogEvent::cost()).
    static constexpr qsizetype kDefaultMaxBytes = 16 * 1024 * 1024;
    // A retained payload whose storage holds more than this past its own
    // bytes (a slice of a read's block) is copied when it is retained.
    static constexpr qsizetype kMaxSharedSlack = 64;

    explicit EventLog(int maxLines = 10000, QObject *parent = nullptr);
    ~EventLog() override;

    int maxLines() const { return m_maxLines; }
    // How long an event waits, at most, before its batch goes out.
    void setBatchInterval(int ms) { m_batchTimer.setInterval(qMax(1, ms)); }
    // A log that only passes batches on (to a window's copy, a writer)
    // keeps nothing itself.
    void setRetaining(bool on);
    qsizetype maxBytes() const { return m_maxBytes; }
    void setMaxBytes(qsizetype bytes) { m_maxBytes = qMax<qsizetype>(1, bytes); trim(); }

    // The retained events, oldest first, and the same formatted.
    QList<LogEvent> events() const;
    QStringList lines() const;
    qsizetype lineCount() const { return qsizetype(m_events.size()); }
    qsizetype retainedBytes() const { return m_bytes; }
    // The events queued for the next batch, and their LogEvent::cost():
    // what listeners have not been handed yet. A reader that feeds the log
    // faster than its batches go out (socket-client's backpressure) holds
    // back while this is large.
    qsizetype pendingCount() const { return m_pending.size(); }
    qsizetype pendingBytes() const { return m_pendingBytes; }

    // Writes the retained lines to path.
    bool saveTo(const QString &path, QString *errorString = nullptr) const;

public Q_SLOTS:
    // An Info event stamped now.
    void append(const QString &line);
    void appendEvent(const LogEvent &event);
    // A batch from another log (another thread's): retained within the
    // bounds, and passed on in this log's next batch.
    void appendEvents(const QList<LogEvent> &events);
    void clear();
    // Delivers queued events now instead of at the next tick.
    void flush();

Q_SIGNALS:
    // Every event appended since the last batch, oldest first.
    void eventsAppended(const QList<LogEvent> &events);
    void cleared();

private:
    void retain(const LogEvent &event);
    void trim();
    void schedule();

    int m_maxLines;
    bool m_retaining = true;
    qsizetype m_maxBytes = kDefaultMaxBytes;
    std::deque<LogEvent> m_events;
    qsizetype m_bytes = 0;
    QList<LogEvent> m_pending;
    qsizetype m_pendingBytes = 0;
    QTimer m_batchTimer;
};
