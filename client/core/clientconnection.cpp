// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "clientconnection.h"

#include "certificatefingerprint.h"
#include "hostport.h"
#include "tlsprotocolname.h"

#include "clientlogging.h"
#include "serverinput.h"

#include <QSslConfiguration>
#include <QSslSocket>

#include <algorithm>

ClientConnection::ClientConnection(QObject *parent)
    : QObject(parent)
    , m_socket(new QSslSocket(this))
    // Children, so that they move with the connection to its thread.
    , m_connectTimer(this)
    , m_pingTimer(this)
    , m_deadTimer(this)
    , m_helloTimer(this)
    , m_reconnectTimer(this)
    , m_shutdownTimer(this)
    , m_promptTimer(this)
{
    m_socket->setReadBufferSize(kReadBufferSize);
    connect(m_socket, &QSslSocket::connected, this, &ClientConnection::onSocketConnected);
    connect(m_socket, &QSslSocket::encrypted, this, &ClientConnection::onEncrypted);
    // Direct: ignoreSslErrors() only counts from inside the slot.
    connect(m_socket, &QSslSocket::sslErrors, this, &ClientConnection::onSslErrors, Qt::DirectConnection);
    connect(m_socket, &QSslSocket::disconnected, this, &ClientConnection::onSocketDisconnected);
    connect(m_socket, &QSslSocket::readyRead, this, &ClientConnection::onReadyRead);
    connect(m_socket, &QSslSocket::errorOccurred, this, &ClientConnection::onSocketError);

    m_connectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, &ClientConnection::onConnectTimeout);
    connect(&m_pingTimer, &QTimer::timeout, this, &ClientConnection::sendPing);
    m_deadTimer.setSingleShot(true);
    connect(&m_deadTimer, &QTimer::timeout, this, &ClientConnection::onHeartbeatTimeout);
    m_helloTimer.setSingleShot(true);
    connect(&m_helloTimer, &QTimer::timeout, this, &ClientConnection::onHelloTimeout);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &ClientConnection::onReconnectTick);
    m_shutdownTimer.setSingleShot(true);
    connect(&m_shutdownTimer, &QTimer::timeout, this, &ClientConnection::onShutdownTimeout);
    m_promptTimer.setSingleShot(true);
    connect(&m_promptTimer, &QTimer::timeout, this, &ClientConnection::onPromptTimeout);
    connect(m_socket, &QSslSocket::stateChanged, this, &ClientConnection::onSocketStateChanged);
}

ClientConnection::~ClientConnection()
{
    // Quietly: nobody is listening any more.
    stopTimers();
    m_shutdownTimer.stop();
    m_socket->disconnect(this);
    m_socket->abort();
}

QString ClientConnection::peerLabel() const
{
    return hostPort(m_host, m_port);
}

qint64 ClientConnection::queuedBytes() const
{
    // With TLS, bytesToWrite() counts only what is not encrypted yet.
    return m_socket->bytesToWrite() + m_socket->encryptedBytesToWrite();
}

void ClientConnection::setMaxMessageSize(qsizetype bytes)
{
    m_maxMessageSize = qMax<qsizetype>(1, bytes);
}

void ClientConnection::setHeartbeatInterval(int ms)
{
    m_heartbeatIntervalMs = qMax(1, ms);
    if (m_pingTimer.isActive())
        m_pingTimer.start(m_heartbeatIntervalMs);
}

void ClientConnection::setHeartbeatTimeout(int ms)
{
    m_heartbeatTimeoutMs = qMax(1, ms);
    if (m_deadTimer.isActive())
        m_deadTimer.start(m_heartbeatTimeoutMs);
}

void ClientConnection::setAutoReconnect(bool enabled)
{
    m_autoReconnect = enabled;
    if (!enabled && m_state == State::WaitingToReconnect) {
        m_reconnectTimer.stop();
        m_reconnect.reset();
        setState(State::Disconnected);
    }
}

