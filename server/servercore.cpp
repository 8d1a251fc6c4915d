// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "servercore.h"

#include "certificatefingerprint.h"
#include "clientsession.h"
#include "eventlog.h"
#include "framecodec.h"
#include "hostport.h"
#include "hubtcpserver.h"
#include "linecodec.h"
#include "serverlogging.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTimer>

#include <algorithm>
#include <limits>

#include <unistd.h>

namespace {

QString hostText(const QHostAddress &address)
{
    if (address == QHostAddress(QHostAddress::Any) || address == QHostAddress(QHostAddress::AnyIPv4))
        return QStringLiteral("0.0.0.0");
    return address.toString();
}

} // namespace

ServerCore::ServerCore(const ServerOptions &options, QObject *parent, std::shared_ptr<ServerGroup> group)
    : QObject(parent)
    , m_options(options)
    , m_log(new EventLog(Protocol::kDefaultLogLines, this))
    , m_server(new HubTcpServer(this))
    , m_group(group ? std::move(group) : std::make_shared<ServerGroup>(options.maxBuffered))
    , m_housekeepingTimer(new QTimer(this))
    , m_acceptRetryTimer(new QTimer(this))
    , m_timeoutTimer(new QTimer(this))
    , m_refusalLogTimer(new QTimer(this))
    , m_banExpiryTimer(new QTimer(this))
    , m_snapshotTimer(new QTimer(this))
{
    qRegisterMetaType<ServerSnapshot>();
    if (m_group->coreCount() == 0)
        m_group->setCores({ this });
    connect(m_server, &HubTcpServer::descriptorAccepted, this, &ServerCore::onDescriptor);
    connect(m_server, &HubTcpServer::acceptFailed, this, &ServerCore::onAcceptFailed);
    m_snapshotTimer->setSingleShot(true);
    m_snapshotTimer->setInterval(kSnapshotIntervalMs);
    connect(m_snapshotTimer, &QTimer::timeout, this, &ServerCore::publishSnapshot);
    m_housekeepingTimer->setInterval(kHousekeepingIntervalMs);
    connect(m_housekeepingTimer, &QTimer::timeout, this, &ServerCore::housekeeping);
    connect(m_timeoutTimer, &QTimer::timeout, this, &ServerCore::checkTimeouts);
    m_refusalLogTimer->setSingleShot(true);
    m_refusalLogTimer->setInterval(kRefusalLogIntervalMs);
    connect(m_refusalLogTimer, &QTimer::timeout, this, &ServerCore::logRefusalCount);
    m_banExpiryTimer->setSingleShot(true);
    connect(m_banExpiryTimer, &QTimer::timeout, this, [this] {
        m_banEnded = true;
        scheduleSnapshot();
    });
    applyAccessRules();
    m_acceptRetryTimer->setSingleShot(true);
    m_acceptRetryTimer->setInterval(kAcceptRetryMs);
    connect(m_acceptRetryTimer, &QTimer::timeout, m_server, &HubTcpServer::retryAccepting);
}

ServerCore::~ServerCore()
{
    // Sessions report to this core and count in its budget: end them while
    // both still exist.
    const QList<ClientSession *> sessions = findChildren<ClientSession *>(QString(), Qt::FindDirectChildrenOnly);
    m_sessions.clear();
    for (ClientSession *s : sessions)
        s->disconnect(this);
    qDeleteAll(sessions);
}

QString ServerCore::listenAddressText() const
{
    if (m_server->isListening())
        return hostPort(hostText(m_server->serverAddress()), m_server->serverPort());
    const QHostAddress a = ServerOptions::bindAddress(m_options.bind);
    return hostPort(a.isNull() ? m_options.bind : hostText(a), m_options.port);
}

QString ServerCore::listenDescription() const
{
    // "0.0.0.0:8000" reads as IPv4 only; a dual-stack socket takes both.
    const QHostAddress a = m_server->serverAddress();
    const QString port = QString::number(m_server->serverPort());
    if (a == QHostAddress::Any)
        return tr("all interfaces (IPv4 and IPv6), port %1").arg(port);
    if (a == QHostAddress::AnyIPv4)
        return tr("all IPv4 interfaces, port %1").arg(port);
    if (a == QHostAddress::AnyIPv6)
        return tr("all IPv6 interfaces, port %1").arg(port);
    return listenAddressText();
}

void ServerCore::logInfo(const QString &text, quint32 clientId)
{
    m_log->appendEvent(LogEvent::info(text, 0, clientId));
}

