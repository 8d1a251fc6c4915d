// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Token buckets per address: a rate limit for something one address does
// (new connections, announced joins). Each address may do it `capacity`
// times at once, then once per refill interval. Shared by the network
// threads, so behind a mutex; one hash lookup per call. At most
// kMaxAddresses buckets are kept (full ones are swept); past that, a new
// address is not limited rather than refused, so that many addresses
// cannot lock everyone out.
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QMutex>

class AddressBuckets
{
public:
    static constexpr int kMaxAddresses = 10000;

    // capacity 0: no limit. refillUs: microseconds per token.
    void setRate(int capacity, qint64 refillUs);
    bool isLimited() const;
    // Takes a token for address at nowMs; false when its bucket is empty.
    // Addresses are compared as AccessPolicy::normalized() makes them.
    bool take(const QHostAddress &address, qint64 nowMs);

private:
    struct Bucket
    {
        qint64 creditUs = 0;
        qint64 lastUs = 0;
    };
    void sweep(qint64 nowUs);

    mutable QMutex m_mutex;
    int m_capacity = 0;
    qint64 m_refillUs = 1000000;
    QHash<QHostAddress, Bucket> m_buckets;
    qint64 m_nextSweepUs = 0;
};