void ClientConnection::setState(State state)
{
    if (m_state == state)
        return;
    qCDebug(lcClient) << "state" << m_state << "->" << state;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void ClientConnection::connectToHost(const QString &host, quint16 port)
{
    m_reconnectTimer.stop();
    if (m_state == State::Connected || m_socket->state() != QAbstractSocket::UnconnectedState) {
        const qint64 unsent = queuedBytes() + m_heldBytes;
        stopTimers();
        ++m_generation;
        abortSocket();
        if (unsent > 0) {
            qCWarning(lcClient) << unsent << "bytes not sent: a new connection replaced the old one";
            Q_EMIT unsentBytes(unsent);
        }
        if (m_state == State::Connected) {
            setState(State::Disconnected);
            Q_EMIT disconnected(tr("replaced by a new connection"));
        }
    }
    m_host = host.trimmed();
    m_port = port;
    m_reconnect.reset();
    m_lastError.clear();
    QString problem;
    if (m_host.isEmpty())
        problem = tr("Could not connect: no host given");
    else if (const QString why = passwordProblem(); !why.isEmpty())
        problem = tr("Could not connect to %1: %2").arg(peerLabel(), why);
    if (!problem.isEmpty()) {
        m_lastError = problem;
        setState(State::Disconnected);
        Q_EMIT errorOccurred(m_lastError);
        return;
    }
    startAttempt();
}

QString ClientConnection::passwordProblem() const
{
    const qsizetype bytes = m_password.toUtf8().size();
    if (bytes > Protocol::kMaxHelloFieldSize)
        return tr("the password is %1 bytes long in UTF-8; a server takes at most %2")
            .arg(QString::number(bytes), QString::number(Protocol::kMaxHelloFieldSize));
    if (m_framing == Protocol::Framing::Lines
        && (m_password.contains(QLatin1Char('\n')) || m_password.contains(QLatin1Char('\r'))))
        return tr("the password holds a line break, which a line cannot carry");
    return {};
}

void ClientConnection::startAttempt()
{
    m_reconnectTimer.stop();
    ++m_generation;
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        abortSocket();
    m_codec = Codec::create(m_framing, m_maxMessageSize);
    m_serverName.clear();
    m_serverCloseReason.clear();
    m_reconnect.attemptStarted();
    m_welcomed = false;
    m_clientId = 0;
    m_helloReceived = false;
    m_peerFingerprint.clear();
    m_tlsVersion.clear();
    m_tlsTrust.clearRejection();
    m_tlsHandshaking = false;
    m_passwordPhase = PasswordPhase::None;
    m_heldTexts.clear();
    m_heldBytes = 0;
    m_counters = {};
    qCDebug(lcClient) << "connecting to" << peerLabel() << Protocol::framingName(m_framing)
                      << (m_tlsEnabled ? "TLS" : "plain");
    setState(State::Connecting);
    if (m_state != State::Connecting)
        return; // a slot of stateChanged() ended the attempt
    m_connectTimer.start(m_connectTimeoutMs);

    QString problem = passwordProblem();
    QSslConfiguration tls;
    if (problem.isEmpty() && m_tlsEnabled)
        tls = m_tlsTrust.configuration(&problem);
    if (!problem.isEmpty()) {
        finish(tr("Could not connect to %1: %2").arg(peerLabel(), problem), true);
        return;
    }
    if (m_tlsEnabled) {
        m_socket->setSslConfiguration(tls);
        m_socket->connectToHostEncrypted(m_host, m_port);
    } else {
        m_socket->connectToHost(m_host, m_port);
    }
}

void ClientConnection::onSocketConnected()
{
    if (m_state != State::Connecting)
        return;
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    // A server host that vanishes is found by the kernel's probes even in
    // lines mode, which has no heartbeat.
    m_socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    if (m_tlsEnabled) {
        m_tlsHandshaking = true;
        return; // connected once the handshake is over: onEncrypted()
    }
    establish();
}

void ClientConnection::onSslErrors(const QList<QSslError> &errors)
{
    if (m_state != State::Connecting)
        return;
    QSslCertificate certificate = m_socket->peerCertificate();
    if (certificate.isNull() && !errors.isEmpty())
        certificate = errors.constFirst().certificate();
    // Not ignored: the handshake fails next, and onSocketError() reports it
    // with the reasons recorded.
    if (m_tlsTrust.acceptDespite(certificate, errors, peerLabel()))
        m_socket->ignoreSslErrors(errors);
}

void ClientConnection::onEncrypted()
{
    if (m_state != State::Connecting)
        return;
    const QString seen = CertificateFingerprint::of(m_socket->peerCertificate());
    if (!m_tlsTrust.acceptVerified(seen)) {
        finish(tr("Could not connect to %1: %2").arg(peerLabel(), m_tlsTrust.rejectionText()), true);
        return;
    }
    m_tlsHandshaking = false;
    m_peerFingerprint = seen;
    m_tlsVersion = tlsProtocolName(m_socket->sessionProtocol());
    establish();
}

void ClientConnection::establish()
{
    m_connectTimer.stop();
    m_reconnect.established();
    m_lastError.clear();
    // With a password, nothing but the magic goes out before the server
    // has said whether it wants the password (frames: its hello's tag 2;
    // lines: its prompt as its first line); texts are held until then.
    if (!m_password.isEmpty())
        m_passwordPhase = PasswordPhase::AwaitingPrompt;
    if (m_codec->framing() == Protocol::Framing::Frames) {
        writeBytes(m_codec->preamble());
        m_deadTimer.start(m_heartbeatTimeoutMs);
        // Also bounds the wait for the server's hello before ours.
        m_helloTimer.start(m_helloTimeoutMs);
        if (m_passwordPhase == PasswordPhase::None)
            sendHello(false);
    } else if (m_passwordPhase == PasswordPhase::AwaitingPrompt) {
        m_promptTimer.start(m_helloTimeoutMs);
    }
    if (m_tlsEnabled)
        qCInfo(lcClient).noquote() << "connected to" << peerLabel() << "with" << m_tlsVersion
                                   << "certificate SHA-256" << m_peerFingerprint;
    else
        qCInfo(lcClient).noquote() << "connected to" << peerLabel();
    setState(State::Connected);
    if (m_state == State::Connected)
        Q_EMIT connected();
}

void ClientConnection::sendHello(bool withPassword)
{
    // The password in the hello's field (never logged: the hello is not).
    const QByteArray password = withPassword ? m_password.toUtf8() : QByteArray();
    writeBytes(m_codec->encode(Message::makeHello(m_name, Protocol::kVersion, password)));
    // Pings only after the hello: the server takes no other frame first.
    m_pingTimer.start(m_heartbeatIntervalMs);
}

void ClientConnection::onPromptTimeout()
{
    if (m_state != State::Connected || m_passwordPhase != PasswordPhase::AwaitingPrompt)
        return;
    endPasswordPhase(false, tr("the server did not ask for it within %1 s").arg(secondsText(m_helloTimeoutMs)));
}

void ClientConnection::endPasswordPhase(bool sendPassword, const QString &reasonNotSent)
{
    m_promptTimer.stop();
    const quint64 generation = m_generation;
    m_passwordPhase = sendPassword ? PasswordPhase::Sent : PasswordPhase::NotSent;
    // Frames: our hello, with the password or without it. Lines: the
    // password as the first line. Not through sendText(): no
    // messageSent(), nothing logged.
    if (m_codec->framing() == Protocol::Framing::Frames)
        sendHello(sendPassword);
    else if (sendPassword)
        writeBytes(m_codec->encode(Message::makeText(m_password)));
    if (!checkUnsent())
        return;
    if (sendPassword) {
        qCInfo(lcClient).noquote() << "sent the password to" << peerLabel();
        Q_EMIT passwordSent();
    } else {
        qCInfo(lcClient).noquote() << "password not sent:" << reasonNotSent;
        Q_EMIT passwordNotSent(reasonNotSent);
    }
    if (m_generation == generation)
        flushHeld();
}

void ClientConnection::flushHeld()
{
    const quint64 generation = m_generation;
    const QList<Outgoing> held = std::exchange(m_heldTexts, {});
    m_heldBytes = 0;
    for (const Outgoing &outgoing : held) {
        if (m_generation != generation || m_state != State::Connected || !m_codec)
            return;
        writeOutgoing(outgoing);
    }
}

bool ClientConnection::holdsTexts() const
{
    return m_passwordPhase == PasswordPhase::AwaitingPrompt
        || (m_codec && m_codec->framing() == Protocol::Framing::Frames && !m_helloReceived);
}

QStringList ClientConnection::takeHeldTexts()
{
    QStringList texts;
    for (const Outgoing &outgoing : std::as_const(m_heldTexts))
        texts.append(outgoing.textForm);
    m_heldTexts.clear();
    m_heldBytes = 0;
    return texts;
}

void ClientConnection::onSocketError()
{
    if (m_shuttingDown)
        m_shutdownLost = qMax(m_shutdownLost, queuedBytes());
    const QString qtReason = m_socket->errorString();
    qCDebug(lcClient) << "socket error" << m_socket->error() << qtReason << "in state" << m_state;
    if (m_state == State::Connecting) {
        QString reason = qtReason;
        if (!m_tlsTrust.rejectedReason().isEmpty())
            reason = m_tlsTrust.rejectionText(); // the certificate, and why
        else if (m_tlsHandshaking && m_socket->peerCertificate().isNull())
            // No certificate came back: a plain server (socket-server
            // without TLS closes at once; a text service answers in text).
            reason = tr("the server does not speak TLS (%1): untick TLS").arg(qtReason);
        else if (m_tlsEnabled && m_socket->error() == QAbstractSocket::SslHandshakeFailedError)
            reason = tr("TLS: %1").arg(qtReason);
        else if (m_tlsHandshaking)
            reason = tr("TLS: the handshake did not complete: %1").arg(qtReason);
        finish(tr("Could not connect to %1: %2").arg(peerLabel(), reason), true);
    } else if (m_state == State::Connected) {
        // Handle whatever arrived before the error first (at most the read
        // buffer: the gate does not hold back the end of a connection).
        const quint64 generation = m_generation;
        while (m_codec && m_socket->bytesAvailable() > 0 && decodeChunk()) {
        }
        if (m_generation != generation || m_state != State::Connected)
            return;
        if (!m_serverCloseReason.isEmpty())
            finish(tr("Connection to %1 closed by the server: %2").arg(peerLabel(), m_serverCloseReason), true);
        else
            finish(tr("Connection to %1 lost: %2").arg(peerLabel(), qtReason), true);
    }
}

void ClientConnection::onSocketDisconnected()
{
    if (m_state != State::Connected || m_finishing)
        return;
    // A close without an error (Qt normally reports RemoteHostClosedError
    // first, so this is the fallback).
    if (!m_serverCloseReason.isEmpty())
        finish(tr("Connection to %1 closed by the server: %2").arg(peerLabel(), m_serverCloseReason), true);
    else
        finish(tr("Connection to %1 closed by the server").arg(peerLabel()), true);
}

void ClientConnection::onReadyRead()
{
    if (m_state != State::Connected || !m_codec) {
        m_socket->readAll(); // not ours to handle any more (closing, say)
        return;
    }
    readInput();
}

void ClientConnection::readInput()
{
    m_readScheduled = false;
    if (m_state != State::Connected || !m_codec || m_socket->bytesAvailable() <= 0)
        return;
    if (m_readGate && !m_readGate()) {
        // The receiver is behind: what the socket holds waits, and past
        // kReadBufferSize the server's flow control holds the rest.
        if (!m_readHeld)
            ++m_readHolds;
        m_readHeld = true;
        return;
    }
    m_readHeld = false;
    if (decodeChunk() && m_socket->bytesAvailable() > 0)
        scheduleRead();
}

void ClientConnection::scheduleRead()
{
    if (m_readScheduled)
        return;
    m_readScheduled = true;
    QMetaObject::invokeMethod(this, &ClientConnection::readInput, Qt::QueuedConnection);
}

void ClientConnection::retryRead()
{
    if (m_readHeld && (!m_readGate || m_readGate()))
        scheduleRead();
}

bool ClientConnection::decodeChunk()
{
    const quint64 generation = m_generation;
    // A chunk at a time: a flood of tiny frames (pings) decodes into a
    // bounded list, and every answer is checked against the unsent cap.
    const QByteArray data = m_socket->read(kReadChunkSize);
    if (data.isEmpty())
        return true;
    m_counters.bytesIn += quint64(data.size());
    if (m_deadTimer.isActive())
        m_deadTimer.start(m_heartbeatTimeoutMs);

    QList<Message> messages;
    const bool ok = m_codec->decode(data, messages);
    for (const Message &message : std::as_const(messages)) {
        handleMessage(message);
        if (m_generation != generation || m_state != State::Connected)
            return false; // a slot, or a rule broken, ended the connection
    }
    if (!ok) {
        finish(tr("Connection to %1 closed: %2").arg(peerLabel(), ServerInput::decodeFailure(m_codec->error(), data)), true);
        return false;
    }
    return true;
}

bool ClientConnection::checkHelloOrder(const Message &message)
{
    if (m_codec->framing() != Protocol::Framing::Frames)
        return true;
    const QString reason = ServerInput::helloOrderProblem(message, m_helloReceived);
    if (reason.isEmpty()) {
        if (message.type == Message::Type::Hello) {
            m_helloReceived = true;
            m_helloTimer.stop();
        }
        return true;
    }
    finish(tr("Connection to %1 closed: %2").arg(peerLabel(), reason), true);
    return false;
}

bool ClientConnection::checkUnsent()
{
    if (m_state != State::Connected || queuedBytes() <= m_maxUnsent)
        return true;
    finish(tr("Connection to %1 closed: the server is not reading (more than %2 bytes waiting to be sent)")
               .arg(peerLabel(), QString::number(m_maxUnsent)),
           true);
    return false;
}

void ClientConnection::handleMessage(const Message &message)
{
    if (!checkHelloOrder(message))
        return;
    // Whether the server asks for the password: a frames server in its
    // hello (tag 2), a line server with its prompt as its first line.
    bool passwordPrompt = message.type == Message::Type::Hello && message.passwordRequired;
    if (message.type == Message::Type::Text && m_codec->framing() == Protocol::Framing::Lines) {
        // A line server's notices are lines: "* disconnect: wrong password"
        // is the reason for the close that follows.
        QString kind;
        QString text;
        if (ServerInput::parseNoticeLine(message.text, &kind, &text)) {
            if (kind == QLatin1String("disconnect"))
                m_serverCloseReason = text;
            else if (kind == QLatin1String("welcome"))
                m_welcomed = true;
            passwordPrompt = kind == QLatin1String("info") && text == QLatin1String(Protocol::kPasswordPrompt)
                && message.text.startsWith(QLatin1String("* info: "));
        }
    }
    switch (message.type) {
    case Message::Type::Ping:
        writeMessage(Message::makePong(message.data));
        return;
    case Message::Type::Pong:
        qCDebug(lcClient) << "pong" << message.data;
        return;
    case Message::Type::Hello:
        m_serverName = message.name;
        qCInfo(lcClient) << "server hello:" << message.name << "version" << message.version;
        break;
    case Message::Type::Notice:
        if (message.noticeKind == Message::NoticeKind::Welcome) {
            m_clientId = message.senderId;
            m_welcomed = true;
        }
        else if (message.noticeKind == Message::NoticeKind::Disconnect)
            m_serverCloseReason = message.text;
        break;
    case Message::Type::Text:
        break;
    }
    if (message.type == Message::Type::Text || message.type == Message::Type::Notice)
        ++m_counters.messagesIn;
    const quint64 generation = m_generation;
    Q_EMIT messageReceived(message);
    // The server's hello (frames) or first line (lines) decides whether
    // the password is sent. It is shown either way (without a password the
    // prompt is an ordinary notice).
    if (m_passwordPhase == PasswordPhase::AwaitingPrompt && m_generation == generation
        && m_state == State::Connected) {
        endPasswordPhase(passwordPrompt, m_codec->framing() == Protocol::Framing::Frames
                                             ? tr("the server's hello did not ask for it")
                                             : tr("the server did not ask for it first"));
    } else if (message.type == Message::Type::Hello && m_generation == generation && m_state == State::Connected
               && !m_heldTexts.isEmpty()) {
        flushHeld(); // texts typed before the hello showed a frames server
    }
}

void ClientConnection::onConnectTimeout()
{
    if (m_state != State::Connecting)
        return;
    if (m_tlsEnabled && m_socket->state() == QAbstractSocket::ConnectedState) {
        // A plain server that waits for its client to speak first answers
        // a ClientHello with nothing at all.
        const QString hint = m_socket->peerCertificate().isNull()
            ? tr(": the server may not speak TLS (untick TLS)")
            : QString();
        finish(tr("Could not connect to %1: the TLS handshake did not finish within %2 s%3")
                   .arg(peerLabel(), secondsText(m_connectTimeoutMs), hint),
               true);
        return;
    }
    finish(tr("Could not connect to %1: Connection timed out after %2 s")
               .arg(peerLabel(), secondsText(m_connectTimeoutMs)),
           true);
}

void ClientConnection::onHelloTimeout()
{
    if (m_state != State::Connected || m_helloReceived)
        return;
    finish(tr("Connection to %1 closed: the server did not say hello within %2 s")
               .arg(peerLabel(), secondsText(m_helloTimeoutMs)),
           true);
}

void ClientConnection::onHeartbeatTimeout()
{
    if (m_state != State::Connected)
        return;
    // Input waiting behind the read gate: the server is alive, the client
    // is what is busy.
    if (m_socket->bytesAvailable() > 0) {
        m_deadTimer.start(m_heartbeatTimeoutMs);
        return;
    }
    finish(tr("Connection to %1 closed: no reply from the server for %2 s")
               .arg(peerLabel(), secondsText(m_heartbeatTimeoutMs)),
           true);
}

void ClientConnection::sendPing()
{
    if (m_state != State::Connected)
        return;
    writeMessage(Message::makePing(QByteArray::number(++m_pingCounter)));
}

bool ClientConnection::writeMessage(const Message &message)
{
    if (m_state != State::Connected || !m_codec)
        return false;
    const QByteArray bytes = m_codec->encode(message);
    if (bytes.isEmpty())
        return false;
    if (writeBytes(bytes) != bytes.size())
        return false;
    return checkUnsent();
}

qint64 ClientConnection::writeBytes(const QByteArray &bytes)
{
    const qint64 written = m_socket->write(bytes);
    if (written > 0)
        m_counters.bytesOut += quint64(written);
    return written;
}

bool ClientConnection::canSend()
{
    if (m_state == State::Connected && m_codec)
        return true;
    Q_EMIT sendFailed(tr("Not connected: the message was not sent"));
    return false;
}

bool ClientConnection::sendText(const QString &text)
{
    if (!canSend())
        return false;
    return queueOutgoing(OutgoingMessage::text(*m_codec, text));
}

bool ClientConnection::sendBytes(const QByteArray &bytes, LineEnding ending)
{
    if (!canSend())
        return false;
    return queueOutgoing(OutgoingMessage::bytes(*m_codec, bytes, ending));
}

bool ClientConnection::queueOutgoing(Outgoing outgoing)
{
    if (const QString reason = outgoing.sizeProblem(*m_codec, m_maxMessageSize); !reason.isEmpty()) {
        qCWarning(lcClient) << reason;
        Q_EMIT sendFailed(reason);
        return false;
    }
    if (holdsTexts()) {
        // Nothing may reach the server before the password it is about to
        // ask for, nor a frames server before its hello has shown that it
        // is one: held, within the unsent cap, until the prompt (or
        // anything else) or the hello arrives.
        if (m_heldBytes + outgoing.wire.size() > m_maxUnsent) {
            const QString reason = m_passwordPhase == PasswordPhase::AwaitingPrompt
                ? tr("Waiting for the server to ask for the password, with %1 bytes held "
                     "already: the message was not sent")
                      .arg(QString::number(m_heldBytes))
                : tr("Waiting for the server's hello, with %1 bytes held already: the message was not sent")
                      .arg(QString::number(m_heldBytes));
            Q_EMIT sendFailed(reason);
            return false;
        }
        m_heldBytes += outgoing.wire.size();
        m_heldTexts.append(std::move(outgoing));
        qCDebug(lcClient) << "holding a text until the server's hello or password prompt";
        return true;
    }
    return writeOutgoing(outgoing);
}

bool ClientConnection::writeOutgoing(const Outgoing &outgoing)
{
    writeBytes(outgoing.wire);
    if (!checkUnsent())
        return false; // closed: the server does not read what it is sent
    ++m_counters.messagesOut;
    Q_EMIT messageSent(outgoing.textForm, outgoing.body);
    return true;
}

void ClientConnection::disconnectFromHost()
{
    switch (m_state) {
    case State::Disconnected:
        return;
    case State::Connecting:
    case State::WaitingToReconnect:
        cancel();
        return;
    case State::Connected:
        break;
    }
    stopTimers();
    ++m_generation;
    m_codec.reset();
    m_lastError.clear();
    m_reconnect.reset();
    QStringList notSent;
    if (m_heldBytes > 0) {
        qCWarning(lcClient) << m_heldBytes << "bytes not sent: still held for the server's hello or prompt";
        Q_EMIT unsentBytes(m_heldBytes);
        notSent = takeHeldTexts();
    }
    // State first: a graceful close with nothing queued reports
    // disconnected() synchronously, which must not look like the server's.
    setState(State::Disconnected);
    m_socket->disconnectFromHost();
    qCInfo(lcClient) << "disconnected by the user";
    if (!notSent.isEmpty())
        Q_EMIT textsNotSent(notSent);
    Q_EMIT disconnected(tr("disconnected by the user"));
}

void ClientConnection::shutdown()
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    m_shutdownLost = 0;
    disconnectFromHost(); // also cancels a connect attempt or a countdown
    if (!m_shuttingDown)
        return; // closed at once (nothing was queued): already finished
    if (m_socket->state() == QAbstractSocket::UnconnectedState) {
        endShutdown(0);
        return;
    }
    qCDebug(lcClient) << "shutdown: waiting for" << queuedBytes() << "queued bytes";
    m_shutdownTimer.start(m_shutdownTimeoutMs);
}

