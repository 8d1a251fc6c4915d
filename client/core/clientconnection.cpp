// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "clientconnection.h"

#include "certificatefingerprint.h"
#include "hostport.h"
#include "tlsprotocolname.h"
#include "utf8.h"

#include "clientlogging.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QSslSocket>

#include <algorithm>

namespace {

// A notice line, "* kind: text" or "* kind #N: text" (docs/protocol.md,
// section 3): its kind and text. False for any other line.
bool parseNoticeLine(const QString &line, QString *kind, QString *text)
{
    static const QRegularExpression notice(QStringLiteral("^\\* ([a-z]+)(?: #[0-9]+)?: (.*)$"),
                                           QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch match = notice.match(line);
    if (!match.hasMatch())
        return false;
    *kind = match.captured(1);
    *text = match.captured(2);
    return true;
}

} // namespace

ClientConnection::ClientConnection(QObject *parent)
    : QObject(parent)
    , m_socket(new QSslSocket(this))
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

bool ClientConnection::setTlsPinnedFingerprint(const QString &fingerprint)
{
    m_tlsPin = CertificateFingerprint::normalized(fingerprint);
    return !m_tlsPin.isEmpty() || fingerprint.trimmed().isEmpty();
}

QList<QSslCertificate> ClientConnection::readCaFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("cannot read the CA file %1: %2").arg(path, file.errorString());
        return {};
    }
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (certificates.isEmpty())
        *error = tr("the CA file %1 holds no PEM certificate").arg(path);
    return certificates;
}

