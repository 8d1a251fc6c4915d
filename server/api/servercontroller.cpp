// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "servercontroller.h"

#include "eventlog.h"
#include "logwriter.h"
#include "servercore.h"
#include "servergroup.h"

#include <QTimer>

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
        connect(thread.get(), &QThread::finished, core, &QObject::deleteLater);
        connect(core, &ServerCore::snapshotReady, this,
                [this, i](const ServerSnapshot &s) { onSnapshot(i, s); });
        connect(core, &ServerCore::allConnectionsClosed, this, &ServerController::onCoreClosed);
        connect(core->log(), &EventLog::eventsAppended, m_log, &EventLog::appendEvents);
        m_cores.append(core);
        m_threads.push_back(std::move(thread));
    }
    m_group->setCores(m_cores);
    m_snapshots.resize(n);
    // The first core listens.
    ServerCore *first = m_cores.constFirst();
    m_address = first->listenAddressText();
    connect(first, &ServerCore::listeningChanged, this, &ServerController::onListeningChanged);
    connect(first, &ServerCore::listenFailed, this, &ServerController::listenFailed);
    connect(first, &ServerCore::tlsChanged, this, [this](const QString &fingerprint) {
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
    // From now on no core hands work to another, so each can go with its
    // thread (deleted there when the thread finishes).
    m_group->close();
    for (const auto &thread : m_threads)
        thread->quit();
    for (const auto &thread : m_threads)
        thread->wait();
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

void ServerController::forEachCore(const std::function<void(ServerCore *)> &f)
{
    for (ServerCore *core : std::as_const(m_cores))
        QMetaObject::invokeMethod(core, [core, f] { f(core); }, Qt::QueuedConnection);
}

void ServerController::pushOptions()
{
    const ServerOptions o = m_options;
    forEachCore([o](ServerCore *core) { core->setOptions(o); });
}

void ServerController::start()
{
    pushOptions();
    QMetaObject::invokeMethod(m_cores.constFirst(), &ServerCore::start, Qt::QueuedConnection);
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
        QMetaObject::invokeMethod(first, [first, error] { first->logInfo(error); }, Qt::QueuedConnection);
    }
    return false;
}

bool ServerController::sendToAll(const QString &text)
{
    if (!checkOutgoing(text))
        return false;
    // One core logs it and hands it to the others.
    ServerCore *first = m_cores.constFirst();
    QMetaObject::invokeMethod(first, [first, text] { first->sendToAll(text); }, Qt::QueuedConnection);
    return true;
}

bool ServerController::sendTo(const QList<quint32> &ids, const QString &text)
{
    if (ids.isEmpty() || !checkOutgoing(text))
        return false;
    // One core logs it; the group's Router takes it to the cores that serve ids.
    ServerCore *first = m_cores.constFirst();
    QMetaObject::invokeMethod(first, [first, ids, text] { first->sendTo(ids, text); }, Qt::QueuedConnection);
    return true;
}

void ServerController::disconnectClients(const QList<quint32> &ids, int banMinutes)
{
    ServerCore *first = m_cores.constFirst();
    QMetaObject::invokeMethod(first, [first, ids, banMinutes] { first->disconnectClients(ids, banMinutes); },
                              Qt::QueuedConnection);
}

void ServerController::unban(const QString &address)
{
    ServerCore *first = m_cores.constFirst();
    QMetaObject::invokeMethod(first, [first, address] { first->unban(address); }, Qt::QueuedConnection);
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
        QMetaObject::invokeMethod(this, &ServerController::onCoreFlushed, Qt::QueuedConnection);
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
    Q_EMIT snapshotReady(snapshot);
}
