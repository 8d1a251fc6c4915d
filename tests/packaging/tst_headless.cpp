// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// socket-server --headless: a QCoreApplication, no widget, no platform
// plugin, so no display is needed (issue 10). SIGINT and SIGTERM stop it
// cleanly: every client gets the goodbye notice, the exit code is 0.
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include <signal.h>
#include <sys/types.h>

using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 20000;

// A socket-server run with its stdout and stderr collected, in a home of its
// own (not the user's settings).
class ServerProcess
{
public:
    explicit ServerProcess(const QTemporaryDir &home, const QProcessEnvironment &env)
    {
        QProcessEnvironment e = env;
        e.insert(u"HOME"_s, home.path());
        e.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u".config"_s));
        process.setProcessEnvironment(e);
        process.setWorkingDirectory(home.path()); // where a core file would land
        QObject::connect(&process, &QProcess::readyReadStandardOutput, &process,
                         [this] { out += process.readAllStandardOutput(); });
        QObject::connect(&process, &QProcess::readyReadStandardError, &process,
                         [this] { err += process.readAllStandardError(); });
    }
    ~ServerProcess()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(kWaitMs);
        }
    }
    void start(const QStringList &arguments) { process.start(QStringLiteral(SOCKET_SERVER_BINARY), arguments); }
    quint16 listeningPort() const
    {
        static const QRegularExpression re(u"^listening on 127\\.0\\.0\\.1:(\\d+)$"_s,
                                           QRegularExpression::MultilineOption);
        const QRegularExpressionMatch m = re.match(QString::fromUtf8(out));
        return m.hasMatch() ? m.captured(1).toUShort() : 0;
    }
    bool finished() const { return process.state() == QProcess::NotRunning; }

    QByteArray out; // declared before process, which may still emit while it is destroyed
    QByteArray err;
    QProcess process;
};

// The environment of a machine without any display.
QProcessEnvironment noDisplay()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : { u"QT_QPA_PLATFORM"_s, u"DISPLAY"_s, u"WAYLAND_DISPLAY"_s })
        env.remove(name);
    return env;
}

// A line client: a QTcpSocket that collects what the server sends.
class LineClient
{
public:
    LineClient()
    {
        QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [this] { received += socket.readAll(); });
    }
    bool hasLine(const QByteArray &line) const { return received.split('\n').contains(line); }

    QByteArray received;
    QTcpSocket socket;
};

// Whether the process has mapped any Qt platform plugin (xcb, offscreen,
// wayland ...): a QGuiApplication loads one, a QCoreApplication never does.
bool platformPluginLoaded(qint64 pid, QByteArray *which)
{
    QFile maps(u"/proc/%1/maps"_s.arg(pid));
    if (!maps.open(QIODevice::ReadOnly))
        return true; // cannot tell: fail the check
    for (const QByteArray &line : maps.readAll().split('\n')) {
        if (line.contains("/plugins/platforms/")) {
            *which = line;
            return true;
        }
    }
    return false;
}

} // namespace

class TestHeadless : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(QStringLiteral(SOCKET_SERVER_BINARY)), "socket-server is not built");
    }

    void stopsCleanlyOnSignal_data()
    {
        QTest::addColumn<int>("signal");
        QTest::addColumn<QString>("platform"); // empty: QT_QPA_PLATFORM unset
        QTest::newRow("SIGINT, no display") << int(SIGINT) << QString();
        QTest::newRow("SIGTERM, no display") << int(SIGTERM) << QString();
        // A QGuiApplication would abort here (checked below); headless never
        // looks for a platform plugin.
        QTest::newRow("SIGINT, a platform that does not exist") << int(SIGINT) << u"nonexistent-platform"_s;
        QTest::newRow("SIGTERM, a platform that does not exist") << int(SIGTERM) << u"nonexistent-platform"_s;
    }
    void stopsCleanlyOnSignal()
    {
        QFETCH(int, signal);
        QFETCH(QString, platform);
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QProcessEnvironment env = noDisplay();
        if (!platform.isEmpty())
            env.insert(u"QT_QPA_PLATFORM"_s, platform);
        ServerProcess server(home, env);
        server.start({ u"--headless"_s, u"--port"_s, u"0"_s, u"--bind"_s, u"localhost"_s });
        QTRY_VERIFY2_WITH_TIMEOUT(server.listeningPort() != 0 || server.finished(),
                                  "no 'listening on' line", kWaitMs);
        QVERIFY2(!server.finished(), server.err.constData());
        const quint16 port = server.listeningPort();

        LineClient client;
        client.socket.connectToHost(u"127.0.0.1"_s, port);
        client.socket.write("hello\n");
        QTRY_VERIFY_WITH_TIMEOUT(client.hasLine("* welcome #1: Welcome client 1"), kWaitMs);

        QByteArray plugin;
        QVERIFY2(!platformPluginLoaded(server.process.processId(), &plugin), plugin.constData());

        QCOMPARE(::kill(pid_t(server.process.processId()), signal), 0);
        QTRY_VERIFY2_WITH_TIMEOUT(client.hasLine("* disconnect #1: server stopped listening"),
                                  client.received.constData(), kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(server.finished(), kWaitMs);
        QCOMPARE(server.process.exitStatus(), QProcess::NormalExit);
        QVERIFY2(server.process.exitCode() == 0, server.err.constData());
        QVERIFY2(!server.err.contains("platform"), server.err.constData());
    }

    // The premise of the rows above: with a window, the same environment
    // makes socket-server fail, since QGuiApplication finds no such platform.
    void windowNeedsThePlatform()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QProcessEnvironment env = noDisplay();
        env.insert(u"QT_QPA_PLATFORM"_s, u"nonexistent-platform"_s);
        ServerProcess server(home, env);
        server.start({ u"--listen"_s, u"--port"_s, u"0"_s, u"--bind"_s, u"localhost"_s });
        QTRY_VERIFY_WITH_TIMEOUT(server.finished(), kWaitMs);
        QVERIFY(server.process.exitStatus() == QProcess::CrashExit || server.process.exitCode() != 0);
        QVERIFY2(server.err.contains("nonexistent-platform"), server.err.constData());
        QCOMPARE(server.listeningPort(), quint16(0));
    }

    // --headless is found the way the real parse finds it: here it is the
    // welcome text, so the server has its window (offscreen).
    void headlessAsAValueIsNotTheFlag()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QProcessEnvironment env = noDisplay();
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        ServerProcess server(home, env);
        server.start({ u"--welcome"_s, u"--headless"_s, u"--listen"_s, u"--port"_s, u"0"_s, u"--bind"_s,
                       u"localhost"_s });
        QTRY_VERIFY2_WITH_TIMEOUT(server.listeningPort() != 0 || server.finished(),
                                  "no 'listening on' line", kWaitMs);
        QVERIFY2(!server.finished(), server.err.constData());

        LineClient client;
        client.socket.connectToHost(u"127.0.0.1"_s, server.listeningPort());
        client.socket.write("hello\n");
        QTRY_VERIFY2_WITH_TIMEOUT(client.hasLine("* welcome #1: --headless"), client.received.constData(), kWaitMs);
        QByteArray plugin;
        QVERIFY2(platformPluginLoaded(server.process.processId(), &plugin), "the window mode loaded no platform");

        server.process.terminate();
        QTRY_VERIFY_WITH_TIMEOUT(server.finished(), kWaitMs);
        QCOMPARE(server.process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.process.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