void ClientConnection::onSocketStateChanged()
{
    // The graceful close of shutdown() is complete: everything was written
    // and the socket closed, or the socket failed with bytes still queued.
    if (m_shuttingDown && m_socket->state() == QAbstractSocket::UnconnectedState)
        endShutdown(qMax(m_shutdownLost, queuedBytes()));
}

void ClientConnection::onShutdownTimeout()
{
    if (!m_shuttingDown)
        return;
    const qint64 unsent = queuedBytes();
    m_shuttingDown = false; // the abort below is ours, not the end of the close
    abortSocket();
    qCWarning(lcClient) << unsent << "bytes not sent: the connection did not drain within"
                        << m_shutdownTimeoutMs << "ms";
    endShutdown(unsent);
}

void ClientConnection::endShutdown(qint64 unsent)
{
    m_shuttingDown = false;
    m_shutdownTimer.stop();
    if (unsent > 0)
        Q_EMIT unsentBytes(unsent);
    Q_EMIT shutdownFinished(unsent);
}

void ClientConnection::cancel()
{
    if (m_state == State::Connecting) {
        stopTimers();
        ++m_generation;
        abortSocket();
        m_codec.reset();
    } else if (m_state == State::WaitingToReconnect) {
        m_reconnectTimer.stop();
    } else {
        return;
    }
    m_lastError.clear();
    m_reconnect.reset();
    setState(State::Disconnected);
}

