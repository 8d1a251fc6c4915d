// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Writes a log to a file (or stdout) off the hot path: on a thread of its
// own, from the batches an EventLog emits (about 30 a second), formatting
// each event and flushing once per batch. So a clean exit loses nothing, and
// a SIGKILL at most the last batch or two (about 100 ms).
//
// backlogBytes() is what the attached logs have handed over and is not
// written yet: a reader that must not outrun the file (socket-client's
// backpressure, ReceiveBacklog) waits while it is large and tries again on
// batchWritten().
#pragma once

#include "logevent.h"
#include "logstamp.h"

#include <QList>
#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>

class EventLog;
class QFile;

class LogWriter : public QObject
{
    Q_OBJECT

public:
    LogWriter();
    ~LogWriter() override;

    // Opens path for appending ("-" = stdout). False with *errorString set
    // when it cannot be opened. Call before attach().
    bool open(const QString &path, QString *errorString = nullptr);
    // Writes every batch of log from now on. Call from the thread that owns
    // this writer, before or after start().
    void attach(EventLog *log);
    // Moves the writer to its own thread.
    void start();
    // Writes what is queued, closes the file and ends the thread; called by
    // the destructor. Batches emitted before the call are all written.
    void finish();

    // The LogEvent::cost() of the events attached logs emitted that are not
    // written yet. Any thread.
    qint64 backlogBytes() const { return m_backlogBytes.load(std::memory_order_relaxed); }

public Q_SLOTS:
    void write(const QList<LogEvent> &events);

Q_SIGNALS:
    // A batch of an attached log was written (emitted on the writer's
    // thread).
    void batchWritten();

private:
    // A batch of an attached log: written, then taken off the backlog.
    void writeBatch(const QList<LogEvent> &events);
    void closeFile();

    std::unique_ptr<QFile> m_file;
    QThread m_thread;
    std::atomic<qint64> m_backlogBytes {0};
    // On the writer's thread only.
    LogStamp m_stamp;
};
