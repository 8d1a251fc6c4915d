// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// A snapshot of one connected client, as the client table shows it.
#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

struct ClientInfo
{
    quint32 id = 0;
    QString name;
    QString address;       // "127.0.0.1:40212", "[::1]:40212"
    QString framing;       // "lines", "frames", or empty while detecting
    QString security;      // "TLS 1.3", "TLS 1.2", or empty for plain TCP
    QString instance;      // federated: the instance serving it (empty: this one)
    QDateTime connectedSince;
    // Chat: texts (and the server's direct messages); protocol: hellos,
    // pings, pongs and notices, counted apart so that a fresh client shows
    // 0 messages.
    quint64 messagesIn = 0;
    quint64 messagesOut = 0;
    quint64 protocolIn = 0;
    quint64 protocolOut = 0;
    quint64 bytesIn = 0;
    quint64 bytesOut = 0;
    quint64 queuedBytes = 0; // owed to the client, not yet taken by the kernel

    bool operator==(const ClientInfo &o) const
    {
        return id == o.id && name == o.name && address == o.address && framing == o.framing
            && security == o.security && instance == o.instance
            && connectedSince == o.connectedSince && messagesIn == o.messagesIn
            && messagesOut == o.messagesOut && protocolIn == o.protocolIn
            && protocolOut == o.protocolOut && bytesIn == o.bytesIn && bytesOut == o.bytesOut
            && queuedBytes == o.queuedBytes;
    }
    bool operator!=(const ClientInfo &o) const { return !(*this == o); }
};

// Members are Qt value types and PODs: lists move it with memcpy.
Q_DECLARE_TYPEINFO(ClientInfo, Q_RELOCATABLE_TYPE);
Q_DECLARE_METATYPE(ClientInfo)
