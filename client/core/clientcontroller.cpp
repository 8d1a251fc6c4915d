// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "clientcontroller.h"

#include "connectionreporter.h"
#include "eventlog.h"
#include "hostport.h"
#include "receivebacklog.h"

#include <QFileInfo>

ClientController::ClientController(QObject *parent)
    : QObject(parent)
    , m_log(new EventLog(Protocol::kDefaultLogLines, this))
    , m_backlog(new ReceiveBacklog(m_log, this))
    , m_thread(std::make_unique<QThread>())
    , m_reporter(new ConnectionReporter(m_backlog))
{
    qRegisterMetaType<ClientStatus>();
    m_thread->setObjectName(QStringLiteral("client network"));
    ClientConnection *c = m_reporter->connection();
    // Queued: emitted on the network thread, in order, each after the
    // reporter's status and batch.
    connect(m_reporter, &ConnectionReporter::statusChanged, this, [this](const ClientStatus &status) {
        // Taken before the connection carried out the window's last
        // command: what that command made of the state stands.
        if (status.commandSeq < m_commandSeq)
            return;
        m_status = status;
        Q_EMIT statusUpdated();
    });
    connect(m_reporter, &ConnectionReporter::eventsReceived, this, &ClientController::onEventsReceived);
    connect(m_reporter, &ConnectionReporter::textsNotSent, this, &ClientController::textsNotSent);
    connect(c, &ClientConnection::stateChanged, this, &ClientController::stateChanged);
    connect(c, &ClientConnection::connected, this, &ClientController::connected);
    connect(c, &ClientConnection::disconnected, this, &ClientController::disconnected);
    connect(c, &ClientConnection::errorOccurred, this, &ClientController::errorOccurred);
    connect(c, &ClientConnection::messageSent, this, &ClientController::messageSent);
    connect(c, &ClientConnection::sendFailed, this, &ClientController::sendFailed);
    connect(c, &ClientConnection::textsNotSent, this, &ClientController::textsNotSent);
    connect(c, &ClientConnection::unsentBytes, this, &ClientController::unsentBytes);
    connect(c, &ClientConnection::reconnectScheduled, this, &ClientController::reconnectScheduled);
    connect(c, &ClientConnection::reconnectCountdown, this, &ClientController::reconnectCountdown);
    connect(c, &ClientConnection::shutdownFinished, this, &ClientController::shutdownFinished);
    connect(c, &ClientConnection::passwordSent, this, &ClientController::passwordSent);
    connect(c, &ClientConnection::passwordNotSent, this, &ClientController::passwordNotSent);
    // Reading held by the gate goes on once the log or the writer caught up.
    connect(m_backlog, &ReceiveBacklog::mayReadAgain, c, &ClientConnection::retryRead, Qt::QueuedConnection);

    m_reporter->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, m_reporter, &QObject::deleteLater);
    m_thread->start();
}

ClientController::~ClientController()
{
    // The reporter and its connection are deleted on their thread as it
    // finishes.
    m_thread->quit();
    m_thread->wait();
}

QString ClientController::peerLabel() const
{
    return hostPort(m_status.host, m_status.port);
}

void ClientController::post(std::function<void(ClientConnection *)> f)
{
    ConnectionReporter *reporter = m_reporter;
    QMetaObject::invokeMethod(reporter, [reporter, seq = m_commandSeq, f = std::move(f)] {
        reporter->setCommandSeq(seq);
        f(reporter->connection());
    }, Qt::QueuedConnection);
}

void ClientController::command(std::function<void(ClientConnection *)> f, State expected)
{
    ++m_commandSeq;
    post(std::move(f));
    // Shown at once, as the connection will make it (a connect that fails
    // at once reports so next).
    if (expected == State::Connecting) {
        ClientStatus fresh;
        fresh.host = m_status.host;
        fresh.port = m_status.port;
        m_status = fresh;
    }
    m_status.commandSeq = m_commandSeq;
    m_status.state = expected;
    m_status.lastError.clear();
    m_status.reconnectRemaining = 0;
    Q_EMIT statusUpdated();
}

void ClientController::onEventsReceived(const QList<LogEvent> &events)
{
    m_log->appendEvents(events);
    m_backlog->delivered(LogEvent::cost(events));
    Q_EMIT eventsReceived(events);
}

void ClientController::setFraming(Protocol::Framing framing)
{
    m_framing = framing;
    post([framing](ClientConnection *c) { c->setFraming(framing); });
}

void ClientController::setName(const QString &name)
{
    m_name = name;
    post([name](ClientConnection *c) { c->setName(name); });
}

