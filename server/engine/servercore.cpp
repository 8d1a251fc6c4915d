// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "servercore.h"

#include "admission.h"
#include "clientsession.h"
#include "crossthread.h"
#include "eventlog.h"
#include "flowcontrol.h"
#include "hubtcpserver.h"
#include "linecodec.h"
#include "handshakegate.h"
#include "memorytrimmer.h"
#include "presence.h"
#include "router.h"
#include "serverlogging.h"
#include "tlsconfigloader.h"
#include "tlscontext.h"

#include <QDateTime>
#include <QTimer>

#include <algorithm>

#include <unistd.h>

ServerCore::ServerCore(const ServerOptions &options, QObject *parent, std::shared_ptr<ServerGroup> group)
    : QObject(parent)
    , m_options(options)
    , m_log(new EventLog(Protocol::kDefaultLogLines, this))
    , m_server(new HubTcpServer(this))
    , m_group(group ? std::move(group) : std::make_shared<ServerGroup>(options.maxBuffered))
    , m_admission(new Admission(&m_options, m_group.get(), m_log, this))
    , m_presence(new Presence(&m_options, m_group.get(),
                              [this](const Message &notice) {
                                  routeOut({ Router::Path::Presence, makeBatch({ notice }), notice.senderId });
                              },
                              this))
    , m_flow(new FlowControl(&m_options, m_group.get(), this))
    , m_trimmer(new MemoryTrimmer(&m_group->budget(), this))
    , m_handshakes(new HandshakeGate(m_options.maxHandshakes, this))
    , m_acceptRetryTimer(new QTimer(this))
    , m_timeoutTimer(new QTimer(this))
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
    connect(m_timeoutTimer, &QTimer::timeout, this, &ServerCore::checkTimeouts);
    connect(m_admission, &Admission::bansChanged, this, &ServerCore::scheduleSnapshot); // the window lists bans
    m_admission->applyRules();
    m_presence->applyOptions();
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

void ServerCore::logEvent(EngineEvent::Code code, const QStringList &args, quint32 clientId, int count)
{
    m_log->appendEvent(EngineEvent::logEvent(code, args, clientId, count));
}

bool ServerCore::start()
{
    if (m_server->isListening())
        return true;
    const QHostAddress address = ServerOptions::bindAddress(m_options.bind);
    QString fingerprint;
    QString warning;
    std::shared_ptr<const TlsContext> tls;
    if (address.isNull()) {
        m_errorString = QStringLiteral("%1 is not a valid address").arg(m_options.bind);
    } else if (tls = TlsConfigLoader::load(m_options, &fingerprint, &m_errorString, &warning);
               !m_errorString.isEmpty()) {
        // m_errorString says which file and why.
    } else {
        m_group->setTls(tls);
        if (!warning.isEmpty())
            logEvent(EngineEvent::Code::Line, { warning });
        CrossThread::emitAcross(this, [&] { Q_EMIT tlsChanged(fingerprint); });
        m_server->setListenBacklogSize(m_options.listenBacklog);
        if (m_server->listenOn(address, m_options.port)) {
            m_errorString.clear();
            if (fingerprint.isEmpty())
                logEvent(EngineEvent::Code::Listening, { listenDescription() });
            else
                logEvent(m_options.allowPlaintext ? EngineEvent::Code::ListeningTlsAndPlain
                                                  : EngineEvent::Code::ListeningTls,
                         { listenDescription(), fingerprint });
            qCDebug(lcServer) << "listening on" << listenAddressText();
            CrossThread::emitAcross(this,
                                    [this] { Q_EMIT listeningChanged(true, listenAddressText(), serverPort()); });
            scheduleSnapshot();
            return true;
        }
        m_errorString = m_server->errorString();
    }
    const QStringList args { listenAddressText(), m_errorString };
    logEvent(EngineEvent::Code::CouldNotListen, args);
    qCWarning(lcServer).noquote() << EngineEvent::text(EngineEvent::Code::CouldNotListen, args);
    CrossThread::emitAcross(this, [&] { Q_EMIT listenFailed(args.at(0), args.at(1)); });
    return false;
}

