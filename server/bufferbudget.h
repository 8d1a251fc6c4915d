// The engine's global memory budget (--max-buffered): every byte queued for
// clients (counted once per shared buffer, however many clients hold it) and
// every byte of a partially received message. Past the limit no connection is
// read until it drains below the resume level, so the server's memory stays
// bounded whatever the number of clients.
#pragma once

#include <QtGlobal>

class BufferBudget
{
public:
    explicit BufferBudget(qint64 limit) : m_limit(limit) { }

    void setLimit(qint64 limit) { m_limit = limit; }
    qint64 limit() const { return m_limit; }
    qint64 used() const { return m_used; }
    qint64 peak() const { return m_peak; }

    void add(qint64 bytes)
    {
        m_used += bytes;
        m_peak = qMax(m_peak, m_used);
    }
    void release(qint64 bytes) { m_used -= bytes; }

    // Reading stops past the limit ...
    bool isExceeded() const { return m_used > m_limit; }
    // ... and resumes below seven eighths of it.
    bool allowsResume() const { return m_used <= m_limit - m_limit / 8; }

private:
    qint64 m_limit;
    qint64 m_used = 0;
    qint64 m_peak = 0;
};
