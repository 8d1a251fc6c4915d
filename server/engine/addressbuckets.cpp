// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "addressbuckets.h"

#include "accesspolicy.h"

void AddressBuckets::setRate(int capacity, qint64 refillUs)
{
    QMutexLocker lock(&m_mutex);
    m_capacity = qMax(0, capacity);
    m_refillUs = qMax<qint64>(1, refillUs);
    m_buckets.clear();
}

bool AddressBuckets::isLimited() const
{
    QMutexLocker lock(&m_mutex);
    return m_capacity > 0;
}

void AddressBuckets::sweep(qint64 nowUs)
{
    // A bucket that has refilled is the same as none.
    const qint64 full = qint64(m_capacity) * m_refillUs;
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        if (it->creditUs + (nowUs - it->lastUs) >= full)
            it = m_buckets.erase(it);
        else
            ++it;
    }
    m_nextSweepUs = nowUs + full;
}

bool AddressBuckets::take(const QHostAddress &address, qint64 nowMs)
{
    const QHostAddress a = AccessPolicy::normalized(address);
    const qint64 nowUs = nowMs * 1000;
    QMutexLocker lock(&m_mutex);
    if (m_capacity <= 0)
        return true;
    const qint64 full = qint64(m_capacity) * m_refillUs;
    if (nowUs >= m_nextSweepUs)
        sweep(nowUs);
    auto it = m_buckets.find(a);
    if (it == m_buckets.end()) {
        if (m_buckets.size() >= kMaxAddresses) {
            sweep(nowUs);
            if (m_buckets.size() >= kMaxAddresses)
                return true; // bounded: not tracked
        }
        it = m_buckets.insert(a, { full, nowUs });
    }
    it->creditUs = qMin(full, it->creditUs + qMax<qint64>(0, nowUs - it->lastUs));
    it->lastUs = nowUs;
    if (it->creditUs < m_refillUs)
        return false;
    it->creditUs -= m_refillUs;
    return true;
}
