// The socket-client program itself, started with QProcess: its options
// (--connect, --send in order, --log -, --framing) against a test peer.
#include "testpeer.h"

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
    void rejectsBadOptions_data();
    void rejectsBadOptions();

private:
    std::unique_ptr<QProcess> start(const QStringList &arguments);

    QTemporaryDir m_config;
    std::unique_ptr<QProcess> m_process;
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
}

std::unique_ptr<QProcess> TestClientMain::start(const QStringList &arguments)
{
    auto process = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    // Keep the program's QSettings away from the user's.
    env.insert(u"XDG_CONFIG_HOME"_s, m_config.path());
    process->setProcessEnvironment(env);
    process->start(QStringLiteral(SOCKETHUB_BINARY_DIR "/client/socket-client"), arguments);
    return process;
}

void TestClientMain::sendsInOrderAndLogsToStdout()
{
    TestPeer peer(Protocol::Framing::Lines);
    QVERIFY(peer.listen());
    m_process = start({u"--host"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(peer.port()),
                       u"--framing"_s, u"lines"_s, u"--connect"_s, u"--send"_s, u"one"_s,
                       u"--send"_s, u"héllo ✓"_s, u"--send"_s, u"three"_s, u"--log"_s, u"-"_s});
    QVERIFY(m_process->waitForStarted(5000));
    QByteArray out;
    connect(m_process.get(), &QProcess::readyReadStandardOutput, this,
            [&] { out += m_process->readAllStandardOutput(); });

    QTRY_COMPARE_WITH_TIMEOUT(peer.raw, u"one\nhéllo ✓\nthree\n"_s.toUtf8(), 10000);
    QTRY_VERIFY(QString::fromUtf8(out).contains(u"me: three"_s));
    const QString log = QString::fromUtf8(out);
    QVERIFY2(log.contains(u"Connected to 127.0.0.1:%1"_s.arg(peer.port())), qPrintable(log));
    QVERIFY(log.indexOf(u"me: one"_s) < log.indexOf(u"me: héllo ✓"_s));

    peer.write(u"reply 日本語\n"_s.toUtf8());
    QTRY_VERIFY(QString::fromUtf8(out).contains(u"reply 日本語"_s));
}

void TestClientMain::rejectsBadOptions_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("framing") << QStringList{u"--framing"_s, u"bogus"_s} << u"--framing must be lines or frames"_s;
    QTest::newRow("port") << QStringList{u"--port"_s, u"70000"_s} << u"--port must be 1..65535"_s;
    QTest::newRow("size") << QStringList{u"--max-message-size"_s, u"-1"_s} << u"--max-message-size"_s;
}

void TestClientMain::rejectsBadOptions()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    m_process = start(arguments);
    QVERIFY(m_process->waitForFinished(10000));
    QCOMPARE(m_process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_process->exitCode(), 2);
    const QString err = QString::fromUtf8(m_process->readAllStandardError());
    QVERIFY2(err.contains(message), qPrintable(err));
}

QTEST_GUILESS_MAIN(TestClientMain)
#include "tst_clientmain.moc"
