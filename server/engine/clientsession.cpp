// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "clientsession.h"

#include "bufferbudget.h"
#include "framingcensus.h"
#include "hostport.h"
#include "framingsniffer.h"
#include "httpgate.h"
#include "linecodec.h"
#include "outboundqueue.h"
#include "serverlogging.h"
#include "sessiontimeouts.h"
#include "serveroptions.h"
#include "sessionhost.h"
#include "sessionintake.h"
#include "sessionopening.h"
#include "plaintransport.h"
#include "tlstransport.h"
#include "websocketcodec.h"

#include <QHostAddress>
#include <QSocketNotifier>
#include <QTimerEvent>

#include <algorithm>
#include <ctime>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

// One read buffer per network thread: reads go from the kernel into it and
// are decoded from it at once, so no idle session holds a read buffer.
char *readBuffer(qsizetype size)
{
    thread_local QByteArray buffer;
    if (buffer.size() < size)
        buffer.resize(size);
    return buffer.data();
}

} // namespace

ClientSession::ClientSession(quint32 id, qintptr descriptor, const Config &config, SessionHost *host,
                             QObject *parent)
    : QObject(parent)
    , m_id(id)
    , m_fd(int(descriptor))
    , m_readNotifier(new QSocketNotifier(descriptor, QSocketNotifier::Read, this))
    , m_writeNotifier(new QSocketNotifier(descriptor, QSocketNotifier::Write, this))
    , m_transport(std::make_unique<PlainTransport>(int(descriptor)))
    , m_config(config)
    , m_host(host)
    , m_budget(host->budget())
    , m_connectedSince(QDateTime::currentDateTimeUtc()) // no time zone work per accept
    , m_timeouts({ config.handshakeTimeoutMs, config.messageTimeoutMs, config.pingIntervalMs,
                   config.framesIdleTimeoutMs, config.lineIdleTimeoutMs },
                 nowMs())
{
    if (m_config.census)
        m_config.census->add(std::nullopt);
    m_state = config.tls ? State::TlsPending : config.passwordRequired ? State::PasswordPending : State::Admitted;
    m_peerAddress = config.peerAddress;
    if (!m_peerAddress.isNull())
        m_address = formatAddress(m_peerAddress, config.peerPort);
    const int on = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
    // Dead peers that never close (a host gone, a cable pulled) are found by
    // the kernel's keepalive probes.
    ::setsockopt(m_fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof(on));
    const int idle = Protocol::kKeepAliveIdleSeconds;
    const int interval = Protocol::kKeepAliveIntervalSeconds;
    const int probes = Protocol::kKeepAliveProbes;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof(idle));
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof(interval));
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_KEEPCNT, &probes, sizeof(probes));
    m_writeNotifier->setEnabled(false);
    m_readNotifier->setEnabled(false);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &ClientSession::readNow);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &ClientSession::onWritable);
    setName({});
}

ClientSession::~ClientSession()
{
    if (m_config.census)
        m_config.census->remove(m_codec ? std::optional(m_codec->framing()) : std::nullopt);
    delete m_readNotifier;
    delete m_writeNotifier;
    m_transport.reset(); // before the descriptor it uses
    if (m_fd >= 0)
        ::close(m_fd);
}

bool ClientSession::isTls() const
{
    return m_transport->isTls();
}

qint64 ClientSession::nowMs()
{
    // The coarse clock is read without a system call, and millisecond
    // timeouts need no better.
    timespec ts {};
    ::clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    return qint64(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

void ClientSession::start()
{
    m_opening.start();
    if (!isReleased())
        setReadWatch(true);
}

void ClientSession::setReadWatch(bool enabled)
{
    m_readWatch = enabled;
    updateNotifiers();
    if (enabled && m_transport->hasBufferedInput())
        postRead(); // the descriptor will not say so
}

void ClientSession::setWriteWatch(bool enabled)
{
    m_writeWatch = enabled;
    updateNotifiers();
}

void ClientSession::updateNotifiers()
{
    // A TLS read may wait for room to write, and a TLS write for input;
    // records a TLS call made and the kernel did not take wait for room.
    m_readNotifier->setEnabled(!isReleased() && (m_readWatch || m_transport->writeWaitsForReadable()));
    m_writeNotifier->setEnabled(!isReleased()
                                && (m_writeWatch || m_transport->readWaitsForWritable()
                                    || m_transport->pendingOutput() > 0));
}

void ClientSession::postRead()
{
    if (m_readPosted)
        return;
    m_readPosted = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_readPosted = false;
            if (m_readWatch)
                readNow();
        },
        Qt::QueuedConnection);
}

