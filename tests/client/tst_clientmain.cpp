// The socket-client program itself, started with QProcess: its options
// (--connect, --send in order, --log -, --framing) against a test peer.
#include "testserver.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace Qt::StringLiterals;

class TestClientMain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void sendsInOrderAndLogsToStdout();
    void quitDeliversQueuedBytes();
    void quitAfterCloseTimeoutReportsUnsentBytes();
    void rejectsBadOptions_data();
    void rejectsBadOptions();

private:
    // Starts the program as m_process; what it prints goes to m_out.
    void start(const QStringList &arguments);
    // Connects the program (frames, --log -) to a server that does not read,
    // and makes it queue far more pong bytes than the kernel buffers hold.
    void startWithQueuedBytes(TestServer &server, const QStringList &extraArguments);
    QString out() const { return QString::fromUtf8(m_out); }

    QTemporaryDir m_config;
    std::unique_ptr<QProcess> m_process;
    // A member, not a test's local: the process can print (and be read)
    // until cleanup() has ended it, after the test function returned.
    QByteArray m_out;
};

void TestClientMain::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_config.isValid());
    QVERIFY(QFileInfo::exists(QStringLiteral(SOCKETHUB_BINARY_DIR "/client/socket-client")));
}

void TestClientMain::cleanup()
{
    if (m_process) {
        m_process->kill();
        m_process->waitForFinished(5000);
        m_process.reset();
    }
    m_out.clear();
}

void TestClientMain::start(const QStringList &arguments)
{
    m_process = std::make_unique<QProcess>();
    QProcess *process = m_process.get();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    // Keep the program's QSettings away from the user's.
    env.insert(u"XDG_CONFIG_HOME"_s, m_config.path());
    process->setProcessEnvironment(env);
    // Bound by the process (the sender and context), writing to a member.
    connect(process, &QProcess::readyReadStandardOutput, process,
            [this, process] { m_out += process->readAllStandardOutput(); });
    process->start(QStringLiteral(SOCKETHUB_BINARY_DIR "/client/socket-client"), arguments);
}

void TestClientMain::sendsInOrderAndLogsToStdout()
{
    TestServer peer(Protocol::Framing::Lines);
    QVERIFY(peer.listen());
    start({u"--host"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(peer.port()),
           u"--framing"_s, u"lines"_s, u"--connect"_s, u"--send"_s, u"one"_s,
           u"--send"_s, u"héllo ✓"_s, u"--send"_s, u"three"_s, u"--log"_s, u"-"_s});
    QVERIFY(m_process->waitForStarted(5000));

    QTRY_COMPARE_WITH_TIMEOUT(peer.raw, u"one\nhéllo ✓\nthree\n"_s.toUtf8(), 10000);
    QTRY_VERIFY(out().contains(u"me: three"_s));
    const QString log = out();
    QVERIFY2(log.contains(u"Connected to 127.0.0.1:%1"_s.arg(peer.port())), qPrintable(log));
    QVERIFY(log.indexOf(u"me: one"_s) < log.indexOf(u"me: héllo ✓"_s));

    peer.write(u"reply 日本語\n"_s.toUtf8());
    QTRY_VERIFY(out().contains(u"reply 日本語"_s));
}

// Pings the program answers with a 64-byte pong each: about 10 MB, more than
// loopback's socket buffers (a few MB) absorb while the server does not read.
constexpr int kPingFlood = 150000;

