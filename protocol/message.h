// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// One application-level message, as the codecs produce and consume it.
#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>

struct Message
{
    // Frame type byte on the wire (docs/protocol.md, "Message types").
    enum class Type : quint8 {
        Hello = 0x01,
        Text = 0x02,
        Notice = 0x03,
        Ping = 0x04,
        Pong = 0x05,
    };

    // What a notice is about. Unknown kinds must be shown as Info.
    enum class NoticeKind : quint8 {
        Info = 0,
        Welcome = 1,     // subjectId = the receiver's own client id
        Disconnect = 2,  // the reason the sender is closing the connection
        Joined = 3,      // subjectId joined the hub
        Left = 4,        // subjectId left the hub
        Direct = 5,      // a message from the server to this client only
    };

    Type type = Type::Text;
    // Hello: the client's name. Text: the sender's name (relay), may be empty.
    QString name;
    // Text: the sender's client id, 0 for none (the server itself or an
    // unrelayed message). Notice: the client the notice is about.
    quint32 senderId = 0;
    // Text body or notice text.
    QString text;
    // The same body as UTF-8 bytes, when a decoder in byte mode (see
    // Codec::setTextAsUtf8) or a relay filled it instead of text: the server
    // keeps relayed texts as bytes, validated once. Encoders prefer it.
    QByteArray utf8;
    // Hello: the protocol version.
    quint16 version = 0;
    NoticeKind noticeKind = NoticeKind::Info;
    // Ping/pong payload, echoed unchanged. Hello: the password field (a
    // client's, UTF-8; null when it sent none).
    QByteArray data;
    // Hello: the sender requires a password (a server's hello field tag 2).
    bool passwordRequired = false;
    // Set by a decoder when the bytes were not valid UTF-8 and were
    // replaced with U+FFFD.
    bool invalidUtf8 = false;

    static Message makeText(const QString &text, quint32 senderId = 0, const QString &senderName = {})
    {
        Message m;
        m.type = Type::Text;
        m.text = text;
        m.senderId = senderId;
        m.name = senderName;
        return m;
    }
    // password: the hello's password field, UTF-8 (null: none).
    static Message makeHello(const QString &name, quint16 version, const QByteArray &password = {})
    {
        Message m;
        m.type = Type::Hello;
        m.name = name;
        m.version = version;
        m.data = password;
        return m;
    }
    static Message makeNotice(NoticeKind kind, const QString &text, quint32 subjectId = 0)
    {
        Message m;
        m.type = Type::Notice;
        m.noticeKind = kind;
        m.text = text;
        m.senderId = subjectId;
        return m;
    }
    static Message makePing(const QByteArray &data = {})
    {
        Message m;
        m.type = Type::Ping;
        m.data = data;
        return m;
    }
    static Message makePong(const QByteArray &data = {})
    {
        Message m;
        m.type = Type::Pong;
        m.data = data;
        return m;
    }

    // The body as UTF-8 bytes, whichever form it is held in.
    QByteArray textUtf8() const { return utf8.isNull() ? text.toUtf8() : utf8; }
    // The body as a string, whichever form it is held in.
    QString textString() const { return utf8.isNull() ? text : QString::fromUtf8(utf8); }

    bool operator==(const Message &o) const
    {
        return type == o.type && name == o.name && senderId == o.senderId
            && textString() == o.textString()
            && version == o.version && noticeKind == o.noticeKind && data == o.data
            && passwordRequired == o.passwordRequired && invalidUtf8 == o.invalidUtf8;
    }
    bool operator!=(const Message &o) const { return !(*this == o); }
};

// Members are Qt value types and PODs: lists move it with memcpy.
Q_DECLARE_TYPEINFO(Message, Q_RELOCATABLE_TYPE);
Q_DECLARE_METATYPE(Message)