bool ServerCore::start()
{
    if (m_server->isListening())
        return true;
    const QHostAddress address = ServerOptions::bindAddress(m_options.bind);
    QString fingerprint;
    if (address.isNull()) {
        m_errorString = tr("%1 is not a valid address").arg(m_options.bind);
    } else if (!loadTls(&fingerprint, &m_errorString)) {
        // m_errorString says which file and why.
    } else {
        Q_EMIT tlsChanged(fingerprint);
        m_server->setListenBacklogSize(m_options.listenBacklog);
        if (m_server->listenOn(address, m_options.port)) {
            m_errorString.clear();
            if (fingerprint.isEmpty())
                logInfo(tr("Listening on %1").arg(listenDescription()));
            else
                logInfo(tr("Listening on %1 with TLS (certificate SHA-256 %2)%3")
                            .arg(listenDescription(), fingerprint,
                                 m_options.allowPlaintext ? tr("; plain connections allowed too") : QString()));
            qCDebug(lcServer) << "listening on" << listenAddressText();
            Q_EMIT listeningChanged(true, listenAddressText(), serverPort());
            scheduleSnapshot();
            return true;
        }
        m_errorString = m_server->errorString();
    }
    const QString message = tr("Could not listen on %1: %2").arg(listenAddressText(), m_errorString);
    logInfo(message);
    qCWarning(lcServer).noquote() << message;
    Q_EMIT listenFailed(message);
    return false;
}

void ServerCore::stop()
{
    const bool was = m_server->isListening();
    m_server->stop();
    m_acceptRetryTimer->stop();
    const QList<ClientSession *> sessions = m_sessions.values() + m_pending.values();
    for (ClientSession *s : sessions)
        s->close(tr("server stopped listening"));
    if (was) {
        logInfo(tr("Stopped listening"));
        Q_EMIT listeningChanged(false, listenAddressText(), 0);
    }
    scheduleSnapshot();
    if (m_connections == 0)
        Q_EMIT allConnectionsClosed();
}

bool ServerCore::isListening() const
{
    return m_server->isListening();
}

quint16 ServerCore::serverPort() const
{
    return m_server->serverPort();
}

QHostAddress ServerCore::serverAddress() const
{
    return m_server->serverAddress();
}

void ServerCore::setOptions(const ServerOptions &options)
{
    setMode(options.mode);
    m_options = options;
    m_group->budget().setLimit(options.maxBuffered);
    applyAccessRules();
    if (m_timeoutTimer->isActive())
        m_timeoutTimer->start(timeoutSweepInterval());
}

void ServerCore::setMode(ServerOptions::Mode mode)
{
    if (m_options.mode == mode)
        return;
    m_options.mode = mode;
    logInfo(tr("Client messages: %1").arg(ServerOptions::modeName(mode)));
    scheduleResume(); // what feeds whom changed
}

QList<ClientInfo> ServerCore::clients() const
{
    QList<ClientInfo> out;
    out.reserve(m_sessions.size());
    for (const ClientSession *s : m_sessions)
        out.append(s->info());
    return out;
}

ServerSnapshot::Stats ServerCore::stats() const
{
    ServerSnapshot::Stats s = m_stats;
    for (const ClientSession *session : m_sessions) {
        s.bytesIn += session->bytesIn();
        s.bytesOut += session->bytesOut();
    }
    s.buffered = m_group->budget().used();
    s.bufferedPeak = m_group->budget().peak();
    s.pausedReaders = int(m_paused.size());
    return s;
}

// Accepting ----------------------------------------------------------------

ClientSession *ServerCore::makeSession(quint32 id, qintptr descriptor, const QHostAddress &peer, quint16 port)
{
    ClientSession::Config config;
    switch (m_options.framing) {
    case ServerOptions::FramingSetting::Auto: break;
    case ServerOptions::FramingSetting::Lines: config.framing = Protocol::Framing::Lines; break;
    case ServerOptions::FramingSetting::Frames: config.framing = Protocol::Framing::Frames; break;
    }
    config.framingGraceMs = m_options.framingGraceMs;
    config.maxMessageSize = m_options.maxMessageSize;
    config.maxOutboundQueue = m_options.maxOutboundQueue;
    config.highWaterMark = m_options.highWaterMark;
    config.lowWaterMark = qMin(m_options.lowWaterMark, m_options.highWaterMark);
    config.readBudget = m_options.readBudget;
    config.welcomeText = m_options.welcomeText;
    config.handshakeTimeoutMs = m_options.handshakeTimeoutMs;
    config.messageTimeoutMs = m_options.messageTimeoutMs;
    config.pingIntervalMs = m_options.pingIntervalMs;
    config.framesIdleTimeoutMs = m_options.framesIdleTimeoutMs;
    config.lineIdleTimeoutMs = m_options.lineIdleTimeoutMs;
    config.lineOutput = lineOutput();
    config.peerAddress = peer;
    config.peerPort = port;
    config.tls = m_group->tls();
    config.allowPlaintext = m_options.allowPlaintext;
    config.passwordRequired = !m_options.passwordDigest.isEmpty();

    auto *session = new ClientSession(id, descriptor, config, this, this);
    ++m_connections;
    connect(session, &QObject::destroyed, this, [this] {
        if (--m_connections == 0)
            Q_EMIT allConnectionsClosed();
        scheduleSnapshot();
        // A descriptor is free again: accepting may resume at once.
        if (m_acceptErrorLogged && m_server->isListening())
            m_server->retryAccepting();
    });
    connect(session, &ClientSession::refused, this, &ServerCore::onRefused);
    return session;
}

