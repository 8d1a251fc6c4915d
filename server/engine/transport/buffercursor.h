// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// A position in a write's buffers (the session's queued iovecs): what is
// left of the current one, the next bytes as pieces of them or as a copy,
// and a move past what was taken. TlsTransport encrypts from it.
#pragma once

#include <QtGlobal>

#include <cstring>
#include <iterator>

#include <sys/uio.h>

class BufferCursor
{
public:
    BufferCursor(const iovec *iov, int count) : m_iov(iov), m_count(count) { skipEmpty(); }

    bool atEnd() const { return m_index >= m_count; }
    // What is left of the current buffer.
    const char *data() const { return static_cast<const char *>(m_iov[m_index].iov_base) + m_offset; }
    size_t size() const { return m_iov[m_index].iov_len - m_offset; }
    // Up to most bytes from here on as pieces of the buffers (at most
    // maxPieces, *n of them): their total.
    size_t pieces(iovec *out, int maxPieces, int *n, size_t most) const
    {
        size_t total = 0;
        *n = 0;
        for (int i = m_index; i < m_count && *n < maxPieces && total < most; ++i) {
            const size_t skip = i == m_index ? m_offset : 0;
            const size_t part = qMin(m_iov[i].iov_len - skip, most - total);
            out[(*n)++] = { static_cast<char *>(m_iov[i].iov_base) + skip, part };
            total += part;
        }
        return total;
    }
    // Copies up to most bytes from here on: the count.
    size_t copy(char *to, size_t most) const
    {
        iovec parts[64];
        int n = 0;
        const size_t total = pieces(parts, int(std::size(parts)), &n, most);
        for (int i = 0; i < n; ++i) {
            std::memcpy(to, parts[i].iov_base, parts[i].iov_len);
            to += parts[i].iov_len;
        }
        return total;
    }
    // Moves past n bytes.
    void advance(size_t n)
    {
        while (n > 0 && !atEnd()) {
            const size_t step = qMin(n, size());
            m_offset += step;
            n -= step;
            skipEmpty();
        }
    }

private:
    void skipEmpty()
    {
        while (m_index < m_count && m_offset == m_iov[m_index].iov_len) {
            m_offset = 0;
            ++m_index;
        }
    }

    const iovec *m_iov;
    int m_count;
    int m_index = 0;
    size_t m_offset = 0;
};
