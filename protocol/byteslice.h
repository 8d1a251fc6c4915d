// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// A part of a QByteArray that shares the whole's bytes instead of copying
// them: how the line decoder gives each message of one read its own
// QByteArray without an allocation per message (docs/architecture.md, "How
// one message flows").
//
// Qt 6.4 has no public call for this (sliced() copies), so it is made the
// way Qt makes its own arrays that start past the front of their block: a
// copy of the whole (one reference more to the same block) whose pointer
// and size are moved to the part, through QByteArray::data_ptr(). The part
// is a full QByteArray: it keeps the block alive, compares and converts by
// its size, and detaches (copies just itself) before any write while the
// block is shared. Unlike other QByteArrays, and like one from
// fromRawData(), its bytes are not followed by a '\0': read it by size,
// never as a C string.
//
// A part pins its whole block for as long as it lives. That suits what the
// decoder's parts live in: one batch (until every recipient has written
// it) and the log's next batch (33 ms). Whatever keeps a part for long must
// copy it: EventLog does, for every line it retains (its byte bound would
// otherwise count a few bytes and hold a whole block). A client's password
// line is a part of its read's block too, and so stays in memory until the
// messages of that read are written.
#pragma once

#include <QByteArray>

namespace ByteSlice {

// The n bytes of block from pos, sharing block's storage; an empty part
// is an empty, not null, QByteArray. Requires 0 <= pos, n and pos + n <=
// block.size().
inline QByteArray of(const QByteArray &block, qsizetype pos, qsizetype n)
{
    Q_ASSERT(pos >= 0 && n >= 0 && pos + n <= block.size());
    if (block.isNull())
        return QByteArray("", 0);
    QByteArray part = block;
    QByteArray::DataPointer &d = part.data_ptr();
    d.ptr += pos;
    d.size = n;
    return part;
}

} // namespace ByteSlice
