// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// What the engine's network threads share: one ServerCore per thread, the
// Router every send goes through (which also gives client ids), the client
// count, the global buffer budget, and how many clients are
// congested anywhere (flow control is global: a relay feeds every client on
// every thread). Everything here is atomic, set once before the threads
// start, or behind a mutex. A ServerCore on its own makes a group of one.
#pragma once

#include "accesspolicy.h"
#include "addressbuckets.h"
#include "bufferbudget.h"
#include "framingcensus.h"
#include "localrouter.h"
#include "nameregistry.h"

#include <QList>
#include <QMutex>

#include <atomic>
#include <memory>

class ServerCore;
class TlsContext;

class ServerGroup
{
public:
    explicit ServerGroup(qint64 maxBuffered)
        : m_budget(maxBuffered)
        , m_router(std::make_unique<LocalRouter>(this))
    {
    }

    BufferBudget &budget() { return m_budget; }
    AccessPolicy &access() { return m_access; }
    // Joins announced per address (Presence), and the clients' names.
    AddressBuckets &presenceRate() { return m_presenceRate; }
    NameRegistry &names() { return m_names; }
    // Which framings the group's connections speak: what a batch is encoded in.
    FramingCensus &framings() { return m_framings; }

    // Set once, before any core runs on its thread.
    void setCores(const QList<ServerCore *> &cores) { m_cores = cores; m_coreCount = int(cores.size()); }
    int coreCount() const { return m_coreCount; }
    // Calls f(core) for every core of the group but self, to post it work;
    // after close(), for none, so that no core posts to one being deleted.
    template<typename F>
    void forEachOther(const ServerCore *self, F f)
    {
        QMutexLocker lock(&m_mutex);
        for (ServerCore *core : std::as_const(m_cores)) {
            if (core != self)
                f(core);
        }
    }
    // The core that takes the n-th accepted connection (round robin).
    ServerCore *coreAt(int n)
    {
        QMutexLocker lock(&m_mutex);
        return m_cores.isEmpty() ? nullptr : m_cores.at(n % m_cores.size());
    }
    void close()
    {
        QMutexLocker lock(&m_mutex);
        m_cores.clear();
    }

    // Where every send goes (router.h). Replaced only before any core runs
    // (a test double, or a federation around the LocalRouter).
    Router &router() { return *m_router; }
    void setRouter(std::unique_ptr<Router> router) { m_router = std::move(router); }
    // Every core resumes the readers flow control paused, if it now allows
    // (the router is no longer backed up). Any thread.
    void resumeReaders();
    // The TLS context new connections use (null: no TLS), set by the
    // listening core's start() before it accepts.
    void setTls(std::shared_ptr<const TlsContext> tls)
    {
        QMutexLocker lock(&m_mutex);
        m_tls = std::move(tls);
    }
    std::shared_ptr<const TlsContext> tls()
    {
        QMutexLocker lock(&m_mutex);
        return m_tls;
    }

    // Counts a client in, unless that would pass max.
    bool tryAddClient(int max)
    {
        if (m_clients.fetch_add(1, std::memory_order_relaxed) < max)
            return true;
        m_clients.fetch_sub(1, std::memory_order_relaxed);
        return false;
    }
    void removeClient() { m_clients.fetch_sub(1, std::memory_order_relaxed); }
    int clientCount() const { return m_clients.load(std::memory_order_relaxed); }

    // Returns the number of congested clients after the change.
    int addCongested(int delta) { return m_congested.fetch_add(delta, std::memory_order_acq_rel) + delta; }
    int congestedCount() const { return m_congested.load(std::memory_order_acquire); }

private:
    BufferBudget m_budget;
    AccessPolicy m_access;
    AddressBuckets m_presenceRate;
    NameRegistry m_names;
    FramingCensus m_framings;
    std::unique_ptr<Router> m_router;
    QMutex m_mutex;
    QList<ServerCore *> m_cores;
    std::shared_ptr<const TlsContext> m_tls;
    int m_coreCount = 0;
    std::atomic<int> m_clients { 0 };
    std::atomic<int> m_congested { 0 };
};
