#include "logview.h"

#include "eventlog.h"

#include <QFontDatabase>
#include <QScrollBar>
#include <QStringList>

LogView::LogView(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setUndoRedoEnabled(false);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    // Wrapped at the widget's edge like a terminal, anywhere in a word. The
    // default (word boundary, else anywhere) looks for a word's end before
    // each visual line, so an unbroken line costs quadratic time to lay out
    // (Qt 6.4: 64 KiB of 'x' took 0.6 s, 256 KiB 6.6 s; anywhere: 31 ms, 75 ms).
    setWordWrapMode(QTextOption::WrapAnywhere);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
}

void LogView::setLog(EventLog *log)
{
    if (m_log)
        disconnect(m_log, nullptr, this, nullptr);
    m_log = log;
    clear();
    if (!log)
        return;
    setMaximumBlockCount(log->maxLines());
    appendEvents(log->events());
    connect(log, &EventLog::eventsAppended, this, &LogView::appendEvents);
    connect(log, &EventLog::cleared, this, &QPlainTextEdit::clear);
}

void LogView::appendEvents(const QList<LogEvent> &events)
{
    if (events.isEmpty())
        return;
    const qsizetype limit = qMin<qsizetype>(kMaxLinesPerBatch, qMax(1, maximumBlockCount()));
    // Over the limit: one line for the skipped events, then the newest.
    const qsizetype skipped = events.size() > limit ? events.size() - (limit - 1) : 0;
    QStringList lines;
    lines.reserve(events.size() - skipped + 1);
    if (skipped > 0) {
        //: Always 2 or more.
        const QString note = tr("… %Ln lines not shown (flood)", nullptr, int(skipped));
        // Stamped like the last line it stands for.
        lines.append(LogEvent::info(note, events.at(skipped - 1).msecsSinceEpoch).format());
    }
    for (qsizetype i = skipped; i < events.size(); ++i)
        lines.append(displayed(events.at(i).format()));

    QScrollBar *bar = verticalScrollBar();
    const bool atBottom = bar->value() == bar->maximum();
    appendPlainText(lines.join(QLatin1Char('\n')));
    if (atBottom)
        bar->setValue(bar->maximum());
}

QString LogView::displayed(QString line)
{
    if (line.size() <= kMaxLineLength)
        return line;
    const QString note = tr(" … [%n characters]", nullptr, int(line.size()));
    qsizetype cut = kMaxLineLength - note.size();
    if (line.at(cut - 1).isHighSurrogate())
        --cut;
    line.truncate(cut);
    return line + note;
}