void ServerCore::onDescriptor(qintptr descriptor)
{
    m_acceptErrorLogged = false;
    // Round robin over the group's network threads.
    ServerCore *owner = m_group->coreAt(m_nextCore++);
    if (owner && owner != this) {
        QMetaObject::invokeMethod(owner, [owner, descriptor] { owner->adoptDescriptor(descriptor); },
                                  Qt::QueuedConnection);
        return;
    }
    adoptDescriptor(descriptor);
}

void ServerCore::adoptDescriptor(qintptr descriptor)
{
    QHostAddress peer;
    quint16 port = 0;
    if (!ClientSession::peerOf(descriptor, &peer, &port)) {
        // Reset before it was accepted: nothing to serve, nothing to count.
        ::close(int(descriptor));
        return;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QString banReason;
    const AccessPolicy::Verdict verdict = m_group->access().admit(peer, now, &banReason);
    QString refusal;
    switch (verdict) {
    case AccessPolicy::Verdict::Denied:
    case AccessPolicy::Verdict::NotAllowed:
        // Closed at accept, before any session state is made: a denied
        // address learns nothing, and costs nothing more.
        ::close(int(descriptor));
        noteRefusal(ClientSession::formatAddress(peer, port),
                    verdict == AccessPolicy::Verdict::Denied ? tr("in the deny list") : tr("not in the allow list"));
        return;
    case AccessPolicy::Verdict::Banned:
        refusal = banReason.isEmpty() ? tr("banned from this server") : banReason;
        break;
    case AccessPolicy::Verdict::TooMany:
        refusal = tr("too many connections from %1 (limit %2)")
                      .arg(AccessPolicy::normalized(peer).toString(), QString::number(m_options.maxPerAddress));
        break;
    case AccessPolicy::Verdict::Admit:
        if (!m_group->tryAddClient(m_options.maxClients)) {
            m_group->access().release(peer);
            refusal = tr("server full (limit %1)").arg(m_options.maxClients);
        }
        break;
    }
    if (!refusal.isEmpty()) {
        // Not a client: no id. It still hears why, in its own framing.
        ClientSession *refused = makeSession(0, descriptor, peer, port);
        noteRefusal(refused->address(), refusal);
        refused->close(refusal);
        refused->start(); // a goodbye, no welcome
        return;
    }
    const quint32 id = m_group->takeId();
    ClientSession *session = makeSession(id, descriptor, peer, port);
    if (session->isAdmitted()) {
        m_sessions.insert(id, session);
        markDirty(session);
    } else {
        m_pending.insert(id, session); // a client once its password is right
    }
    qCDebug(lcServer) << "client" << id << "from" << session->address();
    session->start();
    if (!m_timeoutTimer->isActive())
        m_timeoutTimer->start(timeoutSweepInterval());
}

void ServerCore::onAcceptFailed(const QString &reason)
{
    // Out of descriptors (EMFILE) or another resource: accepting has
    // stopped. Say so once, keep serving, and try again shortly (and
    // whenever a connection closes) instead of spinning.
    if (!m_acceptErrorLogged) {
        m_acceptErrorLogged = true;
        logInfo(tr("Cannot accept connections for now: %1. Retrying.").arg(reason));
        qCWarning(lcServer).noquote() << "accept failed:" << reason;
    }
    m_acceptRetryTimer->start();
}

// SessionHost ----------------------------------------------------------------

void ServerCore::framingKnown(ClientSession *session)
{
    if (session->id() == 0 || !session->isAdmitted())
        return; // not a client (yet): said once it is admitted
    logConnected(session);
}

void ServerCore::logConnected(ClientSession *session)
{
    // A client that had to give the password says so (docs/security.md).
    const bool withPassword = session->passwordRequired() && !m_options.passwordDigest.isEmpty();
    logInfo((withPassword ? tr("#%1 connected from %2 (%3) with the password") : tr("#%1 connected from %2 (%3)"))
                .arg(QString::number(session->id()), session->address(), connectionKind(session)),
            session->id());
    markDirty(session);
    if (session->framing() == Protocol::Framing::Lines)
        announceJoined(session); // a frames client once its hello named it
}

QString ServerCore::connectionKind(const ClientSession *session)
{
    const QString framing = QString::fromLatin1(Protocol::framingName(session->framing()));
    return session->isTls() ? framing + QLatin1String(", ") + session->security() : framing;
}

void ServerCore::admitted(ClientSession *session)
{
    if (m_pending.value(session->id()) != session)
        return;
    m_pending.remove(session->id());
    m_sessions.insert(session->id(), session);
    markDirty(session);
    if (session->hasFraming())
        logConnected(session); // else once its framing is known
}

void ServerCore::announceJoined(ClientSession *session)
{
    if (m_options.mode != ServerOptions::Mode::Relay || m_options.presenceLimit <= 0
        || m_group->clientCount() > m_options.presenceLimit || m_announced.contains(session->id()))
        return;
    m_announced.insert(session->id());
    announce(session, Message::NoticeKind::Joined);
}

void ServerCore::announceLeft(ClientSession *session)
{
    if (!m_announced.remove(session->id()) || m_options.mode != ServerOptions::Mode::Relay)
        return;
    announce(session, Message::NoticeKind::Left);
}

void ServerCore::announce(ClientSession *session, Message::NoticeKind kind)
{
    const bool joined = kind == Message::NoticeKind::Joined;
    const QString text = session->name().isEmpty()
        ? (joined ? tr("client %1 joined") : tr("client %1 left")).arg(session->id())
        : (joined ? tr("%1 joined") : tr("%1 left")).arg(session->name());
    Message m = Message::makeNotice(kind, QString(), session->id());
    m.utf8 = text.toUtf8();
    fanOutToAll(std::make_shared<const OutboundBatch>(QList<Message>{ m }, m_options.maxMessageSize,
                                                      &m_group->budget(), lineOutput()),
                session);
}

bool ServerCore::checkPassword(ClientSession *session, const QByteArray &password, QString *refusal)
{
    // No password any more (the operator removed it meanwhile): admitted.
    if (m_options.passwordDigest.isEmpty()
        || (!password.isNull() && AccessPolicy::passwordMatches(m_options.passwordDigest, password)))
        return true;
    // Never the password itself, in any log.
    *refusal = password.isNull() ? tr("a password is required") : tr("wrong password");
    logInfo(tr("#%1 from %2 (%3) refused: %4")
                .arg(QString::number(session->id()), session->address(), connectionKind(session), *refusal),
            session->id());
    forgetPending(session); // said here; not again when it ends
    AccessPolicy &access = m_group->access();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (access.notePasswordFailure(session->peerAddress(), now, m_options.maxPasswordFailures,
                                   m_options.passwordLockoutMs)) {
        const int seconds = m_options.passwordLockoutMs / 1000;
        const QString reason = tr("locked out for %1 s after too many wrong passwords").arg(seconds);
        access.ban(session->peerAddress(), now + m_options.passwordLockoutMs, reason);
        logInfo(tr("%1 is %2 (%3 within %4 s)")
                    .arg(AccessPolicy::normalized(session->peerAddress()).toString(), reason,
                         QString::number(m_options.maxPasswordFailures), QString::number(seconds)));
        scheduleSnapshot(); // the window lists bans
    }
    return false;
}

void ServerCore::messagesReceived(ClientSession *session, const QList<Message> &messages)
{
    QList<Message> texts;
    texts.reserve(messages.size());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const Message &m : messages) {
        switch (m.type) {
        case Message::Type::Hello:
            // The session checked it (one hello, first) and took its name.
            if (!session->name().isEmpty())
                logInfo(tr("#%1 is %2").arg(QString::number(session->id()), session->name()), session->id());
            announceJoined(session);
            break;
        case Message::Type::Text:
            m_log->appendEvent(LogEvent::message(LogEvent::Kind::Message, session->logLabel(), m.utf8,
                                                 m.invalidUtf8, now, session->id()));
            texts.append(m);
            break;
        case Message::Type::Notice: // refused by the session
        case Message::Type::Ping:   // answered by the session
        case Message::Type::Pong:
            break;
        }
    }
    m_stats.messagesIn += quint64(texts.size());
    markDirty(session);
    if (!texts.isEmpty())
        route(session, std::move(texts));
}