void ClientConnection::abort()
{
    if (m_state != State::Connected) {
        cancel();
        return;
    }
    stopTimers();
    ++m_generation;
    const qint64 unsent = queuedBytes() + std::exchange(m_heldBytes, 0);
    m_heldTexts.clear();
    abortSocket();
    m_codec.reset();
    m_lastError.clear();
    m_reconnect.reset();
    setState(State::Disconnected);
    QString reason = tr("aborted");
    if (unsent > 0) {
        reason = tr("%1 (%2 bytes not sent)").arg(reason, QString::number(unsent));
        Q_EMIT unsentBytes(unsent);
    }
    Q_EMIT disconnected(reason);
}

void ClientConnection::finish(const QString &reason, bool error)
{
    if (m_finishing)
        return;
    m_finishing = true;
    const bool wasConnected = m_state == State::Connected;
    stopTimers();
    const quint64 generation = ++m_generation;

    qint64 unsent = 0;
    if (m_socket->state() != QAbstractSocket::UnconnectedState || queuedBytes() > 0) {
        if (wasConnected)
            unsent = queuedBytes();
        m_socket->abort();
    }
    unsent += m_heldBytes;
    const QStringList notSent = takeHeldTexts();
    m_codec.reset();
    // A server that refuses each connection with a notice before its
    // welcome does not get a new attempt every second (ReconnectSchedule).
    if (wasConnected)
        m_reconnect.ended(m_serverCloseReason, m_welcomed);

    QString full = reason;
    if (unsent > 0)
        full = tr("%1 (%2 bytes not sent)").arg(reason, QString::number(unsent));
    m_lastError = error ? full : QString();
    if (error)
        qCInfo(lcClient).noquote() << full;

    const bool reconnect = error && m_autoReconnect;
    if (reconnect)
        scheduleReconnect();
    else
        setState(State::Disconnected);
    m_finishing = false;

    if (unsent > 0)
        Q_EMIT unsentBytes(unsent);
    if (!notSent.isEmpty() && m_generation == generation)
        Q_EMIT textsNotSent(notSent);
    if (error && m_generation == generation)
        Q_EMIT errorOccurred(full);
    if (wasConnected && m_generation == generation)
        Q_EMIT disconnected(full);
    if (reconnect && m_generation == generation && m_state == State::WaitingToReconnect) {
        Q_EMIT reconnectScheduled(m_reconnect.attempt(), m_reconnect.delayMs());
        if (m_generation == generation && m_state == State::WaitingToReconnect)
            Q_EMIT reconnectCountdown(m_reconnect.countdown());
    }
}

