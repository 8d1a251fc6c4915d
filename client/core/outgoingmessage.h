// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// A text or bytes socket-client is about to send: its text and body (what
// the log shows as sent) and what goes on the wire in the connection's
// framing, and whether that is within the maximum message size. Both the
// connection and the window's side of it (ClientController, which must say
// at once whether a typed message was taken) check it the same way.
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

class Codec;

struct OutgoingMessage
{
    Q_DECLARE_TR_FUNCTIONS(OutgoingMessage)

public:
    // What ends a line that bytes() writes in lines framing.
    enum class LineEnding {
        Lf,   // "\n", what text() writes
        CrLf, // "\r\n", for devices and services that want it
        None, // nothing: the bytes as they are
    };

    // A text message.
    static OutgoingMessage text(const Codec &codec, const QString &text);
    // Bytes as one message, exactly as given. Frames: a text message whose
    // body is these bytes (not checked as UTF-8: a server replaces what is
    // not). Lines: the bytes, then ending, as they are: nothing is added or
    // taken away.
    static OutgoingMessage bytes(const Codec &codec, const QByteArray &bytes, LineEnding ending);

    // Why it cannot be sent with this maximum (empty: it can): a receiver
    // compares Codec::checkedSize() with its maximum.
    QString sizeProblem(const Codec &codec, qsizetype maxMessageSize) const;

    QString textForm;
    QByteArray body;
    QByteArray wire;
};
