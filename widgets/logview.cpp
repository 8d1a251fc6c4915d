// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "logview.h"

#include "eventlog.h"

#include <QFontDatabase>
#include <QKeyEvent>
#include <QScrollBar>
#include <QStringList>
#include <QTextBlock>
#include <QTextCursor>

#include <algorithm>
#include <climits>
#include <limits>

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
    setFont(logFont());
    setAccessibleName(tr("Log"));

    // Following is what the user chose, not where the scroll bar happens to
    // be: only the user's scrolling (keys, wheel, the bar, a selection
    // dragged past the edge: all of them scroll-bar actions) changes it. A
    // relayout (a resize, lines laid out later, a new batch) moves the range
    // and the view keeps to the bottom while following.
    QScrollBar *bar = verticalScrollBar();
    connect(bar, &QAbstractSlider::actionTriggered, this, &LogView::userScrolled);
    connect(bar, &QAbstractSlider::rangeChanged, this, [this] {
        if (m_following && !m_updating)
            scrollToBottom();
    });
}

QFont LogView::logFont()
{
    // Once a process: the family of the font built in (empty if it failed
    // to load, and then the system's fallback is all there is).
    static const QString pictures = [] {
        const int id = QFontDatabase::addApplicationFont(
            QStringLiteral(":/sockethub/fonts/ControlPictures-NotoSansSymbols2.ttf"));
        return id < 0 ? QString() : QFontDatabase::applicationFontFamilies(id).value(0);
    }();
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (!pictures.isEmpty())
        font.setFamilies({font.family(), pictures});
    return font;
}

void LogView::setLog(EventLog *log)
{
    if (m_log)
        disconnect(m_log, nullptr, this, nullptr);
    m_log = log;
    setMaximumBlockCount(log ? log->maxLines() : 0);
    setFollowing(true);
    render();
    if (!log)
        return;
    connect(log, &EventLog::eventsAppended, this, &LogView::appendEvents);
    connect(log, &EventLog::cleared, this, &LogView::clearLines);
}

void LogView::setTimestampMode(TimestampMode mode)
{
    if (mode == m_timestampMode)
        return;
    m_timestampMode = mode;
    render();
}

void LogView::setHexMode(bool on)
{
    if (on == m_hex)
        return;
    m_hex = on;
    render();
}

void LogView::setTextFilter(const QString &text)
{
    if (text == m_textFilter)
        return;
    m_textFilter = text;
    render();
}

void LogView::setClientFilter(quint32 clientId)
{
    if (clientId == m_clientFilter)
        return;
    m_clientFilter = clientId;
    render();
}

QString LogView::formatLine(const LogEvent &event) const
{
    QString line;
    if (m_timestampMode != TimestampMode::Hidden) {
        line.reserve(24 + 64);
        m_stamp.setFormat(m_timestampMode == TimestampMode::DateTime ? LogStamp::Format::DateTime
                                                                      : LogStamp::Format::Time);
        m_stamp.appendTo(line, event.msecsSinceEpoch);
        line += QLatin1Char(' ');
    }
    line += event.formatBody(m_hex);
    return displayed(std::move(line));
}

void LogView::appendEvents(const QList<LogEvent> &events)
{
    if (events.isEmpty())
        return;
    const qsizetype limit = qMin<qsizetype>(kMaxLinesPerBatch, lineLimit());
    const bool searching = !m_textFilter.isEmpty();
    // Newest first: the newest events that pass the filters, as many as a
    // batch shows; with a text filter, no more of them formatted to be
    // searched than kMaxSearchedPerBatch and kMaxSearchedCharsPerBatch allow.
    QStringList lines;
    QList<qint64> times;
    qsizetype searched = 0;
    qsizetype searchedChars = 0;
    qsizetype i = events.size();
    while (i > 0) {
        const LogEvent &e = events.at(i - 1);
        if (!passesClientFilter(e)) {
            --i;
            continue;
        }
        if (lines.size() == limit
            || (searching && (searched == kMaxSearchedPerBatch || searchedChars >= kMaxSearchedCharsPerBatch)))
            break;
        --i;
        QString line = formatLine(e);
        ++searched;
        searchedChars += line.size();
        if (!passesTextFilter(line))
            continue;
        lines.append(std::move(line));
        times.append(e.msecsSinceEpoch);
    }
    // Events [0, i) were not looked at: the ones the client filter passes
    // are not shown.
    qsizetype notShown = 0;
    qint64 noteTime = i > 0 ? events.at(i - 1).msecsSinceEpoch : 0;
    for (qsizetype j = 0; j < i; ++j) {
        if (passesClientFilter(events.at(j)))
            ++notShown;
    }
    const qsizetype newLines = lines.size();
    if (notShown > 0) {
        QString note;
        if (searching) {
            //: A flood arrived while the log is filtered: older lines of it were not searched.
            note = tr("… %Ln line(s) not searched (flood)", nullptr, int(notShown));
        } else {
            // The batch's limit holds the note too: the oldest line makes room.
            if (lines.size() == limit) {
                lines.removeLast();
                noteTime = times.takeLast();
                ++notShown;
            }
            //: Always 2 or more.
            note = tr("… %Ln line(s) not shown (flood)", nullptr, int(notShown));
        }
        // Stamped like the newest line it stands for.
        lines.append(formatLine(LogEvent::info(note, noteTime)));
        times.append(noteTime);
    }
    std::reverse(lines.begin(), lines.end());
    std::reverse(times.begin(), times.end());
    appendLines(lines, times);
    if (!m_following)
        addUnseen(int(qMin<qsizetype>(newLines, INT_MAX)));
}

