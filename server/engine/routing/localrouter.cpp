// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "localrouter.h"

#include "crossthread.h"
#include "servercore.h"
#include "servergroup.h"

void LocalRouter::route(const Delivery &delivery, ServerCore *origin)
{
    if (delivery.path == Path::Show)
        return; // shown by the server, sent to no client
    if (delivery.path == Path::Echo) {
        if (origin)
            origin->deliver(delivery); // the sender is the origin's client
        return;
    }
    // Every other path may reach clients on every thread. A batch is
    // encoded before it is shared (OutboundBatch), so other threads only
    // read it.
    m_group->forEachOther(origin, [delivery](ServerCore *core) {
        CrossThread::post(core, [core, delivery] { core->deliver(delivery); });
    });
    if (origin)
        origin->deliver(delivery);
}