void ServerCore::stop()
{
    const bool was = m_server->isListening();
    m_server->stop();
    m_acceptRetryTimer->stop();
    const QList<ClientSession *> sessions = m_sessions.values() + m_pending.values();
    for (ClientSession *s : sessions)
        s->close(QStringLiteral("server stopped listening"));
    if (was) {
        logEvent(EngineEvent::Code::StoppedListening);
        CrossThread::emitAcross(this, [this] { Q_EMIT listeningChanged(false, listenAddressText(), 0); });
    }
    scheduleSnapshot();
    if (m_connections == 0)
        CrossThread::emitAcross(this, [this] { Q_EMIT allConnectionsClosed(); });
}

void ServerCore::setOptions(const ServerOptions &options)
{
    setMode(options.mode);
    m_options = options;
    m_group->budget().setLimit(options.maxBuffered);
    m_admission->applyRules();
    m_presence->applyOptions();
    if (m_timeoutTimer->isActive())
        m_timeoutTimer->start(m_options.timeoutSweepIntervalMs());
}

void ServerCore::setMode(ServerOptions::Mode mode)
{
    if (m_options.mode == mode)
        return;
    m_options.mode = mode;
    logEvent(EngineEvent::Code::ClientMessages, { ServerOptions::modeName(mode) });
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
    s.pausedReaders = m_flow->pausedCount();
    s.memoryTrims = m_trimmer->trims();
    s.tlsHandshakes = m_handshakes->running();
    s.tlsHandshakesWaiting = m_handshakes->waiting();
    return s;
}

// Accepting ----------------------------------------------------------------

ClientSession *ServerCore::makeSession(quint32 id, qintptr descriptor, const QHostAddress &peer, quint16 port)
{
    ClientSession::Config config = SessionConfig::from(m_options);
    config.peerAddress = peer;
    config.peerPort = port;
    config.tls = m_group->tls();
    config.census = &m_group->framings();
    config.handshakes = m_handshakes;

    auto *session = new ClientSession(id, descriptor, config, this, this);
    ++m_connections;
    connect(session, &QObject::destroyed, this, [this] {
        m_trimmer->connectionClosed();
        if (--m_connections == 0)
            CrossThread::emitAcross(this, [this] { Q_EMIT allConnectionsClosed(); });
        scheduleSnapshot();
        // A descriptor is free again: accepting may resume at once.
        if (m_acceptErrorLogged && m_server->isListening())
            m_server->retryAccepting();
    });
    return session;
}

void ServerCore::onDescriptor(qintptr descriptor, const QHostAddress &peer, quint16 port)
{
    m_acceptErrorLogged = false;
    // Round robin over the group's network threads.
    ServerCore *owner = m_group->coreAt(m_nextCore++);
    if (owner && owner != this) {
        CrossThread::post(owner,
                          [owner, descriptor, peer, port] { owner->adoptDescriptor(descriptor, peer, port); });
        return;
    }
    adoptDescriptor(descriptor, peer, port);
}

void ServerCore::adoptDescriptor(qintptr descriptor, const QHostAddress &peer, quint16 port)
{
    // The peer as accept() read it: a connection reset before it was
    // accepted has no peer name any more, but what it sent is still there
    // to read (docs/reliability.md), so it is served like any other.
    const bool pending = m_group->tls() != nullptr || !m_options.passwordDigest.isEmpty();
    const Admission::Decision decision = m_admission->decide(peer, port, pending);
    if (decision.silent) {
        // Closed at accept, before any session state (or TLS handshake) is
        // made: a refused address learns nothing, and costs nothing more.
        ::close(int(descriptor));
        return;
    }
    if (!decision.refusal.isEmpty()) {
        // Not a client: no id. It still hears why, in its own framing.
        ClientSession *refused = makeSession(0, descriptor, peer, port);
        m_admission->noteRefusal(refused->address(), decision.refusal);
        refused->close(decision.refusal);
        refused->start(); // a goodbye, no welcome
        return;
    }
    const quint32 id = m_group->router().newClientId();
    ClientSession *session = makeSession(id, descriptor, peer, port);
    if (session->isAdmitted()) {
        m_sessions.insert(id, session);
        markDirty(session);
    } else {
        m_pending.insert(id, session); // a client once TLS and its password are done
    }
    qCDebug(lcServer) << "client" << id << "from" << session->address();
    session->start();
    if (!m_timeoutTimer->isActive())
        m_timeoutTimer->start(m_options.timeoutSweepIntervalMs());
}

