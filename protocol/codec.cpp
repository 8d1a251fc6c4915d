// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "codec.h"

#include "framecodec.h"
#include "linecodec.h"
#include "utf8.h"
#include "websocketcodec.h"

Codec::Codec(qsizetype maxMessageSize)
    : m_maxMessageSize(maxMessageSize)
{
}

Codec::~Codec() = default;

std::unique_ptr<Codec> Codec::create(Protocol::Framing framing, qsizetype maxMessageSize)
{
    if (framing == Protocol::Framing::Frames)
        return std::make_unique<FrameCodec>(maxMessageSize);
    if (framing == Protocol::Framing::WebSocket)
        return std::make_unique<WebSocketCodec>(maxMessageSize);
    return std::make_unique<LineCodec>(maxMessageSize);
}

bool Codec::decode(QByteArrayView bytes, QList<Message> &out)
{
    if (hasFailed())
        return false;
    if (bytes.isEmpty())
        return true;

    if (m_buffer.isEmpty()) {
        // Fast path: parse straight from the caller's bytes and keep only
        // the incomplete tail.
        const qsizetype consumed = parse(bytes, out);
        if (consumed < 0)
            return false;
        if (consumed < bytes.size())
            m_buffer = bytes.sliced(consumed).toByteArray();
    } else {
        m_buffer.append(bytes.data(), bytes.size());
        const qsizetype consumed = parse(m_buffer, out);
        if (consumed < 0) {
            m_buffer.clear();
            return false;
        }
        if (consumed == m_buffer.size())
            m_buffer.clear();
        else if (consumed > 0)
            m_buffer.remove(0, consumed);
    }
    retained(m_buffer.size());
    return true;
}

void Codec::fail(CodecError::Code code, const QString &description)
{
    m_error.code = code;
    m_error.description = description;
    m_buffer.clear();
    m_buffer.squeeze();
}

QByteArray Codec::encode(const Message &message) const
{
    QByteArray out;
    encodeTo(message, out);
    return out;
}

bool Codec::finishInput(QList<Message> &)
{
    return !hasFailed();
}

void Codec::setBody(Message &message, QByteArrayView bytes) const
{
    if (m_textAsUtf8) {
        message.utf8 = Utf8::sanitized(bytes, &message.invalidUtf8);
        if (message.utf8.isNull())
            message.utf8 = QByteArray("", 0); // empty, but held as bytes
    } else {
        message.text = Utf8::decode(bytes, &message.invalidUtf8);
    }
}
