// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The one seam every message the engine sends goes through: relayed, echoed
// and shown client texts, the server's broadcasts and direct sends, join and
// leave notices, and kicks. A network thread's ServerCore decides what to
// send (it builds the batch, already encoded: outboundbatch.h) and hands a
// Delivery to the group's Router; the Router decides who receives it.
//
// LocalRouter (localrouter.h) delivers to the clients of this process's
// network threads. A federation (docs/architecture.md, "Plug points") wraps
// it: what is routed here also goes to the other instances, and what they
// send comes in through deliverFromElsewhere(). The tests put a recording
// double here (tests/server/tst_router.cpp).
//
// Threads: route() runs on the calling core's thread; deliverFromElsewhere()
// on any thread. An implementation that reaches another core's clients
// posts to that core (ServerCore::deliver() runs on its own thread).
#pragma once

#include "outboundbatch.h"

#include <QList>

class ServerCore;

class Router
{
public:
    enum class Path {
        Relay,     // a client's texts to every other client
        Echo,      // a client's texts back to it (as the server's)
        Show,      // a client's texts to no client: the server only shows them
        Broadcast, // a server text to every client
        Direct,    // a server text to the clients in `to`, as a direct notice
        Presence,  // a join or leave notice to every client but `from`
        Kick,      // closes the clients in `to`, banning their addresses for banMinutes
    };

    struct Delivery
    {
        Delivery(Path path = Path::Broadcast, BatchRef batch = {}, quint32 from = 0, QList<quint32> to = {},
                 int banMinutes = 0)
            : path(path), batch(std::move(batch)), from(from), to(std::move(to)), banMinutes(banMinutes)
        {
        }

        Path path;
        // What is sent, encoded once for every recipient; null for a kick.
        BatchRef batch;
        // The client it comes from or is about (0: the server). Ids are
        // unique across every instance the router reaches (newClientId()).
        quint32 from;
        // Echo, Direct and Kick: the clients it is for.
        QList<quint32> to;
        int banMinutes;
    };

    virtual ~Router() = default;

    // Routes what a core of this process sends. origin is that core: the
    // clients it serves get the delivery at once, on its thread.
    virtual void route(const Delivery &delivery, ServerCore *origin) = 0;
    // The entry for deliveries from elsewhere (another instance): they reach
    // this process's clients and are not routed on.
    virtual void deliverFromElsewhere(const Delivery &delivery) = 0;
    // A client id no other client has, here or anywhere this router reaches.
    virtual quint32 newClientId() = 0;
    // Back-pressure beyond local sessions: true while consumers this router
    // feeds outside this process cannot take more. Relay readers pause
    // meanwhile, as they do for a congested local client; when it ends the
    // router calls ServerGroup::resumeReaders(). Any thread may ask.
    virtual bool isBackedUp() const = 0;
    // Clients this router reaches outside this process (a federation's
    // other instances): join and leave notices count them against
    // --presence-limit. Any thread.
    virtual int remoteClientCount() const { return 0; }

    static const char *pathName(Path path);
};
