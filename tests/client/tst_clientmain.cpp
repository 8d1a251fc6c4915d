// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The socket-client program itself, started with QProcess: its options
// (--connect, --send in order, --log -, --framing, --hello-timeout,
// --max-unsent) against a test peer, and SIGTERM in the middle of a flood.
#include "../common/testcertificate.h"
#include "hostileserver.h"
#include "testserver.h"

#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QtEndian>
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
    void helloTimeoutOption();
    void maxUnsentOption();
    void sigtermDuringHugeTextFlood();
    void rejectsBadOptions_data();
    void rejectsBadOptions();
    void passwordFromTheEnvironment();
    void noPasswordOption();
    void helpNamesThePasswordVariable();
    void profileKeepsItsOwnSettings();
    void commandLineIsForItsRunOnly();

private:
    // Starts the program as m_process; what it prints goes to m_out. The
    // password variable is set only when password is not null.
    void start(const QStringList &arguments, const QString &password = {});
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
    QFile notACertificate(m_config.filePath(u"not-a-certificate.pem"_s));
    QVERIFY(notACertificate.open(QIODevice::WriteOnly));
    notACertificate.write("just text\n");
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

void TestClientMain::start(const QStringList &arguments, const QString &password)
{
    m_process = std::make_unique<QProcess>();
    QProcess *process = m_process.get();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    // Keep the program's QSettings away from the user's.
    env.insert(u"XDG_CONFIG_HOME"_s, m_config.path());
    env.remove(QLatin1String(Protocol::kPasswordEnvironmentVariable));
    if (!password.isNull())
        env.insert(QLatin1String(Protocol::kPasswordEnvironmentVariable), password);
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
// Room for every pong of that flood (--max-unsent).
constexpr qint64 kFloodMaxUnsent = 64 * 1024 * 1024;

void TestClientMain::startWithQueuedBytes(TestServer &server, const QStringList &extraArguments)
{
    server.readBufferSize = 1; // stall: read nothing the client sends
    QVERIFY(server.listen());
    // The unsent cap far above the flood: these tests are about the close.
    start(QStringList{u"--host"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(server.port()),
                      u"--framing"_s, u"frames"_s, u"--connect"_s, u"--send"_s, u"last words"_s,
                      u"--log"_s, u"-"_s, u"--max-unsent"_s, QString::number(kFloodMaxUnsent)}
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

// Issue 8, row 3: a server that accepts and never speaks is given up on
// after --hello-timeout.
void TestClientMain::helloTimeoutOption()
{
    HostileServer server;
    server.sendMagic = false;
    server.sendHello = false;
    QVERIFY(server.listen());
    start({u"--host"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(server.port()), u"--connect"_s,
           u"--hello-timeout"_s, u"300"_s, u"--log"_s, u"-"_s});
    QVERIFY(m_process->waitForStarted(5000));
    const QString expected = u"Connection to 127.0.0.1:%1 closed: the server did not say hello within 0.3 s"_s
                                 .arg(server.port());
    QTRY_VERIFY2_WITH_TIMEOUT(out().contains(expected), qPrintable(out()), 20000);
    QTRY_VERIFY(server.clientGone());
}

// Issue 8, row 2: a ping flood that is never read closes the connection
// once more than --max-unsent bytes of pongs wait.
void TestClientMain::maxUnsentOption()
{
    HostileServer server;
    server.reads = false;
    const QByteArray ping = HostileServer::frame(Message::makePing(QByteArray(Protocol::kMaxPingPayload, 'p')));
    const QByteArray burst = ping.repeated(1000);
    server.floodUnit = [burst](qint64) { return burst; };
    QVERIFY(server.listen());
    start({u"--host"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(server.port()), u"--connect"_s,
           u"--max-unsent"_s, u"200000"_s, u"--log"_s, u"-"_s});
    QVERIFY(m_process->waitForStarted(5000));
    const QString expected = u"Connection to 127.0.0.1:%1 closed: the server is not reading "
                             "(more than 200000 bytes waiting to be sent)"_s.arg(server.port());
    QTRY_VERIFY2_WITH_TIMEOUT(out().contains(expected), qPrintable(out().right(2000)), 60000);
    QTRY_VERIFY(server.clientGone());
    // It is still a working program: asked to quit, it quits at once.
    m_process->terminate();
    QTRY_COMPARE_WITH_TIMEOUT(m_process->state(), QProcess::NotRunning, 20000);
    QCOMPARE(m_process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_process->exitCode(), 0);
}

// Issue 8, row 5: texts as large as the maximum allows, endlessly. The
// program keeps up, and SIGTERM mid-flood ends it cleanly, with 0.
void TestClientMain::sigtermDuringHugeTextFlood()
{
    // The frame's payload: sender id, name length, "flood", the text.
    constexpr qsizetype textSize = Protocol::kDefaultMaxMessageSize - 5 - 5;
    const QByteArray base = HostileServer::frame(Message::makeText(QString(textSize, u'x'), 1, u"flood"_s));
    QCOMPARE(base.size(), Protocol::kFrameHeaderSize + Protocol::kDefaultMaxMessageSize);
    HostileServer server;
    server.floodUnit = [base](qint64 i) {
        QByteArray unit = base;
        qToBigEndian(quint32(i + 1), unit.data() + Protocol::kFrameHeaderSize);
        return unit;
    };
    QVERIFY(server.listen());
    start({u"--host"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(server.port()), u"--connect"_s,
           u"--log"_s, u"-"_s});
    QVERIFY(m_process->waitForStarted(5000));
    // Well into the flood (which never ends).
    QTRY_VERIFY_WITH_TIMEOUT(out().contains(u"#20 flood: xxxx"_s), 120000);
    QVERIFY(!server.clientGone());

    m_process->terminate();
    QTRY_COMPARE_WITH_TIMEOUT(m_process->state(), QProcess::NotRunning, 60000);
    QCOMPARE(m_process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_process->exitCode(), 0);
    const QString err = QString::fromUtf8(m_process->readAllStandardError());
    QVERIFY2(!err.contains(u"not sent"_s), qPrintable(err));
    m_out += m_process->readAllStandardOutput();
    QVERIFY(out().contains(u"disconnected by the user"_s));
    QTRY_VERIFY(server.clientGone());
}

void TestClientMain::rejectsBadOptions_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("framing") << QStringList{u"--framing"_s, u"bogus"_s} << u"--framing must be lines or frames"_s;
    QTest::newRow("port") << QStringList{u"--port"_s, u"70000"_s} << u"--port must be a number from 1 to 65535"_s;
    QTest::newRow("size") << QStringList{u"--max-message-size"_s, u"-1"_s} << u"--max-message-size"_s;
    QTest::newRow("close-timeout") << QStringList{u"--close-timeout"_s, u"0"_s} << u"--close-timeout must be"_s;
    QTest::newRow("hello-timeout") << QStringList{u"--hello-timeout"_s, u"0"_s} << u"--hello-timeout must be"_s;
    QTest::newRow("max-unsent") << QStringList{u"--max-unsent"_s, u"lots"_s} << u"--max-unsent must be"_s;
    QTest::newRow("tls-fingerprint") << QStringList{u"--tls-fingerprint"_s, u"AB:CD"_s}
                                     << u"--tls-fingerprint must be a SHA-256 fingerprint (64 hex digits, "
                                        "colons allowed), not \"AB:CD\""_s;
    const QString missing = m_config.filePath(u"missing.pem"_s);
    QTest::newRow("tls-ca missing") << QStringList{u"--tls-ca"_s, missing}
                                    << u"--tls-ca: cannot read the CA file %1"_s.arg(missing);
    const QString text = m_config.filePath(u"not-a-certificate.pem"_s);
    QTest::newRow("tls-ca not PEM") << QStringList{u"--tls-ca"_s, text}
                                    << u"--tls-ca: the CA file %1 holds no PEM certificate"_s.arg(text);
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

// SOCKETHUB_PASSWORD: sent in the hello to a server that asks for it,
// printed nowhere, and gone from the program's environment once read.
void TestClientMain::passwordFromTheEnvironment()
{
    TestServer peer(Protocol::Framing::Frames);
    peer.requirePassword = true;
    QVERIFY(peer.listen());
    const QString password = u"env-sëcret-5521"_s;
    start({u"--host"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(peer.port()), u"--name"_s, u"bob"_s,
           u"--connect"_s, u"--send"_s, u"hi"_s, u"--log"_s, u"-"_s},
          password);
    QVERIFY(m_process->waitForStarted(5000));
    QTRY_COMPARE_WITH_TIMEOUT(peer.count(Message::Type::Hello), 1, 10000);
    QCOMPARE(peer.received.first().data, password.toUtf8());
    QCOMPARE(peer.received.first().name, u"bob"_s);
    QTRY_VERIFY_WITH_TIMEOUT(out().contains(u"me: hi"_s), 10000);
#ifdef Q_OS_LINUX
    // What other processes of the user can read (and a child would inherit).
    QFile environFile(u"/proc/%1/environ"_s.arg(m_process->processId()));
    QVERIFY2(environFile.open(QIODevice::ReadOnly), qPrintable(environFile.errorString()));
    const QByteArray environment = environFile.readAll();
    QVERIFY(environment.contains("XDG_CONFIG_HOME="));
    QVERIFY(!environment.contains(password.toUtf8()));
    QVERIFY(!environment.contains("5521"));
#endif
    m_process->terminate();
    QTRY_COMPARE_WITH_TIMEOUT(m_process->state(), QProcess::NotRunning, 10000);
    m_out += m_process->readAllStandardOutput();
    const QByteArray err = m_process->readAllStandardError();
    QVERIFY2(!m_out.contains(password.toUtf8()), m_out.constData());
    QVERIFY2(!err.contains(password.toUtf8()), err.constData());
    // Nor in the settings the program wrote.
    QSettings settings(m_config.filePath(u"SocketHub/socket-client.conf"_s), QSettings::IniFormat);
    QVERIFY(QFileInfo::exists(settings.fileName()));
    QFile file(settings.fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("5521"));
}

// Passwords never go on the command line, where ps shows them.
void TestClientMain::noPasswordOption()
{
    start({u"--password"_s, u"x"_s});
    QVERIFY(m_process->waitForFinished(10000));
    QCOMPARE(m_process->exitStatus(), QProcess::NormalExit);
    QVERIFY(m_process->exitCode() != 0);
    const QString err = QString::fromUtf8(m_process->readAllStandardError());
    QVERIFY2(err.contains(u"Unknown option 'password'"_s), qPrintable(err));
}

// Issue 15: --help says where a password comes from.
void TestClientMain::helpNamesThePasswordVariable()
{
    start({u"--help"_s});
    QVERIFY(m_process->waitForFinished(10000));
    QCOMPARE(m_process->exitCode(), 0);
    m_out += m_process->readAllStandardOutput();
    QVERIFY2(out().contains(QLatin1String(Protocol::kPasswordEnvironmentVariable)), qPrintable(out()));
    QVERIFY2(out().contains(u"never from the command line"_s), qPrintable(out()));
}

// --profile (by default the --name) chooses which saved settings a run
// starts from.
void TestClientMain::profileKeepsItsOwnSettings()
{
    const QString settingsPath = m_config.filePath(u"SocketHub/socket-client.conf"_s);
    const struct {
        QStringList arguments;
        QString group;
        QString host;
    } runs[] = {
        { {u"--profile"_s, u"lab"_s, u"--name"_s, u"dev"_s}, u"profiles/lab/"_s, u"127.0.0.5"_s },
        { {u"--name"_s, u"alice"_s}, u"profiles/alice/"_s, u"127.0.0.6"_s },
        { {}, u"profiles/default/"_s, u"127.0.0.7"_s },
    };
    const quint16 port = freePort();
    {
        QSettings settings(settingsPath, QSettings::IniFormat);
        for (const auto &run : runs) {
            settings.setValue(run.group + u"host"_s, run.host);
            settings.setValue(run.group + u"port"_s, port);
        }
    }
    for (const auto &run : runs) {
        start(run.arguments + QStringList{u"--connect"_s, u"--log"_s, u"-"_s});
        QVERIFY(m_process->waitForStarted(5000));
        QTRY_VERIFY_WITH_TIMEOUT(out().contains(u"Could not connect"_s), 10000);
        QVERIFY2(out().contains(u"Could not connect to %1:%2"_s.arg(run.host).arg(port)), qPrintable(out()));
        m_process->terminate();
        QTRY_COMPARE_WITH_TIMEOUT(m_process->state(), QProcess::NotRunning, 10000);
        m_out.clear();
    }
    // --name was for its run only.
    QSettings settings(settingsPath, QSettings::IniFormat);
    QVERIFY(!settings.contains(u"profiles/lab/name"_s));
    QVERIFY(!settings.contains(u"profiles/alice/name"_s));

    start({u"--profile"_s, QString()});
    QVERIFY(m_process->waitForFinished(10000));
    QCOMPARE(m_process->exitCode(), 2);
    QVERIFY(m_process->readAllStandardError().contains("--profile must not be empty"));
}

// What the command line gives is for its run only (issue 17, item 8): a run
// that connects with --host, --port, --framing, --reconnect and --tls-ca,
// then closes its window, leaves the saved settings as they were; the next
// plain run starts from them.
void TestClientMain::commandLineIsForItsRunOnly()
{
    const QString settingsPath = m_config.filePath(u"SocketHub/socket-client.conf"_s);
    const quint16 savedPort = freePort();
    {
        QSettings settings(settingsPath, QSettings::IniFormat);
        settings.setValue(u"profiles/default/host"_s, u"127.0.0.8"_s);
        settings.setValue(u"profiles/default/port"_s, savedPort);
        settings.setValue(u"profiles/default/framing"_s, u"frames"_s);
        settings.setValue(u"profiles/default/autoReconnect"_s, false);
    }
    TestServer peer(Protocol::Framing::Lines);
    QVERIFY(peer.listen());
    start({u"--host"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(peer.port()), u"--framing"_s, u"lines"_s,
           u"--reconnect"_s, u"--connect"_s, u"--send"_s, u"over the command line"_s, u"--log"_s, u"-"_s});
    QVERIFY(m_process->waitForStarted(5000));
    QTRY_COMPARE_WITH_TIMEOUT(peer.raw, QByteArray("over the command line\n"), 10000);
    // SIGTERM closes the window as the user would: it saves what it saves.
    m_process->terminate();
    QTRY_COMPARE_WITH_TIMEOUT(m_process->state(), QProcess::NotRunning, 10000);
    QCOMPARE(m_process->exitCode(), 0);

    QSettings settings(settingsPath, QSettings::IniFormat);
    QVERIFY(settings.contains(u"profiles/default/geometry"_s)); // the window did save
    QCOMPARE(settings.value(u"profiles/default/host"_s).toString(), u"127.0.0.8"_s);
    QCOMPARE(settings.value(u"profiles/default/port"_s).toInt(), int(savedPort));
    QCOMPARE(settings.value(u"profiles/default/framing"_s).toString(), u"frames"_s);
    QCOMPARE(settings.value(u"profiles/default/autoReconnect"_s).toBool(), false);
    // What the run's form held besides (its defaults) may be written back.
    QCOMPARE(settings.value(u"profiles/default/tls"_s, false).toBool(), false);

    // --tls-ca (so TLS) and --name, against a port where no one listens.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const TestCertificate cert = TestCertificate::make(dir.path());
    QVERIFY2(cert.isValid(), qPrintable(cert.error));
    m_out.clear();
    start({u"--host"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(freePort()), u"--tls-ca"_s, cert.certFile,
           u"--name"_s, u"carol"_s, u"--connect"_s, u"--log"_s, u"-"_s});
    QVERIFY(m_process->waitForStarted(5000));
    QTRY_VERIFY_WITH_TIMEOUT(out().contains(u"Could not connect"_s), 10000);
    m_process->terminate();
    QTRY_COMPARE_WITH_TIMEOUT(m_process->state(), QProcess::NotRunning, 10000);
    // --name carol chose the profile "carol": its window saved its
    // geometry there, and nothing the command line gave.
    settings.sync();
    QVERIFY(settings.contains(u"profiles/carol/geometry"_s));
    for (const QString &key : {u"host"_s, u"port"_s, u"name"_s, u"tls"_s})
        QVERIFY2(!settings.contains(u"profiles/carol/"_s + key), qPrintable(key));
    {
        QFile file(settingsPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray saved = file.readAll();
        QVERIFY2(!saved.contains(cert.certFile.toUtf8()) && !saved.contains("name=carol"), saved.constData());
    }

    // The next plain run starts from the saved settings.
    m_out.clear();
    start({u"--connect"_s, u"--log"_s, u"-"_s});
    QVERIFY(m_process->waitForStarted(5000));
    QTRY_VERIFY_WITH_TIMEOUT(out().contains(u"Could not connect"_s), 10000);
    QVERIFY2(out().contains(u"Could not connect to 127.0.0.8:%1"_s.arg(savedPort)), qPrintable(out()));
}

QTEST_GUILESS_MAIN(TestClientMain)
#include "tst_clientmain.moc"