void LogView::appendLines(const QStringList &lines, const QList<qint64> &times)
{
    if (lines.isEmpty())
        return;
    const qsizetype limit = lineLimit();
    const qsizetype skip = qMax<qsizetype>(0, lines.size() - limit);
    const qsizetype existing = qsizetype(m_lineTimes.size());
    const qsizetype drop = qMin(existing, qMax<qsizetype>(0, existing + lines.size() - skip - limit));

    // Where the screen is: its first block and the line in it.
    QScrollBar *bar = verticalScrollBar();
    const QTextBlock top = firstVisibleBlock();
    const int topBlock = top.blockNumber();
    const int topLine = qMax(0, bar->value() - top.firstLineNumber());

    const bool wasUpdating = std::exchange(m_updating, true);
    QTextCursor cursor(document());
    cursor.beginEditBlock();
    // The oldest lines go first, so that the document never holds more than
    // its limit (QPlainTextEdit's own limit would drop them after the insert
    // and move the screen by as many lines).
    if (drop > 0 && drop == existing) {
        cursor.select(QTextCursor::Document);
        cursor.removeSelectedText();
    } else if (drop > 0) {
        cursor.movePosition(QTextCursor::NextBlock, QTextCursor::KeepAnchor, int(drop));
        cursor.removeSelectedText();
    }
    m_lineTimes.erase(m_lineTimes.begin(), m_lineTimes.begin() + drop);
    cursor.movePosition(QTextCursor::End);
    QString text = m_lineTimes.empty() ? QString() : QStringLiteral("\n");
    text += (skip > 0 ? lines.mid(skip) : lines).join(QLatin1Char('\n'));
    cursor.insertText(text);
    cursor.endEditBlock();
    m_lineTimes.insert(m_lineTimes.end(), times.begin() + skip, times.end());
    m_updating = wasUpdating;

    if (m_following) {
        scrollToBottom();
    } else {
        // The same lines at the same place on screen, unless they were the
        // ones dropped.
        const int newTop = topBlock - int(drop);
        const QTextBlock block = document()->findBlockByNumber(qMax(0, newTop));
        bar->setValue(block.firstLineNumber() + (newTop >= 0 ? topLine : 0));
    }
}