void ServerCore::route(ClientSession *from, QList<Message> texts)
{
    switch (m_options.mode) {
    case ServerOptions::Mode::Show:
        return;
    case ServerOptions::Mode::Echo: {
        for (Message &m : texts) {
            m.senderId = 0; // the server's text
            m.name.clear();
        }
        const auto batch = std::make_shared<const OutboundBatch>(std::move(texts), m_options.maxMessageSize,
                                                                 &m_group->budget(), lineOutput());
        m_stats.deliveries += quint64(from->send(batch));
        return;
    }
    case ServerOptions::Mode::Relay: {
        const QString name = from->name();
        for (Message &m : texts) {
            m.senderId = from->id();
            m.name = name;
        }
        const auto batch = std::make_shared<const OutboundBatch>(std::move(texts), m_options.maxMessageSize,
                                                                 &m_group->budget(), lineOutput());
        fanOutToAll(batch, from);
        return;
    }
    }
}

void ServerCore::fanOutToAll(const BatchRef &batch, const ClientSession *except)
{
    if (m_group->coreCount() > 1) {
        // Encoded here, once per framing, before other threads read it.
        for (const Protocol::Framing f : { Protocol::Framing::Lines, Protocol::Framing::Frames }) {
            QList<OutboundBatch::Refusal> refusals;
            batch->encoding(f, &refusals);
            if (!refusals.isEmpty())
                onRefused(nullptr, refusals, f);
        }
        m_group->forEachOther(this, [&batch](ServerCore *core) {
            QMetaObject::invokeMethod(core, [core, batch] { core->fanOutLocal(batch, nullptr); },
                                      Qt::QueuedConnection);
        });
    }
    fanOutLocal(batch, except);
}

