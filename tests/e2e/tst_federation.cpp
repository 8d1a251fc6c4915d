// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Federation through Redis (issue 18, docs/federation.md) with real parts:
// a real redis-server on a free port without persistence, socket-servers
// in this process (ServerController, their table models) and one real
// socket-server --headless process (the instance killed with -9), and line
// clients on each. Every wait is on a condition.
#include "clienttablemodel.h"
#include "eventlog.h"
#include "federationstatus.h"
#include "servercontroller.h"
#include "serverwindow.h"
#include "serversnapshot.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

#include <csignal>

#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 30000;

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// A process whose output is collected.
class Collected
{
public:
    Collected()
    {
        process.setProcessChannelMode(QProcess::MergedChannels);
        QObject::connect(&process, &QProcess::readyReadStandardOutput, &process,
                         [this] { out += process.readAllStandardOutput(); });
    }
    ~Collected()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(kWaitMs);
        }
    }
    bool done() const { return process.state() == QProcess::NotRunning; }

    QByteArray out; // before process, which may still emit while it is destroyed
    QProcess process;
};

// redis-server on port, no persistence: a restart loses everything.
class Redis : public Collected
{
public:
    explicit Redis(quint16 port, const QString &password = {}) : port(port), password(password) { }
    void start(const QString &alsoBind = {})
    {
        out.clear();
        QStringList args { u"--port"_s, QString::number(port), u"--bind"_s, u"127.0.0.1"_s };
        if (!alsoBind.isEmpty())
            args << alsoBind;
        args << u"--save"_s << u""_s << u"--appendonly"_s << u"no"_s << u"--protected-mode"_s << u"no"_s;
        if (!password.isEmpty())
            args << u"--requirepass"_s << password;
        process.start(u"redis-server"_s, args);
    }
    bool ready() const { return out.contains("Ready to accept connections"); }

    const quint16 port;
    const QString password;
};

// One command (ip, for the partition).
class Command : public Collected
{
public:
    Command(const QString &program, const QStringList &args) { process.start(program, args); }
};

// Runs a command and fails the test unless it succeeds.
#define RUN_OK(program, ...) \
    do { \
        Command command_((program), __VA_ARGS__); \
        QTRY_VERIFY_WITH_TIMEOUT(command_.done(), kWaitMs); \
        QVERIFY2(command_.process.exitCode() == 0, command_.out.constData()); \
    } while (false)

// A network namespace joined to this one by a veth pair, removed again.
class NetworkNamespace
{
public:
    NetworkNamespace()
        : name(u"shfed%1"_s.arg(QCoreApplication::applicationPid() % 100000))
        , hostLink(u"shfh%1"_s.arg(QCoreApplication::applicationPid() % 100000))
        , hostAddress(address(1))
        , insideAddress(address(2))
    {
    }
    ~NetworkNamespace()
    {
        QProcess::execute(u"ip"_s, { u"netns"_s, u"del"_s, name });
        QProcess::execute(u"ip"_s, { u"link"_s, u"del"_s, hostLink });
    }
    const QString name;
    const QString hostLink;
    // A /30 of 10.213.0.0/16 of this process's own, so that two runs at
    // once (a CI clone beside a working tree) do not share a route.
    const QString hostAddress;
    const QString insideAddress;

private:
    static QString address(int host)
    {
        const qint64 pid = QCoreApplication::applicationPid();
        return u"10.213.%1.%2"_s.arg((pid / 64) % 256).arg((pid % 64) * 4 + host);
    }
};

// One redis-cli command.
class Cli : public Collected
{
public:
    Cli(const Redis &redis, const QStringList &args)
    {
        QStringList all { u"-p"_s, QString::number(redis.port) };
        if (!redis.password.isEmpty())
            all << u"--no-auth-warning"_s << u"-a"_s << redis.password;
        process.start(u"redis-cli"_s, all + args);
    }
};

