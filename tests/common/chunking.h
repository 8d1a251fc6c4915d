// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Splits a byte stream into chunks the way a network might: seeded, so a
// failure can be replayed.
#pragma once

#include <QByteArray>
#include <QList>
#include <QRandomGenerator>

namespace Chunking {

// Seed 0: everything at once. Seed 1: one byte at a time. Other seeds:
// random chunk sizes from 1 to maxChunk.
inline QList<QByteArray> split(const QByteArray &bytes, quint32 seed, int maxChunk = 97)
{
    QList<QByteArray> chunks;
    if (seed == 0) {
        chunks.append(bytes);
        return chunks;
    }
    QRandomGenerator rng(seed);
    qsizetype pos = 0;
    while (pos < bytes.size()) {
        const qsizetype n = seed == 1 ? 1 : 1 + rng.bounded(maxChunk);
        chunks.append(bytes.mid(pos, n));
        pos += n;
    }
    return chunks;
}

inline QList<quint32> seeds()
{
    return { 0, 1, 2, 3, 42, 1234, 99991 };
}

} // namespace Chunking
