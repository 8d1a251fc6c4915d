// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "sessionopening.h"

#include "bufferbudget.h"
#include "clientsession.h"
#include "handshakegate.h"
#include "httpgate.h"
#include "linecodec.h"
#include "serverlogging.h"
#include "tlstransport.h"

SessionOpening::SessionOpening(ClientSession &session)
    : m_session(session)
{
}

SessionOpening::~SessionOpening()
{
    giveBackHandshake(); // gone while shaking hands
}

void SessionOpening::start()
{
    const ClientSession::Config &config = m_session.m_config;
    // With TLS, even a forced framing waits for the first byte (or the
    // grace period) to tell TLS from plain.
    if (config.framing && !config.tls)
        setFraming(*config.framing);
    else
        m_graceTimerId = m_session.startTimer(qMax(0, config.framingGraceMs));
}

void SessionOpening::stopGraceTimer()
{
    if (m_graceTimerId) {
        m_session.killTimer(m_graceTimerId);
        m_graceTimerId = 0;
    }
}

void SessionOpening::graceOver()
{
    stopGraceTimer();
    if (m_session.m_codec)
        return;
    // Bytes may be waiting that a busy loop has not read yet (a burst of
    // connections): they decide, not the timer. Peeked, not read, so flow
    // control still decides when they are consumed.
    QByteArray first = m_held;
    char peeked[Protocol::kMagicSize];
    const qint64 n = m_session.m_transport->peek(peeked, sizeof(peeked));
    if (n > 0)
        first.append(peeked, qMin<qsizetype>(n, Protocol::kMagicSize - first.size()));
    sniff(first, FramingSniffer::Moment::GraceOver);
    // A TLS peek took the records from the kernel: the descriptor will not
    // say they are there, so they are read from the event loop.
    if (m_session.m_transport->hasBufferedInput())
        m_session.postRead();
}

// TLS ------------------------------------------------------------------------

bool SessionOpening::startTlsIfAsked()
{
    ClientSession &s = m_session;
    if (s.m_codec || s.isTls() || !s.m_config.tls || !m_held.isEmpty())
        return false;
    char first = 0;
    if (s.m_transport->peek(&first, 1) != 1 || first != FramingSniffer::kTlsRecordByte)
        return false;
    startTls();
    return true;
}

void SessionOpening::startTls()
{
    ClientSession &s = m_session;
    stopGraceTimer();
    if (s.m_config.handshakes && !s.m_config.handshakes->tryEnter(&s)) {
        // Its turn comes when one of the thread's handshakes ends: until
        // then its ClientHello waits in the kernel (the gate resumes it).
        s.m_pausedBy = SessionHost::ReadGate::Handshakes;
        s.setReadWatch(false);
        return;
    }
    s.m_transport = std::make_unique<TlsTransport>(s.m_fd, s.m_config.tls);
    // A handshake holds OpenSSL's buffers: the global budget counts them
    // until it ends, so a flood of handshakes is bounded like any input.
    m_handshakeCharge = TlsTransport::kHandshakeMemory;
    if (s.m_budget)
        s.m_budget->add(m_handshakeCharge);
    s.m_timeouts.handshakeStarted(ClientSession::nowMs());
    qCDebug(lcServer) << "session" << s.m_id << "starts TLS";
    shakeHands();
}

bool SessionOpening::giveBackHandshake()
{
    if (m_handshakeCharge == 0)
        return false;
    if (m_session.m_budget)
        m_session.m_budget->release(m_handshakeCharge);
    m_handshakeCharge = 0;
    if (m_session.m_config.handshakes)
        m_session.m_config.handshakes->leave(); // the next one's turn
    return true;
}

void SessionOpening::endHandshake()
{
    if (giveBackHandshake())
        m_session.m_host->drained(&m_session); // the budget may let paused readers go on
}

bool SessionOpening::shakeHands()
{
    ClientSession &s = m_session;
    const Transport::Status status = s.m_transport->handshake();
    if (status == Transport::Status::Ok) {
        endHandshake();
        onEncrypted();
        return !s.isReleased();
    }
    if (status == Transport::Status::Failed) {
        endHandshake();
        s.m_tlsRefusal = true;
        s.abort(QStringLiteral("TLS handshake failed: %1").arg(s.m_transport->errorString()));
        return false;
    }
    s.updateNotifiers();
    return false;
}

