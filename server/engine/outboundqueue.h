// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// What one connection owes its peer: encoded bytes waiting for the kernel,
// as shared buffers (a relayed batch's bytes are queued by every recipient
// without a copy), and the batches sent to it before its framing was known,
// held until they can be encoded. The session writes the front with one
// sendmsg() per pass (fill()) and drops what the kernel took (consume()).
#pragma once

#include "outboundbatch.h"

#include <QByteArray>
#include <QList>

#include <deque>

#include <sys/uio.h>

class OutboundQueue
{
public:
    // The most buffers one sendmsg() takes.
    static constexpr int kMaxIov = 64;

    bool isEmpty() const { return m_chunks.empty(); }
    // Bytes queued and held: what counts against the connection's limits.
    qsizetype pendingBytes() const { return m_queuedBytes + m_heldBytes; }

    // Queues bytes of which the first `written` already went out. owner
    // keeps the batch (and its budget accounting) alive until then.
    void push(QByteArray bytes, BatchRef owner, qsizetype written = 0);
    // Points iov at the front of the queue; returns how many it filled.
    int fill(iovec (&iov)[kMaxIov]) const;
    // Drops written bytes from the front.
    void consume(qsizetype written);

    // A batch sent before the framing was known: counted at its payload
    // size until takeHeld() hands it back to be encoded.
    void hold(const BatchRef &batch);
    QList<BatchRef> takeHeld();

    // Forgets everything (the peer can take no more, or the session ends).
    void clear();

private:
    struct Chunk
    {
        QByteArray bytes;
        BatchRef owner;
    };

    std::deque<Chunk> m_chunks;
    qsizetype m_headOffset = 0;  // bytes of the first chunk already written
    qsizetype m_queuedBytes = 0; // not yet written
    QList<BatchRef> m_held;
    qsizetype m_heldBytes = 0;
};
