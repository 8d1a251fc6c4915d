#include "clientsession.h"

#include "hostport.h"

#include "serverlogging.h"

#include <QHostAddress>
#include <QTcpSocket>

ClientSession::ClientSession(quint32 id, QTcpSocket *socket, const Config &config, QObject *parent)
    : QObject(parent)
    , m_id(id)
    , m_socket(socket)
    , m_config(config)
    , m_address(formatAddress(socket->peerAddress(), socket->peerPort()))
    , m_connectedSince(QDateTime::currentDateTime())
{
    m_socket->setParent(this);
    m_graceTimer.setSingleShot(true);
    m_closeTimer.setSingleShot(true);
    connect(&m_graceTimer, &QTimer::timeout, this, &ClientSession::onGraceTimeout);
    connect(&m_closeTimer, &QTimer::timeout, this, [this] {
        qCDebug(lcServer) << "session" << m_id << "did not close in time; aborting";
        m_socket->abort();
        releaseWhenClosed();
    });
}

ClientSession::~ClientSession() = default;

void ClientSession::start()
{
    connect(m_socket, &QTcpSocket::readyRead, this, &ClientSession::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &ClientSession::onDisconnected);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &ClientSession::onErrorOccurred);
    if (m_config.framing)
        setFraming(*m_config.framing);
    else
        m_graceTimer.start(qMax(0, m_config.framingGraceMs));
    if (m_socket->bytesAvailable() > 0)
        onReadyRead();
    if (m_socket->state() != QAbstractSocket::ConnectedState && !m_finished)
        finish(closedByClientReason());
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
    i.connectedSince = m_connectedSince;
    i.messagesIn = m_messagesIn;
    i.messagesOut = m_messagesOut;
    i.bytesIn = m_bytesIn;
    i.bytesOut = m_bytesOut;
    return i;
}

qsizetype ClientSession::bytesToWrite() const
{
    return m_socket->bytesToWrite();
}

QString ClientSession::closedByClientReason()
{
    return tr("connection closed by the client");
}

QString ClientSession::formatAddress(const QHostAddress &address, quint16 port)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return hostPort(isV4 ? QHostAddress(v4).toString() : address.toString(), port);
}

void ClientSession::send(const Message &message)
{
    EncodedMessage encoded(message);
    send(encoded);
}

void ClientSession::send(const EncodedMessage &message)
{
    if (m_finished)
        return;
    if (!m_codec) {
        // Nothing goes out before the framing is known. Count what it will
        // cost on the wire in whichever framing it turns out to be.
        m_queue.append(message);
        m_queuedBytes += message.largestEncodedSize();
        if (m_queuedBytes > m_config.maxOutboundQueue)
            abort(tr("slow consumer: more than %1 bytes queued").arg(m_config.maxOutboundQueue));
        return;
    }
    sendEncoded(message);
}

void ClientSession::sendEncoded(const EncodedMessage &message)
{
    const Protocol::Framing framing = m_codec->framing();
    const QByteArray &bytes = message.bytes(framing);
    if (bytes.isEmpty())
        return;
    // The receiver checks each line (prefix included) or each frame payload
    // against M: anything larger would make it drop the connection.
    const qsizetype size = message.checkedSize(framing);
    if (size > m_config.maxMessageSize) {
        qCDebug(lcServer) << "session" << m_id << "not sending" << size << "bytes in"
                          << Protocol::framingName(framing);
        if (message.markRefused(framing))
            Q_EMIT notSent(this, message.message(), framing, size, m_config.maxMessageSize);
        return;
    }
    writeBytes(bytes, 1);
}

void ClientSession::writeBytes(const QByteArray &bytes, int messages)
{
    m_socket->write(bytes);
    m_bytesOut += quint64(bytes.size());
    m_messagesOut += quint64(messages);
    if (!m_finished && m_socket->bytesToWrite() > m_config.maxOutboundQueue)
        abort(tr("slow consumer: more than %1 bytes queued").arg(m_config.maxOutboundQueue));
}

void ClientSession::close(const QString &reason, const QString &noticeText)
{
    if (m_finished)
        return;
    m_closing = true;
    m_goodbyeText = noticeText.isEmpty() ? reason : noticeText;
    m_queue.clear();
    finish(reason);
    if (m_codec)
        sendGoodbyeAndClose();
    // else: the goodbye goes out once the framing is known (grace timer).
    m_closeTimer.start(kCloseTimeoutMs);
}

void ClientSession::abort(const QString &reason)
{
    if (m_finished)
        return;
    m_queue.clear();
    finish(reason);
    m_graceTimer.stop();
    m_socket->abort();
    releaseWhenClosed();
}

void ClientSession::sendGoodbyeAndClose()
{
    if (m_goodbyeSent)
        return;
    m_goodbyeSent = true;
    if (m_socket->state() == QAbstractSocket::ConnectedState) {
        const QByteArray bye = m_codec->encode(
            Message::makeNotice(Message::NoticeKind::Disconnect, m_goodbyeText, m_id));
        m_socket->write(bye);
        m_bytesOut += quint64(bye.size());
        m_socket->disconnectFromHost();
    }
    releaseWhenClosed();
}

