// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// What the engine tells a window, about 30 times a second at most: the
// listening state, the client rows that changed since the last snapshot,
// the ids that left, and the engine's counters. A window renders snapshots
// and never asks the engine anything synchronously.
#pragma once

#include "clientinfo.h"

#include <QList>
#include <QMetaType>
#include <QString>

struct ServerSnapshot
{
    struct Stats
    {
        quint64 messagesIn = 0;   // texts and notices from clients
        quint64 deliveries = 0;   // messages queued to recipients (one per recipient)
        quint64 bytesIn = 0;
        quint64 bytesOut = 0;
        quint64 slowConsumers = 0; // clients disconnected as slow consumers
        qint64 buffered = 0;       // bytes held against --max-buffered now
        qint64 bufferedPeak = 0;
        int pausedReaders = 0;     // connections not read now (flow control)
        int memoryTrims = 0;       // memory given back to the system (MemoryTrimmer)
        int tlsHandshakes = 0;     // TLS handshakes running now
        int tlsHandshakesWaiting = 0; // TLS connections waiting for their turn (--max-handshakes)
    };

    bool listening = false;
    QString listenAddress; // "0.0.0.0:8000", "[::1]:8000"
    quint16 port = 0;
    int clientCount = 0;
    int connectionCount = 0; // clients plus connections still closing
    // New or changed rows, ordered by id; ids that left.
    QList<ClientInfo> changed;
    QList<quint32> removed;
    Stats stats;

    // An address refused for a while (docs/security.md, "Kick and ban").
    struct Ban
    {
        QString address;
        qint64 untilMsecsSinceEpoch = 0;
        QString reason; // empty: a kick and ban
    };
    // Set when the bans changed (or one ended): bans is then every ban in
    // force, soonest to end first.
    bool bansChanged = false;
    QList<Ban> bans;
};

Q_DECLARE_METATYPE(ServerSnapshot)