void ServerCore::fanOutLocal(const BatchRef &batch, const ClientSession *except)
{
    ++m_fanOutDepth;
    for (ClientSession *s : std::as_const(m_sessions)) {
        if (s != except)
            m_stats.deliveries += quint64(s->send(batch));
    }
    m_allDirty = true;
    scheduleSnapshot();
    if (--m_fanOutDepth == 0) {
        for (ClientSession *s : std::exchange(m_leftDuringFanOut, {}))
            removeSession(s);
    }
}

void ServerCore::onRefused(ClientSession *, const QList<OutboundBatch::Refusal> &refusals,
                           Protocol::Framing framing)
{
    const QString framingName = QString::fromLatin1(Protocol::framingName(framing));
    for (const OutboundBatch::Refusal &r : refusals) {
        if (r.message.senderId != 0) {
            logInfo(tr("%1's message (%2 bytes) was not relayed to %3 clients: over the %4-byte maximum")
                        .arg(LineCodec::senderLabel(r.message.senderId, r.message.name),
                             QString::number(r.checkedSize), framingName,
                             QString::number(m_options.maxMessageSize)),
                    r.message.senderId);
        } else {
            logInfo(tr("A message (%1 bytes) was not sent to %2 clients: over the %3-byte maximum")
                        .arg(QString::number(r.checkedSize), framingName,
                             QString::number(m_options.maxMessageSize)));
        }
    }
}

SessionHost::ReadGate ServerCore::mayRead(ClientSession *session)
{
    ReadGate gate = ReadGate::Open;
    if (m_group->budget().isExceeded() || (m_budgetPaused && !m_group->budget().allowsResume())) {
        m_budgetPaused = true;
        gate = ReadGate::OverBudget;
    } else {
        m_budgetPaused = false;
        if (session->isCongested())
            gate = ReadGate::Congested; // what it sends would be answered into its own full queue
        else if (m_options.mode == ServerOptions::Mode::Relay && m_group->congestedCount() > 0
                 && session->isAdmitted())
            gate = ReadGate::Congested; // it feeds every other client (not yet, if not admitted)
    }
    if (gate != ReadGate::Open) {
        m_paused.append(session);
        if (!m_housekeepingTimer->isActive())
            m_housekeepingTimer->start();
    }
    return gate;
}

void ServerCore::congestionChanged(ClientSession *session, bool congested)
{
    if (congested) {
        if (!m_congested.contains(session)) {
            m_congested.insert(session);
            m_group->addCongested(1);
        }
        if (!m_housekeepingTimer->isActive())
            m_housekeepingTimer->start();
    } else {
        forgetCongested(session);
    }
    markDirty(session);
}

void ServerCore::drained(ClientSession *)
{
    // Congestion ends in congestionChanged(); the global budget here.
    if (m_budgetPaused && m_group->budget().allowsResume())
        scheduleResume();
}

void ServerCore::scheduleResume()
{
    if (m_resumeScheduled || m_paused.isEmpty())
        return;
    m_resumeScheduled = true;
    // Not from inside another session's write path: on the next pass.
    QMetaObject::invokeMethod(this, &ServerCore::resumePaused, Qt::QueuedConnection);
}

void ServerCore::resumePaused()
{
    m_resumeScheduled = false;
    const QList<QPointer<ClientSession>> paused = std::exchange(m_paused, {});
    for (const QPointer<ClientSession> &s : paused) {
        if (s)
            s->resumeReading(); // may pause again
    }
}

void ServerCore::housekeeping()
{
    // Slow consumers: above the high-water mark for too long.
    const QList<ClientSession *> congested = m_congested.values();
    for (ClientSession *s : congested) {
        const qint64 ms = s->congestedForMs();
        if (ms >= m_options.slowConsumerTimeoutMs) {
            s->evict(tr("slow consumer: %1 bytes queued for %2 s")
                         .arg(QString::number(s->pendingBytes()), QString::number(double(ms) / 1000.0, 'f', 1)));
        }
    }
    // A safety net for paused connections whose gate has opened.
    if (!m_paused.isEmpty())
        scheduleResume();
    if (m_congested.isEmpty() && m_paused.isEmpty())
        m_housekeepingTimer->stop();
}

