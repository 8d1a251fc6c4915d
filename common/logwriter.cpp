// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "logwriter.h"

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
    connect(log, &EventLog::eventsAppended, this, &LogWriter::write);
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
    QMetaObject::invokeMethod(this, [this] {
        closeFile();
        moveToThread(m_thread.thread());
        m_thread.quit();
    }, Qt::QueuedConnection);
    m_thread.wait();
}

void LogWriter::write(const QList<LogEvent> &events)
{
    if (!m_file)
        return;
    QByteArray out;
    for (const LogEvent &e : events) {
        out += e.format().toUtf8();
        out += '\n';
    }
    m_file->write(out);
    m_file->flush();
}

void LogWriter::closeFile()
{
    if (m_file)
        m_file->flush();
    m_file.reset();
}
