// The log pane: a read-only text view bound to an EventLog. It takes lines
// in batches and keeps only the log's maximum, so it stays cheap however
// fast lines arrive.
#pragma once

#include <QPlainTextEdit>

class EventLog;

class LogView : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit LogView(QWidget *parent = nullptr);

    void setLog(EventLog *log);

private:
    void appendLines(const QStringList &lines);

    EventLog *m_log = nullptr;
};
