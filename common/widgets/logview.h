// The log pane: a read-only text view bound to an EventLog. It takes the
// log's events in batches and formats only what it shows, so it stays cheap
// however fast events arrive and however large they are.
#pragma once

#include "logevent.h"

#include <QList>
#include <QPlainTextEdit>

class EventLog;

class LogView : public QPlainTextEdit
{
    Q_OBJECT

public:
    // The most lines formatted and laid out from one batch (about 30 batches
    // a second, so 3,000 lines a second, more than anyone reads): a flood
    // shows its newest lines after one line saying how many it skipped, so a
    // batch costs the same however many events it holds, and laying out text
    // never takes the CPU the network threads need.
    static constexpr qsizetype kMaxLinesPerBatch = 100;
    // The longest line shown whole; a longer one shows a prefix and its size,
    // within this length. LogEvent already cuts a payload to 4 KiB, so its
    // lines (4 KiB + the stamp, sender and notes) stay well under it.
    static constexpr qsizetype kMaxLineLength = 2 * LogEvent::kMaxLoggedPayload;

    explicit LogView(QWidget *parent = nullptr);

    void setLog(EventLog *log);

private:
    void appendEvents(const QList<LogEvent> &events);
    static QString displayed(QString line);

    EventLog *m_log = nullptr;
};