void ClientSession::onWritable()
{
    if (m_goodbye != Goodbye::None || m_inputEnded)
        startCloseTimer(); // progress: the closing peer is still reading
    if (m_transport->readWaitsForWritable())
        readNow(); // a TLS handshake or read that had to send first
    if (isReleased() || !m_transport->isHandshakeDone() || m_transport->writeWaitsForReadable())
        return;
    pump();
}

QString ClientSession::passwordPromptText()
{
    return QString::fromLatin1(Protocol::kPasswordPrompt);
}

void ClientSession::setName(const QString &name)
{
    m_name = name;
    m_logLabel = LineCodec::senderLabel(m_id, m_name) + QLatin1String(" (") + m_address + QLatin1Char(')');
}

Protocol::Framing ClientSession::framing() const
{
    return m_codec ? m_codec->framing() : Protocol::Framing::Lines;
}

ClientInfo ClientSession::info() const
{
    ClientInfo i;
    i.id = m_id;
    i.name = m_name;
    i.address = m_address;
    if (m_codec)
        i.framing = QString::fromLatin1(Protocol::framingName(m_codec->framing()));
    i.security = m_security;
    i.connectedSince = m_connectedSince;
    i.messagesIn = m_intake.messagesIn();
    i.messagesOut = m_messagesOut;
    i.protocolIn = m_intake.protocolIn();
    i.protocolOut = m_protocolOut;
    i.bytesIn = m_bytesIn;
    i.bytesOut = m_bytesOut;
    i.queuedBytes = quint64(pendingBytes());
    return i;
}

bool ClientSession::hasOutput() const
{
    return !m_out.isEmpty() || m_transport->pendingOutput() > 0;
}

qsizetype ClientSession::pendingBytes() const
{
    return m_out.pendingBytes() + m_transport->pendingOutput();
}

qint64 ClientSession::congestedForMs() const
{
    return m_congested ? m_congestedSince.elapsed() : 0;
}

QString ClientSession::closedByClientReason()
{
    return QStringLiteral("connection closed by the client");
}

QString ClientSession::resetByClientReason()
{
    return QStringLiteral("connection reset by the client");
}

QString ClientSession::tlsHandshakeClosedReason()
{
    return QStringLiteral("the client closed the connection during the TLS handshake");
}

QString ClientSession::formatAddress(const QHostAddress &address, quint16 port)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return hostPort(isV4 ? QHostAddress(v4).toString() : address.toString(), port);
}

void ClientSession::timerEvent(QTimerEvent *event)
{
    if (event->timerId() == m_opening.graceTimerId()) {
        m_opening.graceOver();
    } else if (event->timerId() == m_closeTimerId) {
        qCDebug(lcServer) << "session" << m_id << "did not close in time; aborting";
        abort(QStringLiteral("did not close in time"));
    }
}

void ClientSession::startCloseTimer()
{
    if (m_closeTimerId)
        killTimer(m_closeTimerId);
    m_closeTimerId = startTimer(kCloseTimeoutMs);
}

// Sending ------------------------------------------------------------------

int ClientSession::send(const BatchRef &batch)
{
    if (hasFinished() || !batch)
        return 0;
    if (!m_codec) {
        // Nothing goes out before the framing is known.
        m_out.hold(batch);
        updateCongestion();
        return 0;
    }
    int queued = 0;
    queueBatch(batch, &queued);
    pump();
    return queued;
}

void ClientSession::queueBatch(const BatchRef &batch, int *queued)
{
    const Protocol::Framing framing = m_codec->framing();
    // Encoded when it was made, in every framing then in use; a session
    // whose framing was not (it was accepted on another thread meanwhile)
    // encodes a copy of its own.
    std::optional<OutboundBatch::Encoding> copy;
    const OutboundBatch::Encoding *encoded = batch->encoding(framing);
    if (!encoded)
        encoded = &copy.emplace(batch->encodeCopy(framing));
    const OutboundBatch::Encoding &e = *encoded;
    if (e.messages == 0)
        return;
    if (batch->isChat())
        enqueue(e.bytes, batch, e.messages);
    else
        enqueue(e.bytes, batch, 0, e.messages);
    if (queued)
        *queued = e.messages;
}