void SessionOpening::onEncrypted()
{
    ClientSession &s = m_session;
    s.m_security = s.m_transport->security();
    qCDebug(lcServer) << "session" << s.m_id << "speaks" << s.m_security;
    // Inside TLS, the framing is detected as on a plain connection, and the
    // handshake timeout starts again for the frames handshake.
    s.m_timeouts.handshakeStarted(ClientSession::nowMs());
    if (s.isReleased())
        return;
    passTlsGate();
    if (s.isReleased())
        return;
    m_graceTimerId = s.startTimer(qMax(0, s.m_config.framingGraceMs));
    s.setReadWatch(true);
}

void SessionOpening::passTlsGate()
{
    ClientSession &s = m_session;
    if (s.m_state != ClientSession::State::TlsPending)
        return;
    if (s.m_config.passwordRequired) {
        s.m_state = ClientSession::State::PasswordPending;
        return;
    }
    s.m_state = ClientSession::State::Admitted;
    s.m_host->admitted(&s);
}

// The framing -------------------------------------------------------------------

void SessionOpening::feed(QByteArrayView bytes)
{
    if (m_http) {
        feedHttp(bytes);
        return;
    }
    m_held.append(bytes);
    sniff(m_held, FramingSniffer::Moment::Read); // a framing set feeds what is held
}

bool SessionOpening::inputEnded()
{
    ClientSession &s = m_session;
    if (m_http) {
        // It ended inside its request head: nothing to answer.
        s.finish(ClientSession::closedByClientReason());
        s.startCloseTimer();
        s.pump();
        return true;
    }
    if (!s.m_codec) {
        // Whatever it sent decides; nothing at all means lines.
        sniff(m_held, FramingSniffer::Moment::InputEnded);
        return s.hasFinished();
    }
    return false;
}

void SessionOpening::closing()
{
    ClientSession &s = m_session;
    if (m_http) {
        s.m_goodbye = ClientSession::Goodbye::None; // no framing to say it in
        s.pump();
    } else if (m_awaitingMagic) {
        // Past the grace period with a proper prefix of the magic: it meant
        // frames, so it hears why in frames.
        setFraming(Protocol::Framing::Frames);
    }
    // else: the goodbye goes out once the framing is known (grace timer).
}

void SessionOpening::sniff(QByteArrayView first, FramingSniffer::Moment moment)
{
    ClientSession &s = m_session;
    const FramingSniffer::Setup setup { s.m_config.framing, s.m_config.tls != nullptr, s.isTls() };
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
        s.abort(QStringLiteral("the client started a TLS handshake, but this server has no TLS certificate"));
        return;
    case FramingSniffer::Verdict::Lines:
        decide(Protocol::Framing::Lines);
        return;
    case FramingSniffer::Verdict::Frames:
        decide(Protocol::Framing::Frames);
        return;
    case FramingSniffer::Verdict::AwaitMagic:
        // It waits for the rest, up to the handshake timeout.
        qCDebug(lcServer) << "session" << s.m_id << "holds" << first.size() << "magic bytes; waiting";
        if (s.m_goodbye != ClientSession::Goodbye::None)
            setFraming(Protocol::Framing::Frames); // closed meanwhile: it hears why in frames
        else
            m_awaitingMagic = true;
        return;
    case FramingSniffer::Verdict::MagicCutShort:
        s.close(QStringLiteral("the peer does not speak frames (bad magic %1, then the stream ended)")
                    .arg(QString::fromLatin1(first.toByteArray().toHex(' '))));
        if (!s.m_codec)
            setFraming(Protocol::Framing::Frames); // the goodbye
        return;
    }
}

void SessionOpening::decide(Protocol::Framing detected)
{
    ClientSession &s = m_session;
    if (s.m_config.tls && !s.isTls() && !s.m_config.allowPlaintext && s.m_goodbye == ClientSession::Goodbye::None) {
        s.m_tlsRefusal = true;
        s.close(QStringLiteral("this server accepts TLS connections only; connect with TLS (socket-client --tls)"));
    } else if (!s.isTls()) {
        passTlsGate(); // plain, and allowed
    }
    setFraming(s.m_config.framing.value_or(detected));
}

