// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "logwriter.h"

#include "crossthread.h"

#include "eventlog.h"

#include <QFile>

#include <cstdio>

LogWriter::LogWriter()
{
    m_thread.setObjectName(QStringLiteral("log writer"));
}

LogWriter::~LogWriter()
{
    finish();
}

bool LogWriter::open(const QString &path, QString *errorString)
{
    auto file = std::make_unique<QFile>();
    const bool ok = path == QLatin1String("-")
        ? file->open(stdout, QIODevice::WriteOnly)
        : (file->setFileName(path), file->open(QIODevice::WriteOnly | QIODevice::Append));
    if (!ok) {
        if (errorString)
            *errorString = file->errorString();
        return false;
    }
    m_file = std::move(file);
    return true;
}

void LogWriter::attach(EventLog *log)
{
    // Counted in the log's thread as the batch is emitted, before the
    // writer's thread can take it.
    connect(log, &EventLog::eventsAppended, this, [this](const QList<LogEvent> &events) {
        m_backlogBytes.fetch_add(LogEvent::cost(events), std::memory_order_relaxed);
    }, Qt::DirectConnection);
    connect(log, &EventLog::eventsAppended, this, [this, log](const QList<LogEvent> &events) {
        CrossThread::acquire(log);
        writeBatch(events);
    });
}

void LogWriter::start()
{
    if (m_thread.isRunning())
        return;
    moveToThread(&m_thread);
    m_thread.start();
}

void LogWriter::finish()
{
    if (!m_thread.isRunning()) {
        closeFile();
        return;
    }
    // Queued behind every batch already posted to the writer's thread.
    CrossThread::post(this, [this] {
        closeFile();
        moveToThread(m_thread.thread());
        CrossThread::release(&m_thread);
        m_thread.quit();
    });
    m_thread.wait();
    // What the writer's thread did happens before what this one does next.
    CrossThread::acquire(&m_thread);
}

void LogWriter::write(const QList<LogEvent> &events)
{
    if (!m_file)
        return;
    // What LogEvent::format() makes, with the stamp's local time worked out
    // once a second instead of once a line.
    QByteArray out;
    QString line;
    for (const LogEvent &e : events) {
        line.clear();
        m_stamp.appendTo(line, e.msecsSinceEpoch);
        line += QLatin1Char(' ');
        line += e.formatBody();
        out += line.toUtf8();
        out += '\n';
    }
    m_file->write(out);
    m_file->flush();
}

void LogWriter::writeBatch(const QList<LogEvent> &events)
{
    write(events);
    m_backlogBytes.fetch_sub(LogEvent::cost(events), std::memory_order_relaxed);
    Q_EMIT batchWritten();
}

void LogWriter::closeFile()
{
    if (m_file)
        m_file->flush();
    m_file.reset();
}
