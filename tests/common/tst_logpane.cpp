// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// LogPane and its LogView, driven like a user drives them: following new
// lines and jumping back to them, the hex view, the filter field, the client
// filter and the timestamp choice, all through keys and clicks on widgets
// found by their object names.
#include "eventlog.h"
#include "logpane.h"
#include "logview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFontDatabase>
#include <QFontInfo>
#include <QFontMetrics>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTextBlock>
#include <QtTest>

#include <memory>

using namespace Qt::StringLiterals;

class TestLogPane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void followsNewLines();
    void scrolledUpKeepsTheScreen();
    void jumpButtonResumesFollowing();
    void ctrlHomeAndCtrlEnd();
    void droppedLinesDoNotMoveTheScreen();
    void resizeKeepsFollowing();
    void renderingAgainKeepsTheScreen();
    void lateLinesWhileFollowingWithTheBatchTimer();
    void hexToggleShowsBytes();
    void hexIsBoundedPerLine();
    void filterAsYouType();
    void filterAppliesToNewLines();
    void escapeClearsTheFilter();
    void floodWhileFiltered();
    void changingTheFilterRendersEveryRetainedEvent();
    void clientFilterShowsOneClient();
    void timestampModes();
    void frameMarksStayInTheirLine();
    void controlPicturesHaveGlyphs();
    void mnemonicsAndShortcuts();
    void tabOrder();
    void controlsHaveAccessibleNames();

private:
    void makePane(int maxLines, QSize size = { 640, 360 });
    template<typename T>
    T *widget(const QString &name) const
    {
        T *w = m_pane->findChild<T *>(name);
        if (!w)
            qFatal("no widget %s", qPrintable(name));
        return w;
    }
    LogView *view() const { return widget<LogView>(u"logView"_s); }
    QScrollBar *bar() const { return view()->verticalScrollBar(); }
    bool atBottom() const { return bar()->value() == bar()->maximum(); }
    QStringList lines() const
    {
        const QString text = view()->toPlainText();
        return text.isEmpty() ? QStringList() : text.split(u'\n');
    }
    // The line at the top of the screen.
    QString topLine() const { return view()->cursorForPosition(QPoint(4, 4)).block().text(); }
    // Messages "line N <padding>" from clientId, N = first .. first + count
    // - 1, delivered to the view as one batch.
    void appendBatch(int first, int count, quint32 clientId = 1, const QString &padding = {});
    static LogEvent message(const QString &text, quint32 clientId = 1);

    std::unique_ptr<EventLog> m_log;
    std::unique_ptr<LogPane> m_pane;
};

void TestLogPane::init()
{
    makePane(1000);
}

void TestLogPane::cleanup()
{
    m_pane.reset(); // before the log it listens to
    m_log.reset();
}

void TestLogPane::makePane(int maxLines, QSize size)
{
    m_pane.reset();
    m_log = std::make_unique<EventLog>(maxLines);
    m_pane = std::make_unique<LogPane>(m_log.get());
    m_pane->resize(size);
    m_pane->show();
    // Active: shortcuts and mnemonics work in an active window only.
    QVERIFY(QTest::qWaitForWindowActive(m_pane.get()));
}

LogEvent TestLogPane::message(const QString &text, quint32 clientId)
{
    return LogEvent::message(LogEvent::Kind::Message, u"#%1 c%1"_s.arg(clientId), text.toUtf8(), false,
                             QDateTime::currentMSecsSinceEpoch(), clientId);
}

void TestLogPane::appendBatch(int first, int count, quint32 clientId, const QString &padding)
{
    for (int i = first; i < first + count; ++i)
        m_log->appendEvent(message(u"line %1%2"_s.arg(QString::number(i), padding), clientId));
    m_log->flush(); // one batch, now
}

void TestLogPane::followsNewLines()
{
    appendBatch(1, 100);
    appendBatch(101, 100);
    QVERIFY(bar()->maximum() > 0);
    QVERIFY(atBottom());
    QVERIFY(view()->isFollowing());
    QVERIFY(lines().constLast().endsWith(u"line 200"_s));
    QVERIFY(widget<QPushButton>(u"jumpToLatestButton"_s)->isHidden());
}

