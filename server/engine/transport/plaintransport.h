// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The bare TCP descriptor as a Transport: recv(), one sendmsg() per write of
// the session's queue (no copy), shutdown(SHUT_WR) for the end.
#pragma once

#include "transport.h"

class PlainTransport : public Transport
{
public:
    // The descriptor stays the session's (it closes it).
    explicit PlainTransport(int descriptor) : m_fd(descriptor) { }

    bool isTls() const override { return false; }
    QString security() const override { return {}; }
    Status handshake() override { return Status::Ok; }
    bool isHandshakeDone() const override { return true; }
    qint64 read(char *buffer, qint64 max, Status *status) override;
    qint64 peek(char *buffer, qint64 max) override;
    qint64 write(const iovec *iov, int count, Status *status) override;
    bool hasBufferedInput() const override { return false; }
    qsizetype pendingOutput() const override { return 0; }
    bool readWaitsForWritable() const override { return false; }
    bool writeWaitsForReadable() const override { return false; }
    Status shutdownWrite() override;
    QString errorString() const override { return m_error; }

    // What a failed recv() or send() means for a person: a reset, or the
    // system's words.
    static QString errorText(int error);
    // What a failed recv() or send() means (errno, not EINTR): WouldBlock,
    // Reset for a write to a peer that is gone (EPIPE, ECONNRESET), else
    // Failed.
    static Status statusOf(int error, bool writing);

private:
    // After a failed call (errno): false for EINTR (call again), else true
    // with *status WouldBlock, Failed, or (writing) Reset for EPIPE and ECONNRESET.
    bool failed(Status *status, bool writing = false);

    int m_fd;
    QString m_error;
};
