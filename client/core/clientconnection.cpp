// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "clientconnection.h"


#include "clientlogging.h"
#include "connectattempt.h"
#include "heartbeat.h"
#include "serverinput.h"

#include <QSslConfiguration>
#include <QSslSocket>

#include <algorithm>

ClientConnection::ClientConnection(QObject *parent)
    : QObject(parent)
    , m_socket(new QSslSocket(this))
    , m_attempt(new ConnectAttempt(m_socket, this))
    , m_heartbeat(new Heartbeat(this))
    , m_close(new GracefulClose(m_socket, this))
    // Children, so that they move with the connection to its thread.
    , m_helloTimer(this)
    , m_reconnectTimer(this)
    , m_promptTimer(this)
{
    m_socket->setReadBufferSize(kReadBufferSize);
    connect(m_attempt, &ConnectAttempt::opened, this, &ClientConnection::establish);
    connect(m_attempt, &ConnectAttempt::failed, this, [this](const QString &message) { finish(message, true); });
    connect(m_socket, &QSslSocket::disconnected, this, &ClientConnection::onSocketDisconnected);
    connect(m_socket, &QSslSocket::readyRead, this, &ClientConnection::onReadyRead);
    connect(m_socket, &QSslSocket::errorOccurred, this, &ClientConnection::onSocketError);

    connect(m_heartbeat, &Heartbeat::pingDue, this, &ClientConnection::sendPing);
    connect(m_heartbeat, &Heartbeat::silent, this, &ClientConnection::onHeartbeatTimeout);
    m_helloTimer.setSingleShot(true);
    connect(&m_helloTimer, &QTimer::timeout, this, &ClientConnection::onHelloTimeout);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &ClientConnection::onReconnectTick);
    connect(m_close, &GracefulClose::abortNeeded, this, &ClientConnection::abortSocket);
    connect(m_close, &GracefulClose::finished, this, [this](qint64 unsent) {
        if (unsent > 0)
            Q_EMIT unsentBytes(unsent);
        Q_EMIT shutdownFinished(unsent);
    });
    m_promptTimer.setSingleShot(true);
    connect(&m_promptTimer, &QTimer::timeout, this, &ClientConnection::onPromptTimeout);
}

ClientConnection::~ClientConnection()
{
    // Quietly: nobody is listening any more.
    stopTimers();
    m_socket->disconnect(); // the attempt's and the close's too
    m_socket->abort();
}

qint64 ClientConnection::queuedBytes() const
{
    return GracefulClose::queuedBytes(m_socket);
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
        const qint64 unsent = queuedBytes() + m_passwordExchange.heldBytes();
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
    else if (const QString why = m_passwordExchange.problem(m_framing); !why.isEmpty())
        problem = tr("Could not connect to %1: %2").arg(peerLabel(), why);
    if (!problem.isEmpty()) {
        m_lastError = problem;
        setState(State::Disconnected);
        Q_EMIT errorOccurred(m_lastError);
        return;
    }
    startAttempt();
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
    m_passwordExchange.reset();
    m_counters = {};
    qCDebug(lcClient) << "connecting to" << peerLabel() << Protocol::framingName(m_framing)
                      << (tlsEnabled() ? "TLS" : "plain");
    setState(State::Connecting);
    if (m_state != State::Connecting)
        return; // a slot of stateChanged() ended the attempt
    QString problem = m_passwordExchange.problem(m_framing);
    if (problem.isEmpty())
        problem = m_attempt->start(m_host, m_port, peerLabel());
    if (!problem.isEmpty())
        finish(tr("Could not connect to %1: %2").arg(peerLabel(), problem), true);
}

void ClientConnection::establish()
{
    m_attempt->stop();
    m_reconnect.established();
    m_lastError.clear();
    // With a password, nothing but the magic goes out before the server
    // has said whether it wants the password (frames: its hello's tag 2;
    // lines: its prompt as its first line); texts are held until then.
    m_passwordExchange.begin();
    if (m_codec->framing() == Protocol::Framing::Frames) {
        writeBytes(m_codec->preamble());
        m_heartbeat->watch();
        // Also bounds the wait for the server's hello before ours.
        m_helloTimer.start(m_helloTimeoutMs);
        if (!m_passwordExchange.isAwaitingPrompt())
            sendHello(false);
    } else if (m_passwordExchange.isAwaitingPrompt()) {
        m_promptTimer.start(m_helloTimeoutMs);
    }
    if (tlsEnabled())
        qCInfo(lcClient).noquote() << "connected to" << peerLabel() << "with" << m_attempt->tlsVersion()
                                   << "certificate SHA-256" << m_attempt->peerFingerprint();
    else
        qCInfo(lcClient).noquote() << "connected to" << peerLabel();
    setState(State::Connected);
    if (m_state == State::Connected)
        Q_EMIT connected();
}

