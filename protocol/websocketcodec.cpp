// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "websocketcodec.h"

#include "jsonwriter.h"
#include "utf8.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QtEndian>

#include <cstring>

namespace {

// What it reports is English and never translated: the server sends it to
// the peer (a goodbye, an HTTP body; docs/protocol.md, section 10).

// Fixed header, extended length, mask key.
constexpr int kBaseHeaderSize = 2;
constexpr int kMaskSize = 4;
constexpr int kMaxServerHeaderSize = 10;
// The longest "type" a message's error quotes.
constexpr int kMaxQuotedType = 32;

const char *noticeKindName(Message::NoticeKind kind)
{
    switch (kind) {
    case Message::NoticeKind::Info: return "info";
    case Message::NoticeKind::Welcome: return "welcome";
    case Message::NoticeKind::Disconnect: return "disconnect";
    case Message::NoticeKind::Joined: return "joined";
    case Message::NoticeKind::Left: return "left";
    case Message::NoticeKind::Direct: return "direct";
    }
    return "info";
}

// A server frame's header (FIN set, no mask) into header; returns its size.
int headerBytes(quint8 opcode, qsizetype payloadSize, char (&header)[kMaxServerHeaderSize])
{
    header[0] = char(0x80 | opcode);
    if (payloadSize < 126) {
        header[1] = char(payloadSize);
        return 2;
    }
    if (payloadSize <= 0xFFFF) {
        header[1] = char(126);
        qToBigEndian(quint16(payloadSize), header + 2);
        return 4;
    }
    header[1] = char(127);
    qToBigEndian(quint64(payloadSize), header + 2);
    return 10;
}

void appendHeader(QByteArray &out, quint8 opcode, qsizetype payloadSize)
{
    char header[kMaxServerHeaderSize];
    out.append(header, headerBytes(opcode, payloadSize, header));
}

// A JSON string may escape half of a surrogate pair alone ("\udc00"), which
// no UTF-8 can carry: each such half becomes U+FFFD, as section 10.4 says,
// the same whichever form the text is kept in.
QString wellFormed(QString s, bool *replaced)
{
    const qsizetype n = s.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = s.at(i);
        if (!c.isSurrogate())
            continue;
        if (c.isHighSurrogate() && i + 1 < n && s.at(i + 1).isLowSurrogate()) {
            ++i;
            continue;
        }
        s[i] = QChar::ReplacementCharacter;
        *replaced = true;
    }
    return s;
}

} // namespace

WebSocketCodec::WebSocketCodec(qsizetype maxMessageSize)
    : Codec(maxMessageSize)
{
}