void LogView::render()
{
    // When reading older lines: the first one on screen, by its time, and
    // which of the lines of that millisecond it is.
    qint64 anchor = 0;
    qsizetype anchorRank = 0;
    bool anchored = false;
    if (!m_following) {
        const qsizetype top = firstVisibleBlock().blockNumber();
        if (top >= 0 && top < qsizetype(m_lineTimes.size())) {
            anchor = m_lineTimes[size_t(top)];
            while (anchorRank < top && m_lineTimes[size_t(top - anchorRank - 1)] == anchor)
                ++anchorRank;
            anchored = true;
        }
    }

    QStringList lines;
    QList<qint64> times;
    if (m_log) {
        // One pass, newest first, over what the log retains (its bound).
        const QList<LogEvent> events = m_log->events();
        const qsizetype limit = lineLimit();
        for (qsizetype i = events.size() - 1; i >= 0 && lines.size() < limit; --i) {
            const LogEvent &e = events.at(i);
            if (!passesClientFilter(e))
                continue;
            QString line = formatLine(e);
            if (!passesTextFilter(line))
                continue;
            lines.append(std::move(line));
            times.append(e.msecsSinceEpoch);
        }
        std::reverse(lines.begin(), lines.end());
        std::reverse(times.begin(), times.end());
    }

    const bool wasUpdating = std::exchange(m_updating, true);
    QTextCursor cursor(document());
    cursor.beginEditBlock();
    cursor.select(QTextCursor::Document);
    cursor.removeSelectedText();
    cursor.insertText(lines.join(QLatin1Char('\n')));
    cursor.endEditBlock();
    m_lineTimes.assign(times.begin(), times.end());
    m_updating = wasUpdating;

    if (m_following || !anchored) {
        jumpToLatest();
        return;
    }
    auto at = std::find_if(m_lineTimes.begin(), m_lineTimes.end(), [anchor](qint64 t) { return t >= anchor; });
    for (qsizetype rank = 0; rank < anchorRank && at != m_lineTimes.end() && at + 1 != m_lineTimes.end()
         && *(at + 1) == anchor; ++rank)
        ++at;
    const int blockNumber = at == m_lineTimes.end() ? int(m_lineTimes.size()) - 1 : int(at - m_lineTimes.begin());
    QScrollBar *bar = verticalScrollBar();
    bar->setValue(document()->findBlockByNumber(qMax(0, blockNumber)).firstLineNumber());
    // Nothing more below: the view is at the bottom, and follows.
    if (bar->value() >= bar->maximum()) {
        setFollowing(true);
        return;
    }
    // New: the lines shown now that came after the view stopped following.
    int unseen = 0;
    for (auto t = m_lineTimes.rbegin(); t != m_lineTimes.rend() && *t > m_seenUntil; ++t)
        ++unseen;
    if (unseen != m_unseen) {
        m_unseen = unseen;
        Q_EMIT unseenLinesChanged(unseen);
    }
}

void LogView::clearLines()
{
    const bool wasUpdating = std::exchange(m_updating, true);
    clear();
    m_lineTimes.clear();
    m_updating = wasUpdating;
    jumpToLatest();
}

void LogView::scrollToBottom()
{
    const bool wasUpdating = std::exchange(m_updating, true);
    QScrollBar *bar = verticalScrollBar();
    bar->setValue(bar->maximum());
    m_updating = wasUpdating;
}

void LogView::jumpToLatest()
{
    setFollowing(true);
    scrollToBottom();
}

void LogView::userScrolled()
{
    // Emitted with the slider already where the action puts it (a page
    // step: where QPlainTextEdit put the top line).
    const QScrollBar *bar = verticalScrollBar();
    setFollowing(bar->sliderPosition() >= bar->maximum());
}

void LogView::setFollowing(bool on)
{
    if (on && m_unseen != 0) {
        m_unseen = 0;
        Q_EMIT unseenLinesChanged(0);
    }
    if (on == m_following)
        return;
    m_following = on;
    // What was there to see when following stopped.
    if (!on)
        m_seenUntil = m_lineTimes.empty() ? std::numeric_limits<qint64>::min() : m_lineTimes.back();
    Q_EMIT followingChanged(on);
}

void LogView::addUnseen(int lines)
{
    if (lines <= 0)
        return;
    m_unseen = int(qMin<qint64>(qint64(m_unseen) + lines, INT_MAX));
    Q_EMIT unseenLinesChanged(m_unseen);
}

void LogView::keyPressEvent(QKeyEvent *event)
{
    // Read-only, QPlainTextEdit scrolls with Home and End but ignores
    // Ctrl+Home and Ctrl+End.
    if (event == QKeySequence::MoveToEndOfDocument) {
        jumpToLatest();
        event->accept();
        return;
    }
    if (event == QKeySequence::MoveToStartOfDocument) {
        verticalScrollBar()->triggerAction(QAbstractSlider::SliderToMinimum);
        event->accept();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

void LogView::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    if (m_following)
        scrollToBottom();
}

void LogView::showEvent(QShowEvent *event)
{
    QPlainTextEdit::showEvent(event);
    if (m_following)
        scrollToBottom();
}

QString LogView::displayed(QString line)
{
    // QTextDocument starts a new block at U+FDD0 and U+FDD1 (its frame
    // marks), which ControlEscape leaves alone: a peer's text must not make
    // a line of its own.
    if (line.contains(QChar(0xFDD0)))
        line.replace(QChar(0xFDD0), QStringLiteral("<U+FDD0>"));
    if (line.contains(QChar(0xFDD1)))
        line.replace(QChar(0xFDD1), QStringLiteral("<U+FDD1>"));
    if (line.size() <= kMaxLineLength)
        return line;
    const QString note = tr(" … [%n characters]", nullptr, int(line.size()));
    qsizetype cut = kMaxLineLength - note.size();
    if (line.at(cut - 1).isHighSurrogate())
        --cut;
    line.truncate(cut);
    return line + note;
}
