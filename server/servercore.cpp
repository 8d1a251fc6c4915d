#include "servercore.h"

#include "hostport.h"
#include "linecodec.h"

#include "clientsession.h"
#include "encodedmessage.h"
#include "eventlog.h"
#include "serverlogging.h"

#include <QTcpServer>
#include <QTcpSocket>

ServerCore::ServerCore(const ServerOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_log(new EventLog(Protocol::kDefaultLogLines, this))
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &ServerCore::onNewConnection);
    m_changeTimer.setSingleShot(true);
    m_changeTimer.setInterval(kChangeIntervalMs);
    connect(&m_changeTimer, &QTimer::timeout, this, &ServerCore::clientsChanged);
}

ServerCore::~ServerCore()
{
    // Sessions are children; make sure none reports into a half-destroyed core.
    for (ClientSession *s : std::as_const(m_sessions))
        s->disconnect(this);
}

QHostAddress ServerCore::bindAddress(const QString &bind)
{
    const QString b = bind.trimmed();
    if (b.isEmpty() || b.compare(QLatin1String("any"), Qt::CaseInsensitive) == 0)
        return QHostAddress(QHostAddress::Any);
    if (b.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return QHostAddress(QHostAddress::LocalHost);
    QHostAddress a;
    if (!a.setAddress(b))
        return {};
    return a;
}

static QString hostText(const QHostAddress &address)
{
    if (address == QHostAddress(QHostAddress::Any) || address == QHostAddress(QHostAddress::AnyIPv4))
        return QStringLiteral("0.0.0.0");
    return address.toString();
}

QString ServerCore::listenAddressText() const
{
    if (m_server->isListening())
        return hostPort(hostText(m_server->serverAddress()), m_server->serverPort());
    const QHostAddress a = bindAddress(m_options.bind);
    return hostPort(a.isNull() ? m_options.bind : hostText(a), m_options.port);
}

bool ServerCore::start()
{
    if (m_server->isListening())
        return true;
    const QHostAddress address = bindAddress(m_options.bind);
    if (address.isNull()) {
        m_errorString = tr("%1 is not a valid address").arg(m_options.bind);
    } else if (m_server->listen(address, m_options.port)) {
        m_errorString.clear();
        m_log->append(tr("Listening on %1").arg(listenAddressText()));
        qCDebug(lcServer) << "listening on" << listenAddressText();
        Q_EMIT listeningChanged(true);
        return true;
    } else {
        m_errorString = m_server->errorString();
    }
    const QString message = tr("Could not listen on %1: %2").arg(listenAddressText(), m_errorString);
    m_log->append(message);
    qCWarning(lcServer).noquote() << message;
    Q_EMIT listenFailed(message);
    return false;
}

void ServerCore::stop()
{
    const bool was = m_server->isListening();
    m_server->close();
    const QList<ClientSession *> sessions = m_sessions.values();
    for (ClientSession *s : sessions)
        s->close(tr("server stopped listening"));
    if (was) {
        m_log->append(tr("Stopped listening"));
        Q_EMIT listeningChanged(false);
    }
}

int ServerCore::connectionCount() const
{
    return int(findChildren<ClientSession *>(QString(), Qt::FindDirectChildrenOnly).size());
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

void ServerCore::setMode(ServerOptions::Mode mode)
{
    if (m_options.mode == mode)
        return;
    m_options.mode = mode;
    m_log->append(tr("Client messages: %1").arg(ServerOptions::modeName(mode)));
}

QList<ClientInfo> ServerCore::clients() const
{
    QList<ClientInfo> out;
    out.reserve(m_sessions.size());
    for (const ClientSession *s : m_sessions)
        out.append(s->info());
    return out;
}

void ServerCore::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        ClientSession::Config config;
        switch (m_options.framing) {
        case ServerOptions::FramingSetting::Auto: break;
        case ServerOptions::FramingSetting::Lines: config.framing = Protocol::Framing::Lines; break;
        case ServerOptions::FramingSetting::Frames: config.framing = Protocol::Framing::Frames; break;
        }
        config.framingGraceMs = m_options.framingGraceMs;
        config.maxMessageSize = m_options.maxMessageSize;
        config.maxOutboundQueue = m_options.maxOutboundQueue;
        config.welcomeText = m_options.welcomeText;

        if (m_sessions.size() >= m_options.maxClients) {
            // Not a client: no id. It still hears why, in its own framing.
            auto *refused = new ClientSession(0, socket, config, this);
            m_log->append(tr("Refused a connection from %1: server full (%2 clients)")
                              .arg(refused->address())
                              .arg(m_options.maxClients));
            refused->close(tr("server full (%1 clients)").arg(m_options.maxClients));
            refused->start();
            continue;
        }

        const quint32 id = m_nextId++;
        auto *session = new ClientSession(id, socket, config, this);
        m_sessions.insert(id, session);
        connect(session, &ClientSession::framingKnown, this, &ServerCore::onFramingKnown);
        connect(session, &ClientSession::messagesReceived, this, &ServerCore::onMessages);
        connect(session, &ClientSession::finished, this, &ServerCore::onFinished);
        connect(session, &ClientSession::activity, this, &ServerCore::markChanged);
        connect(session, &ClientSession::notSent, this, &ServerCore::onNotSent);
        qCDebug(lcServer) << "client" << id << "from" << session->address();
        Q_EMIT clientConnected(id);
        Q_EMIT clientCountChanged(clientCount());
        markChanged();
        session->start();
    }
}

void ServerCore::onFramingKnown(ClientSession *session)
{
    m_log->append(tr("#%1 connected from %2 (%3)")
                      .arg(session->id())
                      .arg(session->address(),
                           QString::fromLatin1(Protocol::framingName(session->framing()))));
    markChanged();
}