// PageUp: new lines leave the screen as it is and offer a way back.
void TestLogPane::scrolledUpKeepsTheScreen()
{
    appendBatch(1, 100);
    appendBatch(101, 100);
    view()->setFocus();
    QTest::keyClick(view(), Qt::Key_PageUp);
    QVERIFY(bar()->value() < bar()->maximum());
    QVERIFY(!view()->isFollowing());
    auto *jump = widget<QPushButton>(u"jumpToLatestButton"_s);
    QVERIFY(jump->isHidden()); // nothing new yet

    const QString top = topLine();
    const int value = bar()->value();
    appendBatch(201, 50);
    appendBatch(251, 50);
    QCOMPARE(topLine(), top);
    QCOMPARE(bar()->value(), value);
    QVERIFY(lines().constLast().endsWith(u"line 300"_s));
    QVERIFY(jump->isVisible());
    QCOMPARE(view()->unseenLines(), 100);
    QVERIFY2(jump->text().contains(u"100"_s), qPrintable(jump->text()));
}

void TestLogPane::jumpButtonResumesFollowing()
{
    appendBatch(1, 100);
    appendBatch(101, 100);
    view()->setFocus();
    QTest::keyClick(view(), Qt::Key_PageUp);
    QTest::keyClick(view(), Qt::Key_PageUp);
    appendBatch(201, 20);
    auto *jump = widget<QPushButton>(u"jumpToLatestButton"_s);
    QVERIFY(jump->isVisible());

    QTest::mouseClick(jump, Qt::LeftButton);
    QVERIFY(view()->isFollowing());
    QVERIFY(atBottom());
    QVERIFY(jump->isHidden());
    QVERIFY(view()->hasFocus());

    appendBatch(221, 30);
    QVERIFY(atBottom());
    QVERIFY(topLine() != lines().constFirst());
    QVERIFY(jump->isHidden());
}

// Ctrl+Home goes to the oldest line and stays there; Ctrl+End comes back
// and follows. End, too.
void TestLogPane::ctrlHomeAndCtrlEnd()
{
    appendBatch(1, 100);
    view()->setFocus();
    QTest::keyClick(view(), Qt::Key_Home, Qt::ControlModifier);
    QCOMPARE(bar()->value(), 0);
    QVERIFY(!view()->isFollowing());
    appendBatch(101, 100);
    QCOMPARE(bar()->value(), 0);
    QVERIFY(topLine().endsWith(u"line 1"_s));
    QVERIFY(widget<QPushButton>(u"jumpToLatestButton"_s)->isVisible());

    QTest::keyClick(view(), Qt::Key_End, Qt::ControlModifier);
    QVERIFY(view()->isFollowing());
    QVERIFY(atBottom());
    QVERIFY(widget<QPushButton>(u"jumpToLatestButton"_s)->isHidden());
    appendBatch(201, 10);
    QVERIFY(atBottom());

    QTest::keyClick(view(), Qt::Key_Up);
    QVERIFY(!view()->isFollowing());
    QTest::keyClick(view(), Qt::Key_End);
    QVERIFY(view()->isFollowing());
    QTest::keyClick(view(), Qt::Key_Up);
    QTest::keyClick(view(), Qt::Key_Down); // back at the bottom by scrolling: follows
    QVERIFY(view()->isFollowing());
}

// A log of 150 lines: new lines drop the oldest ones, and the lines on
// screen stay where they are.
void TestLogPane::droppedLinesDoNotMoveTheScreen()
{
    makePane(150);
    appendBatch(1, 100);
    appendBatch(101, 50);
    QCOMPARE(view()->blockCount(), 150);
    view()->setFocus();
    QTest::keyClick(view(), Qt::Key_PageUp);
    const QString top = topLine();
    QVERIFY(!top.endsWith(u"line 1"_s));

    appendBatch(151, 30);
    QCOMPARE(view()->blockCount(), 150);
    QVERIFY(lines().constFirst().endsWith(u"line 31"_s));
    QCOMPARE(topLine(), top);
    QVERIFY(!view()->isFollowing());

    // Once the lines on screen are dropped, the screen shows the oldest.
    QTest::keyClick(view(), Qt::Key_Home, Qt::ControlModifier);
    appendBatch(181, 10);
    QVERIFY(topLine().endsWith(u"line 41"_s));
    QCOMPARE(bar()->value(), 0);
}