void ClientSession::queueHeldBatches()
{
    const QList<BatchRef> early = m_out.takeHeld();
    for (const BatchRef &b : early) {
        if (hasFinished())
            break;
        queueBatch(b, nullptr);
    }
    pump();
}

void ClientSession::enqueue(QByteArray bytes, BatchRef owner, int chat, int protocol)
{
    if (bytes.isEmpty() || isReleased() || m_outputDropped)
        return;
    m_bytesOut += quint64(bytes.size());
    m_messagesOut += quint64(chat);
    m_protocolOut += quint64(protocol);
    qsizetype written = 0;
    if (m_out.isEmpty() && !m_transport->writeWaitsForReadable()) {
        // Nothing waits ahead of it: straight to the kernel, which usually
        // takes it all, so the queue is not touched at all. An error is left
        // for pump() to report.
        // constData(): the bytes are the batch's, shared by every recipient;
        // data() would copy them for each one (a detach).
        const iovec one { const_cast<char *>(bytes.constData()), size_t(bytes.size()) };
        Transport::Status status;
        const qint64 n = m_transport->write(&one, 1, &status);
        if (n == bytes.size()) {
            if (m_transport->pendingOutput() > 0)
                setWriteWatch(true); // TLS: encrypted, not all sent yet
            return;
        }
        written = n;
    }
    m_out.push(std::move(bytes), std::move(owner), written);
}

void ClientSession::pump()
{
    if (isReleased())
        return;
    // Everything queued, in as few system calls as the kernel allows (and
    // first what the transport still holds).
    while (hasOutput()) {
        iovec iov[OutboundQueue::kMaxIov];
        const int count = m_out.fill(iov);
        Transport::Status status;
        const qint64 written = m_transport->write(iov, count, &status);
        if (status == Transport::Status::WouldBlock)
            break;
        if (status == Transport::Status::Reset && !m_inputEnded && !isPausedByHost()) {
            // Reset or closed by the peer: nothing more reaches it, but what
            // it sent before is still there to read (Linux keeps it ahead of
            // the error; TLS records already received), and the read that
            // follows ends the session. docs/reliability.md, "Data before a
            // reset".
            dropOutput();
            break;
        }
        if (status != Transport::Status::Ok) {
            abort(m_transport->errorString());
            return;
        }
        m_out.consume(written);
    }
    // (A TLS write that waits for input is retried by the next read.)
    setWriteWatch(hasOutput() && !m_transport->writeWaitsForReadable());
    updateCongestion();
    if (!hasFinished() && !isReleased())
        m_host->drained(this);
    if (m_out.isEmpty())
        maybeShutdown();
}

void ClientSession::dropOutput()
{
    m_outputDropped = true;
    m_out.clear();
}

void ClientSession::updateCongestion()
{
    if (isReleased())
        return;
    const qsizetype pending = pendingBytes();
    if (!hasFinished() && pending > m_config.maxOutboundQueue) {
        evict(QStringLiteral("slow consumer: more than %1 bytes queued").arg(m_config.maxOutboundQueue));
        return;
    }
    if (!m_congested && pending > m_config.highWaterMark) {
        m_congested = true;
        m_congestedSince.start();
        if (!hasFinished())
            m_host->congestionChanged(this, true);
    } else if (m_congested && pending <= m_config.lowWaterMark) {
        m_congested = false;
        if (!hasFinished())
            m_host->congestionChanged(this, false);
    }
}

// Reading ------------------------------------------------------------------

void ClientSession::resumeReading()
{
    if (!isPausedByHost() || isReleased())
        return;
    m_pausedBy = SessionHost::ReadGate::Open;
    setReadWatch(!m_inputEnded);
    readNow();
}