void ClientController::setMaxMessageSize(qsizetype bytes)
{
    m_maxMessageSize = qMax<qsizetype>(1, bytes);
    post([bytes](ClientConnection *c) { c->setMaxMessageSize(bytes); });
}

void ClientController::setConnectTimeout(int ms)
{
    post([ms](ClientConnection *c) { c->setConnectTimeout(ms); });
}

void ClientController::setHelloTimeout(int ms)
{
    post([ms](ClientConnection *c) { c->setHelloTimeout(ms); });
}

void ClientController::setMaxUnsent(qint64 bytes)
{
    post([bytes](ClientConnection *c) { c->setMaxUnsent(bytes); });
}

void ClientController::setHeartbeatInterval(int ms)
{
    post([ms](ClientConnection *c) { c->setHeartbeatInterval(ms); });
}

void ClientController::setHeartbeatTimeout(int ms)
{
    post([ms](ClientConnection *c) { c->setHeartbeatTimeout(ms); });
}

void ClientController::setAutoReconnect(bool enabled)
{
    m_autoReconnect = enabled;
    post([enabled](ClientConnection *c) { c->setAutoReconnect(enabled); });
}

void ClientController::setReconnectBaseDelay(int ms)
{
    m_reconnectBaseMs = qMax(1, ms);
    post([ms](ClientConnection *c) { c->setReconnectBaseDelay(ms); });
}

void ClientController::setShutdownTimeout(int ms)
{
    m_shutdownTimeoutMs = qMax(1, ms);
    post([ms](ClientConnection *c) { c->setShutdownTimeout(ms); });
}

void ClientController::setTlsEnabled(bool enabled)
{
    m_tlsEnabled = enabled;
    post([enabled](ClientConnection *c) { c->setTlsEnabled(enabled); });
}

void ClientController::setTlsCaFile(const QString &path)
{
    // Made absolute here, against the folder the program runs in now.
    m_tlsCaFile = path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
    post([path = m_tlsCaFile](ClientConnection *c) { c->setTlsCaFile(path); });
}

void ClientController::setTlsPinnedFingerprint(const QString &fingerprint)
{
    post([fingerprint](ClientConnection *c) { c->setTlsPinnedFingerprint(fingerprint); });
}

void ClientController::setPassword(const QString &password)
{
    post([password](ClientConnection *c) { c->setPassword(password); });
}

void ClientController::connectToHost(const QString &host, quint16 port)
{
    m_status.host = host.trimmed();
    m_status.port = port;
    command([host, port](ClientConnection *c) { c->connectToHost(host, port); }, State::Connecting);
}

void ClientController::disconnectFromHost()
{
    if (state() != State::Disconnected)
        command([](ClientConnection *c) { c->disconnectFromHost(); }, State::Disconnected);
}

void ClientController::abort()
{
    if (state() != State::Disconnected)
        command([](ClientConnection *c) { c->abort(); }, State::Disconnected);
}

void ClientController::shutdown()
{
    command([](ClientConnection *c) { c->shutdown(); }, State::Disconnected);
}

void ClientController::refreshStatus()
{
    QMetaObject::invokeMethod(m_reporter, &ConnectionReporter::reportStatus, Qt::QueuedConnection);
}

bool ClientController::mayTake(const std::function<OutgoingMessage(const Codec &)> &make)
{
    if (!isConnected()) {
        Q_EMIT sendFailed(ClientConnection::tr("Not connected: the message was not sent"));
        return false;
    }
    const std::unique_ptr<Codec> codec = Codec::create(m_framing, m_maxMessageSize);
    if (const QString reason = make(*codec).sizeProblem(*codec, m_maxMessageSize); !reason.isEmpty()) {
        Q_EMIT sendFailed(reason);
        return false;
    }
    return true;
}

bool ClientController::sendText(const QString &text)
{
    if (!mayTake([&text](const Codec &codec) { return OutgoingMessage::text(codec, text); }))
        return false;
    ConnectionReporter *reporter = m_reporter;
    QMetaObject::invokeMethod(reporter, [reporter, text] { reporter->sendText(text); }, Qt::QueuedConnection);
    return true;
}

bool ClientController::sendBytes(const QByteArray &bytes, LineEnding ending)
{
    if (!mayTake([&bytes, ending](const Codec &codec) { return OutgoingMessage::bytes(codec, bytes, ending); }))
        return false;
    ConnectionReporter *reporter = m_reporter;
    QMetaObject::invokeMethod(reporter, [reporter, bytes, ending] { reporter->sendBytes(bytes, ending); },
                              Qt::QueuedConnection);
    return true;
}
