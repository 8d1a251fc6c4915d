// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The client's side of RFC 6455 framing, for tests and fuzzers: masked
// frames as a browser sends them, and the server's unmasked frames taken
// apart again.
#pragma once

#include <QByteArray>
#include <QList>
#include <QtEndian>

namespace WebSocketFrames {

// One masked client frame.
inline QByteArray clientFrame(quint8 opcode, const QByteArray &payload, bool fin = true,
                              quint32 maskKey = 0x37FA213D)
{
    QByteArray out;
    out.append(char((fin ? 0x80 : 0) | opcode));
    const qsizetype n = payload.size();
    if (n < 126) {
        out.append(char(0x80 | n));
    } else if (n <= 0xFFFF) {
        out.append(char(0x80 | 126));
        char b[2];
        qToBigEndian(quint16(n), b);
        out.append(b, 2);
    } else {
        out.append(char(0x80 | 127));
        char b[8];
        qToBigEndian(quint64(n), b);
        out.append(b, 8);
    }
    char mask[4];
    qToBigEndian(maskKey, mask);
    out.append(mask, 4);
    for (qsizetype i = 0; i < n; ++i)
        out.append(char(payload[i] ^ mask[i & 3]));
    return out;
}

inline QByteArray clientText(const QByteArray &json)
{
    return clientFrame(0x1, json);
}

struct ServerFrame
{
    quint8 opcode = 0;
    bool fin = false;
    QByteArray payload;
};

// Takes whole unmasked server frames off the front of bytes; a partial
// frame stays. Returns false on a frame a server must not send (masked,
// reserved bits).
inline bool takeServerFrames(QByteArray &bytes, QList<ServerFrame> &out)
{
    while (bytes.size() >= 2) {
        const auto b0 = quint8(bytes[0]);
        const auto b1 = quint8(bytes[1]);
        if ((b1 & 0x80) || (b0 & 0x70))
            return false;
        qsizetype header = 2;
        quint64 length = b1 & 0x7F;
        if (length == 126) {
            if (bytes.size() < 4)
                return true;
            length = qFromBigEndian<quint16>(bytes.constData() + 2);
            header = 4;
        } else if (length == 127) {
            if (bytes.size() < 10)
                return true;
            length = qFromBigEndian<quint64>(bytes.constData() + 2);
            header = 10;
        }
        if (quint64(bytes.size() - header) < length)
            return true;
        out.append({ quint8(b0 & 0x0F), bool(b0 & 0x80), bytes.mid(header, qsizetype(length)) });
        bytes.remove(0, header + qsizetype(length));
    }
    return true;
}

} // namespace WebSocketFrames