// The reported bug: after a resize the log stopped following (a shorter
// view kept its top line, so the newest lines were below it, and Ctrl+End
// did nothing). Long lines wrap more in a narrow pane and less in a wide one.
void TestLogPane::resizeKeepsFollowing()
{
    const QString padding = u" "_s + QString(120, u'w');
    appendBatch(1, 100, 1, padding);
    QVERIFY(atBottom());
    const QSize first = view()->size();

    for (const QSize size : { QSize(640, 200), QSize(300, 360), QSize(900, 500), QSize(400, 180) }) {
        m_pane->resize(size);
        QTRY_VERIFY(view()->size() != first);
        QTRY_COMPARE(m_pane->size(), size);
        QVERIFY(view()->isFollowing());
        QVERIFY2(atBottom(), qPrintable(u"%1x%2: %3 of %4"_s.arg(QString::number(size.width()), QString::number(size.height()),
                                                                QString::number(bar()->value()), QString::number(bar()->maximum()))));
        appendBatch(1000, 10, 1, padding);
        QVERIFY(atBottom());
        QVERIFY(lines().constLast().endsWith(u"line 1009"_s + padding));
    }

    // Not following, a resize keeps it that way; Ctrl+End follows again.
    view()->setFocus();
    QTest::keyClick(view(), Qt::Key_PageUp);
    m_pane->resize(640, 360);
    QTRY_COMPARE(m_pane->size(), QSize(640, 360));
    QVERIFY(!view()->isFollowing());
    QTest::keyClick(view(), Qt::Key_End, Qt::ControlModifier);
    QVERIFY(atBottom());
    m_pane->resize(500, 200);
    QTRY_COMPARE(m_pane->size(), QSize(500, 200));
    appendBatch(141, 20, 1, padding);
    QVERIFY(atBottom());
    QVERIFY(view()->isFollowing());
}

// Hex, timestamps or a filter render the lines again: a view scrolled up
// shows the same line at the top (lines of one millisecond told apart by
// their order), and counts as new only the lines still shown.
void TestLogPane::renderingAgainKeepsTheScreen()
{
    appendBatch(1, 100);
    appendBatch(101, 100);
    view()->setFocus();
    QTest::keyClick(view(), Qt::Key_PageUp);
    QTest::keyClick(view(), Qt::Key_PageUp);
    const QString top = topLine();
    const QString number = top.mid(top.lastIndexOf(u"line "_s)); // "line N"

    QTest::mouseClick(widget<QCheckBox>(u"hexToggle"_s), Qt::LeftButton);
    QVERIFY2(topLine().endsWith(u"  "_s + number), qPrintable(topLine()));
    m_pane->setTimestampMode(LogView::TimestampMode::Hidden);
    QVERIFY2(topLine().startsWith(u"#1 c1: "_s) && topLine().endsWith(u"  "_s + number), qPrintable(topLine()));
    m_pane->setHexMode(false);
    QCOMPARE(topLine(), u"#1 c1: "_s + number);
    QVERIFY(!view()->isFollowing());

    // Lines of client 2 come in (a second later), then only client 1 is
    // shown: nothing new.
    for (int i = 201; i <= 205; ++i) {
        LogEvent later = message(u"line %1"_s.arg(i), 2);
        later.msecsSinceEpoch += 1000;
        m_log->appendEvent(later);
    }
    m_log->flush();
    QCOMPARE(view()->unseenLines(), 5);
    QVERIFY(widget<QPushButton>(u"jumpToLatestButton"_s)->isVisible());
    m_pane->setClientFilter(1);
    QCOMPARE(topLine(), u"#1 c1: "_s + number);
    QCOMPARE(view()->unseenLines(), 0);
    QVERIFY(widget<QPushButton>(u"jumpToLatestButton"_s)->isHidden());
    QVERIFY(!view()->isFollowing());
    m_pane->clearClientFilter();
    QCOMPARE(view()->unseenLines(), 5);

    // A filter that leaves less than a screen: at the bottom, following.
    m_pane->setClientFilter(2);
    QVERIFY(view()->isFollowing());
    QVERIFY(atBottom());
}

// Through the log's own batch timer, not flush().
void TestLogPane::lateLinesWhileFollowingWithTheBatchTimer()
{
    for (int i = 1; i <= 300; ++i)
        m_log->appendEvent(message(u"line %1"_s.arg(i)));
    QTRY_VERIFY(!lines().isEmpty() && lines().constLast().endsWith(u"line 300"_s));
    QVERIFY(atBottom());
    for (int i = 301; i <= 330; ++i)
        m_log->appendEvent(message(u"line %1"_s.arg(i)));
    QTRY_VERIFY(lines().constLast().endsWith(u"line 330"_s));
    QVERIFY(atBottom());
}