QString ServerCore::who(const ClientSession *session) const
{
    return LineCodec::senderLabel(session->id(), session->name());
}

QString ServerCore::sanitizeName(const QString &name)
{
    QString out = name;
    for (QChar &c : out) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            c = u' ';
    }
    return out.trimmed();
}

void ServerCore::onMessages(ClientSession *session, const QList<Message> &messages)
{
    QList<Message> texts;
    // Relay recipients, gathered once per batch. Sending can end a session
    // (slow consumer), which removes it from m_sessions, so the map is not
    // iterated while sending; an ended session ignores send().
    QList<ClientSession *> recipients;
    bool recipientsKnown = false;
    const QString invalid = tr(" [invalid UTF-8 replaced]");
    for (const Message &m : messages) {
        switch (m.type) {
        case Message::Type::Hello: {
            const QString name = sanitizeName(m.name);
            if (name != session->name()) {
                session->setName(name);
                if (!name.isEmpty())
                    m_log->append(tr("#%1 is %2").arg(session->id()).arg(name));
            }
            break;
        }
        case Message::Type::Text: {
            QString line = tr("%1 (%2): %3").arg(who(session), session->address(), m.text);
            if (m.invalidUtf8)
                line += invalid;
            m_log->append(line);
            texts.append(m);
            if (m_options.mode == ServerOptions::Mode::Echo) {
                session->send(Message::makeText(m.text));
            } else if (m_options.mode == ServerOptions::Mode::Relay) {
                if (!recipientsKnown) {
                    recipients = m_sessions.values();
                    recipientsKnown = true;
                }
                relay(session, m, recipients);
            }
            break;
        }
        case Message::Type::Notice: {
            QString line = tr("%1 (%2) notice: %3").arg(who(session), session->address(), m.text);
            if (m.invalidUtf8)
                line += invalid;
            m_log->append(line);
            break;
        }
        case Message::Type::Ping: // answered by the session
        case Message::Type::Pong:
            break;
        }
    }
    if (!texts.isEmpty())
        Q_EMIT messagesReceived(session->id(), texts);
    markChanged();
}

void ServerCore::relay(ClientSession *from, const Message &message,
                       const QList<ClientSession *> &recipients)
{
    const EncodedMessage out(Message::makeText(message.text, from->id(), from->name()));
    for (ClientSession *s : recipients) {
        if (s != from)
            s->send(out); // a no-op once s has ended
    }
}

void ServerCore::onNotSent(ClientSession *, const Message &message, Protocol::Framing framing,
                           qsizetype size, qsizetype max)
{
    const QString framingName = QString::fromLatin1(Protocol::framingName(framing));
    if (message.senderId != 0) {
        m_log->append(tr("%1's message (%2 bytes) was not relayed to %3 clients: over the %4-byte maximum")
                          .arg(LineCodec::senderLabel(message.senderId, message.name))
                          .arg(size)
                          .arg(framingName)
                          .arg(max));
    } else {
        m_log->append(tr("A server message (%1 bytes) was not sent to %2 clients: over the %3-byte maximum")
                          .arg(size)
                          .arg(framingName)
                          .arg(max));
    }
}

void ServerCore::onFinished(ClientSession *session, const QString &reason)
{
    const quint32 id = session->id();
    if (m_sessions.value(id) != session)
        return;
    m_sessions.remove(id);
    session->disconnect(this);
    m_log->append(tr("%1 left: %2").arg(who(session), reason));
    Q_EMIT clientLeft(id, reason);
    Q_EMIT clientCountChanged(clientCount());
    markChanged();
}

void ServerCore::markChanged()
{
    if (!m_changeTimer.isActive())
        m_changeTimer.start();
}

bool ServerCore::checkOutgoing(const QString &text, const EncodedMessage &encoded)
{
    if (text.isEmpty())
        return false;
    // What a receiver checks: a frame's payload (5 bytes of sender field
    // included), or a line. Refused when either framing would exceed M.
    const qsizetype size = encoded.largestCheckedSize();
    if (size > m_options.maxMessageSize) {
        m_log->append(tr("Not sent: the message is %1 bytes encoded, more than the maximum of %2 bytes")
                          .arg(size)
                          .arg(m_options.maxMessageSize));
        return false;
    }
    return true;
}

bool ServerCore::sendToAll(const QString &text)
{
    const EncodedMessage out(Message::makeText(text));
    if (!checkOutgoing(text, out))
        return false;
    m_log->append(tr("To all (%1): %2").arg(clientCount()).arg(text));
    const QList<ClientSession *> sessions = m_sessions.values();
    for (ClientSession *s : sessions)
        s->send(out);
    markChanged();
    return true;
}

bool ServerCore::sendTo(const QList<quint32> &ids, const QString &text)
{
    const EncodedMessage out(Message::makeText(text));
    if (!checkOutgoing(text, out))
        return false;
    QStringList names;
    QList<ClientSession *> targets;
    for (quint32 id : ids) {
        if (ClientSession *s = m_sessions.value(id)) {
            targets.append(s);
            names.append(QStringLiteral("#%1").arg(id));
        }
    }
    if (targets.isEmpty()) {
        m_log->append(tr("Not sent: no client selected"));
        return false;
    }
    m_log->append(tr("To %1: %2").arg(names.join(QStringLiteral(", ")), text));
    for (ClientSession *s : std::as_const(targets))
        s->send(out);
    markChanged();
    return true;
}

void ServerCore::disconnectClients(const QList<quint32> &ids)
{
    for (quint32 id : ids) {
        if (ClientSession *s = m_sessions.value(id))
            s->close(tr("kicked"), tr("kicked by the server"));
    }
}
