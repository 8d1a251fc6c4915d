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

const char *typeName(Message::Type type)
{
    switch (type) {
    case Message::Type::Hello: return "hello";
    case Message::Type::Text: return "text";
    case Message::Type::Notice: return "notice";
    case Message::Type::Ping: return "ping";
    case Message::Type::Pong: return "pong";
    }
    return "unknown";
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
    if (m_budget)
        m_budget->release(m_codecBuffered);
    if (m_budget)
        m_budget->release(m_handshakeCharge);
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
    // With TLS, even a forced framing waits for the first byte (or the
    // grace period) to tell TLS from plain.
    if (m_config.framing && !m_config.tls)
        setFraming(*m_config.framing);
    else
        m_graceTimerId = startTimer(qMax(0, m_config.framingGraceMs));
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
    // A TLS read may wait for room to write, and a TLS write for input.
    m_readNotifier->setEnabled(!isReleased() && (m_readWatch || m_transport->writeWaitsForReadable()));
    m_writeNotifier->setEnabled(!isReleased() && (m_writeWatch || m_transport->readWaitsForWritable()));
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

void ClientSession::startTls()
{
    if (m_graceTimerId) {
        killTimer(m_graceTimerId);
        m_graceTimerId = 0;
    }
    m_transport = std::make_unique<TlsTransport>(m_fd, m_config.tls);
    // A handshake holds OpenSSL's buffers: the global budget counts them
    // until it ends, so a flood of handshakes is bounded like any input.
    m_handshakeCharge = TlsTransport::kHandshakeMemory;
    if (m_budget)
        m_budget->add(m_handshakeCharge);
    m_timeouts.handshakeStarted(nowMs());
    qCDebug(lcServer) << "session" << m_id << "starts TLS";
    shakeHands();
}

void ClientSession::releaseHandshakeCharge()
{
    if (m_handshakeCharge == 0)
        return;
    if (m_budget)
        m_budget->release(m_handshakeCharge);
    m_handshakeCharge = 0;
    m_host->drained(this); // the budget may let paused readers go on
}

bool ClientSession::shakeHands()
{
    const Transport::Status status = m_transport->handshake();
    if (status == Transport::Status::Ok) {
        releaseHandshakeCharge();
        onEncrypted();
        return !isReleased();
    }
    if (status == Transport::Status::Failed) {
        releaseHandshakeCharge();
        m_tlsRefusal = true;
        abort(tr("TLS handshake failed: %1").arg(m_transport->errorString()));
        return false;
    }
    updateNotifiers();
    return false;
}

void ClientSession::onEncrypted()
{
    m_security = m_transport->security();
    qCDebug(lcServer) << "session" << m_id << "speaks" << m_security;
    // Inside TLS, the framing is detected as on a plain connection, and the
    // handshake timeout starts again for the frames handshake.
    m_timeouts.handshakeStarted(nowMs());
    if (isReleased())
        return;
    passTlsGate();
    if (isReleased())
        return;
    m_graceTimerId = startTimer(qMax(0, m_config.framingGraceMs));
    setReadWatch(true);
}

void ClientSession::passTlsGate()
{
    if (m_state != State::TlsPending)
        return;
    if (m_config.passwordRequired) {
        m_state = State::PasswordPending;
        return;
    }
    m_state = State::Admitted;
    m_host->admitted(this);
}

void ClientSession::decideFraming(Protocol::Framing detected)
{
    if (m_config.tls && !isTls() && !m_config.allowPlaintext && m_goodbye == Goodbye::None) {
        m_tlsRefusal = true;
        close(QStringLiteral("this server accepts TLS connections only; connect with TLS (socket-client --tls)"));
    } else if (!isTls()) {
        passTlsGate(); // plain, and allowed
    }
    setFraming(m_config.framing.value_or(detected));
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
    i.messagesIn = m_messagesIn;
    i.messagesOut = m_messagesOut;
    i.protocolIn = m_protocolIn;
    i.protocolOut = m_protocolOut;
    i.bytesIn = m_bytesIn;
    i.bytesOut = m_bytesOut;
    i.queuedBytes = quint64(pendingBytes());
    return i;
}

qsizetype ClientSession::pendingBytes() const
{
    return m_out.pendingBytes();
}

qint64 ClientSession::congestedForMs() const
{
    return m_congested ? m_congestedSince.elapsed() : 0;
}

QString ClientSession::closedByClientReason()
{
    return tr("connection closed by the client");
}

QString ClientSession::resetByClientReason()
{
    return tr("connection reset by the client");
}

QString ClientSession::tlsHandshakeClosedReason()
{
    return tr("the client closed the connection during the TLS handshake");
}

QString ClientSession::formatAddress(const QHostAddress &address, quint16 port)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return hostPort(isV4 ? QHostAddress(v4).toString() : address.toString(), port);
}