// A line client, as nc would be.
class LineClient
{
public:
    explicit LineClient(quint16 port, const QHostAddress &host = QHostAddress(QHostAddress::LocalHost))
    {
        QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [this] { received += socket.readAll(); });
        socket.connectToHost(host, port);
    }
    QList<QByteArray> lines() const
    {
        QList<QByteArray> l = received.split('\n');
        if (!l.isEmpty())
            l.removeLast(); // the part after the last newline
        return l;
    }
    // The id its welcome gave ("* welcome #ID: …"), 0 before.
    quint32 id() const
    {
        static const QRegularExpression re(u"^\\* welcome #(\\d+):"_s, QRegularExpression::MultilineOption);
        const QRegularExpressionMatch m = re.match(QString::fromUtf8(received));
        return m.hasMatch() ? m.captured(1).toUInt() : 0;
    }
    // The texts relayed from client id, in the order received.
    QList<QByteArray> textsFrom(quint32 from) const
    {
        const QByteArray prefix = '#' + QByteArray::number(from) + ": ";
        QList<QByteArray> out;
        for (const QByteArray &line : lines()) {
            if (line.startsWith(prefix))
                out.append(line.mid(prefix.size()));
        }
        return out;
    }
    bool hasLine(const QByteArray &line) const { return lines().contains(line); }
    bool heardJoinOf(quint32 id) const
    {
        const QByteArray prefix = "* joined #" + QByteArray::number(id) + ':';
        for (const QByteArray &line : lines()) {
            if (line.startsWith(prefix))
                return true;
        }
        return false;
    }

    QByteArray received;
    QTcpSocket socket;
};

QString federationUrl(const Redis &redis, const QString &password = {})
{
    const QString auth = password.isEmpty() ? QString() : u":"_s + password + u"@"_s;
    return u"redis://"_s + auth + u"127.0.0.1:"_s + QString::number(redis.port) + u"/t"_s;
}

// A federated server in this process, with the window's table model.
class Instance
{
public:
    Instance(const QString &url, const QString &name, qsizetype maxEntry = 0, qsizetype maxPending = 0,
             int presenceLimit = -1)
    {
        ServerOptions o;
        o.port = 0;
        o.bind = u"localhost"_s;
        o.mode = ServerOptions::Mode::Relay;
        o.presenceHoldMs = 0;
        o.federate = url;
        o.instanceName = name;
        if (maxEntry > 0)
            o.federationMaxEntry = maxEntry;
        if (maxPending > 0)
            o.federationMaxPending = maxPending;
        if (presenceLimit >= 0)
            o.presenceLimit = presenceLimit;
        controller = std::make_unique<ServerController>(o);
        QObject::connect(controller.get(), &ServerController::snapshotReady, &model,
                         &ClientTableModel::applySnapshot);
        controller->start();
    }
    FederationStatus status() const { return controller->federationStatus(); }
    bool connected() const
    {
        return controller->isListening() && status().state == FederationStatus::State::Connected
            && logCount(u"Federation: instance number"_s) > 0;
    }
    int logCount(const QString &text) const
    {
        int n = 0;
        for (const QString &line : controller->log()->lines())
            n += line.contains(text) ? 1 : 0;
        return n;
    }
    QString instanceOf(quint32 id) const
    {
        const int row = model.rowOf(id);
        return row < 0 ? QString() : model.index(row, ClientTableModel::InstanceColumn).data().toString();
    }

    ClientTableModel model; // before the controller, whose snapshots it takes
    std::unique_ptr<ServerController> controller;
};

// socket-server --headless, federated: the one an instance test kills.
class ServerProcess : public Collected
{
public:
    // inNamespace: run it in that network namespace (ip netns exec), on
    // bind; else on localhost.
    ServerProcess(const QString &url, const QString &name,
                  const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                  const QString &inNamespace = {}, const QString &bind = u"localhost"_s)
    {
        process.setProcessEnvironment(env);
        const QStringList args { u"--headless"_s, u"--port"_s, u"0"_s, u"--bind"_s, bind, u"--client-messages"_s,
                                 u"relay"_s, u"--presence-hold"_s, u"0"_s, u"--federate"_s, url,
                                 u"--instance-name"_s, name, u"--log"_s, u"-"_s };
        if (inNamespace.isEmpty())
            process.start(QStringLiteral(SOCKET_SERVER_BINARY), args);
        else
            process.start(u"ip"_s, QStringList { u"netns"_s, u"exec"_s, inNamespace, QStringLiteral(SOCKET_SERVER_BINARY) } + args);
    }
    quint16 port() const
    {
        static const QRegularExpression re(u"^listening on [0-9.]+:(\\d+)$"_s,
                                           QRegularExpression::MultilineOption);
        const QRegularExpressionMatch m = re.match(QString::fromUtf8(out));
        return m.hasMatch() ? m.captured(1).toUShort() : 0;
    }
    bool connected() const { return port() != 0 && out.contains("Federation: instance number"); }
};

