// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Issue 22: socket-client under a flood. The real socket-client window
// (offscreen, --log to a file) sits in a relay of the real socket-server
// while this test floods it with lines from another connection. Every line
// must reach the --log file, in order, and the client must still be
// connected afterwards: its backpressure (it stops reading while its log is
// behind) hands the flood to the server's flow control, which holds the
// sender back instead of evicting the client.
//
// No figures here: memory and stalls are measured by the benchmark
// (bench/run_load_bench.sh, S14).
#include "protocol.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace Qt::StringLiterals;

class TestClientFlood : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void everyLineReachesTheLogInOrder();

private:
    // Starts a program of the build with the test's settings folder; what
    // it prints goes to *out.
    std::unique_ptr<QProcess> start(const QString &program, const QStringList &arguments, QByteArray *out);
    QByteArray logText() const;

    QTemporaryDir m_dir;
    // Members: the processes print (and are read) until cleanup() ends them.
    std::unique_ptr<QProcess> m_server;
    QByteArray m_serverOut;
    std::unique_ptr<QProcess> m_client;
    QByteArray m_clientOut;
    QString m_logPath;
};

void TestClientFlood::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    // The real programs: the test fails, not skips, without them.
    QVERIFY(QFileInfo::exists(QStringLiteral(SOCKETHUB_BINARY_DIR "/client/socket-client")));
    QVERIFY(QFileInfo::exists(QStringLiteral(SOCKETHUB_BINARY_DIR "/server/socket-server")));
    m_logPath = m_dir.filePath(u"client.log"_s);
}

void TestClientFlood::cleanup()
{
    for (std::unique_ptr<QProcess> *process : {&m_client, &m_server}) {
        if (*process) {
            (*process)->kill();
            (*process)->waitForFinished(5000);
            process->reset();
        }
    }
    m_serverOut.clear();
    m_clientOut.clear();
}

std::unique_ptr<QProcess> TestClientFlood::start(const QString &program, const QStringList &arguments,
                                                 QByteArray *out)
{
    auto process = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    env.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"config"_s));
    env.remove(QLatin1String(Protocol::kPasswordEnvironmentVariable));
    process->setProcessEnvironment(env);
    process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QProcess *p = process.get();
    connect(p, &QProcess::readyReadStandardOutput, p, [p, out] { *out += p->readAllStandardOutput(); });
    p->start(QStringLiteral(SOCKETHUB_BINARY_DIR) + program, arguments);
    return process;
}

QByteArray TestClientFlood::logText() const
{
    QFile file(m_logPath);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestClientFlood::everyLineReachesTheLogInOrder()
{
    // 200,000 lines of 64 bytes: many times what the client lets wait for
    // its log (a small --max-backlog, so that reading is held and resumed
    // thousands of times), its socket buffer and the server's queue for it.
    constexpr int kLines = 200000;
    constexpr qint64 kMaxQueued = 1024 * 1024;

    m_server = start(u"/server/socket-server"_s,
                     {u"--headless"_s, u"--port"_s, u"0"_s, u"--bind"_s, u"127.0.0.1"_s, u"--framing"_s, u"lines"_s,
                      u"--client-messages"_s, u"relay"_s},
                     &m_serverOut);
    QVERIFY2(m_server->waitForStarted(10000), qPrintable(m_server->errorString()));
    QTRY_VERIFY2_WITH_TIMEOUT(m_serverOut.contains('\n') || m_server->state() != QProcess::Running,
                              m_serverOut.constData(), 20000);
    const QByteArray prefix = "listening on 127.0.0.1:";
    QVERIFY2(m_serverOut.startsWith(prefix), m_serverOut.constData());
    const quint16 port = quint16(m_serverOut.mid(prefix.size(), m_serverOut.indexOf('\n') - prefix.size()).toUInt());
    QVERIFY(port != 0);

    m_client = start(u"/client/socket-client"_s,
                     {u"--host"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(port), u"--framing"_s, u"lines"_s,
                      u"--connect"_s, u"--log"_s, m_logPath, u"--max-backlog"_s, u"65536"_s},
                     &m_clientOut);
    QVERIFY2(m_client->waitForStarted(10000), qPrintable(m_client->errorString()));
    // Its welcome (the server's first line to it) is in the log.
    QTRY_VERIFY2_WITH_TIMEOUT(logText().contains("* welcome"), logText().constData(), 30000);

    // The sender: writes while less than kMaxQueued waits in its socket, so
    // that the server's flow control (not this test's memory) holds the
    // flood back; reads and drops what the relay sends it.
    QTcpSocket sender;
    int written = 0;
    const auto line = [](int i) {
        QByteArray text = "flood " + QByteArray::number(i).rightJustified(8, '0') + ' ';
        return text.leftJustified(64, 'x') + '\n';
    };
    const auto fill = [&sender, &written, &line] {
        QByteArray chunk;
        while (written < kLines && sender.bytesToWrite() + chunk.size() < kMaxQueued)
            chunk += line(written++);
        if (!chunk.isEmpty())
            sender.write(chunk);
    };
    connect(&sender, &QTcpSocket::readyRead, &sender, [&sender] { sender.readAll(); });
    connect(&sender, &QTcpSocket::bytesWritten, &sender, fill);
    connect(&sender, &QTcpSocket::connected, &sender, fill);
    sender.connectToHost(u"127.0.0.1"_s, port);

    const QByteArray last = "flood " + QByteArray::number(kLines - 1).rightJustified(8, '0');
    QTRY_VERIFY2_WITH_TIMEOUT(logText().contains(last) || m_client->state() != QProcess::Running,
                              qPrintable(u"%1 of %2 lines written by the sender"_s.arg(written).arg(kLines)),
                              240000);
    QCOMPARE(sender.state(), QAbstractSocket::ConnectedState);

    // Still connected: a line after the flood arrives too.
    sender.write("after the flood\n");
    QTRY_VERIFY_WITH_TIMEOUT(logText().contains("after the flood") || m_client->state() != QProcess::Running,
                             30000);
    QCOMPARE(m_client->state(), QProcess::Running);

    // Every line of the flood, once, in order, and nothing that says the
    // connection ended.
    const QList<QByteArray> lines = logText().split('\n');
    static const QRegularExpression flood(u" flood (\\d{8}) x+$"_s);
    int expected = 0;
    for (const QByteArray &l : lines) {
        const QString text = QString::fromUtf8(l);
        QVERIFY2(!text.contains(u"closed"_s) && !text.contains(u"lost"_s) && !text.contains(u"Disconnected"_s),
                 qPrintable(text));
        const QRegularExpressionMatch match = flood.match(text);
        if (!match.hasMatch())
            continue;
        QVERIFY2(match.captured(1).toInt() == expected,
                 qPrintable(u"line %1 where %2 was due: %3"_s.arg(match.captured(1)).arg(expected).arg(text)));
        ++expected;
    }
    QCOMPARE(expected, kLines);
}

QTEST_GUILESS_MAIN(TestClientFlood)
#include "tst_clientflood.moc"
