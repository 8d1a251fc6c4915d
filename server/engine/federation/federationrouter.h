// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The Router of a federated instance (docs/federation.md): LocalRouter for
// this process's clients, plus the relay stream in Redis for every other
// instance's. What a core routes is delivered here at once and published
// (FederationLink, on a thread of its own); what other instances publish
// comes back through a core of this process (which encodes the batch) to
// the LocalRouter. Echo and Show stay here: they reach no other client.
//
// Client ids: the instance number Redis hands out (INCR) above
// FederationLink::kClientIdBits bits of this instance's own count, so ids
// are unique across the federation without a round trip per client.
#pragma once

#include "federationcounters.h"
#include "federationlink.h"
#include "localrouter.h"

#include <QMutex>
#include <QThread>

#include <atomic>
#include <memory>

class ServerGroup;

class FederationRouter : public Router
{
public:
    // A remote client, as the window's table shows it.
    struct RemoteClient
    {
        RelayEntry::Client client;
        QString instance;
    };

    FederationRouter(ServerGroup *group, FederationLink::Settings settings);
    ~FederationRouter() override;

    // Starts the federation thread and connects (once).
    void start();
    // From now on the link posts nothing to the cores (the controller calls
    // it before they end); it goes with this router, after them.
    void detach();

    void route(const Delivery &delivery, ServerCore *origin) override;
    void deliverFromElsewhere(const Delivery &delivery) override { m_local.deliverFromElsewhere(delivery); }
    quint32 newClientId() override;
    bool isBackedUp() const override;
    int remoteClientCount() const override { return m_remoteCount.load(std::memory_order_relaxed); }

    FederationStatus status() const { return m_counters.status(); }
    // This instance's clients, for the heartbeats (any thread).
    void setLocalClients(const QList<RelayEntry::Client> &clients);
    // The other instances' clients, and a number that changes with them.
    QList<RemoteClient> remoteClients(quint64 *version) const;

private:
    void deliverHere(const RelayEntry &entry);
    void logHere(const QString &text);

    ServerGroup *const m_group;
    LocalRouter m_local;
    const FederationLink::Settings m_settings;
    FederationCounters m_counters;
    QThread m_thread;
    FederationLink *m_link = nullptr; // lives on m_thread
    // Routed, not yet queued by the link: what isBackedUp() adds.
    static constexpr qint64 kEntryOverhead = 128;
    std::atomic<qint64> m_inTransit { 0 };
    std::atomic<int> m_remoteCount { 0 };
    std::atomic<quint32> m_prefix { 0 };
    std::atomic<quint32> m_nextId { 1 };
    QMutex m_postMutex; // a post to a core, against detach()
    bool m_detached = false;
    mutable QMutex m_mutex;
    QList<RemoteClient> m_remote;
    quint64 m_remoteVersion = 0;
};