void TestLogPane::hexToggleShowsBytes()
{
    m_log->appendEvent(message(u"hello"_s, 3));
    m_log->append(u"an info line"_s);
    m_log->flush();
    QVERIFY(lines().at(0).endsWith(u"#3 c3: hello"_s));

    auto *hex = widget<QCheckBox>(u"hexToggle"_s);
    QTest::mouseClick(hex, Qt::LeftButton);
    QVERIFY(hex->isChecked());
    QVERIFY(m_pane->hexMode());
    QVERIFY2(lines().at(0).endsWith(u"#3 c3: 68 65 6C 6C 6F  hello"_s), qPrintable(lines().at(0)));
    QVERIFY(lines().at(1).endsWith(u"an info line"_s)); // not a message: text

    // New lines come in hex too; bytes that are not printable ASCII are dots.
    m_log->appendEvent(message(u"é\tx"_s, 3));
    m_log->flush();
    QVERIFY2(lines().at(2).endsWith(u"#3 c3: C3 A9 09 78  ...x"_s), qPrintable(lines().at(2)));

    QTest::mouseClick(hex, Qt::LeftButton);
    QVERIFY(!hex->isChecked());
    QVERIFY(lines().at(0).endsWith(u"#3 c3: hello"_s));
    QVERIFY(lines().at(2).endsWith(u"#3 c3: é\tx"_s));
}

void TestLogPane::hexIsBoundedPerLine()
{
    m_log->appendEvent(message(QString(3000, u'a')));
    m_log->flush();
    m_pane->setHexMode(true);
    const QString line = lines().at(0);
    QVERIFY2(line.endsWith(u"a … [3000 bytes]"_s), qPrintable(line.right(40)));
    // Counted from the first byte: the time before it may end in "61 ".
    const qsizetype bytes = line.indexOf(u"61 61 "_s);
    QVERIFY2(bytes > 0, qPrintable(line.left(60)));
    QCOMPARE(line.mid(bytes).count(u"61 "_s), LogEvent::kMaxHexBytes);
    QVERIFY(line.size() < LogView::kMaxLineLength);
}

void TestLogPane::filterAsYouType()
{
    m_log->appendEvent(message(u"hello from alice"_s, 1));
    m_log->appendEvent(message(u"hello from bob"_s, 2));
    m_log->appendEvent(message(u"ALICE again"_s, 3));
    m_log->append(u"#2 c2 left"_s);
    m_log->flush();
    QCOMPARE(lines().size(), 4);

    auto *edit = widget<QLineEdit>(u"logSearchEdit"_s);
    QCOMPARE(edit->placeholderText(), u"Filter"_s);
    QTest::keyClicks(edit, u"Alice"_s);
    QTRY_COMPARE(view()->textFilter(), u"Alice"_s);
    QCOMPARE(lines().size(), 2);
    QVERIFY(lines().at(0).endsWith(u"hello from alice"_s));
    QVERIFY(lines().at(1).endsWith(u"ALICE again"_s));

    // The sender's label is part of the line.
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(edit, u"#2 C2"_s);
    QTRY_COMPARE(view()->textFilter(), u"#2 C2"_s);
    QCOMPARE(lines().size(), 2);
    QVERIFY(lines().at(0).endsWith(u"#2 c2: hello from bob"_s));
    QVERIFY(lines().at(1).endsWith(u"#2 c2 left"_s));

    // Cleared: everything again.
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTRY_COMPARE(lines().size(), 4);

    // Enter applies at once.
    QTest::keyClicks(edit, u"bob"_s);
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(lines().size(), 1);
}

void TestLogPane::filterAppliesToNewLines()
{
    auto *edit = widget<QLineEdit>(u"logSearchEdit"_s);
    QTest::keyClicks(edit, u"keep"_s);
    QTRY_COMPARE(view()->textFilter(), u"keep"_s);

    m_log->appendEvent(message(u"keep 1"_s));
    m_log->appendEvent(message(u"drop 2"_s));
    m_log->appendEvent(message(u"KEEP 3"_s));
    m_log->flush();
    QCOMPARE(lines().size(), 2);
    QVERIFY(lines().at(0).endsWith(u"keep 1"_s));
    QVERIFY(lines().at(1).endsWith(u"KEEP 3"_s));

    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_Delete);
    QTRY_COMPARE(lines().size(), 3);
    QVERIFY(lines().at(1).endsWith(u"drop 2"_s));
}