void ClientSession::readNow()
{
    if (m_transport->writeWaitsForReadable() && !isReleased())
        pump();
    if (m_inputEnded || isReleased())
        return;
    // Closing: read only to see the peer close, once the goodbye's framing
    // is known; until then the first bytes still choose it.
    const bool discarding = hasFinished() && (m_codec || m_opening.isHttp());
    // A handshake that has started runs to its end (or its timeout): it
    // holds its charge in the budget until then, so pausing it there would
    // only keep the charge. New ones wait at the gate below.
    if (!m_transport->isHandshakeDone() && !m_opening.shakeHands())
        return;
    if (!hasFinished()) {
        const SessionHost::ReadGate gate = m_host->mayRead(this);
        if (gate != SessionHost::ReadGate::Open) {
            // Not read until the host resumes it; the kernel's buffers fill
            // and TCP paces the sender.
            m_pausedBy = gate;
            setReadWatch(false);
            return;
        }
    }
    if (m_opening.startTlsIfAsked())
        return;
    if (!m_transport->isHandshakeDone() && !m_opening.shakeHands())
        return; // still shaking hands, or failed
    const qsizetype budget = m_config.readBudget;
    char *buffer = readBuffer(budget);
    Transport::Status status;
    const qint64 n = m_transport->read(buffer, budget, &status);
    if (m_transport->pendingOutput() > 0)
        updateNotifiers(); // TLS: what reading made it send (a key update's answer)
    if (m_transport->hasBufferedInput())
        postRead(); // the rest of a record, past the read budget
    if (status != Transport::Status::Ok) {
        if (status == Transport::Status::WouldBlock)
            updateNotifiers();
        else if (status == Transport::Status::End)
            endOfInput();
        else
            abort(m_transport->errorString());
        return;
    }
    if (discarding)
        return;
    const QByteArrayView data(buffer, n);
    m_bytesIn += quint64(n);
    m_timeouts.inputArrived(nowMs());
    if (!m_codec)
        m_opening.feed(data);
    else
        m_intake.feed(data);
}

void ClientSession::endOfInput()
{
    m_inputEnded = true;
    setReadWatch(false);
    if (hasFinished()) {
        maybeShutdown();
        return;
    }
    qCDebug(lcServer) << "session" << m_id << "input ended";
    if (m_opening.inputEnded())
        return;
    bool ok = true;
    if (!m_intake.finish(&ok))
        return;
    // What it is owed is flushed, then the connection closes (maybeShutdown).
    if (!ok) {
        close(m_codec->error().description); // with a goodbye that says why
        return;
    }
    finish(closedByClientReason());
    startCloseTimer();
    pump();
}

bool ClientSession::hasHello() const
{
    return m_codec && m_codec->framing() != Protocol::Framing::Lines;
}

void ClientSession::queueWelcome()
{
    if (m_config.welcomeText.isEmpty())
        return;
    const QString text = ServerOptions::welcomeFor(m_config.welcomeText, m_id);
    QByteArray welcome;
    m_codec->encodeTo(Message::makeNotice(Message::NoticeKind::Welcome, text, m_id), welcome);
    enqueue(welcome, {}, 0, 1);
}

void ClientSession::checkTimeouts(qint64 now)
{
    if (hasFinished())
        return;
    if (isPausedByHost()) {
        // Not read: its silence is ours. A client that feeds congested
        // clients, or whose TLS handshake waits for its turn, is not blamed
        // for an unfinished handshake or message either; one held back by
        // the global budget is, since unfinished messages are what fills it.
        m_timeouts.pausedByHost(now, m_pausedBy == SessionHost::ReadGate::Congested
                                         || m_pausedBy == SessionHost::ReadGate::Handshakes);
    }
    SessionTimeouts::Facts facts;
    facts.tlsHandshaking = isTls() && m_security.isEmpty();
    facts.httpPending = m_opening.isHttp();
    facts.framingKnown = m_codec != nullptr;
    facts.magicPending = !m_codec && m_opening.heldBytes() > 0;
    facts.frames = hasHello(); // frames and WebSocket: a hello, pings, the frames idle timeout
    facts.helloReceived = m_intake.helloReceived();
    facts.passwordPending = m_state == State::PasswordPending;
    const SessionTimeouts::Expired expired = m_timeouts.check(now, facts);
    // Texts for the peer's goodbye (and the log): English, never translated
    // (docs/protocol.md, "Disconnect reasons").
    const QString limit = Protocol::secondsText(m_timeouts.limitMs(expired, facts.frames));
    switch (expired) {
    case SessionTimeouts::Expired::None:
        return;
    case SessionTimeouts::Expired::TlsHandshake:
        m_tlsRefusal = true;
        abort(u"TLS handshake not completed within %1 s"_s.arg(limit));
        return;
    case SessionTimeouts::Expired::HttpRequest: {
        const QString reason = u"no complete HTTP request within %1 s"_s.arg(limit);
        m_opening.answerHttp(HttpGate::errorResponse(408, reason), reason);
        return;
    }
    case SessionTimeouts::Expired::FramesHandshake:
        close(u"no frames handshake within %1 s (%2 of the %3 magic bytes received)"_s.arg(
            limit, QString::number(m_opening.heldBytes()), QString::number(Protocol::kMagicSize)));
        return;
    case SessionTimeouts::Expired::Hello:
        close(u"no hello within %1 s"_s.arg(limit));
        return;
    case SessionTimeouts::Expired::Password:
        close(u"no password within %1 s"_s.arg(limit));
        return;
    case SessionTimeouts::Expired::Message:
        close(u"message not completed within %1 s (%2 bytes of it received)"_s.arg(
            limit, QString::number(m_codec->bufferedBytes())));
        return;
    case SessionTimeouts::Expired::Idle:
        close(u"nothing received for %1 s"_s.arg(limit));
        return;
    case SessionTimeouts::Expired::PingDue: {
        QByteArray ping;
        m_codec->encodeTo(Message::makePing(QByteArray::number(++m_pingCounter)), ping);
        enqueue(ping, {}, 0, 1);
        pump();
        return;
    }
    }
}

