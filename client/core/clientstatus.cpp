// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "clientstatus.h"

ClientStatus ClientStatus::of(const ClientConnection &c)
{
    ClientStatus s;
    s.state = c.state();
    s.host = c.host();
    s.port = c.port();
    s.lastError = c.lastError();
    s.peerFingerprint = c.peerFingerprint();
    s.tlsVersion = c.tlsVersion();
    s.rejectedFingerprint = c.rejectedFingerprint();
    s.rejectedReason = c.rejectedReason();
    s.reconnectAttempt = c.reconnectAttempt();
    s.reconnectRemaining = c.reconnectRemaining();
    s.serverName = c.serverName();
    s.clientId = c.clientId();
    s.counters = c.counters();
    s.readHolds = c.readHolds();
    return s;
}
