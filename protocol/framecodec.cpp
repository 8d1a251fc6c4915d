// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "framecodec.h"

#include "utf8.h"

#include <QtEndian>

namespace {

// What the frame codec reports is English and never translated: a server
// sends it to the peer in its goodbye (docs/protocol.md, "Disconnect
// reasons"), and CodecError::code is what a program should look at.

// ", it looks like an HTTP server" when the bytes are the start of an HTTP
// response or request: a common mistake (a web port), worth saying plainly.
QString httpHint(QByteArrayView data)
{
    if (data.startsWith("HTTP/"))
        return QStringLiteral(": it looks like an HTTP server");
    for (const char *method : { "GET ", "POST ", "HEAD ", "PUT ", "DELETE ", "OPTIONS ", "PATCH ", "CONNECT " }) {
        if (data.startsWith(method))
            return QStringLiteral(": it looks like an HTTP client");
    }
    return {};
}

bool isKnownType(quint8 type)
{
    return type >= quint8(Message::Type::Hello) && type <= quint8(Message::Type::Pong);
}

// UTF-8 of a name, cut at a character boundary to fit its one-byte length.
QByteArray encodeName(const QString &name)
{
    QByteArray utf8 = name.toUtf8();
    utf8.truncate(Utf8::prefixLength(utf8, Protocol::kMaxNameSize));
    return utf8;
}

void appendBe16(QByteArray &out, quint16 v)
{
    char b[2];
    qToBigEndian(v, b);
    out.append(b, 2);
}

void appendBe32(QByteArray &out, quint32 v)
{
    char b[4];
    qToBigEndian(v, b);
    out.append(b, 4);
}

} // namespace

FrameCodec::FrameCodec(qsizetype maxMessageSize)
    : Codec(maxMessageSize)
{
}

qsizetype FrameCodec::parse(QByteArrayView data, QList<Message> &out)
{
    qsizetype pos = 0;
    const qsizetype size = data.size();

    if (!m_magicSeen) {
        // The magic only: a server's detection also knows HTTP, a frames
        // peer does not.
        const qsizetype n = qMin<qsizetype>(size, Protocol::kMagicSize);
        if (data.first(n) != Protocol::magic().first(n)) {
            const QString hex = QString::fromLatin1(
                data.first(qMin<qsizetype>(size, Protocol::kMagicSize)).toByteArray().toHex(' '));
            fail(CodecError::Code::BadMagic, QStringLiteral("the peer does not speak frames (bad magic %1)").arg(hex)
                                                 + httpHint(data));
            return -1;
        }
        if (n < Protocol::kMagicSize)
            return 0;
        m_magicSeen = true;
        pos = Protocol::kMagicSize;
    }

    const qsizetype max = maxMessageSize();
    while (size - pos >= Protocol::kFrameHeaderSize) {
        const quint32 length = qFromBigEndian<quint32>(data.data() + pos);
        const quint8 type = quint8(data[pos + 4]);
        // Fail fast: judge the header before any of the payload arrives, and
        // never reserve what the length merely claims.
        if (qint64(length) > qint64(max)) {
            fail(CodecError::Code::FrameTooLarge,
                 QStringLiteral("frame of %1 bytes exceeds the maximum of %2 bytes").arg(length).arg(max));
            return -1;
        }
        if (!isKnownType(type)) {
            fail(CodecError::Code::UnknownType,
                 QStringLiteral("unknown frame type 0x%1").arg(type, 2, 16, QLatin1Char('0')));
            return -1;
        }
        if (size - pos - Protocol::kFrameHeaderSize < qsizetype(length))
            break;
        const QByteArrayView payload = data.sliced(pos + Protocol::kFrameHeaderSize, length);
        if (!decodePayload(Message::Type(type), payload, out))
            return -1;
        pos += Protocol::kFrameHeaderSize + length;
    }
    return pos;
}

