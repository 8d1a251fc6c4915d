// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// How many open connections of a group speak each framing, and how many
// have not said yet: which framings a batch must be encoded in before it
// is shared (OutboundBatch encodes only those). Sessions count themselves
// in and out; any thread may read it. A count read while another thread
// adds a session may be stale: a session that finds its framing missing
// from a batch encodes a copy for itself (OutboundBatch::encodeCopy()).
#pragma once

#include "protocol.h"

#include <atomic>
#include <optional>

class FramingCensus
{
public:
    struct Framings
    {
        bool lines = true;
        bool frames = true;
        bool webSocket = true;
    };

    // std::nullopt: the framing is not known yet.
    void add(std::optional<Protocol::Framing> framing) { slot(framing).fetch_add(1, std::memory_order_relaxed); }
    void remove(std::optional<Protocol::Framing> framing) { slot(framing).fetch_sub(1, std::memory_order_relaxed); }
    void decided(Protocol::Framing framing)
    {
        add(framing);
        remove(std::nullopt);
    }
    Framings inUse() const
    {
        const bool undecided = m_undecided.load(std::memory_order_relaxed) > 0;
        return { undecided || m_lines.load(std::memory_order_relaxed) > 0,
                 undecided || m_frames.load(std::memory_order_relaxed) > 0,
                 undecided || m_webSocket.load(std::memory_order_relaxed) > 0 };
    }

private:
    std::atomic<int> &slot(std::optional<Protocol::Framing> framing)
    {
        if (!framing)
            return m_undecided;
        switch (*framing) {
        case Protocol::Framing::Frames: return m_frames;
        case Protocol::Framing::WebSocket: return m_webSocket;
        case Protocol::Framing::Lines: break;
        }
        return m_lines;
    }

    std::atomic<int> m_undecided { 0 };
    std::atomic<int> m_lines { 0 };
    std::atomic<int> m_frames { 0 };
    std::atomic<int> m_webSocket { 0 };
};
