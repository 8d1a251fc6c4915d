// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// One entry of the relay stream, sockethub:<NAME>:relay (docs/protocol.md,
// section 11): what one instance routed (a delivery: its path, from, to and
// the batch's messages) or its heartbeat (its name and its clients). Fields
// are short names with string values; the messages are a JSON array. A pure
// value: no QObject, no Redis.
#pragma once

#include "message.h"
#include "router.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

struct RelayEntry
{
    static constexpr int kVersion = 1;

    enum class Kind : quint8 {
        Delivery,  // "d"
        Heartbeat, // "h"
    };
    // A client of the origin, as a heartbeat lists it.
    struct Client
    {
        quint32 id = 0;
        QString name;
        QString address;
    };

    Kind kind = Kind::Delivery;
    QByteArray origin;  // the instance's id (random, per run)
    QString originName; // the instance's name, for people
    quint64 sequence = 0; // per origin, deliveries only, from 1
    Router::Path path = Router::Path::Relay;
    quint32 from = 0;
    QList<quint32> to;
    int banMinutes = 0;
    QList<Message> messages; // deliveries
    QList<Client> clients;   // heartbeats

    // The XADD field/value arguments.
    QList<QByteArray> fields() const;
    // From the field/value pairs of a stream entry; nothing and why when
    // they are not a valid entry of this version, or the payload is larger
    // than maxPayload bytes.
    enum class Fault : quint8 { None, Malformed, UnknownVersion, Oversize };
    static std::optional<RelayEntry> parse(const QList<QByteArray> &fields, qsizetype maxPayload, Fault *fault,
                                           QString *why);
    static std::optional<Router::Path> pathFromName(const QByteArray &name);
};