void ClientSession::timerEvent(QTimerEvent *event)
{
    if (event->timerId() == m_graceTimerId) {
        killTimer(m_graceTimerId);
        m_graceTimerId = 0;
        if (m_codec)
            return;
        // Bytes may be waiting that a busy loop has not read yet (a burst of
        // connections): they decide, not the timer. Peeked, not read, so
        // flow control still decides when they are consumed.
        QByteArray first = m_detectBuffer;
        char peeked[Protocol::kMagicSize];
        const qint64 n = m_transport->peek(peeked, sizeof(peeked));
        if (n > 0)
            first.append(peeked, qMin<qsizetype>(n, Protocol::kMagicSize - first.size()));
        sniff(first, FramingSniffer::Moment::GraceOver);
    } else if (event->timerId() == m_closeTimerId) {
        qCDebug(lcServer) << "session" << m_id << "did not close in time; aborting";
        abort(tr("did not close in time"));
    }
}

void ClientSession::sniff(QByteArrayView first, FramingSniffer::Moment moment)
{
    const FramingSniffer::Setup setup { m_config.framing, m_config.tls != nullptr, isTls() };
    switch (FramingSniffer::judge(first, moment, setup)) {
    case FramingSniffer::Verdict::Wait:
        return;
    case FramingSniffer::Verdict::Http:
        startHttp();
        return;
    case FramingSniffer::Verdict::StartTls:
        startTls();
        return;
    case FramingSniffer::Verdict::TlsWithoutCertificate:
        abort(tr("the client started a TLS handshake, but this server has no TLS certificate"));
        return;
    case FramingSniffer::Verdict::Lines:
        decideFraming(Protocol::Framing::Lines);
        return;
    case FramingSniffer::Verdict::Frames:
        decideFraming(Protocol::Framing::Frames);
        return;
    case FramingSniffer::Verdict::AwaitMagic:
        // It waits for the rest, up to the handshake timeout.
        qCDebug(lcServer) << "session" << m_id << "holds" << first.size() << "magic bytes; waiting";
        if (m_goodbye != Goodbye::None)
            setFraming(Protocol::Framing::Frames); // closed meanwhile: it hears why in frames
        else
            m_awaitingMagic = true;
        return;
    case FramingSniffer::Verdict::MagicCutShort:
        close(QStringLiteral("the peer does not speak frames (bad magic %1, then the stream ended)")
                  .arg(QString::fromLatin1(first.toByteArray().toHex(' '))));
        if (!m_codec)
            setFraming(Protocol::Framing::Frames); // the goodbye
        return;
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
        const iovec one { bytes.data(), size_t(bytes.size()) };
        Transport::Status status;
        const qint64 n = m_transport->write(&one, 1, &status);
        if (n == bytes.size())
            return;
        written = n;
    }
    m_out.push(std::move(bytes), std::move(owner), written);
}

