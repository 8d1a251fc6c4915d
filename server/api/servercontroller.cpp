// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "servercontroller.h"

#include "crossthread.h"
#include "engineevent.h"
#include "eventlog.h"
#include "federationaddress.h"
#include "federationrouter.h"
#include "serverlogging.h"
#include "logwriter.h"
#include "servercore.h"
#include "servergroup.h"

#include <QHostInfo>
#include <QTimer>

#include <algorithm>
#include <unistd.h>

ServerController::ServerController(const ServerOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_group(std::make_shared<ServerGroup>(options.maxBuffered))
    , m_log(new EventLog(Protocol::kDefaultLogLines, this))
{
    const int n = qMax(1, options.networkThreads);
    for (int i = 0; i < n; ++i) {
        auto *core = new ServerCore(options, nullptr, m_group);
        core->log()->setRetaining(false); // the window's copy (m_log) keeps the lines
        auto thread = std::make_unique<QThread>();
        thread->setObjectName(QStringLiteral("network %1").arg(i));
        core->moveToThread(thread.get());
        // The core goes with its thread, deleted there as the thread ends
        // (emitted on it): after what this thread did before quit(), and
        // before what it does after wait().
        QThread *t = thread.get();
        connect(t, &QThread::finished, t, [core, t] {
            CrossThread::acquire(t);
            delete core;
            CrossThread::release(t);
        }, Qt::DirectConnection);
        // Every signal from a core crosses threads: each slot first
        // acquires what the core did before emitting (crossthread.h).
        connect(core, &ServerCore::snapshotReady, this, [this, i, core](const ServerSnapshot &s) {
            CrossThread::acquire(core);
            onSnapshot(i, s);
        });
        connect(core, &ServerCore::allConnectionsClosed, this, [this, core] {
            CrossThread::acquire(core);
            onCoreClosed();
        });
        EventLog *coreLog = core->log();
        connect(coreLog, &EventLog::eventsAppended, m_log, [this, coreLog](const QList<LogEvent> &events) {
            CrossThread::acquire(coreLog);
            // The engine's lines are made again here, in the reader's
            // language (engineevent.h); message events pass as they are.
            if (std::none_of(events.cbegin(), events.cend(), [](const LogEvent &e) { return e.code != 0; })) {
                m_log->appendEvents(events);
                return;
            }
            QList<LogEvent> shown;
            shown.reserve(events.size());
            for (const LogEvent &e : events)
                shown.append(EngineEvent::translated(e));
            m_log->appendEvents(shown);
        });
        m_cores.append(core);
        m_threads.push_back(std::move(thread));
    }
    m_group->setCores(m_cores);
    m_snapshots.resize(n);
    startFederation();
    // The first core listens.
    ServerCore *first = m_cores.constFirst();
    m_address = first->listenAddressText();
    connect(first, &ServerCore::listeningChanged, this,
            [this, first](bool listening, const QString &address, quint16 port) {
                CrossThread::acquire(first);
                onListeningChanged(listening, address, port);
            });
    connect(first, &ServerCore::listenFailed, this, [this, first](const QString &address, const QString &why) {
        CrossThread::acquire(first);
        Q_EMIT listenFailed(EngineEvent::text(EngineEvent::Code::CouldNotListen, { address, why }, -1, true));
    });
    connect(first, &ServerCore::tlsChanged, this, [this, first](const QString &fingerprint) {
        CrossThread::acquire(first);
        if (m_tlsFingerprint == fingerprint)
            return;
        m_tlsFingerprint = fingerprint;
        Q_EMIT securityChanged();
    });
    for (const auto &thread : m_threads)
        thread->start();
}

ServerController::~ServerController()
{
    // The federation first: it posts to the cores.
    if (m_federation)
        m_federation->detach();
    // From now on no core hands work to another, so each can go with its
    // thread (deleted there when the thread finishes).
    m_group->close();
    for (const auto &thread : m_threads) {
        CrossThread::release(thread.get());
        thread->quit();
    }
    for (const auto &thread : m_threads) {
        thread->wait();
        CrossThread::acquire(thread.get());
    }
}

void ServerController::attachLogWriter(LogWriter *writer)
{
    for (ServerCore *core : std::as_const(m_cores))
        writer->attach(core->log());
}

int ServerController::clientCount() const
{
    int n = 0;
    for (const ServerSnapshot &s : m_snapshots)
        n += s.clientCount;
    return n;
}

int ServerController::connectionCount() const
{
    int n = 0;
    for (const ServerSnapshot &s : m_snapshots)
        n += s.connectionCount;
    return n;
}

ServerSnapshot::Stats ServerController::stats() const
{
    ServerSnapshot::Stats sum;
    for (const ServerSnapshot &s : m_snapshots) {
        sum.messagesIn += s.stats.messagesIn;
        sum.deliveries += s.stats.deliveries;
        sum.bytesIn += s.stats.bytesIn;
        sum.bytesOut += s.stats.bytesOut;
        sum.slowConsumers += s.stats.slowConsumers;
        sum.pausedReaders += s.stats.pausedReaders;
        // One budget for all: every core reports the same.
        sum.buffered = qMax(sum.buffered, s.stats.buffered);
        sum.bufferedPeak = qMax(sum.bufferedPeak, s.stats.bufferedPeak);
    }
    return sum;
}

void ServerController::startFederation()
{
    if (m_options.federate.isEmpty())
        return;
    QString why;
    const std::optional<FederationAddress> address = FederationAddress::parse(m_options.federate, &why);
    if (!address) {
        // The command line checks it first; a bad one here is not used.
        qCWarning(lcServer) << "federation: not used:" << why;
        return;
    }
    FederationLink::Settings settings;
    settings.host = address->host;
    settings.port = address->port;
    settings.password = address->password.toUtf8();
    settings.federation = address->name;
    settings.instanceName = m_options.instanceName.isEmpty()
        ? QStringLiteral("%1-%2").arg(QHostInfo::localHostName()).arg(::getpid())
        : m_options.instanceName;
    settings.streamLength = m_options.federationStreamLength;
    settings.maxPendingBytes = m_options.federationMaxPending;
    settings.maxEntryBytes = m_options.federationMaxEntry;
    auto router = std::make_unique<FederationRouter>(m_group.get(), settings);
    m_federation = router.get();
    m_group->setRouter(std::move(router));
    m_federation->start();
    // Remote rows and this instance's client list, a few times a second.
    auto *timer = new QTimer(this);
    timer->setInterval(kFederationRowsMs);
    connect(timer, &QTimer::timeout, this, &ServerController::syncFederationRows);
    timer->start();
}

void ServerController::syncFederationRows()
{
    QList<RelayEntry::Client> mine;
    mine.reserve(m_localClients.size());
    for (const ClientInfo &c : std::as_const(m_localClients))
        mine.append({ c.id, c.name, c.address });
    m_federation->setLocalClients(mine);
    quint64 version = 0;
    const QList<FederationRouter::RemoteClient> remote = m_federation->remoteClients(&version);
    if (version == m_remoteVersion)
        return;
    m_remoteVersion = version;
    ServerSnapshot s;
    QHash<quint32, ClientInfo> rows;
    for (const FederationRouter::RemoteClient &r : remote) {
        ClientInfo info = m_remoteRows.value(r.client.id);
        info.id = r.client.id;
        info.name = r.client.name;
        info.address = r.client.address;
        info.instance = r.instance;
        if (m_remoteRows.value(r.client.id) != info)
            s.changed.append(info);
        rows.insert(info.id, info);
    }
    for (auto it = m_remoteRows.cbegin(); it != m_remoteRows.cend(); ++it) {
        if (!rows.contains(it.key()))
            s.removed.append(it.key());
    }
    m_remoteRows = std::move(rows);
    std::sort(s.changed.begin(), s.changed.end(), [](const ClientInfo &a, const ClientInfo &b) { return a.id < b.id; });
    if (s.changed.isEmpty() && s.removed.isEmpty())
        return;
    s.listening = m_listening;
    s.listenAddress = m_address;
    s.port = m_port;
    Q_EMIT snapshotReady(s);
}

FederationStatus ServerController::federationStatus() const
{
    return m_federation ? m_federation->status() : FederationStatus();
}

int ServerController::remoteClientCount() const
{
    return int(m_remoteRows.size());
}

void ServerController::forEachCore(const std::function<void(ServerCore *)> &f)
{
    for (ServerCore *core : std::as_const(m_cores))
        CrossThread::post(core, [core, f] { f(core); });
}

void ServerController::pushOptions()
{
    const ServerOptions o = m_options;
    forEachCore([o](ServerCore *core) { core->setOptions(o); });
}

void ServerController::start()
{
    pushOptions();
    ServerCore *first = m_cores.constFirst();
    CrossThread::post(first, [first] { first->start(); });
}

void ServerController::stop()
{
    forEachCore([](ServerCore *core) { core->stop(); });
}

void ServerController::setAccessRules(const QStringList &allow, const QStringList &deny)
{
    m_options.allow = allow;
    m_options.deny = deny;
    pushOptions();
}

void ServerController::setTls(const QString &certFile, const QString &keyFile, bool allowPlaintext)
{
    m_options.tlsCertFile = certFile;
    m_options.tlsKeyFile = keyFile;
    m_options.allowPlaintext = allowPlaintext;
    pushOptions();
}

void ServerController::setPassword(const QString &password)
{
    m_options.passwordDigest = ServerOptions::digestPassword(password);
    pushOptions();
}

void ServerController::setPort(quint16 port)
{
    m_options.port = port;
    pushOptions();
}

void ServerController::setBind(const QString &bind)
{
    m_options.bind = bind;
    pushOptions();
}

void ServerController::setMode(ServerOptions::Mode mode)
{
    m_options.mode = mode;
    pushOptions();
}

void ServerController::setFramingSetting(ServerOptions::FramingSetting framing)
{
    m_options.framing = framing;
    pushOptions();
}

void ServerController::setWelcomeText(const QString &text)
{
    m_options.welcomeText = text;
    pushOptions();
}

void ServerController::setMaxMessageSize(qsizetype max)
{
    m_options.maxMessageSize = max;
    pushOptions();
}

bool ServerController::checkOutgoing(const QString &text)
{
    const QString error = ServerCore::outgoingError(text, m_options.maxMessageSize);
    if (error.isEmpty())
        return true;
    if (!text.isEmpty()) {
        // Logged by the engine, so that a --log file has it too.
        ServerCore *first = m_cores.constFirst();
        CrossThread::post(first, [first, error] { first->logEvent(EngineEvent::Code::Line, { error }); });
    }
    return false;
}

bool ServerController::sendToAll(const QString &text)
{
    if (!checkOutgoing(text))
        return false;
    // One core logs it and hands it to the others.
    ServerCore *first = m_cores.constFirst();
    CrossThread::post(first, [first, text] { first->sendToAll(text); });
    return true;
}

bool ServerController::sendTo(const QList<quint32> &ids, const QString &text)
{
    if (ids.isEmpty() || !checkOutgoing(text))
        return false;
    // One core logs it; the group's Router takes it to the cores that serve ids.
    ServerCore *first = m_cores.constFirst();
    CrossThread::post(first, [first, ids, text] { first->sendTo(ids, text); });
    return true;
}

void ServerController::disconnectClients(const QList<quint32> &ids, int banMinutes)
{
    ServerCore *first = m_cores.constFirst();
    CrossThread::post(first, [first, ids, banMinutes] { first->disconnectClients(ids, banMinutes); });
}

void ServerController::unban(const QString &address)
{
    ServerCore *first = m_cores.constFirst();
    CrossThread::post(first, [first, address] { first->unban(address); });
}

void ServerController::shutDown()
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    m_coresClosed = 0;
    // Every core reports allConnectionsClosed() once it has no connection
    // left (at once if it had none). The deadline bounds a peer that never
    // reads its goodbye.
    stop();
    QTimer::singleShot(kShutdownFlushMs, this, &ServerController::finishShutDown);
}