void ServerCore::forgetCongested(ClientSession *session)
{
    if (!m_congested.remove(session))
        return;
    if (m_group->addCongested(-1) > 0)
        return;
    // No client is congested anywhere: every thread resumes its readers.
    scheduleResume();
    m_group->forEachOther(this, [](ServerCore *core) {
        QMetaObject::invokeMethod(core, &ServerCore::scheduleResume, Qt::QueuedConnection);
    });
}

void ServerCore::forgetPending(ClientSession *session)
{
    m_pending.remove(session->id());
    m_group->removeClient();
    m_group->access().release(session->peerAddress());
    m_stats.bytesIn += session->bytesIn();
    m_stats.bytesOut += session->bytesOut();
}

void ServerCore::finished(ClientSession *session, const QString &reason)
{
    forgetCongested(session);
    if (session->id() != 0 && m_pending.value(session->id()) == session) {
        if (session->isTlsRefusal())
            noteRefusal(session->address(), reason);
        else
            logInfo(tr("#%1 from %2 left before it was admitted: %3")
                        .arg(QString::number(session->id()), session->address(), reason),
                    session->id());
        forgetPending(session);
        return;
    }
    if (session->id() == 0 || m_sessions.value(session->id()) != session)
        return;
    if (session->isTlsRefusal()) {
        // Never served: counted with the refusals, so that a flood of them
        // does not flood the log.
        noteRefusal(session->address(), reason);
        if (m_fanOutDepth > 0)
            m_leftDuringFanOut.append(session);
        else
            removeSession(session);
        return;
    }
    if (session->isSlowConsumer())
        ++m_stats.slowConsumers;
    logInfo(tr("%1 left: %2").arg(LineCodec::senderLabel(session->id(), session->name()), reason), session->id());
    Q_EMIT clientLeft(session->id(), reason);
    announceLeft(session);
    if (m_fanOutDepth > 0)
        m_leftDuringFanOut.append(session);
    else
        removeSession(session);
}

void ServerCore::removeSession(ClientSession *session)
{
    m_group->removeClient();
    m_group->access().release(session->peerAddress());
    m_stats.bytesIn += session->bytesIn();
    m_stats.bytesOut += session->bytesOut();
    m_sessions.remove(session->id());
    m_dirty.remove(session->id());
    m_removed.append(session->id());
    scheduleSnapshot();
}

// Timeouts -------------------------------------------------------------------

int ServerCore::timeoutSweepInterval() const
{
    // A quarter of the shortest timeout in force, between 10 ms and 1 s:
    // each one is applied at most a quarter late.
    int shortest = 0;
    for (const int ms : { m_options.handshakeTimeoutMs, m_options.messageTimeoutMs, m_options.pingIntervalMs,
                          m_options.framesIdleTimeoutMs, m_options.lineIdleTimeoutMs }) {
        if (ms > 0 && (shortest == 0 || ms < shortest))
            shortest = ms;
    }
    return shortest == 0 ? kMaxTimeoutSweepMs : qBound(kMinTimeoutSweepMs, shortest / 4, kMaxTimeoutSweepMs);
}

void ServerCore::checkTimeouts()
{
    if (m_sessions.isEmpty() && m_pending.isEmpty()) {
        m_timeoutTimer->stop();
        return;
    }
    const qint64 now = ClientSession::nowMs();
    // A copy: a session that times out leaves m_sessions.
    const QList<ClientSession *> sessions = m_sessions.values() + m_pending.values();
    ++m_fanOutDepth;
    for (ClientSession *s : sessions)
        s->checkTimeouts(now);
    if (--m_fanOutDepth == 0) {
        for (ClientSession *s : std::exchange(m_leftDuringFanOut, {}))
            removeSession(s);
    }
}

void ServerCore::applyAccessRules()
{
    QList<AccessPolicy::Rule> allow;
    QList<AccessPolicy::Rule> deny;
    const auto parse = [this](const QStringList &texts, QList<AccessPolicy::Rule> &out) {
        for (const QString &t : texts) {
            QString error;
            if (const auto rule = AccessPolicy::Rule::parse(t, &error))
                out.append(*rule);
            else
                logInfo(tr("Ignored an access rule: %1").arg(error));
        }
    };
    parse(m_options.allow, allow);
    parse(m_options.deny, deny);
    m_group->access().setRules(allow, deny);
    m_group->access().setMaxPerAddress(m_options.maxPerAddress);
}