qsizetype WebSocketCodec::parse(QByteArrayView data, QList<Message> &out)
{
    qsizetype pos = 0;
    const qsizetype size = data.size();
    const qsizetype max = maxMessageSize();
    if (m_closeReceived && size > 0) {
        fail(CodecError::Code::MalformedFrame, QStringLiteral("data after the WebSocket close frame"));
        return -1;
    }
    while (size - pos >= kBaseHeaderSize) {
        const auto b0 = quint8(data[pos]);
        const auto b1 = quint8(data[pos + 1]);
        const bool fin = b0 & 0x80;
        const quint8 opcode = b0 & 0x0F;
        const bool control = opcode & 0x08;
        const quint8 length7 = b1 & 0x7F;
        // Judge what the first two bytes already say.
        if (b0 & 0x70) {
            fail(CodecError::Code::MalformedFrame,
                 QStringLiteral("WebSocket frame with reserved bits set (no extension was agreed)"));
            return -1;
        }
        if (opcode == OpBinary) {
            fail(CodecError::Code::UnknownType,
                 QStringLiteral("binary WebSocket frames are not supported: send text frames holding JSON"));
            return -1;
        }
        if (opcode != OpContinuation && opcode != OpText && opcode != OpClose && opcode != OpPing
            && opcode != OpPong) {
            fail(CodecError::Code::UnknownType,
                 QStringLiteral("unknown WebSocket opcode 0x%1").arg(opcode, 1, 16));
            return -1;
        }
        if (!(b1 & 0x80)) {
            fail(CodecError::Code::MalformedFrame, QStringLiteral("unmasked WebSocket frame from a client"));
            return -1;
        }
        if (control && (!fin || length7 > Protocol::kMaxWebSocketControlPayload)) {
            fail(CodecError::Code::MalformedFrame,
                 QStringLiteral("WebSocket control frame fragmented or longer than %1 bytes")
                     .arg(Protocol::kMaxWebSocketControlPayload));
            return -1;
        }
        if (opcode == OpContinuation && !m_inMessage) {
            fail(CodecError::Code::MalformedFrame,
                 QStringLiteral("WebSocket continuation frame without a message to continue"));
            return -1;
        }
        if (opcode == OpText && m_inMessage) {
            fail(CodecError::Code::MalformedFrame,
                 QStringLiteral("WebSocket text frame inside a fragmented message"));
            return -1;
        }
        const int extended = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
        const qsizetype headerSize = kBaseHeaderSize + extended + kMaskSize;
        if (size - pos < kBaseHeaderSize + extended)
            break;
        quint64 length = length7;
        if (extended == 2)
            length = qFromBigEndian<quint16>(data.data() + pos + 2);
        else if (extended == 8)
            length = qFromBigEndian<quint64>(data.data() + pos + 2);
        if (length >> 63) {
            fail(CodecError::Code::MalformedFrame, QStringLiteral("WebSocket frame length with its top bit set"));
            return -1;
        }
        // The message so far plus this frame must fit; nothing is reserved
        // for what the length claims.
        const quint64 total = length + quint64(control ? 0 : m_fragments.size());
        if (!control && total > quint64(max)) {
            fail(CodecError::Code::FrameTooLarge,
                 QStringLiteral("WebSocket message of %1 bytes exceeds the maximum of %2 bytes")
                     .arg(total)
                     .arg(max));
            return -1;
        }
        if (size - pos < headerSize || quint64(size - pos - headerSize) < length)
            break;
        const char *mask = data.data() + pos + headerSize - kMaskSize;
        QByteArray payload(data.data() + pos + headerSize, qsizetype(length));
        char *p = payload.data();
        for (qsizetype i = 0; i < payload.size(); ++i)
            p[i] ^= mask[i & 3];
        pos += headerSize + qsizetype(length);
        if (!frame(opcode, fin, std::move(payload), out))
            return -1;
        if (m_closeReceived) {
            if (pos < size) {
                fail(CodecError::Code::MalformedFrame, QStringLiteral("data after the WebSocket close frame"));
                return -1;
            }
            break;
        }
    }
    return pos;
}

bool WebSocketCodec::frame(quint8 opcode, bool fin, QByteArray payload, QList<Message> &out)
{
    switch (opcode) {
    case OpPing:
        out.append(Message::makePing(payload));
        return true;
    case OpPong:
        out.append(Message::makePong(payload));
        return true;
    case OpClose:
        return close(payload);
    case OpText:
        if (fin)
            return message(payload, out);
        m_fragments = std::move(payload);
        m_inMessage = true;
        return true;
    default: // continuation
        m_fragments.append(payload);
        if (!fin)
            return true;
        m_inMessage = false;
        const QByteArray whole = std::move(m_fragments);
        m_fragments = QByteArray();
        return message(whole, out);
    }
}

bool WebSocketCodec::close(QByteArrayView payload)
{
    if (payload.size() == 1) {
        fail(CodecError::Code::MalformedFrame, QStringLiteral("WebSocket close frame of 1 byte"));
        return false;
    }
    if (payload.size() >= 2) {
        m_peerCloseCode = qFromBigEndian<quint16>(payload.data());
        const QByteArrayView reason = payload.sliced(2);
        if (!Utf8::isValid(reason)) {
            fail(CodecError::Code::InvalidUtf8, QStringLiteral("WebSocket close reason is not valid UTF-8"));
            return false;
        }
        m_peerCloseReason = QString::fromUtf8(reason);
    }
    m_closeReceived = true;
    return true;
}