void TestLogPane::escapeClearsTheFilter()
{
    appendBatch(1, 20);
    auto *edit = widget<QLineEdit>(u"logSearchEdit"_s);
    QTest::mouseClick(edit, Qt::LeftButton); // focused, as Escape wants it
    QTest::keyClicks(edit, u"line 7"_s);
    QTRY_COMPARE(view()->textFilter(), u"line 7"_s);
    QCOMPARE(lines().size(), 1);
    QTest::keyClick(edit, Qt::Key_Escape);
    QVERIFY(edit->text().isEmpty());
    QCOMPARE(lines().size(), 20);
}

// A flood while filtered: the newest lines are searched, the rest counted.
void TestLogPane::floodWhileFiltered()
{
    auto *edit = widget<QLineEdit>(u"logSearchEdit"_s);
    QTest::keyClicks(edit, u"line"_s);
    QTest::keyClick(edit, Qt::Key_Return);

    // Every line matches: a batch's worth shown, and a note for the rest.
    appendBatch(1, 5000);
    QStringList shown = lines();
    QCOMPARE(shown.size(), int(LogView::kMaxLinesPerBatch) + 1);
    QVERIFY2(shown.at(0).endsWith(u"… %1 line(s) not searched (flood)"_s
                                      .arg(QLocale().toString(5000 - LogView::kMaxLinesPerBatch))),
             qPrintable(shown.at(0)));
    QVERIFY(shown.constLast().endsWith(u"line 5000"_s));

    // Nothing matches: no more than kMaxSearchedPerBatch lines searched.
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(edit, u"nothing"_s);
    QTest::keyClick(edit, Qt::Key_Return);
    QVERIFY(lines().isEmpty());
    appendBatch(5001, 5000);
    shown = lines();
    QCOMPARE(shown.size(), 1);
    QVERIFY2(shown.at(0).endsWith(u"… %1 line(s) not searched (flood)"_s
                                      .arg(QLocale().toString(5000 - LogView::kMaxSearchedPerBatch))),
             qPrintable(shown.at(0)));
}

// The view shows at most kMaxLinesPerBatch of a batch; rendering again (a
// new filter, hex, timestamps) shows every retained event.
void TestLogPane::changingTheFilterRendersEveryRetainedEvent()
{
    appendBatch(1, 3000);
    QCOMPARE(view()->blockCount(), int(LogView::kMaxLinesPerBatch));
    auto *edit = widget<QLineEdit>(u"logSearchEdit"_s);
    QTest::mouseClick(edit, Qt::LeftButton);
    QTest::keyClicks(edit, u"line 29"_s);
    QTRY_COMPARE(view()->textFilter(), u"line 29"_s);
    QCOMPARE(lines().size(), 100); // 2900..2999
    QTest::keyClick(edit, Qt::Key_Escape);
    QCOMPARE(view()->blockCount(), m_log->maxLines()); // the log keeps 1000
    QVERIFY(lines().constFirst().endsWith(u"line 2001"_s));
    QVERIFY(atBottom());
}