void SessionOpening::setFraming(Protocol::Framing framing)
{
    ClientSession &s = m_session;
    stopGraceTimer();
    m_awaitingMagic = false;
    if (s.m_config.census)
        s.m_config.census->decided(framing);
    if (framing == Protocol::Framing::Lines)
        s.m_codec = std::make_unique<LineCodec>(s.m_config.maxMessageSize, s.m_config.lineOutput);
    else
        s.m_codec = Codec::create(framing, s.m_config.maxMessageSize);
    s.m_codec->setTextAsUtf8(true);
    qCDebug(lcServer) << "session" << s.m_id << "speaks" << Protocol::framingName(framing);

    QByteArray greeting = s.m_codec->preamble();
    int messages = 0;
    if (framing != Protocol::Framing::Lines) {
        Message hello = Message::makeHello(QString::fromLatin1(ClientSession::kServerName), Protocol::kVersion);
        // A client with a password gives it only to a server that asks.
        hello.passwordRequired = s.m_state == ClientSession::State::PasswordPending;
        s.m_codec->encodeTo(hello, greeting);
        ++messages;
    }
    if (s.m_goodbye != ClientSession::Goodbye::None) {
        m_held.clear(); // a goodbye only: what it sent is not read
        s.enqueue(greeting, {}, 0, messages);
        s.sendGoodbye();
        s.pump();
        return;
    }
    s.enqueue(greeting, {}, 0, messages);
    if (s.m_state == ClientSession::State::Admitted) {
        s.queueWelcome();
    } else if (framing == Protocol::Framing::Lines) {
        // A frames client gives it in its hello; a line client is asked.
        QByteArray prompt;
        s.m_codec->encodeTo(Message::makeNotice(Message::NoticeKind::Info, ClientSession::passwordPromptText()),
                            prompt);
        s.enqueue(prompt, {}, 0, 1);
    }

    s.m_host->framingKnown(&s);

    // What was sent while the framing was unknown, in this framing.
    s.queueHeldBatches();

    const QByteArray held = std::exchange(m_held, {});
    if (!held.isEmpty() && !s.hasFinished() && !s.isReleased())
        s.m_intake.feed(held);
}

// HTTP -----------------------------------------------------------------------

void SessionOpening::startHttp()
{
    ClientSession &s = m_session;
    stopGraceTimer();
    s.m_timeouts.handshakeStarted(ClientSession::nowMs());
    m_http = std::make_unique<HttpGate>(s.isTls(), s.m_config.webSocketOrigins);
    qCDebug(lcServer) << "session" << s.m_id << "speaks HTTP";
    if (s.m_config.tls && !s.isTls() && !s.m_config.allowPlaintext) {
        s.m_tlsRefusal = true;
        const QString reason = QStringLiteral("this server accepts TLS connections only; use https://");
        answerHttp(HttpGate::errorResponse(403, reason), reason);
        return;
    }
    feedHttp(std::exchange(m_held, {}));
}

void SessionOpening::feedHttp(QByteArrayView bytes)
{
    ClientSession &s = m_session;
    switch (m_http->feed(bytes)) {
    case HttpGate::Outcome::Waiting:
        return;
    case HttpGate::Outcome::Respond:
        answerHttp(m_http->response(), m_http->summary());
        return;
    case HttpGate::Outcome::Upgrade:
        break;
    }
    qCDebug(lcServer) << "session" << s.m_id << m_http->summary();
    s.enqueue(m_http->response(), {}, 0, 0);
    m_held = m_http->leftover(); // fed once the framing is set
    m_http.reset();
    // The hello must come within the handshake timeout of the upgrade.
    s.m_timeouts.handshakeStarted(ClientSession::nowMs());
    decide(Protocol::Framing::WebSocket);
}

void SessionOpening::answerHttp(const QByteArray &response, const QString &reason)
{
    ClientSession &s = m_session;
    qCDebug(lcServer) << "session" << s.m_id << "HTTP:" << reason;
    s.enqueue(response, {}, 0, 0);
    s.finish(reason);
    s.startCloseTimer();
    s.pump();
}
