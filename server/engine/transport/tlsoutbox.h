// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The records a TlsTransport has made and the kernel has not taken yet.
//
// New records go to the network thread's scratch buffer while nothing is
// pending (its storage stays there for the next call, so a connection holds
// none), or after what is pending, in order. send() sends the pending bytes,
// else the scratch buffer, with one send(), and keeps what the kernel
// leaves: the only ciphertext a connection holds, freed once sent.
#pragma once

#include "transport.h"

#include <QByteArray>

class TlsOutbox
{
public:
    // Where the next record goes.
    QByteArray &buffer();
    void append(const char *data, size_t length) { buffer().append(data, qsizetype(length)); }
    // Sends on descriptor what is pending, else what this call made: Ok
    // once nothing is left, or WouldBlock; Reset or Failed with *error (the
    // errno), and then nothing is kept (nothing more reaches the peer).
    Transport::Status send(int descriptor, int *error);
    // Drops everything, for a connection that failed while making records.
    void clear();
    qsizetype pending() const { return m_pending.size(); }

private:
    QByteArray m_pending;
};
