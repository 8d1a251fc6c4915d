// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "byteslice.h"
#include "eventlog.h"
#include "logwriter.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype kMiB = 1024 * 1024;

LogEvent bigMessage(const QString &who, const QByteArray &payload)
{
    return LogEvent::message(LogEvent::Kind::Message, who, payload, false,
                             QDateTime::currentMSecsSinceEpoch());
}

QList<LogEvent> batchAt(const QSignalSpy &spy, qsizetype i)
{
    return spy.at(i).at(0).value<QList<LogEvent>>();
}

QList<QByteArray> fileLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> lines = file.readAll().split('\n');
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast(); // after the last "\n"
    return lines;
}

} // namespace

class TestEventLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsOnlyTheNewestLines();
    void boundedByBytes();
    void keepsOnlyAPrefixOfALargePayload();
    void aKeptSliceDoesNotKeepItsBlock();
    void cutsAPayloadAtACharacterBoundary();
    void deliversInBatches();
    void writerWritesEveryBatch();
    void writerReportsAnUnopenableFile();
    void pendingAndBacklogAreCounted();
    void savesRetainedLines();
    void clearEmptiesTheLog();
    void passThroughLogKeepsNothing();
};

void TestEventLog::keepsOnlyTheNewestLines()
{
    EventLog log(100);
    for (int i = 0; i < 1000; ++i)
        log.append(u"line %1"_s.arg(i));
    QCOMPARE(log.lineCount(), 100);
    QVERIFY(log.lines().first().endsWith(u"line 900"_s));
    QVERIFY(log.lines().last().endsWith(u"line 999"_s));
}

// Far fewer bytes than lines allowed: the byte bound decides what stays.
void TestEventLog::boundedByBytes()
{
    EventLog log(10000);
    log.setMaxBytes(kMiB);
    const QByteArray payload(kMiB, 'x');
    for (int i = 0; i < 1500; ++i) {
        log.appendEvent(bigMessage(u"#%1"_s.arg(i), payload));
        QVERIFY2(log.retainedBytes() <= log.maxBytes(), qPrintable(QString::number(log.retainedBytes())));
    }
    QVERIFY2(log.lineCount() > 1 && log.lineCount() < 1500, qPrintable(QString::number(log.lineCount())));
    QCOMPARE(log.events().constLast().who, u"#1499"_s);
    QCOMPARE(log.events().constFirst().who, u"#%1"_s.arg(1500 - log.lineCount()));
}

// 1,500 messages of 1 MiB fit the default byte bound whole: each keeps only
// a 4 KiB prefix and notes its size.
void TestEventLog::keepsOnlyAPrefixOfALargePayload()
{
    EventLog log(10000);
    const QByteArray payload(kMiB, 'x');
    for (int i = 0; i < 1500; ++i)
        log.appendEvent(bigMessage(u"#1 alice"_s, payload));
    QCOMPARE(log.lineCount(), 1500);
    QVERIFY(log.retainedBytes() <= log.maxBytes());
    for (const LogEvent &e : log.events()) {
        QVERIFY(e.utf8.size() <= LogEvent::kMaxLoggedPayload);
        QCOMPARE(e.size, kMiB);
    }
    const QString line = log.lines().constLast();
    QVERIFY2(line.endsWith(u"#1 alice: "_s + QString(LogEvent::kMaxLoggedPayload, u'x') + u" … [1048576 bytes]"_s),
             qPrintable(line.right(80)));

    // An info line is cut the same way.
    log.append(u"y"_s.repeated(kMiB));
    QVERIFY(log.lines().constLast().endsWith(QString(LogEvent::kMaxLoggedPayload, u'y') + u" … [1048576 bytes]"_s));
}

// The server's lines are slices of their read's block (ByteSlice). A log
// that keeps a line keeps a copy of its bytes, not the block: 10,000 kept
// lines must not hold 10,000 blocks (review of issue 17 item 10).
void TestEventLog::aKeptSliceDoesNotKeepItsBlock()
{
    EventLog log(10000);
    QByteArray block(64 * 1024, 'b');
    block.replace(100, 5, "hello");
    const QByteArray slice = ByteSlice::of(block, 100, 5);
    QVERIFY(slice.capacity() >= 64 * 1024); // what a slice holds on to
    log.appendEvent(bigMessage(u"#1 alice"_s, slice));
    const LogEvent kept = log.events().constFirst();
    QCOMPARE(kept.utf8, QByteArray("hello"));
    QVERIFY2(kept.utf8.capacity() <= kept.utf8.size() + EventLog::kMaxSharedSlack,
             qPrintable(QString::number(kept.utf8.capacity())));
    // The block is shared by block and slice only.
    block[100] = 'H';
    QCOMPARE(kept.utf8, QByteArray("hello"));
    QVERIFY(log.lines().constFirst().endsWith(u"#1 alice: hello"_s));

    // A payload that is its own is kept as it is (no copy).
    const QByteArray own("plain");
    log.appendEvent(bigMessage(u"#1 alice"_s, own));
    QCOMPARE(log.events().constLast().utf8.constData(), own.constData());
}

