// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The federation's state as the window and --stats show it
// (docs/federation.md): a copy of the engine's counters at one moment.
#pragma once

#include <QMetaType>
#include <QString>

struct FederationStatus
{
    enum class State : quint8 {
        Off,          // not federated
        Connecting,   // never connected yet
        Connected,    // both connections to Redis up
        Reconnecting, // a connection was lost; retrying
    };

    State state = State::Off;
    int instancesSeen = 0;     // other instances heard from lately
    quint64 entriesOut = 0;    // stream entries this instance added
    quint64 messagesOut = 0;   // messages in them
    quint64 entriesIn = 0;     // other instances' entries delivered here
    quint64 messagesIn = 0;
    quint64 missed = 0;        // other instances' entries never seen (sequence gaps)
    quint64 rejected = 0;      // malformed, unknown version or oversize entries
    qint64 lagMs = 0;          // the last entry's age when read (Redis's clock against ours)
    qint64 pendingBytes = 0;   // waiting to be added to the stream

    static QString stateName(State state);
};

Q_DECLARE_METATYPE(FederationStatus)
