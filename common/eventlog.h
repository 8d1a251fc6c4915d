// A bounded, batched log: the model behind each window's log pane.
//
// append() is cheap and may be called once per message: it stamps the
// line, writes it to the optional --log sink (flushed), keeps the newest
// maxLines, and queues it. Views receive the queued lines in one
// linesAppended() batch per interval (about 30 Hz), never per line.
#pragma once

#include <QObject>
#include <QStringList>
#include <QTimer>

#include <deque>
#include <memory>

class QFile;

class EventLog : public QObject
{
    Q_OBJECT

public:
    static constexpr int kDefaultBatchIntervalMs = 33;

    explicit EventLog(int maxLines = 10000, QObject *parent = nullptr);
    ~EventLog() override;

    int maxLines() const { return m_maxLines; }
    // The retained lines, oldest first.
    QStringList lines() const;
    qsizetype lineCount() const { return qsizetype(m_lines.size()); }

    // Also writes every line, as it is appended, to path ("-" = stdout).
    // Returns false and sets *errorString when the file cannot be opened.
    bool setSink(const QString &path, QString *errorString = nullptr);
    // Writes the retained lines to path.
    bool saveTo(const QString &path, QString *errorString = nullptr) const;

public Q_SLOTS:
    // Stamps the line with the local time ("hh:mm:ss.zzz ") and queues it.
    void append(const QString &line);
    void clear();
    // Delivers queued lines now instead of at the next tick.
    void flush();

Q_SIGNALS:
    void linesAppended(const QStringList &lines);
    void cleared();

private:
    int m_maxLines;
    std::deque<QString> m_lines;
    QStringList m_pending;
    QTimer m_batchTimer;
    std::unique_ptr<QFile> m_sink;
};