QByteArray numberedLines(const QByteArray &tag, int first, int count)
{
    QByteArray out;
    for (int i = first; i < first + count; ++i)
        out += tag + QByteArray::number(i) + '\n';
    return out;
}

QList<QByteArray> expectedTexts(const QByteArray &tag, int count)
{
    QList<QByteArray> out;
    for (int i = 1; i <= count; ++i)
        out.append(tag + QByteArray::number(i));
    return out;
}

} // namespace

class TestFederation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(QStringLiteral(SOCKET_SERVER_BINARY)), "socket-server is not built");
        QVERIFY2(!QStandardPaths::findExecutable(u"redis-server"_s).isEmpty(), "redis-server is not installed (.ci/build)");
        QVERIFY2(!QStandardPaths::findExecutable(u"redis-cli"_s).isEmpty(), "redis-cli is not installed (.ci/build)");
    }

    // Three instances (two here, one a process), a client on each: every
    // line once, in its sender's order, never back to its sender; ids unique;
    // each table shows the others' clients with their instance.
    void relayAcrossInstances()
    {
        Redis redis(freePort());
        redis.start();
        QTRY_VERIFY_WITH_TIMEOUT(redis.ready(), kWaitMs);
        Instance a(federationUrl(redis), u"A"_s);
        Instance b(federationUrl(redis), u"B"_s);
        ServerProcess c(federationUrl(redis), u"C"_s);
        QTRY_VERIFY_WITH_TIMEOUT(a.connected() && b.connected() && c.connected(), kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(a.status().instancesSeen == 2 && b.status().instancesSeen == 2, kWaitMs);

        LineClient ca(a.controller->serverPort());
        LineClient cb(b.controller->serverPort());
        LineClient cc(c.port());
        QTRY_VERIFY_WITH_TIMEOUT(ca.id() && cb.id() && cc.id(), kWaitMs);
        QVERIFY(ca.id() != cb.id() && cb.id() != cc.id() && ca.id() != cc.id());

        constexpr int kLines = 500;
        ca.socket.write(numberedLines("a-", 1, kLines));
        cc.socket.write("from c\n");
        const QList<QByteArray> expected = expectedTexts("a-", kLines);
        QTRY_COMPARE_WITH_TIMEOUT(cb.textsFrom(ca.id()), expected, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(cc.textsFrom(ca.id()), expected, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(ca.textsFrom(cc.id()), QList<QByteArray> { "from c" }, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(cb.textsFrom(cc.id()), QList<QByteArray> { "from c" }, kWaitMs);
        QVERIFY(ca.textsFrom(ca.id()).isEmpty()); // never back to its sender
        QVERIFY(cc.textsFrom(cc.id()).isEmpty());

        // The remote rows, with their instance's name.
        QTRY_COMPARE_WITH_TIMEOUT(a.instanceOf(cb.id()), u"B"_s, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(a.instanceOf(cc.id()), u"C"_s, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(b.instanceOf(ca.id()), u"A"_s, kWaitMs);
        QCOMPARE(a.instanceOf(ca.id()), u"here"_s);
        QCOMPARE(a.controller->remoteClientCount(), 2);
        QVERIFY(a.status().messagesOut >= quint64(kLines));
        QCOMPARE(a.status().missed, quint64(0));

        // The window's status bar says so.
        ServerWindow window(a.controller.get());
        auto *label = window.findChild<QLabel *>(u"federationLabel"_s);
        QVERIFY(label);
        // (No translator here: the plural stays "instance(s)".)
        QTRY_VERIFY_WITH_TIMEOUT(label->text().startsWith(u"Federation: connected, 2 other instance"_s), kWaitMs);
        QVERIFY(!label->isHidden());
        QVERIFY(label->toolTip().startsWith(u"Messages through Redis: "_s));
    }

    // Send to Selected and Disconnect on a remote row: the owning instance
    // carries them out.
    void directAndKickOfRemoteClient()
    {
        Redis redis(freePort());
        redis.start();
        QTRY_VERIFY_WITH_TIMEOUT(redis.ready(), kWaitMs);
        Instance a(federationUrl(redis), u"A"_s);
        Instance b(federationUrl(redis), u"B"_s);
        QTRY_VERIFY_WITH_TIMEOUT(a.connected() && b.connected(), kWaitMs);
        LineClient cb(b.controller->serverPort());
        LineClient cb2(b.controller->serverPort());
        QTRY_VERIFY_WITH_TIMEOUT(cb.id() && cb2.id(), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(a.instanceOf(cb.id()), u"B"_s, kWaitMs);

        QVERIFY(a.controller->sendTo({ cb.id() }, u"psst"_s));
        QTRY_VERIFY_WITH_TIMEOUT(cb.hasLine("* direct: psst"), kWaitMs);
        a.controller->disconnectClients({ cb.id() });
        QTRY_COMPARE_WITH_TIMEOUT(cb.socket.state(), QAbstractSocket::UnconnectedState, kWaitMs);
        QVERIFY(cb.received.contains("kicked"));
        // Only that one: the other client of B got neither.
        QCOMPARE(cb2.socket.state(), QAbstractSocket::ConnectedState);
        QVERIFY(!cb2.received.contains("psst"));
        // And its row leaves A's table.
        QTRY_VERIFY_WITH_TIMEOUT(a.model.rowOf(cb.id()) < 0, kWaitMs);
    }

    // Redis drops every client connection (CLIENT KILL) again and again
    // while a sender sends: nothing lost, duplicated or reordered.
    void clientKillLosesNothing()
    {
        Redis redis(freePort());
        redis.start();
        QTRY_VERIFY_WITH_TIMEOUT(redis.ready(), kWaitMs);
        Instance a(federationUrl(redis), u"A"_s);
        Instance b(federationUrl(redis), u"B"_s);
        QTRY_VERIFY_WITH_TIMEOUT(a.connected() && b.connected(), kWaitMs);
        LineClient ca(a.controller->serverPort());
        LineClient cb(b.controller->serverPort());
        QTRY_VERIFY_WITH_TIMEOUT(ca.id() && cb.id(), kWaitMs);

        constexpr int kRounds = 6;
        constexpr int kPerRound = 300;
        for (int round = 0; round < kRounds; ++round) {
            ca.socket.write(numberedLines("m-", round * kPerRound + 1, kPerRound));
            ca.socket.flush();
            Cli kill(redis, { u"CLIENT"_s, u"KILL"_s, u"TYPE"_s, round % 2 ? u"pubsub"_s : u"normal"_s });
            QTRY_VERIFY_WITH_TIMEOUT(kill.done(), kWaitMs);
            QTRY_VERIFY_WITH_TIMEOUT(a.connected() && b.status().state == FederationStatus::State::Connected, kWaitMs);
        }
        QTRY_COMPARE_WITH_TIMEOUT(cb.textsFrom(ca.id()), expectedTexts("m-", kRounds * kPerRound), kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(a.logCount(u"connection to Redis lost"_s) >= 1, kWaitMs); // the kills did drop it
        QCOMPARE(b.status().missed, quint64(0));
    }

    // Redis killed and started again without its data: each instance says
    // so once; the relay works again (and what waited is delivered).
    void redisRestart()
    {
        Redis redis(freePort());
        redis.start();
        QTRY_VERIFY_WITH_TIMEOUT(redis.ready(), kWaitMs);
        Instance a(federationUrl(redis), u"A"_s);
        Instance b(federationUrl(redis), u"B"_s);
        QTRY_VERIFY_WITH_TIMEOUT(a.connected() && b.connected(), kWaitMs);
        LineClient ca(a.controller->serverPort());
        LineClient cb(b.controller->serverPort());
        QTRY_VERIFY_WITH_TIMEOUT(ca.id() && cb.id(), kWaitMs);
        ca.socket.write("before\n");
        QTRY_VERIFY_WITH_TIMEOUT(cb.textsFrom(ca.id()).contains("before"), kWaitMs);

        redis.process.kill();
        QTRY_VERIFY_WITH_TIMEOUT(redis.done(), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(a.status().state, FederationStatus::State::Reconnecting, kWaitMs);
        ca.socket.write("during\n");
        QTRY_VERIFY_WITH_TIMEOUT(a.status().pendingBytes > 0, kWaitMs);
        redis.start();
        QTRY_VERIFY_WITH_TIMEOUT(redis.ready(), kWaitMs);
        QElapsedTimer back;
        back.start();
        ca.socket.write("after\n");
        QTRY_VERIFY_WITH_TIMEOUT(cb.textsFrom(ca.id()).contains("after"), kWaitMs);
        qInfo("relay again %lld ms after Redis was back", static_cast<long long>(back.elapsed()));
        QCOMPARE(cb.textsFrom(ca.id()), (QList<QByteArray> { "before", "during", "after" }));
        QTRY_COMPARE_WITH_TIMEOUT(b.logCount(u"Redis no longer holds the last entry read"_s), 1, kWaitMs);
    }

    // Redis gone while a client sends much: past --federation-max-pending
    // the relay's readers are held (the queue stays bounded); once Redis is
    // back they resume and everything arrives.
    void backedUpLinkHoldsReaders()
    {
        Redis redis(freePort());
        redis.start();
        QTRY_VERIFY_WITH_TIMEOUT(redis.ready(), kWaitMs);
        constexpr qsizetype kMaxPending = 4096;
        Instance a(federationUrl(redis), u"A"_s, 0, kMaxPending);
        Instance b(federationUrl(redis), u"B"_s);
        QTRY_VERIFY_WITH_TIMEOUT(a.connected() && b.connected(), kWaitMs);
        LineClient ca(a.controller->serverPort());
        LineClient cb(b.controller->serverPort());
        QTRY_VERIFY_WITH_TIMEOUT(ca.id() && cb.id(), kWaitMs);

        redis.process.kill();
        QTRY_VERIFY_WITH_TIMEOUT(redis.done(), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(a.status().state, FederationStatus::State::Reconnecting, kWaitMs);
        constexpr int kLines = 20000;
        ca.socket.write(numberedLines("q-", 1, kLines));
        QTRY_VERIFY_WITH_TIMEOUT(a.status().pendingBytes > kMaxPending, kWaitMs);
        // A newcomer makes A publish a snapshot (an idle core sends none):
        // the sender's reads are held, far from every line taken in.
        LineClient newcomer(a.controller->serverPort());
        QTRY_VERIFY_WITH_TIMEOUT(newcomer.id() != 0, kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(a.controller->stats().pausedReaders > 0, kWaitMs);
        QVERIFY(a.controller->stats().messagesIn < quint64(kLines));
        redis.start();
        QTRY_VERIFY_WITH_TIMEOUT(redis.ready(), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(cb.textsFrom(ca.id()).size(), kLines, kWaitMs);
        QCOMPARE(cb.textsFrom(ca.id()), expectedTexts("q-", kLines));
    }

    // Redis stopped (SIGSTOP) for a while: connections that say nothing,
    // as in a partition without FIN or RST. The overdue replies drop them;
    // once Redis runs again, nothing was lost, duplicated or reordered.
    // (A partition in a network namespace is not tested: docs/federation.md.)
    void silentRedisLosesNothing()
    {
        Redis redis(freePort());
        redis.start();
        QTRY_VERIFY_WITH_TIMEOUT(redis.ready(), kWaitMs);
        Instance a(federationUrl(redis), u"A"_s);
        Instance b(federationUrl(redis), u"B"_s);
        QTRY_VERIFY_WITH_TIMEOUT(a.connected() && b.connected(), kWaitMs);
        LineClient ca(a.controller->serverPort());
        LineClient cb(b.controller->serverPort());
        QTRY_VERIFY_WITH_TIMEOUT(ca.id() && cb.id(), kWaitMs);
        ca.socket.write(numberedLines("s-", 1, 100));
        QTRY_COMPARE_WITH_TIMEOUT(cb.textsFrom(ca.id()).size(), 100, kWaitMs);

        ::kill(pid_t(redis.process.processId()), SIGSTOP);
        ca.socket.write(numberedLines("s-", 101, 100));
        QTRY_COMPARE_WITH_TIMEOUT(a.status().state, FederationStatus::State::Reconnecting, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(b.status().state, FederationStatus::State::Reconnecting, kWaitMs);
        ::kill(pid_t(redis.process.processId()), SIGCONT);
        ca.socket.write(numberedLines("s-", 201, 100));
        QTRY_COMPARE_WITH_TIMEOUT(cb.textsFrom(ca.id()), expectedTexts("s-", 300), kWaitMs);
        QCOMPARE(b.status().missed, quint64(0));
    }

    // A partition: instance C in a network namespace of its own, its link
    // to Redis cut (the veth down: no FIN, no RST) until A has declared it
    // gone, then restored. Nothing sent meanwhile is lost either way.
    void partitionedInstance()
    {
        if (::geteuid() != 0)
            QSKIP("a network namespace needs root (CI runs as root)");
        NetworkNamespace ns;
        {
            Command probe(u"ip"_s, { u"netns"_s, u"add"_s, ns.name });
            QTRY_VERIFY_WITH_TIMEOUT(probe.done(), kWaitMs);
            if (probe.process.exitCode() != 0)
                QSKIP(qPrintable(u"network namespaces are not available here: "_s + QString::fromUtf8(probe.out)));
        }
        const QString inside = ns.hostLink + u"n"_s;
        RUN_OK(u"ip"_s, { u"link"_s, u"add"_s, ns.hostLink, u"type"_s, u"veth"_s, u"peer"_s, u"name"_s, inside });
        RUN_OK(u"ip"_s, { u"link"_s, u"set"_s, inside, u"netns"_s, ns.name });
        RUN_OK(u"ip"_s, { u"addr"_s, u"add"_s, ns.hostAddress + u"/30"_s, u"dev"_s, ns.hostLink });
        RUN_OK(u"ip"_s, { u"link"_s, u"set"_s, ns.hostLink, u"up"_s });
        RUN_OK(u"ip"_s, { u"netns"_s, u"exec"_s, ns.name, u"ip"_s, u"addr"_s, u"add"_s,
                          ns.insideAddress + u"/30"_s, u"dev"_s, inside });
        RUN_OK(u"ip"_s, { u"netns"_s, u"exec"_s, ns.name, u"ip"_s, u"link"_s, u"set"_s, inside, u"up"_s });
        RUN_OK(u"ip"_s, { u"netns"_s, u"exec"_s, ns.name, u"ip"_s, u"link"_s, u"set"_s, u"lo"_s, u"up"_s });

        Redis redis(freePort());
        redis.start(ns.hostAddress);
        QTRY_VERIFY_WITH_TIMEOUT(redis.ready(), kWaitMs);
        Instance a(federationUrl(redis), u"A"_s);
        const QString insideUrl = u"redis://%1:%2/t"_s.arg(ns.hostAddress).arg(redis.port);
        ServerProcess c(insideUrl, u"C"_s, QProcessEnvironment::systemEnvironment(), ns.name,
                        ns.insideAddress);
        QTRY_VERIFY_WITH_TIMEOUT(a.connected() && c.connected(), kWaitMs);
        LineClient ca(a.controller->serverPort());
        LineClient cc(c.port(), QHostAddress(ns.insideAddress));
        QTRY_VERIFY_WITH_TIMEOUT(ca.id() && cc.id(), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(a.instanceOf(cc.id()), u"C"_s, kWaitMs);
        ca.socket.write(numberedLines("p-", 1, 100));
        QTRY_COMPARE_WITH_TIMEOUT(cc.textsFrom(ca.id()).size(), 100, kWaitMs);

        RUN_OK(u"ip"_s, { u"link"_s, u"set"_s, ns.hostLink, u"down"_s });
        QElapsedTimer cut;
        cut.start();
        ca.socket.write(numberedLines("p-", 101, 100));
        cc.socket.write("from c, cut off\n");
        QTRY_VERIFY_WITH_TIMEOUT(c.out.contains("connection to Redis lost"), kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(a.model.rowOf(cc.id()) < 0, kWaitMs); // A declared C gone
        RUN_OK(u"ip"_s, { u"link"_s, u"set"_s, ns.hostLink, u"up"_s });
        qInfo("the link was cut for %lld ms", static_cast<long long>(cut.elapsed()));
        QTRY_COMPARE_WITH_TIMEOUT(cc.textsFrom(ca.id()), expectedTexts("p-", 200), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(ca.textsFrom(cc.id()), QList<QByteArray> { "from c, cut off" }, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(a.instanceOf(cc.id()), u"C"_s, kWaitMs); // back in A's table
    }

    // An instance killed with -9: its clients leave the other tables.
    void killedInstanceLeavesTables()
    {
        Redis redis(freePort());
        redis.start();
        QTRY_VERIFY_WITH_TIMEOUT(redis.ready(), kWaitMs);
        Instance a(federationUrl(redis), u"A"_s);
        ServerProcess c(federationUrl(redis), u"C"_s);
        QTRY_VERIFY_WITH_TIMEOUT(a.connected() && c.connected(), kWaitMs);
        LineClient cc(c.port());
        QTRY_VERIFY_WITH_TIMEOUT(cc.id() != 0, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(a.instanceOf(cc.id()), u"C"_s, kWaitMs);

        c.process.kill(); // SIGKILL
        QElapsedTimer gone;
        gone.start();
        QTRY_VERIFY_WITH_TIMEOUT(a.model.rowOf(cc.id()) < 0, kWaitMs);
        qInfo("the killed instance's client left the table after %lld ms", static_cast<long long>(gone.elapsed()));
        QTRY_COMPARE_WITH_TIMEOUT(a.status().instancesSeen, 0, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(a.logCount(u"instance C is gone"_s), 1, kWaitMs);
    }

    // Bad entries added by hand: each a log line and a counter, and the
    // relay goes on.
    void malformedEntries()
    {
        Redis redis(freePort());
        redis.start();
        QTRY_VERIFY_WITH_TIMEOUT(redis.ready(), kWaitMs);
        Instance a(federationUrl(redis), u"A"_s, 1024);
        Instance b(federationUrl(redis), u"B"_s);
        QTRY_VERIFY_WITH_TIMEOUT(a.connected() && b.connected(), kWaitMs);
        LineClient ca(a.controller->serverPort());
        LineClient cb(b.controller->serverPort());
        QTRY_VERIFY_WITH_TIMEOUT(ca.id() && cb.id(), kWaitMs);

        const QString key = u"sockethub:t:relay"_s;
        const QList<QStringList> bad {
            { u"XADD"_s, key, u"*"_s, u"garbage"_s, u"1"_s },                               // no version
            { u"XADD"_s, key, u"*"_s, u"v"_s, u"99"_s, u"o"_s, u"x"_s },                     // unknown version
            { u"XADD"_s, key, u"*"_s, u"v"_s, u"1"_s, u"o"_s, u"x"_s, u"k"_s, u"d"_s, u"s"_s, u"1"_s, u"p"_s,
              u"relay"_s, u"f"_s, u"5"_s, u"m"_s, u"not json"_s },                           // a bad payload
            { u"XADD"_s, key, u"*"_s, u"v"_s, u"1"_s, u"o"_s, u"x"_s, u"k"_s, u"d"_s, u"s"_s, u"2"_s, u"p"_s,
              u"relay"_s, u"f"_s, u"5"_s, u"m"_s, QString(2000, u'x') },                     // oversize for A
        };
        for (const QStringList &args : bad) {
            Cli cli(redis, args);
            QTRY_VERIFY_WITH_TIMEOUT(cli.done(), kWaitMs);
            QCOMPARE(cli.process.exitCode(), 0);
        }
        QTRY_COMPARE_WITH_TIMEOUT(a.status().rejected, quint64(bad.size()), kWaitMs);
        // The log comes in batches, after the counter.
        QTRY_COMPARE_WITH_TIMEOUT(a.logCount(u"Federation: skipped stream entry"_s), int(bad.size()), kWaitMs);
        QCOMPARE(a.logCount(u"a payload of"_s), 1);
        QCOMPARE(a.logCount(u"version 99"_s), 1);
        cb.socket.write("still fine\n");
        QTRY_VERIFY_WITH_TIMEOUT(ca.textsFrom(cb.id()).contains("still fine"), kWaitMs);
        QCOMPARE(a.status().state, FederationStatus::State::Connected);
    }

    // Entries of an origin with a gap in its sequence, and a copy: the gap
    // is counted, logged and told to the clients once; the copy is not
    // delivered twice.
    void sequenceGapAndCopy()
    {
        Redis redis(freePort());
        redis.start();
        QTRY_VERIFY_WITH_TIMEOUT(redis.ready(), kWaitMs);
        Instance a(federationUrl(redis), u"A"_s);
        QTRY_VERIFY_WITH_TIMEOUT(a.connected(), kWaitMs);
        LineClient ca(a.controller->serverPort());
        QTRY_VERIFY_WITH_TIMEOUT(ca.id() != 0, kWaitMs);

        const auto entry = [](int sequence, const QString &text) {
            return QStringList { u"XADD"_s, u"sockethub:t:relay"_s, u"*"_s, u"v"_s, u"1"_s, u"o"_s,
                                 u"00000000feedf00d"_s, u"n"_s, u"Z"_s, u"k"_s, u"d"_s, u"s"_s,
                                 QString::number(sequence), u"p"_s, u"relay"_s, u"f"_s, u"77"_s, u"t"_s, u""_s,
                                 u"b"_s, u"0"_s, u"m"_s,
                                 u"[{\"y\":2,\"i\":77,\"x\":\""_s + text + u"\"}]"_s };
        };
        for (const auto &[sequence, text] : { std::pair { 1, u"one"_s }, std::pair { 5, u"five"_s },
                                              std::pair { 5, u"five again"_s }, std::pair { 6, u"six"_s } }) {
            Cli cli(redis, entry(sequence, text));
            QTRY_VERIFY_WITH_TIMEOUT(cli.done(), kWaitMs);
            QCOMPARE(cli.process.exitCode(), 0);
        }
        QTRY_COMPARE_WITH_TIMEOUT(ca.textsFrom(77), (QList<QByteArray> { "one", "five", "six" }), kWaitMs);
        QCOMPARE(a.status().missed, quint64(3));
        QTRY_COMPARE_WITH_TIMEOUT(a.logCount(u"missed 3 entries from instance Z"_s), 1, kWaitMs);
        int notices = 0;
        for (const QByteArray &line : ca.lines())
            notices += line.contains("from other servers were missed") ? 1 : 0;
        QCOMPARE(notices, 1);
    }

    // --presence-limit counts every client of the federation: with a limit
    // of 2, a join is announced while the federation has 2 clients, not when
    // it has 4.
    void presenceLimitCountsTheFederation()
    {
        Redis redis(freePort());
        redis.start();
        QTRY_VERIFY_WITH_TIMEOUT(redis.ready(), kWaitMs);
        Instance a(federationUrl(redis), u"A"_s, 0, 0, 2);
        Instance b(federationUrl(redis), u"B"_s, 0, 0, 2);
        QTRY_VERIFY_WITH_TIMEOUT(a.connected() && b.connected(), kWaitMs);
        LineClient b1(b.controller->serverPort());
        QTRY_VERIFY_WITH_TIMEOUT(b1.id() != 0, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(a.instanceOf(b1.id()), u"B"_s, kWaitMs);
        LineClient a1(a.controller->serverPort()); // the federation's second client
        QTRY_VERIFY_WITH_TIMEOUT(a1.id() != 0, kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(b1.heardJoinOf(a1.id()), kWaitMs);

        LineClient b2(b.controller->serverPort());
        QTRY_VERIFY_WITH_TIMEOUT(b2.id() != 0, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(a.instanceOf(b2.id()), u"B"_s, kWaitMs);
        LineClient a2(a.controller->serverPort()); // the fourth: over the limit
        QTRY_VERIFY_WITH_TIMEOUT(a2.id() != 0, kWaitMs);
        // A join would have gone before a2's first text.
        a2.socket.write("marker\n");
        QTRY_VERIFY_WITH_TIMEOUT(b1.textsFrom(a2.id()).contains("marker"), kWaitMs);
        QVERIFY(!b1.heardJoinOf(a2.id()));
        QVERIFY(!a1.heardJoinOf(a2.id()));
    }

    // Redis with a password: the wrong one is refused (and never logged);
    // the right one, from the environment, works.
    void wrongPassword()
    {
        Redis redis(freePort(), u"s3cret-pw"_s);
        redis.start();
        QTRY_VERIFY_WITH_TIMEOUT(redis.ready(), kWaitMs);
        Instance wrong(federationUrl(redis, u"not-it"_s), u"W"_s);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"SOCKETHUB_REDIS_PASSWORD"_s, u"s3cret-pw"_s);
        ServerProcess right(federationUrl(redis), u"R"_s, env);
        QTRY_VERIFY_WITH_TIMEOUT(right.connected(), kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(wrong.logCount(u"Redis refused the password"_s) > 0, kWaitMs);
        QVERIFY(wrong.status().state != FederationStatus::State::Connected);
        QCOMPARE(wrong.logCount(u"not-it"_s), 0);
        QVERIFY(!right.out.contains("s3cret-pw"));
    }
};

QTEST_MAIN(TestFederation)
#include "tst_federation.moc"