void TestLogPane::clientFilterShowsOneClient()
{
    QSignalSpy changed(m_pane.get(), &LogPane::clientFilterChanged);
    m_log->appendEvent(message(u"one"_s, 1));
    m_log->appendEvent(message(u"three"_s, 3));
    m_log->appendEvent(LogEvent::info(u"#3 c3 left"_s, 0, 3));
    m_log->appendEvent(message(u"two"_s, 2));
    m_log->append(u"server line"_s);
    m_log->flush();
    QCOMPARE(lines().size(), 5);
    auto *bar = widget<QFrame>(u"clientFilterBar"_s);
    QVERIFY(bar->isHidden());

    m_pane->setClientFilter(3);
    QCOMPARE(m_pane->clientFilter(), 3u);
    QCOMPARE(changed.size(), 1);
    QVERIFY(bar->isVisible());
    QVERIFY2(widget<QLabel>(u"clientFilterLabel"_s)->text().contains(u"#3"_s),
             qPrintable(widget<QLabel>(u"clientFilterLabel"_s)->text()));
    QCOMPARE(lines().size(), 2);
    QVERIFY(lines().at(0).endsWith(u"#3 c3: three"_s));
    QVERIFY(lines().at(1).endsWith(u"#3 c3 left"_s));

    // New lines of other clients stay out; with the text filter too.
    m_log->appendEvent(message(u"three again"_s, 3));
    m_log->appendEvent(message(u"one again"_s, 1));
    m_log->flush();
    QCOMPARE(lines().size(), 3);
    QTest::keyClicks(widget<QLineEdit>(u"logSearchEdit"_s), u"again"_s);
    QTRY_COMPARE(lines().size(), 1);
    QVERIFY(lines().at(0).endsWith(u"#3 c3: three again"_s));

    // A label names the client on the bar.
    m_pane->setClientFilter(2, u"#2 bob (127.0.0.1:4000)"_s);
    QCOMPARE(widget<QLabel>(u"clientFilterLabel"_s)->text(), u"Showing #2 bob (127.0.0.1:4000) only"_s);
    QCOMPARE(lines().size(), 0);

    QTest::mouseClick(widget<QPushButton>(u"showAllButton"_s), Qt::LeftButton);
    QVERIFY(bar->isHidden());
    QCOMPARE(m_pane->clientFilter(), 0u);
    QCOMPARE(changed.size(), 3);
    QCOMPARE(changed.constLast().at(0).toUInt(), 0u);
    QCOMPARE(lines().size(), 2); // "again" still filters
}

void TestLogPane::timestampModes()
{
    QSignalSpy changed(m_pane.get(), &LogPane::timestampModeChanged);
    m_log->appendEvent(message(u"hi"_s, 4));
    m_log->flush();
    const QRegularExpression time(u"^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} #4 c4: hi$"_s);
    const QRegularExpression dateTime(u"^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} #4 c4: hi$"_s);
    QVERIFY2(time.match(lines().at(0)).hasMatch(), qPrintable(lines().at(0)));
    QCOMPARE(m_pane->timestampMode(), LogView::TimestampMode::Time);

    auto *combo = widget<QComboBox>(u"timestampCombo"_s);
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Down);
    QCOMPARE(m_pane->timestampMode(), LogView::TimestampMode::DateTime);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<LogView::TimestampMode>(), LogView::TimestampMode::DateTime);
    QVERIFY2(dateTime.match(lines().at(0)).hasMatch(), qPrintable(lines().at(0)));

    QTest::keyClick(combo, Qt::Key_Down);
    QCOMPARE(m_pane->timestampMode(), LogView::TimestampMode::Hidden);
    QCOMPARE(lines().at(0), u"#4 c4: hi"_s);
    m_log->appendEvent(message(u"ho"_s, 4));
    m_log->flush();
    QCOMPARE(lines().at(1), u"#4 c4: ho"_s);

    // As a window restores it from its settings.
    m_pane->setTimestampMode(LogView::TimestampMode::Time);
    QCOMPARE(combo->currentIndex(), 0);
    QCOMPARE(changed.size(), 3);
    QVERIFY2(time.match(lines().at(0)).hasMatch(), qPrintable(lines().at(0)));
}

// QTextDocument breaks a block at U+FDD0 and U+FDD1: a peer's text must not
// make a line of its own there.
void TestLogPane::frameMarksStayInTheirLine()
{
    m_log->appendEvent(message(u"a\uFDD0#9 forged: b\uFDD1c"_s));
    m_log->append(u"next"_s);
    m_log->flush();
    QCOMPARE(view()->blockCount(), 2);
    QVERIFY2(lines().at(0).endsWith(u"a<U+FDD0>#9 forged: b<U+FDD1>c"_s), qPrintable(lines().at(0)));
}

// Issue 15, item 7: control characters show as their Control Pictures
// (ESC as U+241B), and the font the log is drawn in has a glyph for every
// one of them: no empty boxes, whatever fonts the desktop has (Debian's
// monospace, DejaVu Sans Mono, has only U+2423).
void TestLogPane::controlPicturesHaveGlyphs()
{
    m_log->appendEvent(message(u"\x1b[31mred\x1b[0m\x07"_s));
    m_log->flush();
    QVERIFY2(lines().constLast().endsWith(u"\u241B[31mred\u241B[0m\u2407"_s), qPrintable(lines().constLast()));

    const QFontMetrics metrics(view()->font());
    QStringList missing;
    for (char32_t c = 0x2400; c <= 0x2426; ++c) {
        if (!metrics.inFontUcs4(c))
            missing.append(u"U+%1"_s.arg(quint32(c), 4, 16, QLatin1Char('0')).toUpper());
    }
    QVERIFY2(missing.isEmpty(), qPrintable(u"%1 has no glyph for %2"_s.arg(QFontInfo(view()->font()).family(),
                                                                               missing.join(u", "_s))));
    // Still the system's fixed-pitch font for everything else.
    QCOMPARE(view()->font().family(), QFontDatabase::systemFont(QFontDatabase::FixedFont).family());
}

