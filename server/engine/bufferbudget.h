// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The engine's global memory budget (--max-buffered): every byte queued for
// clients (counted once per shared buffer, however many clients hold it) and
// every byte of a partially received message. Past the limit no connection is
// read until it drains below the resume level, so the server's memory stays
// bounded whatever the number of clients. Shared by every network thread.
#pragma once

#include <QtGlobal>

#include <atomic>
#include <initializer_list>

class BufferBudget
{
public:
    explicit BufferBudget(qint64 limit) : m_limit(limit) { }

    void setLimit(qint64 limit) { m_limit.store(limit, std::memory_order_relaxed); }
    qint64 limit() const { return m_limit.load(std::memory_order_relaxed); }
    qint64 used() const { return m_used.load(std::memory_order_relaxed); }
    qint64 peak() const { return m_peak.load(std::memory_order_relaxed); }

    void add(qint64 bytes)
    {
        const qint64 now = m_used.fetch_add(bytes, std::memory_order_relaxed) + bytes;
        for (std::atomic<qint64> *high : { &m_peak, &m_recentPeak }) {
            qint64 peak = high->load(std::memory_order_relaxed);
            while (now > peak && !high->compare_exchange_weak(peak, now, std::memory_order_relaxed)) { }
        }
    }
    // The peak since the last restartRecentPeak() (MemoryTrimmer).
    qint64 recentPeak() const { return m_recentPeak.load(std::memory_order_relaxed); }
    void restartRecentPeak() { m_recentPeak.store(used(), std::memory_order_relaxed); }
    void release(qint64 bytes) { m_used.fetch_sub(bytes, std::memory_order_relaxed); }

    // Reading stops past the limit ...
    bool isExceeded() const { return used() > limit(); }
    // ... and resumes below seven eighths of it.
    bool allowsResume() const { return used() <= limit() - limit() / 8; }

private:
    std::atomic<qint64> m_limit;
    std::atomic<qint64> m_used { 0 };
    std::atomic<qint64> m_peak { 0 };
    std::atomic<qint64> m_recentPeak { 0 };
};