bool FrameCodec::decodePayload(Message::Type type, QByteArrayView p, QList<Message> &out)
{
    Message m;
    m.type = type;
    switch (type) {
    case Message::Type::Hello: {
        if (p.size() < 3) {
            fail(CodecError::Code::TruncatedHello,
                 QStringLiteral("hello frame of %1 bytes is shorter than its 3-byte header").arg(p.size()));
            return false;
        }
        m.version = qFromBigEndian<quint16>(p.data());
        const quint8 nameSize = quint8(p[2]);
        if (p.size() < 3 + nameSize) {
            fail(CodecError::Code::TruncatedHello,
                 QStringLiteral("hello frame ends inside its %1-byte name").arg(nameSize));
            return false;
        }
        // Fields after the name: u8 tag, u8 length, bytes. Their layout is
        // the same in every version, so one cut short by the end of the
        // frame is a truncated hello before the version is looked at
        // (docs/protocol.md, section 6, step 3). Unknown tags are skipped.
        QByteArray password;
        bool passwordRequired = false;
        for (qsizetype pos = 3 + nameSize; pos < p.size();) {
            if (p.size() - pos < 2 || p.size() - pos - 2 < quint8(p[pos + 1])) {
                fail(CodecError::Code::TruncatedHello,
                     QStringLiteral("hello frame ends inside a field after the name (at byte %1 of %2)")
                         .arg(QString::number(pos), QString::number(p.size())));
                return false;
            }
            const quint8 tag = quint8(p[pos]);
            const quint8 size = quint8(p[pos + 1]);
            if (tag == Protocol::kHelloFieldPassword)
                password = p.sliced(pos + 2, size).toByteArray();
            else if (tag == Protocol::kHelloFieldPasswordRequired)
                passwordRequired = true; // whatever it holds: version 1 sends it empty
            pos += 2 + size;
        }
        if (m.version != Protocol::kVersion) {
            fail(CodecError::Code::UnsupportedVersion,
                 QStringLiteral("unsupported protocol version %1 (this peer speaks %2)")
                     .arg(m.version)
                     .arg(Protocol::kVersion));
            return false;
        }
        m.name = Utf8::decode(p.sliced(3, nameSize), &m.invalidUtf8);
        m.data = password;
        m.passwordRequired = passwordRequired;
        break;
    }
    case Message::Type::Text: {
        if (p.size() < 5 || p.size() < 5 + quint8(p[4])) {
            fail(CodecError::Code::MalformedFrame,
                 QStringLiteral("text frame of %1 bytes is shorter than its sender field").arg(p.size()));
            return false;
        }
        m.senderId = qFromBigEndian<quint32>(p.data());
        const quint8 nameSize = quint8(p[4]);
        m.name = Utf8::decode(p.sliced(5, nameSize), &m.invalidUtf8);
        setBody(m, p.sliced(5 + nameSize));
        break;
    }
    case Message::Type::Notice:
        if (p.size() < 5) {
            fail(CodecError::Code::MalformedFrame,
                 QStringLiteral("notice frame of %1 bytes is shorter than its 5-byte header").arg(p.size()));
            return false;
        }
        m.noticeKind = Message::NoticeKind(quint8(p[0]));
        if (quint8(m.noticeKind) > quint8(Message::NoticeKind::Direct))
            m.noticeKind = Message::NoticeKind::Info;
        m.senderId = qFromBigEndian<quint32>(p.data() + 1);
        setBody(m, p.sliced(5));
        break;
    case Message::Type::Ping:
    case Message::Type::Pong:
        if (p.size() > Protocol::kMaxPingPayload) {
            fail(CodecError::Code::MalformedFrame,
                 QStringLiteral("ping or pong payload of %1 bytes exceeds %2 bytes")
                     .arg(p.size())
                     .arg(Protocol::kMaxPingPayload));
            return false;
        }
        m.data = p.toByteArray();
        break;
    }
    out.append(std::move(m));
    return true;
}

qsizetype FrameCodec::encodeTo(const Message &message, QByteArray &out) const
{
    const qsizetype start = out.size();
    // No reserve() per frame: it would grow out to exactly this frame's end,
    // and a batch of many frames would be copied once per frame.
    const auto header = [&out, &message](qsizetype payloadSize) {
        appendBe32(out, quint32(payloadSize));
        out.append(char(message.type));
    };

    switch (message.type) {
    case Message::Type::Hello: {
        const QByteArray name = encodeName(message.name);
        // A password over the field's limit is the caller's error (a client
        // refuses it before connecting); it is never silently cut.
        Q_ASSERT(message.data.size() <= Protocol::kMaxHelloFieldSize);
        const bool password = !message.data.isNull() && message.data.size() <= Protocol::kMaxHelloFieldSize;
        header(3 + name.size() + (password ? 2 + message.data.size() : 0) + (message.passwordRequired ? 2 : 0));
        appendBe16(out, message.version);
        out.append(char(name.size()));
        out.append(name);
        if (password) {
            out.append(char(Protocol::kHelloFieldPassword));
            out.append(char(message.data.size()));
            out.append(message.data);
        }
        if (message.passwordRequired) {
            out.append(char(Protocol::kHelloFieldPasswordRequired));
            out.append('\0');
        }
        break;
    }
    case Message::Type::Text: {
        const QByteArray name = encodeName(message.name);
        const QByteArray text = message.textUtf8();
        header(5 + name.size() + text.size());
        appendBe32(out, message.senderId);
        out.append(char(name.size()));
        out.append(name);
        out.append(text);
        break;
    }
    case Message::Type::Notice: {
        const QByteArray text = message.textUtf8();
        header(5 + text.size());
        out.append(char(message.noticeKind));
        appendBe32(out, message.senderId);
        out.append(text);
        break;
    }
    case Message::Type::Ping:
    case Message::Type::Pong: {
        const QByteArray data = message.data.left(Protocol::kMaxPingPayload);
        header(data.size());
        out.append(data);
        break;
    }
    }
    return out.size() - start - Protocol::kFrameHeaderSize;
}

bool FrameCodec::finishInput(QList<Message> &)
{
    if (hasFailed())
        return false;
    if (!m_magicSeen && !buffered().isEmpty()) {
        // Bad magic before anything: a stream that ends inside the magic
        // never opened with it.
        fail(CodecError::Code::BadMagic,
             QStringLiteral("the peer does not speak frames (bad magic %1, then the stream ended)")
                 .arg(QString::fromLatin1(buffered().toByteArray().toHex(' '))));
        return false;
    }
    if (!buffered().isEmpty()) {
        fail(CodecError::Code::MalformedFrame,
             QStringLiteral("the stream ended inside a frame (%1 bytes of it received)").arg(buffered().size()));
        return false;
    }
    return true;
}
