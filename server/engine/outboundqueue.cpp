// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "outboundqueue.h"

void OutboundQueue::push(QByteArray bytes, BatchRef owner, qsizetype written)
{
    m_queuedBytes += bytes.size() - written;
    if (m_chunks.empty())
        m_headOffset = written;
    m_chunks.push_back({ std::move(bytes), std::move(owner) });
}

int OutboundQueue::fill(iovec (&iov)[kMaxIov]) const
{
    int count = 0;
    for (auto it = m_chunks.cbegin(); it != m_chunks.cend() && count < kMaxIov; ++it, ++count) {
        const qsizetype skip = count == 0 ? m_headOffset : 0;
        iov[count].iov_base = const_cast<char *>(it->bytes.constData() + skip);
        iov[count].iov_len = size_t(it->bytes.size() - skip);
    }
    return count;
}

void OutboundQueue::consume(qsizetype written)
{
    m_queuedBytes -= written;
    qsizetype left = written;
    while (left > 0) {
        const qsizetype rest = m_chunks.front().bytes.size() - m_headOffset;
        if (left < rest) {
            m_headOffset += left;
            break;
        }
        left -= rest;
        m_headOffset = 0;
        m_chunks.pop_front();
    }
}

void OutboundQueue::hold(const BatchRef &batch)
{
    m_held.append(batch);
    m_heldBytes += batch->payloadSize();
}

QList<BatchRef> OutboundQueue::takeHeld()
{
    m_heldBytes = 0;
    return std::exchange(m_held, {});
}

void OutboundQueue::clear()
{
    m_chunks.clear();
    m_queuedBytes = 0;
    m_headOffset = 0;
    m_held.clear();
    m_heldBytes = 0;
}