bool ServerCore::loadTls(QString *fingerprint, QString *error)
{
    fingerprint->clear();
    if (!m_options.tlsEnabled()) {
        m_group->setTls(nullptr);
        return true;
    }
    if (m_options.tlsCertFile.isEmpty() || m_options.tlsKeyFile.isEmpty()) {
        *error = tr("TLS needs both a certificate and a key file");
        return false;
    }
    if (!QSslSocket::supportsSsl()) {
        *error = tr("TLS is not available here: Qt found no TLS backend (%1)")
                     .arg(QSslSocket::sslLibraryVersionString());
        return false;
    }
    QFile certFile(m_options.tlsCertFile);
    if (!certFile.open(QIODevice::ReadOnly)) {
        *error = tr("cannot read the TLS certificate %1: %2").arg(m_options.tlsCertFile, certFile.errorString());
        return false;
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
    if (chain.isEmpty()) {
        *error = tr("the TLS certificate %1 holds no PEM certificate").arg(m_options.tlsCertFile);
        return false;
    }
    QFile keyFile(m_options.tlsKeyFile);
    if (!keyFile.open(QIODevice::ReadOnly)) {
        *error = tr("cannot read the TLS key %1: %2").arg(m_options.tlsKeyFile, keyFile.errorString());
        return false;
    }
    const QByteArray keyPem = keyFile.readAll();
    QSslKey key;
    for (const QSsl::KeyAlgorithm algorithm : { QSsl::Ec, QSsl::Rsa, QSsl::Dsa }) {
        key = QSslKey(keyPem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            break;
    }
    if (key.isNull()) {
        *error = tr("the TLS key %1 holds no unencrypted PEM private key (RSA, EC or DSA)")
                     .arg(m_options.tlsKeyFile);
        return false;
    }
    const QSslCertificate &leaf = chain.constFirst();
    if (leaf.expiryDate() < QDateTime::currentDateTimeUtc())
        logInfo(tr("The TLS certificate %1 expired on %2").arg(m_options.tlsCertFile, leaf.expiryDate().toString(Qt::ISODate)));
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // clients have no certificates
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    m_group->setTls(std::make_shared<const QSslConfiguration>(configuration));
    *fingerprint = CertificateFingerprint::of(leaf);
    return true;
}

LineCodec::Output ServerCore::lineOutput() const
{
    return m_options.rawLines ? LineCodec::Output::Raw : LineCodec::Output::Escaped;
}

// Server texts ---------------------------------------------------------------

Message ServerCore::serverText(const QString &text)
{
    Message m = Message::makeText(QString());
    m.utf8 = text.toUtf8();
    return m;
}

QString ServerCore::outgoingError(const QString &text, qsizetype maxMessageSize)
{
    if (text.isEmpty())
        return tr("Not sent: the message is empty");
    // What a receiver checks: a frame's payload (5 bytes of sender field
    // included), or a line. Refused when either framing would exceed M.
    const Message m = Message::makeText(text);
    QByteArray scratch;
    const qsizetype frames = FrameCodec().encodeTo(m, scratch);
    scratch.clear();
    const qsizetype lines = LineCodec().encodeTo(m, scratch);
    const qsizetype size = qMax(frames, lines);
    if (size > maxMessageSize)
        return tr("Not sent: the message is %1 bytes encoded, more than the maximum of %2 bytes")
            .arg(size)
            .arg(maxMessageSize);
    return {};
}

bool ServerCore::sendToAll(const QString &text)
{
    const QString error = outgoingError(text, m_options.maxMessageSize);
    if (!error.isEmpty()) {
        if (!text.isEmpty())
            logInfo(error);
        return false;
    }
    logInfo(tr("To all (%1): %2").arg(QString::number(m_group->clientCount()), text));
    const auto batch = std::make_shared<const OutboundBatch>(QList<Message>{ serverText(text) },
                                                             m_options.maxMessageSize, &m_group->budget(),
                                                             lineOutput());
    fanOutToAll(batch, nullptr);
    return true;
}

bool ServerCore::sendTo(const QList<quint32> &ids, const QString &text, bool log)
{
    const QString error = outgoingError(text, m_options.maxMessageSize);
    if (!error.isEmpty()) {
        if (!text.isEmpty())
            logInfo(error);
        return false;
    }
    QStringList names;
    QList<ClientSession *> targets;
    for (quint32 id : ids) {
        if (ClientSession *s = m_sessions.value(id)) {
            targets.append(s);
            names.append(u'#' + QString::number(id));
        }
    }
    if (targets.isEmpty()) {
        if (log)
            logInfo(tr("Not sent: no client selected"));
        return false;
    }
    if (log)
        logInfo(tr("To %1 (direct): %2").arg(names.join(QStringLiteral(", ")), text),
                targets.size() == 1 ? targets.constFirst()->id() : 0);
    // A direct notice, not a text: the receiver can tell it from a
    // broadcast (docs/protocol.md, notice kind 5).
    Message direct = Message::makeNotice(Message::NoticeKind::Direct, QString());
    direct.utf8 = text.toUtf8();
    const auto batch = std::make_shared<const OutboundBatch>(QList<Message>{ direct },
                                                             m_options.maxMessageSize, &m_group->budget(),
                                                             lineOutput());
    ++m_fanOutDepth;
    for (ClientSession *s : std::as_const(targets)) {
        m_stats.deliveries += quint64(s->send(batch));
        markDirty(s);
    }
    if (--m_fanOutDepth == 0) {
        for (ClientSession *s : std::exchange(m_leftDuringFanOut, {}))
            removeSession(s);
    }
    return true;
}

void ServerCore::disconnectClients(const QList<quint32> &ids, int banMinutes)
{
    const qint64 until = QDateTime::currentMSecsSinceEpoch() + qint64(banMinutes) * 60000;
    for (quint32 id : ids) {
        ClientSession *s = m_sessions.value(id);
        if (!s)
            continue;
        if (banMinutes <= 0) {
            s->close(tr("kicked"), tr("kicked by the server"));
            continue;
        }
        m_group->access().ban(s->peerAddress(), until);
        const QString address = AccessPolicy::normalized(s->peerAddress()).toString();
        logInfo(tr("Banned %1 for %n minute(s)", nullptr, banMinutes).arg(address), s->id());
        scheduleSnapshot(); // the window lists bans
        s->close(tr("kicked and banned"), tr("kicked and banned for %n minute(s)", nullptr, banMinutes));
    }
}

bool ServerCore::unban(const QString &address)
{
    // The same reading as --allow and --deny: one address, strictly parsed.
    const auto rule = AccessPolicy::Rule::parse(address);
    if (!rule || rule->prefixLength >= 0)
        return false;
    const QHostAddress a = rule->network;
    if (!m_group->access().unban(a))
        return false;
    logInfo(tr("Lifted the ban on %1").arg(AccessPolicy::normalized(a).toString()));
    scheduleSnapshot();
    return true;
}

void ServerCore::noteRefusal(const QString &address, const QString &why)
{
    // One line for the first, then a count every kRefusalLogIntervalMs, so
    // that a flood of refused connections does not flood the log.
    if (!m_refusalLogTimer->isActive()) {
        logInfo(tr("Refused a connection from %1: %2").arg(address, why));
        m_refusalLogTimer->start();
        return;
    }
    ++m_refusalsNotLogged;
}

void ServerCore::logRefusalCount()
{
    if (m_refusalsNotLogged == 0)
        return;
    logInfo(tr("Refused %n more connection(s) in the last %1 s", nullptr, m_refusalsNotLogged)
                .arg(kRefusalLogIntervalMs / 1000));
    m_refusalsNotLogged = 0;
    m_refusalLogTimer->start();
}

// Snapshots ------------------------------------------------------------------

void ServerCore::markDirty(ClientSession *session)
{
    if (session->id() == 0)
        return;
    m_dirty.insert(session->id());
    scheduleSnapshot();
}

void ServerCore::scheduleSnapshot()
{
    if (!m_snapshotTimer->isActive())
        m_snapshotTimer->start();
}

void ServerCore::publishSnapshot()
{
    m_snapshotTimer->stop();
    ServerSnapshot s;
    s.listening = m_server->isListening();
    s.listenAddress = listenAddressText();
    s.port = m_server->serverPort();
    s.clientCount = clientCount();
    s.connectionCount = m_connections;
    if (m_allDirty) {
        s.changed = clients();
    } else {
        QList<quint32> ids(m_dirty.begin(), m_dirty.end());
        std::sort(ids.begin(), ids.end());
        s.changed.reserve(ids.size());
        for (quint32 id : std::as_const(ids)) {
            if (const ClientSession *session = m_sessions.value(id))
                s.changed.append(session->info());
        }
    }
    m_allDirty = false;
    m_dirty.clear();
    s.removed = std::exchange(m_removed, {});
    s.stats = stats();
    AccessPolicy &access = m_group->access();
    const quint64 bansVersion = access.banVersion();
    if (bansVersion != m_bansReported || m_banEnded) {
        m_bansReported = bansVersion;
        m_banEnded = false;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QList<AccessPolicy::Ban> bans = access.bans(now);
        s.bansChanged = true;
        for (const AccessPolicy::Ban &b : bans)
            s.bans.append({ b.address.toString(), b.untilMsecsSinceEpoch, b.reason });
        if (!bans.isEmpty()) {
            const qint64 wait = bans.constFirst().untilMsecsSinceEpoch - now + 1;
            m_banExpiryTimer->start(int(std::clamp<qint64>(wait, 0, std::numeric_limits<int>::max())));
        }
    }
    Q_EMIT snapshotReady(s);
}
