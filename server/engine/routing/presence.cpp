// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "presence.h"

#include "clientsession.h"
#include "servergroup.h"
#include "serveroptions.h"

#include <QTimer>

Presence::Presence(const ServerOptions *options, ServerGroup *group, Send send, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_group(group)
    , m_send(std::move(send))
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &Presence::announceDue);
}

void Presence::applyOptions()
{
    m_group->presenceRate().setRate(m_options->presenceBurst, qint64(qMax(1, m_options->presenceRefillMs)) * 1000);
}

bool Presence::eligible() const
{
    return m_options->mode == ServerOptions::Mode::Relay && m_options->presenceLimit > 0
        && m_group->clientCount() + m_group->router().remoteClientCount() <= m_options->presenceLimit;
}

void Presence::joined(ClientSession *session)
{
    const quint32 id = session->id();
    if (!eligible() || m_announced.contains(id) || m_held.contains(id))
        return;
    const qint64 now = ClientSession::nowMs();
    m_held.insert(id, { session, now + qMax(0, m_options->presenceHoldMs) });
    m_order.append(id);
    if (m_options->presenceHoldMs <= 0)
        announceDue();
    else if (!m_timer->isActive())
        m_timer->start(m_options->presenceHoldMs);
}

void Presence::left(ClientSession *session)
{
    const quint32 id = session->id();
    if (m_held.remove(id)) {
        m_order.removeOne(id); // never announced: nor is its leaving
        return;
    }
    if (!m_announced.remove(id) || m_options->mode != ServerOptions::Mode::Relay)
        return;
    announce(session, Message::NoticeKind::Left);
}

void Presence::announceDue()
{
    const qint64 now = ClientSession::nowMs();
    while (!m_order.isEmpty()) {
        const quint32 id = m_order.constFirst();
        const Held held = m_held.value(id);
        if (held.dueMs > now) {
            m_timer->start(int(held.dueMs - now) + 1);
            return;
        }
        m_order.removeFirst();
        m_held.remove(id);
        ClientSession *session = held.session;
        if (!session || !session->isOpen() || !eligible())
            continue;
        // The bucket of its address: a slow reconnect loop is bounded too.
        if (!m_group->presenceRate().take(session->peerAddress(), QDateTime::currentMSecsSinceEpoch()))
            continue;
        m_announced.insert(id);
        announce(session, Message::NoticeKind::Joined);
    }
}

void Presence::announce(ClientSession *session, Message::NoticeKind kind)
{
    const bool joined = kind == Message::NoticeKind::Joined;
    const QString text = session->name().isEmpty()
        ? (joined ? QStringLiteral("client %1 joined") : QStringLiteral("client %1 left")).arg(session->id())
        : (joined ? QStringLiteral("%1 joined") : QStringLiteral("%1 left")).arg(session->name());
    Message m = Message::makeNotice(kind, QString(), session->id());
    m.utf8 = text.toUtf8();
    m_send(m);
}
