// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "heartbeat.h"

Heartbeat::Heartbeat(QObject *parent)
    : QObject(parent)
    , m_pingTimer(this)
    , m_deadTimer(this)
{
    connect(&m_pingTimer, &QTimer::timeout, this, &Heartbeat::pingDue);
    m_deadTimer.setSingleShot(true);
    connect(&m_deadTimer, &QTimer::timeout, this, &Heartbeat::silent);
}

void Heartbeat::setInterval(int ms)
{
    m_intervalMs = qMax(1, ms);
    if (m_pingTimer.isActive())
        m_pingTimer.start(m_intervalMs);
}

void Heartbeat::setTimeout(int ms)
{
    m_timeoutMs = qMax(1, ms);
    if (m_deadTimer.isActive())
        m_deadTimer.start(m_timeoutMs);
}

void Heartbeat::watch()
{
    m_deadTimer.start(m_timeoutMs);
}

void Heartbeat::heard()
{
    if (m_deadTimer.isActive())
        m_deadTimer.start(m_timeoutMs);
}

void Heartbeat::startPinging()
{
    m_pingTimer.start(m_intervalMs);
}

void Heartbeat::stop()
{
    m_pingTimer.stop();
    m_deadTimer.stop();
}
