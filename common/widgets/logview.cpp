#include "logview.h"

#include "eventlog.h"

#include <QFontDatabase>
#include <QScrollBar>

LogView::LogView(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setUndoRedoEnabled(false);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
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
    appendLines(log->lines());
    connect(log, &EventLog::linesAppended, this, &LogView::appendLines);
    connect(log, &EventLog::cleared, this, &QPlainTextEdit::clear);
}

void LogView::appendLines(const QStringList &lines)
{
    if (lines.isEmpty())
        return;
    QScrollBar *bar = verticalScrollBar();
    const bool atBottom = bar->value() == bar->maximum();
    const qsizetype keep = qMin<qsizetype>(lines.size(), maximumBlockCount());
    appendPlainText(lines.mid(lines.size() - keep).join(QLatin1Char('\n')));
    if (atBottom)
        bar->setValue(bar->maximum());
}
