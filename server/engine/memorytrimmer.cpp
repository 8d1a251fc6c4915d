// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "memorytrimmer.h"

#include "bufferbudget.h"

#include <QTimer>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

MemoryTrimmer::MemoryTrimmer(BufferBudget *budget, QObject *parent)
    : QObject(parent)
    , m_budget(budget)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setInterval(kTrimDelayMs);
    connect(m_timer, &QTimer::timeout, this, &MemoryTrimmer::trim);
}

void MemoryTrimmer::connectionClosed()
{
    ++m_closed;
    maybeSchedule();
}

void MemoryTrimmer::budgetReleased()
{
    maybeSchedule();
}

void MemoryTrimmer::maybeSchedule()
{
    if (m_timer->isActive())
        return;
    if (m_closed >= kTrimAfterConnections || m_budget->recentPeak() - m_budget->used() >= kTrimAfterBytes)
        m_timer->start();
}

void MemoryTrimmer::trim()
{
    m_closed = 0;
    m_budget->restartRecentPeak();
    ++m_trims;
#if defined(__GLIBC__)
    ::malloc_trim(0);
#endif
}
