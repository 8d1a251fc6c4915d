// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "handshakegate.h"

#include "clientsession.h"

#include <algorithm>

HandshakeGate::HandshakeGate(int limit, QObject *parent)
    : QObject(parent)
    , m_limit(limit)
{
}

bool HandshakeGate::tryEnter(ClientSession *session)
{
    const bool hasRoom = m_limit == 0 || m_running < m_limit;
    if (hasRoom && (m_waiting.empty() || session == m_admitting)) {
        ++m_running;
        return true;
    }
    m_waiting.emplace_back(session);
    return false;
}

int HandshakeGate::waiting() const
{
    return int(std::count_if(m_waiting.cbegin(), m_waiting.cend(),
                             [](const QPointer<ClientSession> &s) { return s && s->waitsForHandshake(); }));
}

void HandshakeGate::leave()
{
    Q_ASSERT(m_running > 0);
    --m_running;
    if (m_waiting.empty() || m_admitScheduled)
        return;
    // Not from inside the session whose handshake ended: on the next pass.
    m_admitScheduled = true;
    QMetaObject::invokeMethod(this, &HandshakeGate::admitWaiting, Qt::QueuedConnection);
}

void HandshakeGate::admitWaiting()
{
    m_admitScheduled = false;
    while ((m_limit == 0 || m_running < m_limit) && !m_waiting.empty()) {
        const QPointer<ClientSession> next = m_waiting.front();
        m_waiting.pop_front();
        // Gone, or closing meanwhile: the turn passes on.
        if (!next || !next->waitsForHandshake())
            continue;
        m_admitting = next.data();
        next->resumeReading(); // it reads its ClientHello and enters
        m_admitting = nullptr;
    }
}