bool WebSocketCodec::message(QByteArrayView json, QList<Message> &out)
{
    if (!Utf8::isValid(json)) {
        fail(CodecError::Code::InvalidUtf8, QStringLiteral("WebSocket text message is not valid UTF-8"));
        return false;
    }
    if (const std::optional<QByteArrayView> body = plainText(json)) {
        Message m;
        m.type = Message::Type::Text;
        if (textAsUtf8())
            m.utf8 = body->isEmpty() ? QByteArray("", 0) : body->toByteArray();
        else
            m.text = QString::fromUtf8(*body);
        out.append(std::move(m));
        return true;
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (!document.isObject()) {
        fail(CodecError::Code::MalformedFrame,
             QStringLiteral("WebSocket message is not a JSON object (%1)")
                 .arg(error.error == QJsonParseError::NoError ? QStringLiteral("another JSON value")
                                                              : error.errorString()));
        return false;
    }
    const QJsonObject object = document.object();
    const QString type = object.value(QLatin1String("type")).toString();
    const auto wrongField = [this](const char *field) {
        fail(CodecError::Code::MalformedFrame,
             QStringLiteral("WebSocket message field \"%1\" is missing or of the wrong type")
                 .arg(QLatin1String(field)));
        return false;
    };
    Message m;
    if (type == QLatin1String("hello")) {
        m.type = Message::Type::Hello;
        const QJsonValue name = object.value(QLatin1String("name"));
        const QJsonValue password = object.value(QLatin1String("password"));
        const QJsonValue version = object.value(QLatin1String("version"));
        if (!name.isUndefined() && !name.isString())
            return wrongField("name");
        if (!password.isUndefined() && !password.isString())
            return wrongField("password");
        if (!version.isUndefined() && !version.isDouble())
            return wrongField("version");
        m.name = wellFormed(name.toString(), &m.invalidUtf8);
        if (m.name.toUtf8().size() > Protocol::kMaxNameSize) {
            fail(CodecError::Code::MalformedFrame,
                 QStringLiteral("name longer than %1 bytes").arg(Protocol::kMaxNameSize));
            return false;
        }
        if (password.isString()) {
            bool replaced = false;
            m.data = wellFormed(password.toString(), &replaced).toUtf8();
            if (m.data.isNull())
                m.data = QByteArray("", 0);
            if (m.data.size() > Protocol::kMaxHelloFieldSize) {
                fail(CodecError::Code::MalformedFrame,
                     QStringLiteral("password longer than %1 bytes").arg(Protocol::kMaxHelloFieldSize));
                return false;
            }
        }
        const double v = version.toDouble(Protocol::kVersion);
        if (v != Protocol::kVersion) {
            fail(CodecError::Code::UnsupportedVersion,
                 QStringLiteral("unsupported protocol version %1 (this peer speaks %2)")
                     .arg(v)
                     .arg(Protocol::kVersion));
            return false;
        }
        m.version = Protocol::kVersion;
    } else if (type == QLatin1String("text")) {
        const QJsonValue text = object.value(QLatin1String("text"));
        if (!text.isString())
            return wrongField("text");
        m.type = Message::Type::Text;
        QString body = wellFormed(text.toString(), &m.invalidUtf8);
        if (textAsUtf8()) {
            m.utf8 = body.toUtf8();
            if (m.utf8.isNull())
                m.utf8 = QByteArray("", 0);
        } else {
            m.text = std::move(body);
        }
    } else if (type.isEmpty() && !object.value(QLatin1String("type")).isString()) {
        return wrongField("type");
    } else {
        fail(CodecError::Code::UnknownType,
             QStringLiteral("unknown WebSocket message type \"%1\"").arg(type.left(kMaxQuotedType)));
        return false;
    }
    out.append(std::move(m));
    return true;
}

std::optional<QByteArrayView> WebSocketCodec::plainText(QByteArrayView json)
{
    static constexpr QByteArrayView kStart = "{\"type\":\"text\",\"text\":\"";
    static constexpr QByteArrayView kEnd = "\"}";
    if (json.size() < kStart.size() + kEnd.size() || !json.startsWith(kStart) || !json.endsWith(kEnd))
        return std::nullopt;
    const QByteArrayView body = json.sliced(kStart.size(), json.size() - kStart.size() - kEnd.size());
    for (const char c : body) {
        if (c == '"' || c == '\\' || quint8(c) < 0x20)
            return std::nullopt;
    }
    return body;
}

qsizetype WebSocketCodec::encodeTo(const Message &message, QByteArray &out) const
{
    if (message.type == Message::Type::Ping || message.type == Message::Type::Pong) {
        const QByteArrayView data = QByteArrayView(message.data).first(
            qMin<qsizetype>(message.data.size(), Protocol::kMaxWebSocketControlPayload));
        appendHeader(out, message.type == Message::Type::Ping ? OpPing : OpPong, data.size());
        out.append(data.data(), data.size());
        return data.size();
    }
    // The JSON is written in place after a 2-byte header, which grows (the
    // JSON moved up) only for a payload of 126 bytes or more: no copy of
    // the usual short message, and no allocation but the batch's own.
    const qsizetype start = out.size();
    out.append(kBaseHeaderSize, '\0');
    {
        JsonWriter w(out);
        switch (message.type) {
        case Message::Type::Hello:
            w.string("type", "hello");
            w.number("version", message.version);
            w.string("name", message.name.toUtf8());
            w.boolean("passwordRequired", message.passwordRequired);
            break;
        case Message::Type::Text:
            w.string("type", "text");
            w.number("from", message.senderId);
            w.string("name", message.name.toUtf8());
            w.string("text", message.textUtf8());
            break;
        case Message::Type::Notice:
            if (message.noticeKind == Message::NoticeKind::Direct) {
                w.string("type", "direct");
            } else {
                w.string("type", "notice");
                w.string("kind", noticeKindName(message.noticeKind));
            }
            w.number("id", message.senderId);
            w.string("text", message.textUtf8());
            break;
        case Message::Type::Ping:
        case Message::Type::Pong:
            break;
        }
    }
    const qsizetype payloadSize = out.size() - start - kBaseHeaderSize;
    char header[kMaxServerHeaderSize];
    const int headerSize = headerBytes(OpText, payloadSize, header);
    if (headerSize > kBaseHeaderSize)
        out.insert(start + kBaseHeaderSize, headerSize - kBaseHeaderSize, '\0');
    std::memcpy(out.data() + start, header, size_t(headerSize));
    return payloadSize;
}

qsizetype WebSocketCodec::checkedSize(const QByteArray &encoded) const
{
    if (encoded.size() < kBaseHeaderSize)
        return 0;
    const quint8 length7 = quint8(encoded[1]) & 0x7F;
    if (length7 == 126 && encoded.size() >= 4)
        return qFromBigEndian<quint16>(encoded.constData() + 2);
    if (length7 == 127 && encoded.size() >= 10)
        return qsizetype(qFromBigEndian<quint64>(encoded.constData() + 2));
    return length7;
}

bool WebSocketCodec::finishInput(QList<Message> &)
{
    if (hasFailed())
        return false;
    if (!buffered().isEmpty() || m_inMessage) {
        fail(CodecError::Code::MalformedFrame,
             QStringLiteral("the stream ended inside a WebSocket message (%1 bytes of it received)")
                 .arg(buffered().size() + m_fragments.size()));
        return false;
    }
    return true;
}

QByteArray WebSocketCodec::closeFrame(quint16 code, QByteArrayView reasonUtf8)
{
    const QByteArrayView reason = reasonUtf8.first(Utf8::prefixLength(reasonUtf8, Protocol::kMaxWebSocketControlPayload - 2));
    QByteArray out;
    appendHeader(out, OpClose, 2 + reason.size());
    char b[2];
    qToBigEndian(code, b);
    out.append(b, 2);
    out.append(reason.data(), reason.size());
    return out;
}

quint16 WebSocketCodec::closeCode(CodecError::Code code)
{
    switch (code) {
    case CodecError::Code::None: return CloseNormal;
    case CodecError::Code::FrameTooLarge:
    case CodecError::Code::LineTooLong: return CloseTooBig;
    case CodecError::Code::UnknownType: return CloseUnsupportedData;
    case CodecError::Code::InvalidUtf8: return CloseInvalidPayload;
    case CodecError::Code::UnsupportedVersion:
    case CodecError::Code::TruncatedHello:
    case CodecError::Code::BadMagic: return ClosePolicyViolation;
    case CodecError::Code::MalformedFrame: return CloseProtocolError;
    }
    return CloseProtocolError;
}