// Closing ------------------------------------------------------------------

void ClientSession::close(const QString &reason, const QString &noticeText)
{
    if (hasFinished())
        return;
    m_goodbye = Goodbye::Owed;
    m_goodbyeText = noticeText.isEmpty() ? reason : noticeText;
    finish(reason);
    startCloseTimer();
    if (m_codec) {
        sendGoodbye();
        pump();
    } else {
        m_opening.closing();
    }
}

void ClientSession::abort(const QString &reason)
{
    if (isReleased())
        return;
    finish(reason);
    // A reset: nothing more goes out, and the kernel drops what it holds.
    const linger reset { 1, 0 };
    ::setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &reset, sizeof(reset));
    release();
}

void ClientSession::evict(const QString &reason)
{
    m_slowConsumer = true;
    abort(reason);
}

void ClientSession::sendGoodbye()
{
    if (m_goodbye == Goodbye::Sent)
        return;
    m_goodbye = Goodbye::Sent;
    QByteArray bye;
    m_codec->encodeTo(Message::makeNotice(Message::NoticeKind::Disconnect, m_goodbyeText, m_id), bye);
    if (m_codec->framing() == Protocol::Framing::WebSocket) {
        // Then the close frame, with the status for the error if one.
        const quint16 code = WebSocketCodec::closeCode(m_codec->error().code);
        bye += WebSocketCodec::closeFrame(code, m_codec->hasFailed() ? m_goodbyeText.toUtf8() : QByteArray());
    }
    enqueue(bye, {}, 0, 1);
}

void ClientSession::maybeShutdown()
{
    // Once everything owed is flushed: shut down our side, then close when
    // the peer has closed its side too (at once, if it already has).
    if (!hasFinished() || isReleased() || !m_out.isEmpty() || (!m_codec && !m_opening.isHttp()))
        return;
    if (m_goodbye == Goodbye::Owed)
        return;
    if (m_state == State::Closing) {
        // TLS: close_notify, then FIN; retried once writable.
        if (m_transport->shutdownWrite() == Transport::Status::WouldBlock) {
            setWriteWatch(true);
            return;
        }
        m_state = State::ShutDown;
    }
    if (m_inputEnded)
        release();
}

void ClientSession::finish(const QString &reason)
{
    if (hasFinished())
        return;
    m_state = State::Closing;
    // The grace timer runs on: a goodbye needs the framing.
    if (isPausedByHost()) {
        // Closing: read on, to discard, so that it ends without a reset.
        m_pausedBy = SessionHost::ReadGate::Open;
        setReadWatch(!m_inputEnded);
    }
    if (m_congested) {
        m_congested = false;
        m_host->congestionChanged(this, false);
    }
    qCDebug(lcServer) << "session" << m_id << "finished:" << reason;
    m_host->finished(this, reason);
}

void ClientSession::release()
{
    if (isReleased())
        return;
    m_state = State::Released;
    setReadWatch(false);
    setWriteWatch(false);
    if (m_closeTimerId)
        killTimer(m_closeTimerId);
    m_closeTimerId = 0;
    m_opening.stopGraceTimer();
    m_out.clear();
    // The descriptor closes with the session, after the notifiers.
    deleteLater();
}
