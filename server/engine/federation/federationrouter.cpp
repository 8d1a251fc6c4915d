// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "federationrouter.h"

#include "crossthread.h"
#include "servercore.h"
#include "servergroup.h"

FederationRouter::FederationRouter(ServerGroup *group, FederationLink::Settings settings)
    : m_group(group)
    , m_local(group)
    , m_settings(std::move(settings))
{
    m_thread.setObjectName(QStringLiteral("federation"));
}

FederationRouter::~FederationRouter()
{
    if (!m_link)
        return;
    // The link goes on its own thread, as the thread ends.
    FederationLink *link = m_link;
    QObject::connect(&m_thread, &QThread::finished, link, [link] { delete link; }, Qt::DirectConnection);
    CrossThread::release(&m_thread);
    m_thread.quit();
    m_thread.wait();
    CrossThread::acquire(&m_thread);
}

void FederationRouter::start()
{
    if (m_link)
        return;
    FederationLink::Hooks hooks;
    hooks.deliver = [this](const RelayEntry &entry) { deliverHere(entry); };
    hooks.log = [this](const QString &text) { logHere(text); };
    hooks.missedNotice = [this](quint64 missed) {
        RelayEntry notice;
        notice.path = Path::Broadcast;
        // A wire text: English, never translated.
        notice.messages = { Message::makeNotice(
            Message::NoticeKind::Info,
            QStringLiteral("%1 message batch(es) from other servers were missed").arg(missed)) };
        deliverHere(notice);
    };
    hooks.instanceNumber = [this](quint32 prefix) {
        m_prefix.store(prefix, std::memory_order_relaxed);
        logHere(QStringLiteral("Federation: instance number %1 (client ids from %2)")
                    .arg(prefix)
                    .arg(quint64(prefix) << FederationLink::kClientIdBits));
    };
    hooks.drained = [this] { m_group->resumeReaders(); };
    hooks.remoteClients = [this](const QList<RelayEntry::Client> &clients, const QStringList &instances) {
        QList<RemoteClient> remote;
        remote.reserve(clients.size());
        for (qsizetype i = 0; i < clients.size(); ++i)
            remote.append({ clients.at(i), instances.at(i) });
        m_remoteCount.store(int(remote.size()), std::memory_order_relaxed);
        QMutexLocker lock(&m_mutex);
        m_remote = std::move(remote);
        ++m_remoteVersion;
    };
    m_link = new FederationLink(m_settings, &m_counters, std::move(hooks));
    m_link->moveToThread(&m_thread);
    m_thread.start();
    FederationLink *link = m_link;
    CrossThread::post(link, [link] { link->start(); });
}

void FederationRouter::route(const Delivery &delivery, ServerCore *origin)
{
    m_local.route(delivery, origin);
    if (delivery.path == Path::Show || delivery.path == Path::Echo || !m_link)
        return;
    RelayEntry entry;
    entry.path = delivery.path;
    entry.from = delivery.from;
    entry.to = delivery.to;
    entry.banMinutes = delivery.banMinutes;
    if (delivery.batch)
        entry.messages = delivery.batch->messages();
    // Counted now, not when the link takes it: a core reading fast must
    // see the link backed up before its next read, not several reads later.
    const qint64 estimate = (delivery.batch ? delivery.batch->payloadSize() : 0) + kEntryOverhead;
    m_inTransit.fetch_add(estimate, std::memory_order_relaxed);
    FederationLink *link = m_link;
    CrossThread::post(link, [this, link, entry, estimate] {
        link->publish(entry);
        m_inTransit.fetch_sub(estimate, std::memory_order_relaxed);
    });
}

quint32 FederationRouter::newClientId()
{
    const quint32 mask = (quint32(1) << FederationLink::kClientIdBits) - 1;
    const quint32 n = m_nextId.fetch_add(1, std::memory_order_relaxed) & mask;
    return (m_prefix.load(std::memory_order_relaxed) << FederationLink::kClientIdBits) | (n ? n : 1);
}

bool FederationRouter::isBackedUp() const
{
    return m_counters.pendingBytes.load(std::memory_order_relaxed) + m_inTransit.load(std::memory_order_relaxed)
        > m_settings.maxPendingBytes;
}

void FederationRouter::setLocalClients(const QList<RelayEntry::Client> &clients)
{
    if (!m_link)
        return;
    FederationLink *link = m_link;
    CrossThread::post(link, [link, clients] { link->setClients(clients); });
}

QList<FederationRouter::RemoteClient> FederationRouter::remoteClients(quint64 *version) const
{
    QMutexLocker lock(&m_mutex);
    *version = m_remoteVersion;
    return m_remote;
}

void FederationRouter::detach()
{
    QMutexLocker lock(&m_postMutex);
    m_detached = true;
}

void FederationRouter::deliverHere(const RelayEntry &entry)
{
    // A core encodes the batch (in the framings its group speaks) and hands
    // it to this process's clients.
    QMutexLocker lock(&m_postMutex);
    ServerCore *core = m_detached ? nullptr : m_group->coreAt(0);
    if (!core)
        return;
    CrossThread::post(core, [this, core, entry] {
        BatchRef batch = entry.path == Path::Kick ? BatchRef() : core->makeBatch(entry.messages);
        m_local.deliverFromElsewhere({ entry.path, std::move(batch), entry.from, entry.to, entry.banMinutes });
    });
}

void FederationRouter::logHere(const QString &text)
{
    QMutexLocker lock(&m_postMutex);
    ServerCore *core = m_detached ? nullptr : m_group->coreAt(0);
    if (!core)
        return;
    CrossThread::post(core, [core, text] { core->logEvent(EngineEvent::Code::Line, { text }); });
}
