// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The log pane's text: a read-only view bound to an EventLog. It takes the
// log's events in batches and formats only what it shows, so it stays cheap
// however fast events arrive and however large they are.
//
// It follows new lines while it is scrolled to the bottom and stops when the
// user scrolls up (by key, wheel or scroll bar): then new lines change
// nothing of what is on screen, not even when the oldest lines are dropped,
// until jumpToLatest(), Ctrl+End, End or scrolling back to the bottom. A
// resize keeps following.
//
// What it shows is chosen by the timestamp mode, the hex mode, a text filter
// and a client filter. Changing one renders the log's retained events again
// (bounded by the log) in one pass; a batch that arrives is filtered and
// formatted like them.
#pragma once

#include "logevent.h"
#include "logstamp.h"

#include <QFont>
#include <QList>
#include <QPlainTextEdit>

#include <climits>
#include <deque>

class EventLog;

class LogView : public QPlainTextEdit
{
    Q_OBJECT

public:
    // Stable values: windows keep them in their settings as numbers.
    enum class TimestampMode {
        Time = 0,     // "hh:mm:ss.zzz", the default
        DateTime = 1, // "yyyy-MM-dd hh:mm:ss.zzz"
        Hidden = 2,
    };
    Q_ENUM(TimestampMode)

    // The most lines formatted and laid out from one batch (about 30 batches
    // a second, so 3,000 lines a second, more than anyone reads): a flood
    // shows its newest lines after one line saying how many it skipped, so a
    // batch costs the same however many events it holds, and laying out text
    // never takes the CPU the network threads need.
    static constexpr qsizetype kMaxLinesPerBatch = 100;
    // With a text filter, the most events of one batch formatted to be
    // searched (newest first), and the most characters: older events of a
    // flood are counted, not searched, so that a filtered flood costs a few
    // milliseconds a batch. Changing the filter searches every retained
    // event.
    static constexpr qsizetype kMaxSearchedPerBatch = 10 * kMaxLinesPerBatch;
    static constexpr qsizetype kMaxSearchedCharsPerBatch = 256 * 1024;
    // The longest line shown whole; a longer one shows a prefix and its size,
    // within this length. LogEvent already cuts a payload to 4 KiB, so its
    // lines (4 KiB + the stamp, sender and notes; in hex 256 bytes as 1 KiB
    // of text) stay well under it.
    static constexpr qsizetype kMaxLineLength = 2 * LogEvent::kMaxLoggedPayload;

    explicit LogView(QWidget *parent = nullptr);

    // The logs' font: the system's fixed font, then the Control Pictures
    // (U+2400..U+2426) that ControlEscape shows control characters as (ESC
    // as U+241B), from a subset of Noto Sans Symbols 2 built in: Debian's
    // monospace font, DejaVu Sans Mono, has none of them but U+2423, so a
    // stock desktop showed empty boxes.
    static QFont logFont();

    void setLog(EventLog *log);
    EventLog *log() const { return m_log; }

    TimestampMode timestampMode() const { return m_timestampMode; }
    void setTimestampMode(TimestampMode mode);
    bool hexMode() const { return m_hex; }
    void setHexMode(bool on);
    // Shows only lines that contain text (case-insensitive, the whole line
    // as shown: stamp, sender and message). Empty: every line.
    QString textFilter() const { return m_textFilter; }
    void setTextFilter(const QString &text);
    // Shows only events from or about this client (LogEvent::clientId);
    // 0: every event.
    quint32 clientFilter() const { return m_clientFilter; }
    void setClientFilter(quint32 clientId);

    // The event as a line of this view, before filtering.
    QString formatLine(const LogEvent &event) const;

    bool isFollowing() const { return m_following; }
    // Lines added below the screen since the view stopped following.
    int unseenLines() const { return m_unseen; }

public Q_SLOTS:
    // Scrolls to the newest line and follows again.
    void jumpToLatest();

Q_SIGNALS:
    void followingChanged(bool following);
    void unseenLinesChanged(int count);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void appendEvents(const QList<LogEvent> &events);
    // Appends the lines (oldest first, with their events' times), dropping
    // the oldest lines past the block limit without moving the screen when
    // not following.
    void appendLines(const QStringList &lines, const QList<qint64> &times);
    // Renders the log's retained events again, keeping the screen at the
    // same time when not following.
    void render();
    void clearLines();
    bool passesClientFilter(const LogEvent &event) const
    {
        return m_clientFilter == 0 || event.clientId == m_clientFilter;
    }
    bool passesTextFilter(const QString &line) const
    {
        return m_textFilter.isEmpty() || line.contains(m_textFilter, Qt::CaseInsensitive);
    }
    // The document's block limit (the log's line bound), or none.
    int lineLimit() const { return maximumBlockCount() > 0 ? maximumBlockCount() : INT_MAX; }
    void scrollToBottom();
    void userScrolled();
    void setFollowing(bool on);
    void addUnseen(int lines);
    static QString displayed(QString line);

    EventLog *m_log = nullptr;
    TimestampMode m_timestampMode = TimestampMode::Time;
    bool m_hex = false;
    QString m_textFilter;
    quint32 m_clientFilter = 0;
    bool m_following = true;
    int m_unseen = 0;
    // The time of the newest line when the view stopped following.
    qint64 m_seenUntil = 0;
    // Set while this view changes its document or scrolls by itself.
    bool m_updating = false;
    // The time of each line's event, one per block of the document.
    std::deque<qint64> m_lineTimes;
    mutable LogStamp m_stamp;
};