void ClientConnection::sendHello(bool withPassword)
{
    // The password in the hello's field (never logged: the hello is not).
    const QByteArray password = withPassword ? m_passwordExchange.password().toUtf8() : QByteArray();
    writeBytes(m_codec->encode(Message::makeHello(m_name, Protocol::kVersion, password)));
    // Pings only after the hello: the server takes no other frame first.
    m_heartbeat->startPinging();
}

void ClientConnection::onPromptTimeout()
{
    if (m_state != State::Connected || !m_passwordExchange.isAwaitingPrompt())
        return;
    endPasswordPhase(false,
                     tr("the server did not ask for it within %1 s").arg(Protocol::secondsText(m_helloTimeoutMs)));
}

void ClientConnection::endPasswordPhase(bool sendPassword, const QString &reasonNotSent)
{
    m_promptTimer.stop();
    const quint64 generation = m_generation;
    m_passwordExchange.end();
    // Frames: our hello, with the password or without it. Lines: the
    // password as the first line. Not through sendText(): no
    // messageSent(), nothing logged.
    if (m_codec->framing() == Protocol::Framing::Frames)
        sendHello(sendPassword);
    else if (sendPassword)
        writeBytes(m_codec->encode(Message::makeText(m_passwordExchange.password())));
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
    const QList<Outgoing> held = m_passwordExchange.takeHeld();
    for (const Outgoing &outgoing : held) {
        if (m_generation != generation || m_state != State::Connected || !m_codec)
            return;
        writeOutgoing(outgoing);
    }
}

bool ClientConnection::holdsTexts() const
{
    return m_passwordExchange.isAwaitingPrompt()
        || (m_codec && m_codec->framing() == Protocol::Framing::Frames && !m_helloReceived);
}

void ClientConnection::onSocketError()
{
    m_close->noteError();
    const QString qtReason = m_socket->errorString();
    qCDebug(lcClient) << "socket error" << m_socket->error() << qtReason << "in state" << m_state;
    if (m_state == State::Connecting) {
        finish(m_attempt->failure(qtReason), true);
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
    m_heartbeat->heard();

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
        const ServerInput::LineNotice notice = ServerInput::lineNotice(message.text);
        if (notice.isDisconnect)
            m_serverCloseReason = notice.text;
        m_welcomed = m_welcomed || notice.isWelcome;
        passwordPrompt = notice.isPasswordPrompt;
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
    if (m_passwordExchange.isAwaitingPrompt() && m_generation == generation
        && m_state == State::Connected) {
        endPasswordPhase(passwordPrompt, m_codec->framing() == Protocol::Framing::Frames
                                             ? tr("the server's hello did not ask for it")
                                             : tr("the server did not ask for it first"));
    } else if (message.type == Message::Type::Hello && m_generation == generation && m_state == State::Connected
               && m_passwordExchange.hasHeld()) {
        flushHeld(); // texts typed before the hello showed a frames server
    }
}

void ClientConnection::onHelloTimeout()
{
    if (m_state != State::Connected || m_helloReceived)
        return;
    finish(tr("Connection to %1 closed: the server did not say hello within %2 s")
               .arg(peerLabel(), Protocol::secondsText(m_helloTimeoutMs)),
           true);
}

void ClientConnection::onHeartbeatTimeout()
{
    if (m_state != State::Connected)
        return;
    // Input waiting behind the read gate: the server is alive, the client
    // is what is busy.
    if (m_socket->bytesAvailable() > 0) {
        m_heartbeat->watch();
        return;
    }
    finish(tr("Connection to %1 closed: no reply from the server for %2 s")
               .arg(peerLabel(), Protocol::secondsText(m_heartbeat->timeout())),
           true);
}

void ClientConnection::sendPing()
{
    if (m_state != State::Connected)
        return;
    writeMessage(Message::makePing(m_heartbeat->nextPingData()));
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
        if (const QString reason = m_passwordExchange.hold(std::move(outgoing), m_maxUnsent); !reason.isEmpty()) {
            Q_EMIT sendFailed(reason);
            return false;
        }
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
    if (const qint64 held = m_passwordExchange.heldBytes(); held > 0) {
        qCWarning(lcClient) << held << "bytes not sent: still held for the server's hello or prompt";
        Q_EMIT unsentBytes(held);
        notSent = m_passwordExchange.takeHeldTexts();
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
    if (m_close->isActive())
        return;
    m_close->begin();
    disconnectFromHost(); // also cancels a connect attempt or a countdown
    m_close->wait();
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
    const qint64 unsent = queuedBytes() + m_passwordExchange.heldBytes();
    m_passwordExchange.takeHeld();
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
    unsent += m_passwordExchange.heldBytes();
    const QStringList notSent = m_passwordExchange.takeHeldTexts();
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
    m_attempt->stop();
    m_heartbeat->stop();
    m_helloTimer.stop();
    m_reconnectTimer.stop();
    m_promptTimer.stop();
}