void TestClientMain::startWithQueuedBytes(TestServer &server, const QStringList &extraArguments)
{
    server.readBufferSize = 1; // stall: read nothing the client sends
    QVERIFY(server.listen());
    start(QStringList{u"--host"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(server.port()),
                      u"--framing"_s, u"frames"_s, u"--connect"_s, u"--send"_s, u"last words"_s,
                      u"--log"_s, u"-"_s}
          + extraArguments);
    QVERIFY(m_process->waitForStarted(5000));
    QTRY_VERIFY_WITH_TIMEOUT(server.isConnected(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(out().contains(u"me: last words"_s), 10000);

    const auto codec = Codec::create(Protocol::Framing::Frames, Protocol::kDefaultMaxMessageSize);
    const QByteArray ping = codec->encode(Message::makePing(QByteArray(64, 'p')));
    QByteArray flood;
    flood.reserve(ping.size() * kPingFlood);
    for (int i = 0; i < kPingFlood; ++i)
        flood += ping;
    server.write(flood);
    server.send(Message::makeText(u"all pinged"_s));
    // Messages are handled in order: once this is logged, every pong is queued.
    QTRY_VERIFY_WITH_TIMEOUT(out().contains(u"server: all pinged"_s), 30000);
}

void TestClientMain::quitDeliversQueuedBytes()
{
    TestServer server(Protocol::Framing::Frames);
    startWithQueuedBytes(server, {u"--close-timeout"_s, u"60000"_s});
    if (QTest::currentTestFailed())
        return;

    // Asked to quit (SIGTERM closes the window) while megabytes are queued.
    m_process->terminate();
    QTRY_VERIFY_WITH_TIMEOUT(out().contains(u"disconnected by the user"_s), 10000);
    server.resumeReading();

    // Everything arrives, then a clean close (FIN, not a reset), then the
    // program exits normally.
    QTRY_COMPARE_WITH_TIMEOUT(server.count(Message::Type::Pong), kPingFlood, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(server.closedByClient, 10000);
    QCOMPARE(server.closeError, QAbstractSocket::RemoteHostClosedError);
    QCOMPARE(server.texts(), QList<QString>{u"last words"_s});
    QVERIFY(server.codecError.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(m_process->state(), QProcess::NotRunning, 10000);
    QCOMPARE(m_process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_process->exitCode(), 0);
    const QString err = QString::fromUtf8(m_process->readAllStandardError());
    QVERIFY2(!err.contains(u"not sent"_s), qPrintable(err));
}

void TestClientMain::quitAfterCloseTimeoutReportsUnsentBytes()
{
    TestServer server(Protocol::Framing::Frames);
    startWithQueuedBytes(server, {u"--close-timeout"_s, u"200"_s});
    if (QTest::currentTestFailed())
        return;

    // The server never reads again: the program gives up after the close
    // timeout, says how much was lost, and exits with 1.
    m_process->terminate();
    QTRY_COMPARE_WITH_TIMEOUT(m_process->state(), QProcess::NotRunning, 20000);
    QCOMPARE(m_process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_process->exitCode(), 1);
    const QString err = QString::fromUtf8(m_process->readAllStandardError());
    QVERIFY2(err.contains(u"bytes not sent to 127.0.0.1:%1"_s.arg(server.port())), qPrintable(err));
    m_out += m_process->readAllStandardOutput();
    const QString log = out();
    QVERIFY2(log.contains(u"bytes not sent to 127.0.0.1:%1"_s.arg(server.port())), qPrintable(log));
}

void TestClientMain::rejectsBadOptions_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("framing") << QStringList{u"--framing"_s, u"bogus"_s} << u"--framing must be lines or frames"_s;
    QTest::newRow("port") << QStringList{u"--port"_s, u"70000"_s} << u"--port must be 1..65535"_s;
    QTest::newRow("size") << QStringList{u"--max-message-size"_s, u"-1"_s} << u"--max-message-size"_s;
    QTest::newRow("close-timeout") << QStringList{u"--close-timeout"_s, u"0"_s} << u"--close-timeout must be"_s;
}

void TestClientMain::rejectsBadOptions()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    start(arguments);
    QVERIFY(m_process->waitForFinished(10000));
    QCOMPARE(m_process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_process->exitCode(), 2);
    const QString err = QString::fromUtf8(m_process->readAllStandardError());
    QVERIFY2(err.contains(message), qPrintable(err));
}

QTEST_GUILESS_MAIN(TestClientMain)
#include "tst_clientmain.moc"