void TestLogPane::mnemonicsAndShortcuts()
{
    appendBatch(1, 100);

    // A button's mnemonic clicks it the way animateClick() does: later.
    QTest::keyClick(m_pane.get(), Qt::Key_X, Qt::AltModifier);
    QTRY_VERIFY(widget<QCheckBox>(u"hexToggle"_s)->isChecked());
    QTest::keyClick(m_pane.get(), Qt::Key_M, Qt::AltModifier);
    QVERIFY(widget<QComboBox>(u"timestampCombo"_s)->hasFocus());
    QTest::keyClick(m_pane.get(), Qt::Key_F, Qt::ControlModifier);
    QVERIFY(widget<QLineEdit>(u"logSearchEdit"_s)->hasFocus());

    view()->setFocus();
    QTest::keyClick(view(), Qt::Key_PageUp);
    appendBatch(101, 10);
    QVERIFY(widget<QPushButton>(u"jumpToLatestButton"_s)->isVisible());
    QTest::keyClick(view(), Qt::Key_J, Qt::AltModifier);
    QTRY_VERIFY(view()->isFollowing());
    QVERIFY(atBottom());

    m_pane->setClientFilter(1);
    QTest::keyClick(view(), Qt::Key_H, Qt::AltModifier);
    QTRY_COMPARE(m_pane->clientFilter(), 0u);

    // Save log and Clear: Ctrl+S (through the prompt a test answers) and
    // Ctrl+Shift+L.
    QTemporaryDir dir;
    const QString path = dir.filePath(u"log.txt"_s);
    m_pane->setSavePathPrompt([path] { return path; });
    QSignalSpy saved(m_pane.get(), &LogPane::saved);
    QTest::keyClick(view(), Qt::Key_S, Qt::ControlModifier);
    QTRY_COMPARE(saved.size(), 1);
    QVERIFY(saved.at(0).at(0).toBool());
    QVERIFY(QFile::exists(path));
    QTest::keyClick(view(), Qt::Key_L, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(lines().isEmpty());
}

// Tab goes the way the pane reads.
void TestLogPane::tabOrder()
{
    auto *edit = widget<QLineEdit>(u"logSearchEdit"_s);
    QTest::mouseClick(edit, Qt::LeftButton);
    QVERIFY(edit->hasFocus());
    const QStringList expected { u"hexToggle"_s, u"timestampCombo"_s, u"logView"_s, u"clearButton"_s,
                                 u"saveLogButton"_s };
    for (const QString &name : expected) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget()->objectName(), name);
    }
}

void TestLogPane::controlsHaveAccessibleNames()
{
    m_pane->setClientFilter(1);
    appendBatch(1, 100);
    view()->setFocus();
    QTest::keyClick(view(), Qt::Key_PageUp);
    appendBatch(101, 1);
    for (const QString &name : { u"logView"_s, u"logSearchEdit"_s, u"hexToggle"_s, u"timestampCombo"_s,
                                 u"clientFilterBar"_s, u"showAllButton"_s, u"jumpToLatestButton"_s }) {
        QWidget *w = widget<QWidget>(name);
        QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(name));
        QVERIFY2(w->isVisible(), qPrintable(name));
    }
    // The labelled ones have mnemonics.
    QVERIFY(widget<QCheckBox>(u"hexToggle"_s)->text().contains(u'&'));
    QVERIFY(widget<QPushButton>(u"showAllButton"_s)->text().contains(u'&'));
    QVERIFY(widget<QPushButton>(u"jumpToLatestButton"_s)->text().contains(u'&'));
    bool comboLabelled = false;
    for (const QLabel *label : m_pane->findChildren<QLabel *>())
        comboLabelled |= label->buddy() == widget<QComboBox>(u"timestampCombo"_s) && label->text().contains(u'&');
    QVERIFY(comboLabelled);
}

QTEST_MAIN(TestLogPane)
#include "tst_logpane.moc"
