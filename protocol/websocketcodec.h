// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The server side of RFC 6455 after the HTTP upgrade, as one more framing:
// masked client frames (fragmented or not, with ping, pong and close
// control frames between) decode into Messages, one text message holding
// one JSON object; server Messages encode as unmasked text frames holding
// one JSON object, pings and pongs as control frames. See
// docs/protocol.md, section 10.
//
// Bounded like the other codecs: a frame's length is judged from its header
// before any of its payload arrives (the message so far plus the frame must
// fit the maximum message size), and nothing is reserved for what a length
// field claims. Binary frames, unmasked frames, reserved bits, unknown
// opcodes, invalid UTF-8 and JSON that is not one of the documented objects
// are errors; closeCode() gives the close frame's status code for each.
#pragma once

#include "codec.h"

#include <optional>

class WebSocketCodec : public Codec
{
public:
    // Close status codes (RFC 6455, 7.4.1).
    enum CloseCode : quint16 {
        CloseNormal = 1000,
        CloseGoingAway = 1001,
        CloseProtocolError = 1002,
        CloseUnsupportedData = 1003,
        CloseInvalidPayload = 1007,
        ClosePolicyViolation = 1008,
        CloseTooBig = 1009,
    };
    // Opcodes (RFC 6455, 5.2).
    enum Opcode : quint8 {
        OpContinuation = 0x0,
        OpText = 0x1,
        OpBinary = 0x2,
        OpClose = 0x8,
        OpPing = 0x9,
        OpPong = 0xA,
    };

    explicit WebSocketCodec(qsizetype maxMessageSize = Protocol::kDefaultMaxMessageSize);

    Protocol::Framing framing() const override { return Protocol::Framing::WebSocket; }
    qsizetype encodeTo(const Message &message, QByteArray &out) const override;
    // The payload of the first frame in encoded: the JSON text.
    qsizetype checkedSize(const QByteArray &encoded) const override;
    bool finishInput(QList<Message> &out) override;

    // The peer sent a close frame; bytes after it are an error.
    bool closeReceived() const { return m_closeReceived; }
    // Its status code (0: none given) and reason.
    quint16 peerCloseCode() const { return m_peerCloseCode; }
    const QString &peerCloseReason() const { return m_peerCloseReason; }

    // An unmasked close frame with this status and reason (cut at a UTF-8
    // boundary to fit a control frame).
    static QByteArray closeFrame(quint16 code, QByteArrayView reasonUtf8 = {});
    // The status code a close frame gives for a decoding error.
    static quint16 closeCode(CodecError::Code code);

    // The text of the usual text message, exactly as a browser's
    // JSON.stringify({ type: 'text', text }) writes it when nothing in the
    // text needs an escape: {"type":"text","text":"..."} with no '"', '\'
    // or control character between the quotes. Read in place, without a
    // JSON parser; nullopt for anything else, which is parsed as JSON (the
    // fuzzer checks that both agree).
    static std::optional<QByteArrayView> plainText(QByteArrayView json);

protected:
    qsizetype parse(QByteArrayView data, QList<Message> &out) override;

private:
    bool frame(quint8 opcode, bool fin, QByteArray payload, QList<Message> &out);
    bool message(QByteArrayView json, QList<Message> &out);
    bool close(QByteArrayView payload);

    // A fragmented text message: the payload so far.
    QByteArray m_fragments;
    bool m_inMessage = false;
    bool m_closeReceived = false;
    quint16 m_peerCloseCode = 0;
    QString m_peerCloseReason;
};
