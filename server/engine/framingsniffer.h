// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Detect, then decide: what a connection's first bytes say it speaks
// (docs/protocol.md, "Framing detection"), at each moment the question can
// be asked: after a read, when the grace period is over, and when the peer
// ended its input. One pure function, so the three moments cannot drift
// apart; ClientSession acts on the verdict.
#pragma once

#include "protocol.h"

#include <QByteArrayView>

#include <optional>

class FramingSniffer
{
public:
    // A TLS record's first byte, where a ClientHello starts.
    static constexpr char kTlsRecordByte = 0x16;

    enum class Moment {
        Read,       // more bytes arrived
        GraceOver,  // the grace period passed (bytes may still be waiting: peeked)
        InputEnded, // the peer ended its stream
    };
    enum class Verdict {
        Wait,                  // not enough bytes yet
        StartTls,              // a TLS ClientHello, and the server has a certificate
        TlsWithoutCertificate, // a TLS ClientHello to a server without TLS
        Lines,
        Frames,
        Http,          // "GET ": an HTTP request (the page, or a WebSocket upgrade)
        AwaitMagic,    // past the grace with a proper prefix of the magic: wait for the rest
        MagicCutShort, // the stream ended inside the magic: a bad magic, said in frames
    };
    struct Setup
    {
        // A framing the server forces: only TLS or plain is detected.
        std::optional<Protocol::Framing> forced;
        // The server has a certificate.
        bool tlsOffered = false;
        // The bytes are already TLS plaintext.
        bool insideTls = false;
    };

    static Verdict judge(QByteArrayView first, Moment moment, const Setup &setup);
};
