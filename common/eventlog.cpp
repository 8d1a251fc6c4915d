#include "eventlog.h"

#include <QFile>
#include <QSaveFile>
#include <QTime>

#include <cstdio>

EventLog::EventLog(int maxLines, QObject *parent)
    : QObject(parent)
    , m_maxLines(qMax(1, maxLines))
{
    m_batchTimer.setSingleShot(true);
    m_batchTimer.setInterval(kDefaultBatchIntervalMs);
    connect(&m_batchTimer, &QTimer::timeout, this, &EventLog::flush);
}

EventLog::~EventLog() = default;

QStringList EventLog::lines() const
{
    QStringList out;
    out.reserve(qsizetype(m_lines.size()));
    for (const QString &line : m_lines)
        out.append(line);
    return out;
}

bool EventLog::setSink(const QString &path, QString *errorString)
{
    m_sink.reset();
    if (path.isEmpty())
        return true;
    auto file = std::make_unique<QFile>();
    const bool ok = path == QLatin1String("-")
        ? file->open(stdout, QIODevice::WriteOnly | QIODevice::Text)
        : (file->setFileName(path), file->open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text));
    if (!ok) {
        if (errorString)
            *errorString = file->errorString();
        return false;
    }
    m_sink = std::move(file);
    return true;
}

bool EventLog::saveTo(const QString &path, QString *errorString) const
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        for (const QString &line : m_lines) {
            file.write(line.toUtf8());
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
    QString stamped = QTime::currentTime().toString(QStringLiteral("hh:mm:ss.zzz "));
    stamped += line;
    if (m_sink) {
        m_sink->write(stamped.toUtf8());
        m_sink->write("\n", 1);
        m_sink->flush();
    }
    m_lines.push_back(stamped);
    if (qsizetype(m_lines.size()) > m_maxLines)
        m_lines.pop_front();
    m_pending.append(std::move(stamped));
    if (m_pending.size() > m_maxLines)
        m_pending.removeFirst();
    if (!m_batchTimer.isActive())
        m_batchTimer.start();
}

void EventLog::clear()
{
    m_lines.clear();
    m_pending.clear();
    m_batchTimer.stop();
    Q_EMIT cleared();
}

void EventLog::flush()
{
    m_batchTimer.stop();
    if (m_pending.isEmpty())
        return;
    const QStringList batch = std::exchange(m_pending, {});
    Q_EMIT linesAppended(batch);
}
