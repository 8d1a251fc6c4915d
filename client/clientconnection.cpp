#include "clientconnection.h"

#include "hostport.h"

#include "clientlogging.h"

#include <QTcpSocket>

ClientConnection::ClientConnection(QObject *parent)
    : QObject(parent)
    , m_socket(new QTcpSocket(this))
{
    connect(m_socket, &QTcpSocket::connected, this, &ClientConnection::onSocketConnected);
    connect(m_socket, &QTcpSocket::disconnected, this, &ClientConnection::onSocketDisconnected);
    connect(m_socket, &QTcpSocket::readyRead, this, &ClientConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &ClientConnection::onSocketError);

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
    connect(m_socket, &QTcpSocket::stateChanged, this, &ClientConnection::onSocketStateChanged);
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
        m_reconnectAttempt = 0;
        setState(State::Disconnected);
    }
}

void ClientConnection::setReconnectBaseDelay(int ms)
{
    m_reconnectBaseMs = qMax(1, ms);
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
        const qint64 unsent = m_socket->bytesToWrite();
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
    m_reconnectAttempt = 0;
    m_lastError.clear();
    if (m_host.isEmpty()) {
        m_lastError = tr("Could not connect: no host given");
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
    m_clientId = 0;
    m_helloReceived = false;
    qCDebug(lcClient) << "connecting to" << peerLabel() << Protocol::framingName(m_framing);
    setState(State::Connecting);
    m_connectTimer.start(m_connectTimeoutMs);
    m_socket->connectToHost(m_host, m_port);
}

void ClientConnection::onSocketConnected()
{
    if (m_state != State::Connecting)
        return;
    m_connectTimer.stop();
    m_reconnectAttempt = 0;
    m_lastError.clear();
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    // A server host that vanishes is found by the kernel's probes even in
    // lines mode, which has no heartbeat.
    m_socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    if (m_codec->framing() == Protocol::Framing::Frames) {
        m_socket->write(m_codec->preamble());
        m_socket->write(m_codec->encode(Message::makeHello(m_name, Protocol::kVersion)));
        m_pingTimer.start(m_heartbeatIntervalMs);
        m_deadTimer.start(m_heartbeatTimeoutMs);
        m_helloTimer.start(m_helloTimeoutMs);
    }
    qCInfo(lcClient) << "connected to" << peerLabel();
    setState(State::Connected);
    if (m_state == State::Connected)
        Q_EMIT connected();
}

void ClientConnection::onSocketError()
{
    if (m_shuttingDown)
        m_shutdownLost = qMax(m_shutdownLost, m_socket->bytesToWrite());
    const QString qtReason = m_socket->errorString();
    qCDebug(lcClient) << "socket error" << m_socket->error() << qtReason << "in state" << m_state;
    if (m_state == State::Connecting) {
        finish(tr("Could not connect to %1: %2").arg(peerLabel(), qtReason), true);
    } else if (m_state == State::Connected) {
        // Handle whatever arrived before the error first.
        const quint64 generation = m_generation;
        if (m_socket->bytesAvailable() > 0)
            onReadyRead();
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
    const quint64 generation = m_generation;
    // A chunk at a time: a flood of tiny frames (pings) decodes into a
    // bounded list, and every answer is checked against the unsent cap.
    while (m_socket->bytesAvailable() > 0) {
        const QByteArray data = m_socket->read(kReadChunkSize);
        if (data.isEmpty())
            return;
        if (m_deadTimer.isActive())
            m_deadTimer.start(m_heartbeatTimeoutMs);

        QList<Message> messages;
        const bool ok = m_codec->decode(data, messages);
        for (const Message &message : std::as_const(messages)) {
            handleMessage(message);
            if (m_generation != generation || m_state != State::Connected)
                return; // a slot, or a rule broken, ended the connection
        }
        if (!ok) {
            finish(tr("Connection to %1 closed: %2").arg(peerLabel(), m_codec->error().description), true);
            return;
        }
    }
}

bool ClientConnection::checkHelloOrder(const Message &message)
{
    if (m_codec->framing() != Protocol::Framing::Frames)
        return true;
    const bool hello = message.type == Message::Type::Hello;
    if (m_helloReceived && !hello)
        return true;
    QString reason;
    if (m_helloReceived) {
        reason = tr("the server sent a second hello");
    } else if (!hello) {
        const char *type = "unknown";
        switch (message.type) {
        case Message::Type::Text: type = "text"; break;
        case Message::Type::Notice: type = "notice"; break;
        case Message::Type::Ping: type = "ping"; break;
        case Message::Type::Pong: type = "pong"; break;
        case Message::Type::Hello: break;
        }
        reason = tr("the server sent a %1 frame before its hello").arg(QLatin1String(type));
    } else {
        m_helloReceived = true;
        m_helloTimer.stop();
        return true;
    }
    finish(tr("Connection to %1 closed: %2").arg(peerLabel(), reason), true);
    return false;
}

bool ClientConnection::checkUnsent()
{
    if (m_state != State::Connected || m_socket->bytesToWrite() <= m_maxUnsent)
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
        if (message.noticeKind == Message::NoticeKind::Welcome)
            m_clientId = message.senderId;
        else if (message.noticeKind == Message::NoticeKind::Disconnect)
            m_serverCloseReason = message.text;
        break;
    case Message::Type::Text:
        break;
    }
    Q_EMIT messageReceived(message);
}

void ClientConnection::onConnectTimeout()
{
    if (m_state != State::Connecting)
        return;
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
    if (m_socket->write(bytes) != bytes.size())
        return false;
    return checkUnsent();
}

bool ClientConnection::sendText(const QString &text)
{
    if (m_state != State::Connected || !m_codec) {
        Q_EMIT sendFailed(tr("Not connected: the message was not sent"));
        return false;
    }
    const QByteArray bytes = m_codec->encode(Message::makeText(text));
    const qsizetype size = m_codec->checkedSize(bytes);
    if (size > m_maxMessageSize) {
        const QString reason = tr("Message of %1 bytes exceeds the maximum of %2 bytes: not sent")
                                   .arg(QString::number(size), QString::number(m_maxMessageSize));
        qCWarning(lcClient) << reason;
        Q_EMIT sendFailed(reason);
        return false;
    }
    m_socket->write(bytes);
    if (!checkUnsent())
        return false; // closed: the server does not read what it is sent
    Q_EMIT messageSent(text);
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
    m_reconnectAttempt = 0;
    // State first: a graceful close with nothing queued reports
    // disconnected() synchronously, which must not look like the server's.
    setState(State::Disconnected);
    m_socket->disconnectFromHost();
    qCInfo(lcClient) << "disconnected by the user";
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
    qCDebug(lcClient) << "shutdown: waiting for" << m_socket->bytesToWrite() << "queued bytes";
    m_shutdownTimer.start(m_shutdownTimeoutMs);
}

void ClientConnection::onSocketStateChanged()
{
    // The graceful close of shutdown() is complete: everything was written
    // and the socket closed, or the socket failed with bytes still queued.
    if (m_shuttingDown && m_socket->state() == QAbstractSocket::UnconnectedState)
        endShutdown(qMax(m_shutdownLost, m_socket->bytesToWrite()));
}

void ClientConnection::onShutdownTimeout()
{
    if (!m_shuttingDown)
        return;
    const qint64 unsent = m_socket->bytesToWrite();
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
    m_reconnectAttempt = 0;
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
    const qint64 unsent = m_socket->bytesToWrite();
    abortSocket();
    m_codec.reset();
    m_lastError.clear();
    m_reconnectAttempt = 0;
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
    if (m_socket->state() != QAbstractSocket::UnconnectedState || m_socket->bytesToWrite() > 0) {
        if (wasConnected)
            unsent = m_socket->bytesToWrite();
        m_socket->abort();
    }
    m_codec.reset();

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
    if (error && m_generation == generation)
        Q_EMIT errorOccurred(full);
    if (wasConnected && m_generation == generation)
        Q_EMIT disconnected(full);
    if (reconnect && m_generation == generation && m_state == State::WaitingToReconnect) {
        Q_EMIT reconnectScheduled(m_reconnectAttempt, m_countdown * m_reconnectBaseMs);
        if (m_generation == generation && m_state == State::WaitingToReconnect)
            Q_EMIT reconnectCountdown(m_countdown);
    }
}

void ClientConnection::scheduleReconnect()
{
    // 1, 2, 4 ... units, capped at kReconnectMaxDelayMs at the default base.
    constexpr int maxUnits = Protocol::kReconnectMaxDelayMs / Protocol::kReconnectInitialDelayMs;
    int units = 1;
    for (int i = 0; i < m_reconnectAttempt && units < maxUnits; ++i)
        units *= 2;
    units = qMin(units, maxUnits);
    ++m_reconnectAttempt;
    m_countdown = units;
    m_reconnectTimer.start(m_reconnectBaseMs);
    qCInfo(lcClient) << "reconnect attempt" << m_reconnectAttempt << "in" << units * m_reconnectBaseMs << "ms";
    setState(State::WaitingToReconnect);
}

void ClientConnection::onReconnectTick()
{
    if (m_state != State::WaitingToReconnect) {
        m_reconnectTimer.stop();
        return;
    }
    if (--m_countdown > 0) {
        Q_EMIT reconnectCountdown(m_countdown);
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
}

QString ClientConnection::secondsText(int ms) const
{
    if (ms % 1000 == 0)
        return QString::number(ms / 1000);
    return QString::number(ms / 1000.0, 'g', 3);
}
