#include "servercontroller.h"

#include "eventlog.h"
#include "logwriter.h"
#include "servercore.h"

#include <QTimer>

ServerController::ServerController(const ServerOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_core(new ServerCore(options))
    , m_log(new EventLog(Protocol::kDefaultLogLines, this))
{
    m_address = m_core->listenAddressText();
    m_thread.setObjectName(QStringLiteral("network"));
    m_core->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_core, &QObject::deleteLater);

    connect(m_core, &ServerCore::listeningChanged, this, &ServerController::onListeningChanged);
    connect(m_core, &ServerCore::listenFailed, this, &ServerController::listenFailed);
    connect(m_core, &ServerCore::snapshotReady, this, &ServerController::onSnapshot);
    connect(m_core->log(), &EventLog::eventsAppended, m_log, &EventLog::appendEvents);
    m_thread.start();
}

ServerController::~ServerController()
{
    m_thread.quit();
    m_thread.wait();
}

void ServerController::attachLogWriter(LogWriter *writer)
{
    writer->attach(m_core->log());
}

void ServerController::pushOptions()
{
    QMetaObject::invokeMethod(m_core, [core = m_core, o = m_options] { core->setOptions(o); },
                              Qt::QueuedConnection);
}

void ServerController::start()
{
    pushOptions();
    QMetaObject::invokeMethod(m_core, &ServerCore::start, Qt::QueuedConnection);
}

void ServerController::stop()
{
    QMetaObject::invokeMethod(m_core, &ServerCore::stop, Qt::QueuedConnection);
}

void ServerController::setPort(quint16 port)
{
    m_options.port = port;
    pushOptions();
}

void ServerController::setBind(const QString &bind)
{
    m_options.bind = bind;
    pushOptions();
}

void ServerController::setMode(ServerOptions::Mode mode)
{
    m_options.mode = mode;
    pushOptions();
}

void ServerController::setFramingSetting(ServerOptions::FramingSetting framing)
{
    m_options.framing = framing;
    pushOptions();
}

void ServerController::setWelcomeText(const QString &text)
{
    m_options.welcomeText = text;
    pushOptions();
}

void ServerController::setMaxMessageSize(qsizetype max)
{
    m_options.maxMessageSize = max;
    pushOptions();
}

bool ServerController::checkOutgoing(const QString &text)
{
    const QString error = ServerCore::outgoingError(text, m_options.maxMessageSize);
    if (error.isEmpty())
        return true;
    if (!text.isEmpty()) {
        // Logged by the engine, so that a --log file has it too.
        QMetaObject::invokeMethod(m_core->log(), [log = m_core->log(), error] { log->append(error); },
                                  Qt::QueuedConnection);
    }
    return false;
}

bool ServerController::sendToAll(const QString &text)
{
    if (!checkOutgoing(text))
        return false;
    QMetaObject::invokeMethod(m_core, [core = m_core, text] { core->sendToAll(text); }, Qt::QueuedConnection);
    return true;
}

bool ServerController::sendTo(const QList<quint32> &ids, const QString &text)
{
    if (ids.isEmpty() || !checkOutgoing(text))
        return false;
    QMetaObject::invokeMethod(m_core, [core = m_core, ids, text] { core->sendTo(ids, text); },
                              Qt::QueuedConnection);
    return true;
}

void ServerController::disconnectClients(const QList<quint32> &ids)
{
    QMetaObject::invokeMethod(m_core, [core = m_core, ids] { core->disconnectClients(ids); },
                              Qt::QueuedConnection);
}

void ServerController::shutDown()
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    // On the network thread: stop, then report once every connection has
    // closed. The deadline bounds a peer that never reads its goodbye.
    QMetaObject::invokeMethod(m_core, [core = m_core, this] {
        connect(core, &ServerCore::allConnectionsClosed, this, &ServerController::finishShutDown,
                Qt::QueuedConnection);
        core->stop();
    }, Qt::QueuedConnection);
    QTimer::singleShot(kShutdownFlushMs, this, &ServerController::finishShutDown);
}

void ServerController::finishShutDown()
{
    if (m_shutDownDone)
        return;
    m_shutDownDone = true;
    // The engine's last snapshot and log batch are queued to this thread
    // before the reply, so they arrive first.
    QMetaObject::invokeMethod(m_core, [core = m_core, this] {
        core->publishSnapshot();
        core->log()->flush();
        QMetaObject::invokeMethod(this, &ServerController::shutDownFinished, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void ServerController::onListeningChanged(bool listening, const QString &address, quint16 port)
{
    m_listening = listening;
    m_address = address;
    m_port = port;
    Q_EMIT listeningChanged(listening);
}

void ServerController::onSnapshot(const ServerSnapshot &snapshot)
{
    m_snapshot.clientCount = snapshot.clientCount;
    m_snapshot.connectionCount = snapshot.connectionCount;
    m_snapshot.stats = snapshot.stats;
    Q_EMIT snapshotReady(snapshot);
}
