// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The framing interface: bytes in any chunking -> whole Messages, and
// Messages -> bytes. Decoding is incremental and bounded: a codec holds at
// most the maximum message size plus one chunk, whatever a header claims.
#pragma once

#include "codecerror.h"
#include "message.h"
#include "protocol.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <memory>

class Codec
{
public:
    explicit Codec(qsizetype maxMessageSize);
    virtual ~Codec();
    Q_DISABLE_COPY_MOVE(Codec)

    static std::unique_ptr<Codec> create(Protocol::Framing framing,
                                         qsizetype maxMessageSize = Protocol::kDefaultMaxMessageSize);

    virtual Protocol::Framing framing() const = 0;

    // Feeds bytes and appends every complete message to out, in order.
    // Returns false when the input is bad; error() then says why. After an
    // error the codec stays failed: it ignores further input, and every later
    // decode() returns false. Messages decoded before the bad bytes are kept.
    bool decode(QByteArrayView bytes, QList<Message> &out);

    // The peer ended its stream (end-of-file). Appends what the buffered
    // rest still makes, and returns false when the rest cannot be a whole
    // message (error() says why). Lines: an unterminated last line is a
    // message. Frames: a partial frame is an error.
    virtual bool finishInput(QList<Message> &out);

    // Byte mode: decoded texts and notices carry their body in
    // Message::utf8 (validated, invalid sequences replaced) and leave
    // Message::text empty, so a relay never converts to UTF-16 and back.
    void setTextAsUtf8(bool on) { m_textAsUtf8 = on; }
    bool textAsUtf8() const { return m_textAsUtf8; }

    // Bytes to send once, first, when a connection opens (the frames magic).
    virtual QByteArray preamble() const { return {}; }
    // The wire form of one message. Empty when this framing cannot carry the
    // message type (ping/pong and hello have no line form).
    QByteArray encode(const Message &message) const;
    // Appends the wire form of one message to out and returns its
    // checkedSize() (0 when nothing was appended), so that a batch of
    // messages is encoded into one buffer.
    virtual qsizetype encodeTo(const Message &message, QByteArray &out) const = 0;
    // What a receiver of this framing compares with its maximum message size
    // for bytes that encode() produced: a frame's payload, or the longest
    // line without its terminator. A sender checks it before sending.
    virtual qsizetype checkedSize(const QByteArray &encoded) const = 0;

    bool hasFailed() const { return m_error.isError(); }
    const CodecError &error() const { return m_error; }
    qsizetype maxMessageSize() const { return m_maxMessageSize; }
    // Bytes held back waiting for the rest of a message.
    qsizetype bufferedBytes() const { return m_buffer.size(); }

protected:
    // Parses complete messages from the front of data and appends them to
    // out. Returns how many bytes were consumed, or -1 after calling fail().
    // Must fail rather than wait when the unconsumed rest can no longer
    // become a valid message within the limit.
    virtual qsizetype parse(QByteArrayView data, QList<Message> &out) = 0;
    // Called after parse() with the number of bytes that stay buffered.
    virtual void retained(qsizetype) { }
    void fail(CodecError::Code code, const QString &description);
    // Sets a decoded text's or notice's body, in the form byte mode asks for.
    void setBody(Message &message, QByteArrayView bytes) const;
    QByteArrayView buffered() const { return m_buffer; }

private:
    bool m_textAsUtf8 = false;
    QByteArray m_buffer;
    CodecError m_error;
    qsizetype m_maxMessageSize;
};