void ClientConnection::setTlsCaFile(const QString &path)
{
    m_tlsCaFile = path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
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
        m_quickAttempts = 0;
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
    m_reconnectAttempt = 0;
    m_quickAttempts = 0;
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
    m_serverRestarting = false;
    m_welcomed = false;
    m_clientId = 0;
    m_helloReceived = false;
    m_peerFingerprint.clear();
    m_tlsVersion.clear();
    m_rejectedFingerprint.clear();
    m_rejectedReason.clear();
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
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (problem.isEmpty() && m_tlsEnabled) {
        if (!QSslSocket::supportsSsl()) {
            problem = tr("TLS is not available: this Qt has no TLS backend");
        } else if (!m_tlsCaFile.isEmpty()) {
            // The file's certificates replace the system CAs (and switch
            // off their loading on demand).
            const QList<QSslCertificate> cas = readCaFile(m_tlsCaFile, &problem);
            if (!cas.isEmpty())
                tls.setCaCertificates(cas);
        }
    }
    if (!problem.isEmpty()) {
        finish(tr("Could not connect to %1: %2").arg(peerLabel(), problem), true);
        return;
    }
    if (m_tlsEnabled) {
        tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
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
    const QString seen = CertificateFingerprint::of(certificate);
    QStringList reasons;
    if (!m_tlsPin.isEmpty()) {
        if (seen == m_tlsPin) {
            // The very certificate the user pinned (or chose to trust): its
            // chain does not matter.
            qCInfo(lcClient).noquote() << "accepting the pinned certificate of" << peerLabel() << seen;
            m_socket->ignoreSslErrors(errors);
            return;
        }
        reasons << tr("the certificate does not match the pinned fingerprint %1").arg(m_tlsPin);
    } else {
        for (const QSslError &error : errors) {
            QString reason;
            switch (error.error()) {
            case QSslError::SelfSignedCertificate:
                reason = tr("the certificate is self-signed and not trusted");
                break;
            case QSslError::SelfSignedCertificateInChain:
                reason = tr("the certificate chain ends in a self-signed certificate that is not trusted");
                break;
            default:
                reason = error.errorString();
                break;
            }
            if (!reasons.contains(reason))
                reasons << reason;
        }
    }
    // Not ignored: the handshake fails next, and onSocketError() reports it
    // with these reasons.
    reject(seen, reasons);
}

void ClientConnection::reject(const QString &fingerprint, const QStringList &reasons)
{
    m_rejectedFingerprint = fingerprint;
    m_rejectedReason = reasons.join(QLatin1String("; "));
    qCDebug(lcClient).noquote() << "certificate of" << peerLabel() << fingerprint << "refused:" << m_rejectedReason;
}

QString ClientConnection::rejectionText() const
{
    if (m_rejectedFingerprint.isEmpty())
        return tr("TLS: %1").arg(m_rejectedReason);
    return tr("TLS: %1 (SHA-256 %2)").arg(m_rejectedReason, m_rejectedFingerprint);
}

void ClientConnection::onEncrypted()
{
    if (m_state != State::Connecting)
        return;
    const QString seen = CertificateFingerprint::of(m_socket->peerCertificate());
    if (!m_tlsPin.isEmpty() && seen != m_tlsPin) {
        // The chain verified, but this is not the pinned certificate.
        reject(seen, {tr("the certificate does not match the pinned fingerprint %1").arg(m_tlsPin)});
        finish(tr("Could not connect to %1: %2").arg(peerLabel(), rejectionText()), true);
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
    m_attemptsBeforeConnect = m_reconnectAttempt;
    m_reconnectAttempt = 0;
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
        texts.append(outgoing.text);
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
        if (!m_rejectedReason.isEmpty())
            reason = rejectionText(); // the certificate, and why
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
        finish(tr("Connection to %1 closed: %2").arg(peerLabel(), decodeFailure(data)), true);
        return false;
    }
    return true;
}

QString ClientConnection::decodeFailure(const QByteArray &chunk) const
{
    const CodecError &error = m_codec->error();
    if (error.code != CodecError::Code::BadMagic)
        return error.description;
    // A frames client whose server opened with a line of text: a line
    // server (socket-server forced to lines, or any text service). What it
    // said is quoted when it is printable text; an HTTP server the codec
    // has named already.
    qsizetype end = chunk.indexOf('\n');
    if (end < 0)
        end = chunk.size();
    const QByteArray line = chunk.first(end).chopped(end > 0 && chunk.at(end - 1) == '\r' ? 1 : 0);
    bool invalid = false;
    QString text = Utf8::decode(line, &invalid);
    const bool printable = !invalid && !text.isEmpty()
        && std::none_of(text.cbegin(), text.cend(), [](QChar c) { return c.category() == QChar::Other_Control; });
    if (!printable || line.startsWith("HTTP/"))
        return error.description;
    constexpr qsizetype kQuoted = 60;
    if (text.size() > kQuoted)
        text = text.left(kQuoted - 1) + QChar(0x2026);
    return tr("%1: the server answered in lines (“%2”): choose Framing: Lines").arg(error.description, text);
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
        if (parseNoticeLine(message.text, &kind, &text)) {
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
    const QByteArray wire = m_codec->encode(Message::makeText(text));
    return queueOutgoing({text, text.toUtf8(), wire});
}

bool ClientConnection::sendBytes(const QByteArray &bytes, LineEnding ending)
{
    if (!canSend())
        return false;
    QByteArray wire;
    if (m_codec->framing() == Protocol::Framing::Frames) {
        Message message = Message::makeText(QString());
        message.utf8 = bytes.isNull() ? QByteArray("") : bytes; // encoders take utf8 as it is
        wire = m_codec->encode(message);
    } else {
        wire.reserve(bytes.size() + 2);
        wire.append(bytes);
        if (ending == LineEnding::CrLf)
            wire.append("\r\n");
        else if (ending == LineEnding::Lf)
            wire.append('\n');
    }
    bool invalid = false;
    QString text = Utf8::decode(bytes, &invalid);
    return queueOutgoing({std::move(text), bytes, std::move(wire)});
}

bool ClientConnection::queueOutgoing(Outgoing outgoing)
{
    const qsizetype size = m_codec->checkedSize(outgoing.wire);
    if (size > m_maxMessageSize) {
        const QString reason = tr("Message of %1 bytes exceeds the maximum of %2 bytes: not sent")
                                   .arg(QString::number(size), QString::number(m_maxMessageSize));
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
    Q_EMIT messageSent(outgoing.text, outgoing.body);
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
    m_quickAttempts = 0;
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
    m_reconnectAttempt = 0;
    m_quickAttempts = 0;
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
    m_reconnectAttempt = 0;
    m_quickAttempts = 0;
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
    // welcome (a wrong password, a ban, a lockout) does not get a new
    // attempt every second: such a connection does not reset the backoff.
    // Every other one does (establish() did), and one the server ended
    // because it stopped listening is tried again soon.
    if (wasConnected) {
        m_serverRestarting = m_serverCloseReason == QLatin1String(Protocol::kServerStoppedReason);
        if (!m_serverCloseReason.isEmpty() && !m_welcomed && !m_serverRestarting)
            m_reconnectAttempt = m_attemptsBeforeConnect;
        else
            m_quickAttempts = 0;
    }

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
        Q_EMIT reconnectScheduled(m_reconnectAttempt, m_reconnectDelayMs);
        if (m_generation == generation && m_state == State::WaitingToReconnect)
            Q_EMIT reconnectCountdown(m_countdown);
    }
}

void ClientConnection::scheduleReconnect()
{
    int delayMs = 0;
    if (std::exchange(m_serverRestarting, false)) {
        // Back soon, most likely: a fraction of the base, not the schedule.
        ++m_quickAttempts;
        delayMs = qMax(1, m_reconnectBaseMs / kRestartDelayDivisor);
    } else {
        // 1, 2, 4 ... units, capped at kReconnectMaxDelayMs at the default base.
        constexpr int maxUnits = Protocol::kReconnectMaxDelayMs / Protocol::kReconnectInitialDelayMs;
        const int exponent = qMax(0, m_reconnectAttempt - m_quickAttempts);
        int units = 1;
        for (int i = 0; i < exponent && units < maxUnits; ++i)
            units *= 2;
        delayMs = qMin(units, maxUnits) * m_reconnectBaseMs;
    }
    // Jitter: up to a fifth off, never more than the cap.
    if (const int spread = delayMs / kReconnectJitterDivisor; spread > 0)
        delayMs -= int(QRandomGenerator::global()->bounded(spread));
    ++m_reconnectAttempt;
    m_reconnectDelayMs = delayMs;
    // Whole base units are counted down; the part of one comes first.
    m_countdown = (delayMs + m_reconnectBaseMs - 1) / m_reconnectBaseMs;
    m_reconnectTimer.start(delayMs - (m_countdown - 1) * m_reconnectBaseMs);
    qCInfo(lcClient) << "reconnect attempt" << m_reconnectAttempt << "in" << delayMs << "ms";
    setState(State::WaitingToReconnect);
}

void ClientConnection::onReconnectTick()
{
    if (m_state != State::WaitingToReconnect) {
        m_reconnectTimer.stop();
        return;
    }
    if (--m_countdown > 0) {
        m_reconnectTimer.start(m_reconnectBaseMs);
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
    m_promptTimer.stop();
}

QString ClientConnection::secondsText(int ms) const
{
    if (ms % 1000 == 0)
        return QString::number(ms / 1000);
    return QString::number(ms / 1000.0, 'g', 3);
}
