// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The Router of one process: it delivers to the clients of the group's
// network threads, at once to the origin core's and by a queued call to the
// others'. Client ids come from one counter shared by the threads. Nothing
// is routed beyond this process, so it is never backed up.
#pragma once

#include "router.h"

#include <atomic>

class ServerGroup;

class LocalRouter : public Router
{
public:
    explicit LocalRouter(ServerGroup *group) : m_group(group) { }

    void route(const Delivery &delivery, ServerCore *origin) override;
    void deliverFromElsewhere(const Delivery &delivery) override { route(delivery, nullptr); }
    quint32 newClientId() override { return m_nextId.fetch_add(1, std::memory_order_relaxed); }
    bool isBackedUp() const override { return false; }

private:
    ServerGroup *m_group;
    std::atomic<quint32> m_nextId { 1 };
};
