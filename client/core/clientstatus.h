// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// What the window knows of its connection, which lives on a thread of its
// own: a copy taken on that thread with each event it reports (and when
// asked, for the counters), so that the window reads it without ever
// calling into the connection. A command the window gives (connect,
// disconnect) shows at once in the window's copy, as what it will be.
#pragma once

#include "clientconnection.h"

#include <QMetaType>
#include <QString>

struct ClientStatus
{
    ClientConnection::State state = ClientConnection::State::Disconnected;
    QString host;
    quint16 port = 0;
    QString lastError;
    // While connected with TLS (empty otherwise).
    QString peerFingerprint;
    QString tlsVersion;
    // The certificate refused by the last attempt, and why.
    QString rejectedFingerprint;
    QString rejectedReason;
    int reconnectAttempt = 0;
    int reconnectRemaining = 0;
    QString serverName;
    quint32 clientId = 0;
    ClientConnection::Counters counters;
    quint64 readHolds = 0;
    // The last of the window's commands that the connection had carried
    // out when this was taken (ClientController: an older status is stale).
    quint64 commandSeq = 0;

    static ClientStatus of(const ClientConnection &connection);
};

Q_DECLARE_METATYPE(ClientStatus)