void ServerCore::closePendingFrom(const QHostAddress &address, const QString &reason)
{
    const QHostAddress a = AccessPolicy::normalized(address);
    const QList<ClientSession *> pending = m_pending.values();
    for (ClientSession *s : pending) {
        if (AccessPolicy::normalized(s->peerAddress()) == a)
            s->close(reason);
    }
}

void ServerCore::onAcceptFailed(const QString &reason)
{
    // Out of descriptors (EMFILE) or another resource: accepting has
    // stopped. Say so once, keep serving, and try again shortly (and
    // whenever a connection closes) instead of spinning.
    if (!m_acceptErrorLogged) {
        m_acceptErrorLogged = true;
        logEvent(EngineEvent::Code::AcceptPaused, { reason });
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
    logEvent(withPassword ? EngineEvent::Code::ConnectedWithPassword : EngineEvent::Code::Connected,
             { QString::number(session->id()), session->address(), connectionKind(session) }, session->id());
    markDirty(session);
    if (session->framing() == Protocol::Framing::Lines)
        m_presence->joined(session); // a frames client once its hello named it
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
    m_group->access().pendingEnded(session->peerAddress());
    if (session->isTls())
        m_trimmer->handshakeEnded(); // its handshake's memory is free now
    m_sessions.insert(session->id(), session);
    markDirty(session);
    if (session->hasFraming())
        logConnected(session); // else once its framing is known
}

bool ServerCore::checkPassword(ClientSession *session, const QByteArray &password, QString *refusal)
{
    QString reason; // the lockout this guess began, if any
    if (m_admission->checkPassword(session, password, refusal, &reason))
        return true;
    forgetPending(session); // said here; not again when it ends
    if (!reason.isEmpty()) {
        // Its other connections waiting to give a password, on every
        // thread, are refused now rather than judged.
        const QHostAddress address = session->peerAddress();
        closePendingFrom(address, reason);
        m_group->forEachOther(this, [address, reason](ServerCore *core) {
            CrossThread::post(core, [core, address, reason] { core->closePendingFrom(address, reason); });
        });
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
            // The session checked it (one hello, first) and took its name;
            // a copy of a connected client's name gets a suffix.
            session->setName(m_group->names().claim(session->id(), session->name()));
            if (!session->name().isEmpty())
                logEvent(EngineEvent::Code::Named, { QString::number(session->id()), session->name() },
                         session->id());
            m_presence->joined(session);
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
    // What the mode makes of a client's texts; the Router says who gets them.
    Router::Delivery d;
    d.from = from->id();
    switch (m_options.mode) {
    case ServerOptions::Mode::Show:
        d.path = Router::Path::Show;
        break;
    case ServerOptions::Mode::Echo:
        d.path = Router::Path::Echo;
        d.to = { from->id() };
        for (Message &m : texts) {
            m.senderId = 0; // the server's text
            m.name.clear();
        }
        d.batch = makeBatch(std::move(texts));
        break;
    case ServerOptions::Mode::Relay: {
        d.path = Router::Path::Relay;
        const QString name = from->name();
        for (Message &m : texts) {
            m.senderId = from->id();
            m.name = name;
        }
        d.batch = makeBatch(std::move(texts));
        break;
    }
    }
    routeOut(d);
}

void ServerCore::routeOut(const Router::Delivery &delivery)
{
    m_group->router().route(delivery, this);
}

BatchRef ServerCore::makeBatch(QList<Message> messages)
{
    // Encoded now, in every framing in use, before any thread shares it.
    auto batch = std::make_shared<const OutboundBatch>(std::move(messages), m_group->framings().inUse(),
                                                       m_options.maxMessageSize, &m_group->budget(), lineOutput());
    logRefusals(batch->refusals());
    return batch;
}

void ServerCore::deliver(const Router::Delivery &delivery)
{
    switch (delivery.path) {
    case Router::Path::Show:
        return;
    case Router::Path::Relay:
    case Router::Path::Presence:
        deliverToAll(delivery.batch, delivery.from); // not back to its sender, nor to whom it is about
        return;
    case Router::Path::Broadcast:
        deliverToAll(delivery.batch, 0);
        return;
    case Router::Path::Echo:
    case Router::Path::Direct:
        deliverTo(delivery.to, delivery.batch);
        return;
    case Router::Path::Kick:
        kick(delivery.to, delivery.banMinutes);
        return;
    }
}

void ServerCore::deliverToAll(const BatchRef &batch, quint32 except)
{
    const FanOutScope scope(this);
    for (ClientSession *s : std::as_const(m_sessions)) {
        if (s->id() != except)
            m_stats.deliveries += quint64(s->send(batch));
    }
    m_allDirty = true;
    scheduleSnapshot();
}

void ServerCore::deliverTo(const QList<quint32> &ids, const BatchRef &batch)
{
    const FanOutScope scope(this);
    for (quint32 id : ids) {
        if (ClientSession *s = m_sessions.value(id)) {
            m_stats.deliveries += quint64(s->send(batch));
            markDirty(s);
        }
    }
}

void ServerCore::logRefusals(const QList<OutboundBatch::Refusal> &refusals)
{
    for (const OutboundBatch::Refusal &r : refusals) {
        const QString framingName = QString::fromLatin1(Protocol::framingName(r.framing));
        if (r.message.senderId != 0 && r.message.type == Message::Type::Text) {
            logEvent(EngineEvent::Code::NotRelayedTooLarge,
                     { LineCodec::senderLabel(r.message.senderId, r.message.name), QString::number(r.checkedSize),
                       framingName, QString::number(m_options.maxMessageSize) },
                     r.message.senderId);
        } else {
            logEvent(EngineEvent::Code::NotSentTooLarge,
                     { QString::number(r.checkedSize), framingName, QString::number(m_options.maxMessageSize) });
        }
    }
}

void ServerCore::congestionChanged(ClientSession *session, bool congested)
{
    m_flow->congestionChanged(session, congested);
    markDirty(session);
}

void ServerCore::drained(ClientSession *)
{
    m_flow->drained();
    m_trimmer->budgetReleased(); // memory back after a large release
}

void ServerCore::forgetPending(ClientSession *session)
{
    m_pending.remove(session->id());
    m_group->access().pendingEnded(session->peerAddress());
    m_group->removeClient();
    m_group->access().release(session->peerAddress());
    m_stats.bytesIn += session->bytesIn();
    m_stats.bytesOut += session->bytesOut();
}

void ServerCore::finished(ClientSession *session, const QString &reason)
{
    m_flow->forget(session);
    if (session->id() != 0 && m_pending.value(session->id()) == session) {
        if (session->isTlsRefusal())
            m_admission->noteRefusal(session->address(), reason);
        else
            logEvent(EngineEvent::Code::LeftBeforeAdmitted, { QString::number(session->id()), session->address(), reason },
                     session->id());
        forgetPending(session);
        return;
    }
    if (session->id() == 0 || m_sessions.value(session->id()) != session)
        return;
    if (session->isTlsRefusal()) {
        // Never served: counted with the refusals, so that a flood of them
        // does not flood the log.
        m_admission->noteRefusal(session->address(), reason);
        retire(session);
        return;
    }
    if (session->isSlowConsumer())
        ++m_stats.slowConsumers;
    logEvent(EngineEvent::Code::Left, { LineCodec::senderLabel(session->id(), session->name()), reason }, session->id());
    Q_EMIT clientLeft(session->id(), reason);
    m_presence->left(session);
    retire(session);
}

void ServerCore::retire(ClientSession *session)
{
    if (m_fanOutDepth > 0)
        m_leftDuringFanOut.append(session);
    else
        removeSession(session);
}

ServerCore::FanOutScope::~FanOutScope()
{
    if (--m_core->m_fanOutDepth == 0) {
        for (ClientSession *s : std::exchange(m_core->m_leftDuringFanOut, {}))
            m_core->removeSession(s);
    }
}

void ServerCore::removeSession(ClientSession *session)
{
    m_group->removeClient();
    m_group->access().release(session->peerAddress());
    m_stats.bytesIn += session->bytesIn();
    m_stats.bytesOut += session->bytesOut();
    m_sessions.remove(session->id());
    m_group->names().release(session->id());
    m_dirty.remove(session->id());
    m_removed.append(session->id());
    scheduleSnapshot();
}

// Timeouts -------------------------------------------------------------------

void ServerCore::checkTimeouts()
{
    if (m_sessions.isEmpty() && m_pending.isEmpty()) {
        m_timeoutTimer->stop();
        return;
    }
    const qint64 now = ClientSession::nowMs();
    // A copy: a session that times out leaves m_sessions.
    const QList<ClientSession *> sessions = m_sessions.values() + m_pending.values();
    const FanOutScope scope(this);
    for (ClientSession *s : sessions)
        s->checkTimeouts(now);
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

bool ServerCore::checkOutgoing(const QString &text)
{
    const QString error = outgoingError(text, m_options.maxMessageSize);
    if (!error.isEmpty() && !text.isEmpty())
        logEvent(EngineEvent::Code::Line, { error });
    return error.isEmpty();
}

bool ServerCore::sendToAll(const QString &text)
{
    if (!checkOutgoing(text))
        return false;
    logEvent(EngineEvent::Code::ToAll, { QString::number(m_group->clientCount()), text });
    routeOut({ Router::Path::Broadcast, makeBatch({ serverText(text) }) });
    return true;
}

bool ServerCore::sendTo(const QList<quint32> &ids, const QString &text)
{
    if (!checkOutgoing(text))
        return false;
    if (ids.isEmpty()) {
        logEvent(EngineEvent::Code::NotSentNoSelection);
        return false;
    }
    QStringList names;
    for (quint32 id : ids)
        names.append(u'#' + QString::number(id));
    logEvent(EngineEvent::Code::ToDirect, { names.join(QStringLiteral(", ")), text }, ids.size() == 1 ? ids.constFirst() : 0);
    // A direct notice, not a text: the receiver can tell it from a
    // broadcast (docs/protocol.md, notice kind 5).
    Message direct = Message::makeNotice(Message::NoticeKind::Direct, QString());
    direct.utf8 = text.toUtf8();
    routeOut({ Router::Path::Direct, makeBatch({ direct }), 0, ids });
    return true;
}

void ServerCore::disconnectClients(const QList<quint32> &ids, int banMinutes)
{
    routeOut({ Router::Path::Kick, {}, 0, ids, banMinutes });
}

void ServerCore::kick(const QList<quint32> &ids, int banMinutes)
{
    const qint64 until = QDateTime::currentMSecsSinceEpoch() + qint64(banMinutes) * 60000;
    for (quint32 id : ids) {
        ClientSession *s = m_sessions.value(id);
        if (!s)
            continue; // another thread's, or another instance's
        if (banMinutes <= 0) {
            s->close(QStringLiteral("kicked"), QStringLiteral("kicked by the server"));
            continue;
        }
        m_group->access().ban(s->peerAddress(), until);
        const QString address = AccessPolicy::normalized(s->peerAddress()).toString();
        logEvent(EngineEvent::Code::Banned, { address }, s->id(), banMinutes);
        scheduleSnapshot(); // the window lists bans
        s->close(QStringLiteral("kicked and banned"), (banMinutes == 1 ? QStringLiteral("kicked and banned for 1 minute")
                                                     : QStringLiteral("kicked and banned for %1 minutes").arg(banMinutes)));
    }
}

bool ServerCore::unban(const QString &address)
{
    if (!m_admission->unban(address))
        return false;
    scheduleSnapshot();
    return true;
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
    m_admission->reportBans(&s);
    CrossThread::emitAcross(this, [&] { Q_EMIT snapshotReady(s); });
}
