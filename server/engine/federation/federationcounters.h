// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// What the federation counts, written on the federation thread and read by
// any (the controller's status, the Router's isBackedUp()).
#pragma once

#include "federationstatus.h"

#include <atomic>

struct FederationCounters
{
    std::atomic<int> state { int(FederationStatus::State::Off) };
    std::atomic<int> instancesSeen { 0 };
    std::atomic<quint64> entriesOut { 0 };
    std::atomic<quint64> messagesOut { 0 };
    std::atomic<quint64> entriesIn { 0 };
    std::atomic<quint64> messagesIn { 0 };
    std::atomic<quint64> missed { 0 };
    std::atomic<quint64> rejected { 0 };
    std::atomic<qint64> lagMs { 0 };
    std::atomic<qint64> pendingBytes { 0 };

    FederationStatus status() const
    {
        FederationStatus s;
        s.state = FederationStatus::State(state.load(std::memory_order_relaxed));
        s.instancesSeen = instancesSeen.load(std::memory_order_relaxed);
        s.entriesOut = entriesOut.load(std::memory_order_relaxed);
        s.messagesOut = messagesOut.load(std::memory_order_relaxed);
        s.entriesIn = entriesIn.load(std::memory_order_relaxed);
        s.messagesIn = messagesIn.load(std::memory_order_relaxed);
        s.missed = missed.load(std::memory_order_relaxed);
        s.rejected = rejected.load(std::memory_order_relaxed);
        s.lagMs = lagMs.load(std::memory_order_relaxed);
        s.pendingBytes = pendingBytes.load(std::memory_order_relaxed);
        return s;
    }
};