void ClientConnection::scheduleReconnect()
{
    m_reconnectTimer.start(m_reconnect.scheduleNext());
    qCInfo(lcClient) << "reconnect attempt" << m_reconnect.attempt() << "in" << m_reconnect.delayMs() << "ms";
    setState(State::WaitingToReconnect);
}

void ClientConnection::onReconnectTick()
{
    if (m_state != State::WaitingToReconnect) {
        m_reconnectTimer.stop();
        return;
    }
    if (!m_reconnect.tick()) {
        m_reconnectTimer.start(m_reconnect.baseDelay());
        Q_EMIT reconnectCountdown(m_reconnect.countdown());
        return;
    }
    m_reconnectTimer.stop();
    startAttempt();
}

void ClientConnection::abortSocket()
{
    // QAbstractSocket::abort() reports disconnected() synchronously; that
    // is this object's own doing, not the server closing.
    const bool finishing = std::exchange(m_finishing, true);
    m_socket->abort();
    m_finishing = finishing;
}

void ClientConnection::stopTimers()
{
    m_connectTimer.stop();
    m_pingTimer.stop();
    m_deadTimer.stop();
    m_helloTimer.stop();
    m_reconnectTimer.stop();
    m_promptTimer.stop();
}

QString ClientConnection::secondsText(int ms) const
{
    if (ms % 1000 == 0)
        return QString::number(ms / 1000);
    return QString::number(ms / 1000.0, 'g', 3);
}