void ClientSession::pump()
{
    if (isReleased())
        return;
    // Everything queued, in as few system calls as the kernel allows.
    while (!m_out.isEmpty()) {
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
    setWriteWatch(!m_out.isEmpty() && !m_transport->writeWaitsForReadable());
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
        evict(tr("slow consumer: more than %1 bytes queued").arg(m_config.maxOutboundQueue));
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
    const bool discarding = hasFinished() && (m_codec || m_http);
    // A handshake that has started runs to its end (or its timeout): it
    // holds its charge in the budget until then, so pausing it there would
    // only keep the charge. New ones wait at the gate below.
    if (!m_transport->isHandshakeDone() && !shakeHands())
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
    if (!m_codec && !isTls() && m_config.tls && m_detectBuffer.isEmpty()) {
        // TLS or plain: the first byte, peeked, so that OpenSSL reads the
        // ClientHello whole.
        char first = 0;
        if (m_transport->peek(&first, 1) == 1 && first == FramingSniffer::kTlsRecordByte) {
            startTls();
            return;
        }
    }
    if (!m_transport->isHandshakeDone() && !shakeHands())
        return; // still shaking hands, or failed
    const qsizetype budget = m_config.readBudget;
    char *buffer = readBuffer(budget);
    Transport::Status status;
    const qint64 n = m_transport->read(buffer, budget, &status);
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
    if (m_http) {
        feedHttp(data);
        return;
    }
    if (!m_codec) {
        m_detectBuffer.append(data);
        sniff(m_detectBuffer, FramingSniffer::Moment::Read);
        return; // setFraming fed the buffered bytes
    }
    feed(data);
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
    if (m_http) {
        // It ended inside its request head: nothing to answer.
        finish(closedByClientReason());
        startCloseTimer();
        pump();
        return;
    }
    if (!m_codec) {
        // Whatever it sent decides; nothing at all means lines.
        sniff(m_detectBuffer, FramingSniffer::Moment::InputEnded);
        if (hasFinished())
            return;
    }
    QList<Message> tail;
    const bool ok = m_codec->finishInput(tail);
    if (!deliver(tail))
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

void ClientSession::setFraming(Protocol::Framing framing)
{
    if (m_graceTimerId) {
        killTimer(m_graceTimerId);
        m_graceTimerId = 0;
    }
    m_awaitingMagic = false;
    if (m_config.census)
        m_config.census->decided(framing);
    if (framing == Protocol::Framing::Lines)
        m_codec = std::make_unique<LineCodec>(m_config.maxMessageSize, m_config.lineOutput);
    else
        m_codec = Codec::create(framing, m_config.maxMessageSize);
    m_codec->setTextAsUtf8(true);
    qCDebug(lcServer) << "session" << m_id << "speaks" << Protocol::framingName(framing);

    QByteArray greeting = m_codec->preamble();
    int messages = 0;
    if (framing != Protocol::Framing::Lines) {
        Message hello = Message::makeHello(QString::fromLatin1(kServerName), Protocol::kVersion);
        // A client with a password gives it only to a server that asks.
        hello.passwordRequired = m_state == State::PasswordPending;
        m_codec->encodeTo(hello, greeting);
        ++messages;
    }
    if (m_goodbye != Goodbye::None) {
        m_detectBuffer.clear(); // a goodbye only: what it sent is not read
        enqueue(greeting, {}, 0, messages);
        sendGoodbye();
        pump();
        return;
    }
    enqueue(greeting, {}, 0, messages);
    if (m_state == State::Admitted) {
        queueWelcome();
    } else if (framing == Protocol::Framing::Lines) {
        // A frames client gives it in its hello; a line client is asked.
        QByteArray prompt;
        m_codec->encodeTo(Message::makeNotice(Message::NoticeKind::Info, passwordPromptText()), prompt);
        enqueue(prompt, {}, 0, 1);
    }

    m_host->framingKnown(this);

    // What was sent while the framing was unknown, in this framing.
    const QList<BatchRef> early = m_out.takeHeld();
    for (const BatchRef &b : early) {
        if (hasFinished())
            break;
        queueBatch(b, nullptr);
    }
    pump();

    const QByteArray buffered = std::exchange(m_detectBuffer, {});
    if (!buffered.isEmpty() && !hasFinished() && !isReleased())
        feed(buffered);
}

bool ClientSession::hasHello() const
{
    return m_codec && m_codec->framing() != Protocol::Framing::Lines;
}

void ClientSession::startHttp()
{
    if (m_graceTimerId) {
        killTimer(m_graceTimerId);
        m_graceTimerId = 0;
    }
    m_timeouts.handshakeStarted(nowMs());
    m_http = std::make_unique<HttpGate>(isTls(), m_config.webSocketOrigins);
    qCDebug(lcServer) << "session" << m_id << "speaks HTTP";
    if (m_config.tls && !isTls() && !m_config.allowPlaintext) {
        m_tlsRefusal = true;
        const QString reason = QStringLiteral("this server accepts TLS connections only; use https://");
        answerHttp(HttpGate::errorResponse(403, reason), reason);
        return;
    }
    feedHttp(std::exchange(m_detectBuffer, {}));
}

void ClientSession::feedHttp(QByteArrayView bytes)
{
    switch (m_http->feed(bytes)) {
    case HttpGate::Outcome::Waiting:
        return;
    case HttpGate::Outcome::Respond:
        answerHttp(m_http->response(), m_http->summary());
        return;
    case HttpGate::Outcome::Upgrade:
        break;
    }
    qCDebug(lcServer) << "session" << m_id << m_http->summary();
    enqueue(m_http->response(), {}, 0, 0);
    m_detectBuffer = m_http->leftover(); // fed once the framing is set
    m_http.reset();
    // The hello must come within the handshake timeout of the upgrade.
    m_timeouts.handshakeStarted(nowMs());
    decideFraming(Protocol::Framing::WebSocket);
}

void ClientSession::answerHttp(const QByteArray &response, const QString &reason)
{
    qCDebug(lcServer) << "session" << m_id << "HTTP:" << reason;
    enqueue(response, {}, 0, 0);
    finish(reason);
    startCloseTimer();
    pump();
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

bool ClientSession::admit(const QByteArray &password)
{
    QString refusal;
    if (!m_host->checkPassword(this, password, &refusal)) {
        close(refusal);
        return false;
    }
    m_state = State::Admitted;
    m_host->admitted(this);
    queueWelcome();
    pump();
    return !hasFinished();
}

void ClientSession::feed(QByteArrayView bytes)
{
    QList<Message> messages;
    const bool ok = m_codec->decode(bytes, messages);
    if (m_budget) {
        m_budget->add(m_codec->bufferedBytes() - m_codecBuffered);
        m_codecBuffered = m_codec->bufferedBytes();
    }
    m_timeouts.messageProgress(m_codec->bufferedBytes() > 0, !messages.isEmpty());

    QString broken;
    const qsizetype bad = checkRules(messages, &broken);
    if (bad >= 0)
        messages.resize(bad); // what came before the offence is kept
    if (m_state == State::PasswordPending && !messages.isEmpty()) {
        // The password: a line client's first line, a frames client's
        // hello field. Nothing it sent is handled before it is admitted.
        const bool frames = hasHello();
        const QByteArray password = frames ? messages.constFirst().data : messages.constFirst().textUtf8();
        if (!frames)
            messages.removeFirst();
        if (!admit(password))
            return;
    }
    // Hand over what arrived whole first: the host may end the session, and
    // that must not lose what came before. Replies keep the order of what
    // they answer: the texts before a ping are routed (echoed) before its
    // pong is queued.
    if (!deliver(messages))
        return;
    if (bad >= 0) {
        qCInfo(lcServer) << "session" << m_id << "broke the protocol:" << broken;
        close(broken);
        return;
    }
    if (ok && !hasFinished() && m_codec->framing() == Protocol::Framing::WebSocket
        && static_cast<const WebSocketCodec *>(m_codec.get())->closeReceived()) {
        // The browser closed: it gets our close frame (after the goodbye).
        close(closedByClientReason());
        return;
    }
    if (!ok && !hasFinished()) {
        const QString reason = m_codec->error().description;
        qCInfo(lcServer) << "session" << m_id << "codec error:"
                         << CodecError::codeName(m_codec->error().code) << reason;
        close(reason);
    }
}

qsizetype ClientSession::checkRules(QList<Message> &messages, QString *reason)
{
    if (!hasHello())
        return -1; // lines carry only texts
    for (qsizetype i = 0; i < messages.size(); ++i) {
        Message &m = messages[i];
        if (m.type == Message::Type::Notice) {
            *reason = QStringLiteral("a client may not send notices");
            return i;
        }
        if (!m_helloReceived) {
            if (m.type != Message::Type::Hello) {
                *reason = QStringLiteral("the first frame must be a hello, not a %1 frame")
                              .arg(QLatin1String(typeName(m.type)));
                return i;
            }
            m_helloReceived = true;
            m.name = Protocol::sanitizeName(m.name);
            setName(m.name);
        } else if (m.type == Message::Type::Hello) {
            *reason = QStringLiteral("a second hello (a name cannot change during a connection)");
            return i;
        }
    }
    return -1;
}

bool ClientSession::deliver(QList<Message> &messages)
{
    if (messages.isEmpty())
        return !hasFinished();
    const auto texts = quint64(std::count_if(messages.cbegin(), messages.cend(),
                                             [](const Message &m) { return m.type == Message::Type::Text; }));
    m_messagesIn += texts;
    m_protocolIn += quint64(messages.size()) - texts;
    const auto isPing = [](const Message &m) { return m.type == Message::Type::Ping; };
    if (std::none_of(messages.cbegin(), messages.cend(), isPing)) {
        m_host->messagesReceived(this, messages);
        return !hasFinished();
    }
    // Runs: the messages between pings go to the host in one call (it may
    // echo them), then the pongs of the run of pings that follows go out in
    // one buffer, so replies keep the order of what they answer and a flood
    // of pings costs one write per run, not one per ping.
    qsizetype i = 0;
    while (i < messages.size()) {
        qsizetype j = i;
        while (j < messages.size() && !isPing(messages.at(j)))
            ++j;
        if (j > i) {
            m_host->messagesReceived(this, messages.mid(i, j - i));
            if (hasFinished())
                return false;
        }
        QByteArray pongs;
        int count = 0;
        for (; j < messages.size() && isPing(messages.at(j)); ++j, ++count)
            m_codec->encodeTo(Message::makePong(messages.at(j).data), pongs);
        if (count > 0) {
            enqueue(pongs, {}, 0, count);
            pump();
            if (hasFinished())
                return false;
        }
        i = j;
    }
    return !hasFinished();
}

void ClientSession::checkTimeouts(qint64 now)
{
    if (hasFinished())
        return;
    if (isPausedByHost()) {
        // Not read: its silence is ours. A client that feeds congested
        // clients is not blamed for an unfinished handshake or message
        // either; one held back by the global budget is, since unfinished
        // messages are what fills it.
        m_timeouts.pausedByHost(now, m_pausedBy == SessionHost::ReadGate::Congested);
    }
    SessionTimeouts::Facts facts;
    facts.tlsHandshaking = isTls() && m_security.isEmpty();
    facts.httpPending = m_http != nullptr;
    facts.framingKnown = m_codec != nullptr;
    facts.magicPending = !m_codec && !m_detectBuffer.isEmpty();
    facts.frames = hasHello(); // frames and WebSocket: a hello, pings, the frames idle timeout
    facts.helloReceived = m_helloReceived;
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
        answerHttp(HttpGate::errorResponse(408, reason), reason);
        return;
    }
    case SessionTimeouts::Expired::FramesHandshake:
        close(u"no frames handshake within %1 s (%2 of the %3 magic bytes received)"_s.arg(
            limit, QString::number(m_detectBuffer.size()), QString::number(Protocol::kMagicSize)));
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
    } else if (m_http) {
        m_goodbye = Goodbye::None; // no framing to say it in
        pump();
    } else if (m_awaitingMagic) {
        // Past the grace period with a proper prefix of the magic: it meant
        // frames, so it hears why in frames.
        setFraming(Protocol::Framing::Frames);
    }
    // else: the goodbye goes out once the framing is known (grace timer).
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
    if (!hasFinished() || isReleased() || !m_out.isEmpty() || (!m_codec && !m_http))
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
    if (m_graceTimerId)
        killTimer(m_graceTimerId);
    m_closeTimerId = m_graceTimerId = 0;
    m_out.clear();
    // The descriptor closes with the session, after the notifiers.
    deleteLater();
}