void ClientSession::releaseWhenClosed()
{
    if (m_socket->state() == QAbstractSocket::UnconnectedState) {
        m_closeTimer.stop();
        m_graceTimer.stop();
        deleteLater();
    }
}

void ClientSession::finish(const QString &reason)
{
    if (m_finished)
        return;
    m_finished = true;
    qCDebug(lcServer) << "session" << m_id << "finished:" << reason;
    Q_EMIT finished(this, reason);
}

void ClientSession::onReadyRead()
{
    const QByteArray data = m_socket->readAll();
    if (data.isEmpty())
        return;
    if (m_finished) {
        // Closing: only the framing matters now, to say goodbye in it.
        if (!m_codec) {
            m_detectBuffer.append(data);
            const Protocol::Detection d = Protocol::detectFraming(m_detectBuffer);
            if (d != Protocol::Detection::NeedMore)
                setFraming(d == Protocol::Detection::Frames ? Protocol::Framing::Frames
                                                            : Protocol::Framing::Lines);
        }
        return;
    }
    m_bytesIn += quint64(data.size());
    if (!m_codec) {
        m_detectBuffer.append(data);
        const Protocol::Detection d = Protocol::detectFraming(m_detectBuffer);
        if (d == Protocol::Detection::NeedMore) {
            Q_EMIT activity(this);
            return;
        }
        setFraming(d == Protocol::Detection::Frames ? Protocol::Framing::Frames
                                                    : Protocol::Framing::Lines);
        return; // setFraming fed the buffered bytes
    }
    feed(data);
}

void ClientSession::onGraceTimeout()
{
    if (!m_codec)
        setFraming(Protocol::Framing::Lines);
}

void ClientSession::setFraming(Protocol::Framing framing)
{
    m_graceTimer.stop();
    m_codec = Codec::create(framing, m_config.maxMessageSize);
    qCDebug(lcServer) << "session" << m_id << "speaks" << Protocol::framingName(framing);

    QByteArray greeting = m_codec->preamble();
    int messages = 0;
    if (framing == Protocol::Framing::Frames) {
        greeting += m_codec->encode(
            Message::makeHello(QString::fromLatin1(kServerName), Protocol::kVersion));
        ++messages;
    }
    if (m_closing) {
        if (!greeting.isEmpty() && m_socket->state() == QAbstractSocket::ConnectedState) {
            m_socket->write(greeting);
            m_bytesOut += quint64(greeting.size());
        }
        sendGoodbyeAndClose();
        return;
    }
    if (!m_config.welcomeText.isEmpty()) {
        QString text = m_config.welcomeText;
        if (text.contains(QLatin1String("%1")))
            text = text.arg(m_id);
        greeting += m_codec->encode(Message::makeNotice(Message::NoticeKind::Welcome, text, m_id));
        ++messages;
    }
    if (!greeting.isEmpty())
        writeBytes(greeting, messages);

    Q_EMIT framingKnown(this);

    // What was queued while the framing was unknown, in this framing.
    const QList<EncodedMessage> queued = std::exchange(m_queue, {});
    m_queuedBytes = 0;
    for (const EncodedMessage &m : queued) {
        if (m_finished)
            break;
        sendEncoded(m);
    }

    const QByteArray buffered = std::exchange(m_detectBuffer, {});
    if (!buffered.isEmpty() && !m_finished)
        feed(buffered);
}

void ClientSession::feed(QByteArrayView bytes)
{
    QList<Message> messages;
    const bool ok = m_codec->decode(bytes, messages);
    if (!messages.isEmpty()) {
        m_messagesIn += quint64(messages.size());
        // Hand over what arrived whole first: answering a ping may trip the
        // slow-consumer limit and end the session, and that must not lose
        // the messages that came before it.
        Q_EMIT messagesReceived(this, messages);
        for (const Message &m : std::as_const(messages)) {
            if (m_finished)
                break;
            if (m.type == Message::Type::Ping) {
                const QByteArray pong = m_codec->encode(Message::makePong(m.data));
                if (!pong.isEmpty())
                    writeBytes(pong, 1);
            }
        }
    }
    Q_EMIT activity(this);
    if (!ok && !m_finished) {
        const QString reason = m_codec->error().description;
        qCInfo(lcServer) << "session" << m_id << "codec error:"
                         << CodecError::codeName(m_codec->error().code) << reason;
        close(reason);
    }
}

void ClientSession::onDisconnected()
{
    if (!m_finished)
        finish(closedByClientReason());
    releaseWhenClosed();
}

void ClientSession::onErrorOccurred(QAbstractSocket::SocketError error)
{
    qCDebug(lcServer) << "session" << m_id << "socket error" << error << m_socket->errorString();
    if (!m_finished) {
        // Qt reports a reset (ECONNRESET) as RemoteHostClosedError too, after
        // it has closed the descriptor, so a reset cannot be told from a
        // clean close: both read "connection closed by the client".
        const QString reason = error == QAbstractSocket::RemoteHostClosedError
            ? closedByClientReason()
            : m_socket->errorString();
        finish(reason);
        if (error != QAbstractSocket::RemoteHostClosedError)
            m_socket->abort();
    }
    releaseWhenClosed();
}