void ServerController::onCoreClosed()
{
    if (m_shuttingDown && ++m_coresClosed == m_cores.size())
        finishShutDown();
}

void ServerController::finishShutDown()
{
    if (m_shutDownDone)
        return;
    m_shutDownDone = true;
    m_coresFlushed = 0;
    // Each core's last snapshot and log batch are queued to this thread
    // before its reply, so they arrive first.
    forEachCore([this](ServerCore *core) {
        core->publishSnapshot();
        core->log()->flush();
        CrossThread::post(this, [this] { onCoreFlushed(); });
    });
}

void ServerController::onCoreFlushed()
{
    if (++m_coresFlushed == m_cores.size())
        Q_EMIT shutDownFinished();
}

void ServerController::onListeningChanged(bool listening, const QString &address, quint16 port)
{
    m_listening = listening;
    m_address = address;
    m_port = port;
    Q_EMIT listeningChanged(listening);
}

void ServerController::onSnapshot(int core, const ServerSnapshot &snapshot)
{
    ServerSnapshot &last = m_snapshots[core];
    last.clientCount = snapshot.clientCount;
    last.connectionCount = snapshot.connectionCount;
    last.stats = snapshot.stats;
    if (m_federation) {
        for (const ClientInfo &c : snapshot.changed)
            m_localClients.insert(c.id, c);
        for (quint32 id : snapshot.removed)
            m_localClients.remove(id);
    }
    Q_EMIT snapshotReady(snapshot);
}
