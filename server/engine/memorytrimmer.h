// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Gives memory back to the system after an attack or a burst ends. Queued
// messages, TLS sessions and read buffers are mostly allocations below
// glibc's mmap threshold: freed, they stay in the heap as free chunks, so
// the process kept 341 MB after 100 clients that never read were evicted.
// A burst of TLS handshakes leaves the same holes: each allocates some
// 50 KiB that it frees when it ends, in between the connections that stay
// (after 1,000 simultaneous TLS connects, about 50 KiB of RSS per idle client
// instead of 20). After a large release (kTrimAfterBytes of the buffer
// budget, or kTrimAfterConnections connections closed or TLS handshakes
// ended) this calls malloc_trim(0) once,
// kTrimDelayMs later, so that a burst costs one trim, not one per close.
// One per network thread; malloc_trim() trims every thread's arena.
#pragma once

#include <QObject>

class BufferBudget;
class QTimer;

class MemoryTrimmer : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 kTrimAfterBytes = 8 * 1024 * 1024;
    static constexpr int kTrimAfterConnections = 64;
    static constexpr int kTrimDelayMs = 500;

    explicit MemoryTrimmer(BufferBudget *budget, QObject *parent = nullptr);

    // A connection ended, or its TLS handshake did; and, on every drain, the
    // budget may have shrunk.
    void connectionClosed();
    void handshakeEnded() { connectionClosed(); }
    void budgetReleased();
    int trims() const { return m_trims; }

private:
    void maybeSchedule();
    void trim();

    BufferBudget *m_budget;
    QTimer *m_timer;
    // Connections closed and handshakes ended since the last trim (the
    // budget keeps its peak).
    int m_closed = 0;
    int m_trims = 0;
};