void TestEventLog::cutsAPayloadAtACharacterBoundary()
{
    // "a" then two-byte characters: byte 4096 is the middle of one.
    const QByteArray payload = "a" + u"é"_s.repeated(4000).toUtf8();
    const LogEvent e = bigMessage(u"#1"_s, payload);
    QCOMPARE(e.utf8.size(), LogEvent::kMaxLoggedPayload - 1);
    QVERIFY(!e.format().contains(QChar::ReplacementCharacter));
    QVERIFY(e.format().endsWith(u"é … [8001 bytes]"_s));
}

void TestEventLog::deliversInBatches()
{
    EventLog log(10000);
    QSignalSpy spy(&log, &EventLog::eventsAppended);
    for (int i = 0; i < 5000; ++i)
        log.append(u"message %1"_s.arg(i));
    QCOMPARE(spy.count(), 0); // nothing per event
    QVERIFY(spy.wait());
    QCOMPARE(spy.count(), 1); // one batch for the tick
    QList<LogEvent> batch = batchAt(spy, 0);
    QCOMPARE(batch.size(), 5000);
    QCOMPARE(batch.constFirst().text, u"message 0"_s);
    QCOMPARE(batch.constLast().text, u"message 4999"_s);

    // The next tick carries only what came after.
    log.append(u"later 1"_s);
    log.append(u"later 2"_s);
    QCOMPARE(spy.count(), 1);
    QVERIFY(spy.wait());
    QCOMPARE(spy.count(), 2);
    batch = batchAt(spy, 1);
    QCOMPARE(batch.size(), 2);
    QCOMPARE(batch.constLast().text, u"later 2"_s);
}

void TestEventLog::writerWritesEveryBatch()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"log.txt"_s);
    {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("an earlier run\n");
    }

    EventLog log(100); // fewer than are written: the writer gets every batch whole
    LogWriter writer;
    QVERIFY(writer.open(path));
    writer.attach(&log);
    writer.start();

    // Each batch is written (and flushed) while the writer runs ...
    for (int i = 0; i < 1000; ++i)
        log.append(u"first batch %1"_s.arg(i));
    log.flush();
    QTRY_COMPARE(fileLines(path).size(), 1 + 1000);

    // ... and whatever was emitted before finish() is all there after it.
    log.append(u"ünïcode ✓"_s);
    log.appendEvent(bigMessage(u"#2 bob"_s, QByteArray(kMiB, 'z')));
    log.flush();
    for (int batch = 0; batch < 3; ++batch) {
        for (int i = 0; i < 1000; ++i)
            log.append(u"batch %1 line %2"_s.arg(batch).arg(i));
        log.flush();
    }
    writer.finish();

    const QList<QByteArray> lines = fileLines(path);
    QCOMPARE(lines.size(), 1 + 1000 + 2 + 3000);
    QCOMPARE(lines.at(0), "an earlier run");
    QVERIFY(lines.at(1).endsWith(" first batch 0"));
    QVERIFY(lines.at(1000).endsWith(" first batch 999"));
    QVERIFY(lines.at(1001).endsWith(u" ünïcode ✓"_s.toUtf8()));
    QVERIFY(lines.at(1002).endsWith(" … [1048576 bytes]"_ba));
    QVERIFY(lines.at(1002).contains("#2 bob: zzz"));
    QVERIFY(lines.at(1002).size() < 2 * LogEvent::kMaxLoggedPayload);
    for (int batch = 0; batch < 3; ++batch) {
        for (int i = 0; i < 1000; ++i) {
            const QByteArray &line = lines.at(1003 + batch * 1000 + i);
            QVERIFY2(line.endsWith(u" batch %1 line %2"_s.arg(batch).arg(i).toUtf8()), line.constData());
        }
    }
}

