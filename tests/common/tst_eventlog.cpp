#include "eventlog.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;

class TestEventLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsOnlyTheNewestLines();
    void deliversInBatches();
    void sinkGetsEveryLineAtOnce();
    void savesRetainedLines();
    void clearEmptiesTheLog();
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

void TestEventLog::deliversInBatches()
{
    EventLog log(10000);
    QSignalSpy spy(&log, &EventLog::linesAppended);
    for (int i = 0; i < 5000; ++i)
        log.append(u"message %1"_s.arg(i));
    QCOMPARE(spy.count(), 0);  // nothing per line
    QVERIFY(spy.wait());
    QCOMPARE(spy.count(), 1);
    const QStringList batch = spy.at(0).at(0).toStringList();
    QCOMPARE(batch.size(), 5000);
    QVERIFY(batch.last().endsWith(u"message 4999"_s));
}

void TestEventLog::sinkGetsEveryLineAtOnce()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"log.txt"_s);
    EventLog log;
    QVERIFY(log.setSink(path));
    log.append(u"first"_s);
    log.append(u"ünïcode"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.at(0).endsWith("first"));
    QVERIFY(lines.at(1).endsWith(u"ünïcode"_s.toUtf8()));

    QString error;
    QVERIFY(!log.setSink(dir.filePath(u"no/such/dir/log.txt"_s), &error));
    QVERIFY(!error.isEmpty());
}

void TestEventLog::savesRetainedLines()
{
    QTemporaryDir dir;
    EventLog log(3);
    for (int i = 0; i < 5; ++i)
        log.append(QString::number(i));
    QVERIFY(log.saveTo(dir.filePath(u"saved.txt"_s)));
    QFile file(dir.filePath(u"saved.txt"_s));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.at(0).endsWith(" 2"));
    QVERIFY(lines.at(2).endsWith(" 4"));
}

void TestEventLog::clearEmptiesTheLog()
{
    EventLog log;
    QSignalSpy cleared(&log, &EventLog::cleared);
    QSignalSpy appended(&log, &EventLog::linesAppended);
    log.append(u"x"_s);
    log.clear();
    QCOMPARE(cleared.count(), 1);
    QCOMPARE(log.lineCount(), 0);
    log.flush();
    QCOMPARE(appended.count(), 0);
}

QTEST_GUILESS_MAIN(TestEventLog)
#include "tst_eventlog.moc"
