// The server without any widget: the listening socket, the client sessions,
// routing (show / echo / relay) and the limits. It logs to its EventLog and
// reports client-list changes coalesced (clientsChanged() at most once per
// batch interval), so a view never does work per message.
#pragma once

#include "clientinfo.h"
#include "message.h"
#include "serveroptions.h"

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QMap>
#include <QObject>
#include <QTimer>

class ClientSession;
class EncodedMessage;
class EventLog;
class QTcpServer;

class ServerCore : public QObject
{
    Q_OBJECT

public:
    // How often coalesced client-list changes are reported (about 30 Hz).
    static constexpr int kChangeIntervalMs = 33;

    explicit ServerCore(const ServerOptions &options = {}, QObject *parent = nullptr);
    ~ServerCore() override;

    EventLog *log() const { return m_log; }
    const ServerOptions &options() const { return m_options; }

    // Listening.
    // Starts listening on options().bind / options().port. Returns false,
    // logs and emits listenFailed() with Qt's reason on failure.
    bool start();
    // Stops accepting and closes every client gracefully.
    void stop();
    bool isListening() const;
    quint16 serverPort() const;
    QHostAddress serverAddress() const;
    // "0.0.0.0:8000" for Any, "[::1]:8000" for IPv6.
    QString listenAddressText() const;
    QString errorString() const { return m_errorString; }

    // Settings; port and bind apply at the next start(), framing and the
    // limits to new connections, mode at once.
    void setPort(quint16 port) { m_options.port = port; }
    void setBind(const QString &bind) { m_options.bind = bind; }
    void setMode(ServerOptions::Mode mode);
    void setFramingSetting(ServerOptions::FramingSetting framing) { m_options.framing = framing; }
    void setWelcomeText(const QString &text) { m_options.welcomeText = text; }
    void setMaxClients(int max) { m_options.maxClients = max; }
    void setMaxMessageSize(qsizetype max) { m_options.maxMessageSize = max; }
    void setMaxOutboundQueue(qsizetype max) { m_options.maxOutboundQueue = max; }
    void setFramingGraceMs(int ms) { m_options.framingGraceMs = ms; }

    // Clients.
    int clientCount() const { return int(m_sessions.size()); }
    QList<quint32> clientIds() const { return m_sessions.keys(); }
    // Snapshots ordered by id.
    QList<ClientInfo> clients() const;
    bool hasClient(quint32 id) const { return m_sessions.contains(id); }
    // Connections still open, including those closing or refused (not clients
    // any more, but still flushing a goodbye).
    int connectionCount() const;

    // Sending a server text (sender id 0). Returns false (and logs why) when
    // the text is empty or its encoded form (a frame's payload, or its
    // longest line) is larger than the maximum message size.
    bool sendToAll(const QString &text);
    bool sendTo(const QList<quint32> &ids, const QString &text);
    // Kicks clients with a Disconnect notice.
    void disconnectClients(const QList<quint32> &ids);

    // Resolves a bind choice; a null address means it is not valid.
    static QHostAddress bindAddress(const QString &bind);
    // A hello's name made safe for lines and the log: every control
    // character (U+0000..U+001F, U+007F) becomes a space, then it is trimmed.
    static QString sanitizeName(const QString &name);

Q_SIGNALS:
    void listeningChanged(bool listening);
    // The full message, e.g. "Could not listen on 0.0.0.0:8000: The bound address is already in use".
    void listenFailed(const QString &message);
    void clientConnected(quint32 id);
    void clientLeft(quint32 id, const QString &reason);
    void clientCountChanged(int count);
    // Coalesced: the client list or its counters changed since the last one.
    void clientsChanged();
    // Every text a client sends, in batches per read.
    void messagesReceived(quint32 id, const QList<Message> &messages);

private:
    void onNewConnection();
    void onFramingKnown(ClientSession *session);
    void onMessages(ClientSession *session, const QList<Message> &messages);
    void onFinished(ClientSession *session, const QString &reason);
    void markChanged();
    void onNotSent(ClientSession *session, const Message &message, Protocol::Framing framing,
                   qsizetype size, qsizetype max);
    void relay(ClientSession *from, const Message &message, const QList<ClientSession *> &recipients);
    bool checkOutgoing(const QString &text, const EncodedMessage &encoded);
    QString who(const ClientSession *session) const;

    ServerOptions m_options;
    EventLog *m_log;
    QTcpServer *m_server;
    QMap<quint32, ClientSession *> m_sessions;
    quint32 m_nextId = 1;
    QString m_errorString;
    QTimer m_changeTimer;
};