// Issue 22: what socket-client's backpressure reads. The log's next batch
// (pendingBytes) is handed on at flush(); the writer's backlog counts a
// batch from its emission until it is written, then batchWritten().
void TestEventLog::pendingAndBacklogAreCounted()
{
    QTemporaryDir dir;
    EventLog log(100);
    LogWriter writer;
    QVERIFY(writer.open(dir.filePath(u"log.txt"_s)));
    writer.attach(&log);
    // Counted on this thread: a QSignalSpy would record the writer thread's
    // signal there, while this thread reads it.
    int written = 0;
    QObject counter; // destroyed first: the connection never outlives written
    connect(&writer, &LogWriter::batchWritten, &counter, [&written] { ++written; }, Qt::QueuedConnection);
    writer.start();

    QCOMPARE(log.pendingBytes(), qsizetype(0));
    qsizetype expected = 0;
    for (int i = 0; i < 1000; ++i) {
        const LogEvent e = LogEvent::info(u"line %1"_s.arg(i));
        expected += e.cost();
        log.appendEvent(e);
    }
    QCOMPARE(log.pendingCount(), qsizetype(1000));
    QCOMPARE(log.pendingBytes(), expected);
    log.flush();
    QCOMPARE(log.pendingBytes(), qsizetype(0));
    QCOMPARE(log.pendingCount(), qsizetype(0));
    QTRY_COMPARE(written, 1);
    QCOMPARE(writer.backlogBytes(), qint64(0));
    writer.finish();
    QCOMPARE(fileLines(dir.filePath(u"log.txt"_s)).size(), 1000);
}

void TestEventLog::writerReportsAnUnopenableFile()
{
    QTemporaryDir dir;
    LogWriter writer;
    QString error;
    QVERIFY(!writer.open(dir.filePath(u"no/such/dir/log.txt"_s), &error));
    QVERIFY(!error.isEmpty());
}

void TestEventLog::savesRetainedLines()
{
    QTemporaryDir dir;
    EventLog log(3);
    log.append(u"0"_s);
    log.append(u"1"_s);
    log.append(u"2"_s);
    log.append(u"3"_s);
    log.appendEvent(bigMessage(u"#1 alice"_s, QByteArray(kMiB, 'x')));
    QVERIFY(log.saveTo(dir.filePath(u"saved.txt"_s)));
    const QList<QByteArray> lines = fileLines(dir.filePath(u"saved.txt"_s));
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.at(0).endsWith(" 2"));
    QVERIFY(lines.at(1).endsWith(" 3"));
    QVERIFY(lines.at(2).endsWith("#1 alice: " + QByteArray(LogEvent::kMaxLoggedPayload, 'x') + " … [1048576 bytes]"_ba));

    QString error;
    QVERIFY(!log.saveTo(dir.filePath(u"no/such/dir/saved.txt"_s), &error));
    QVERIFY(!error.isEmpty());
}

// The engine's logs under a window only pass batches on: they keep nothing,
// and their listeners still get every event.
void TestEventLog::passThroughLogKeepsNothing()
{
    EventLog log(100);
    log.append(u"kept before"_s);
    QCOMPARE(log.lineCount(), 1);
    log.setRetaining(false);
    QCOMPARE(log.lineCount(), 0);
    QCOMPARE(log.retainedBytes(), 0);
    QSignalSpy spy(&log, &EventLog::eventsAppended);
    for (int i = 0; i < 500; ++i)
        log.append(u"passed %1"_s.arg(i));
    QCOMPARE(log.lineCount(), 0);
    QVERIFY(spy.wait());
    qsizetype seen = 0;
    for (const QList<QVariant> &args : std::as_const(spy))
        seen += args.at(0).value<QList<LogEvent>>().size();
    QCOMPARE(seen, 501); // the one from before, and the 500
}

void TestEventLog::clearEmptiesTheLog()
{
    EventLog log;
    QSignalSpy cleared(&log, &EventLog::cleared);
    QSignalSpy appended(&log, &EventLog::eventsAppended);
    log.append(u"x"_s);
    log.clear();
    QCOMPARE(cleared.count(), 1);
    QCOMPARE(log.lineCount(), 0);
    QCOMPARE(log.retainedBytes(), 0);
    log.flush();
    QCOMPARE(appended.count(), 0);
}

QTEST_GUILESS_MAIN(TestEventLog)
#include "tst_eventlog.moc"
