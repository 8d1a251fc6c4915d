// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// How a ClientSession moves its bytes: the seam between a connection's
// protocol work (detection, codecs, flow control, timeouts) and what carries
// it. The session owns the descriptor and its two QSocketNotifiers; a
// transport reads and writes through that descriptor and says what it waits
// for. PlainTransport is the bare TCP descriptor; TlsTransport drives OpenSSL
// on the same descriptor. (A WebSocket transport would plug in here too.)
//
// Nothing blocks: every call does what the kernel allows now and says
// WouldBlock for the rest; the session waits on its notifiers and calls
// again.
#pragma once

#include <QString>
#include <QtGlobal>

#include <sys/uio.h>

class Transport
{
public:
    enum class Status {
        Ok,
        WouldBlock,
        End,    // the peer finished sending (FIN, or TLS close_notify)
        Reset,  // write only: the peer reset or closed; what it sent before may still be read
        Failed, // errorString() says why; the connection is dead
    };

    virtual ~Transport() = default;

    virtual bool isTls() const = 0;
    // "TLS 1.3" once a TLS handshake ended; empty for plain TCP.
    virtual QString security() const = 0;
    // Drives the handshake, if there is one: Ok once it has ended.
    virtual Status handshake() = 0;
    virtual bool isHandshakeDone() const = 0;
    // Reads at most max bytes of what the peer sent (plaintext): the count,
    // with Ok, or 0 with why not.
    virtual qint64 read(char *buffer, qint64 max, Status *status) = 0;
    // Looks at what the peer sent without consuming it: the count, or 0.
    virtual qint64 peek(char *buffer, qint64 max) = 0;
    // Writes what the kernel takes of the buffers, in order (after any
    // pendingOutput()): the count, with Ok, or 0 with WouldBlock, Reset
    // (errorString() says so) or Failed. Bytes not taken are offered again
    // unchanged. TLS counts as taken what it has encrypted, whether or not
    // the kernel has all of it yet.
    virtual qint64 write(const iovec *iov, int count, Status *status) = 0;
    // Input already taken from the kernel and not yet read (TLS: the rest of
    // a record): the descriptor will not say so again.
    virtual bool hasBufferedInput() const = 0;
    // Output the transport has made and the kernel has not taken yet (TLS:
    // records already encrypted): sent by the next write(), which may be
    // given no buffers for that. Counted in the session's queued bytes.
    virtual qsizetype pendingOutput() const = 0;
    // The last handshake or read waits for the descriptor to be writable
    // (TLS), or the last write waits for it to be readable.
    virtual bool readWaitsForWritable() const = 0;
    virtual bool writeWaitsForReadable() const = 0;
    // Ends the sending side (TLS: close_notify first, then FIN). WouldBlock:
    // call again once writable.
    virtual Status shutdownWrite() = 0;
    virtual QString errorString() const = 0;
};
