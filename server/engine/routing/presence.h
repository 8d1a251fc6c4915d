// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Relay mode's join and leave notices (docs/protocol.md, section 4.1), for
// one network thread's ServerCore. Each notice goes to every client, so an
// unbounded churn would amplify: one client reconnecting in a loop with a
// 255-byte name made the server send 406 bytes per byte it sent. Bounded
// here by two rules:
// - a join is held for the hold time (--presence-hold) and announced only
//   if the client is still there; one that leaves sooner is announced
//   neither joining nor leaving. A reconnect loop faster than that makes no
//   notice at all;
// - the joins announced per address are a token bucket (--presence-burst,
//   --presence-refill, shared by the group's threads), so a slower loop
//   costs at most one join and one leave per refill time.
// Notices go out only while at most --presence-limit clients are connected.
#pragma once

#include "message.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>

class ClientSession;
class QTimer;
class ServerGroup;
struct ServerOptions;

class Presence : public QObject
{
    Q_OBJECT

public:
    // Routes a notice to every client but the one it is about (its senderId).
    using Send = std::function<void(const Message &notice)>;

    Presence(const ServerOptions *options, ServerGroup *group, Send send, QObject *parent = nullptr);

    // Applies the options' per-address bucket to the group.
    void applyOptions();
    // The session is a client whose framing (and, for frames, name) is
    // known: its join is held, then announced.
    void joined(ClientSession *session);
    // The session ended: a held join is dropped; an announced one is
    // followed by a leave notice.
    void left(ClientSession *session);
    int heldCount() const { return int(m_held.size()); }

private:
    struct Held
    {
        QPointer<ClientSession> session;
        qint64 dueMs = 0;
    };
    void announceDue();
    void announce(ClientSession *session, Message::NoticeKind kind);
    bool eligible() const;

    const ServerOptions *m_options;
    ServerGroup *m_group;
    Send m_send;
    QTimer *m_timer;
    // Joins waiting for their hold time to pass, in the order they are due.
    QHash<quint32, Held> m_held;
    QList<quint32> m_order;
    // Clients whose joining was announced: their leaving is, too.
    QSet<quint32> m_announced;
};
