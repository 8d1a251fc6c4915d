// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "outgoingmessage.h"

#include "codec.h"
#include "utf8.h"

OutgoingMessage OutgoingMessage::text(const Codec &codec, const QString &text)
{
    return {text, text.toUtf8(), codec.encode(Message::makeText(text))};
}

OutgoingMessage OutgoingMessage::bytes(const Codec &codec, const QByteArray &bytes, LineEnding ending)
{
    QByteArray wire;
    if (codec.framing() == Protocol::Framing::Frames) {
        Message message = Message::makeText(QString());
        message.utf8 = bytes.isNull() ? QByteArray("") : bytes; // encoders take utf8 as it is
        wire = codec.encode(message);
    } else {
        wire.reserve(bytes.size() + 2);
        wire.append(bytes);
        if (ending == LineEnding::CrLf)
            wire.append("\r\n");
        else if (ending == LineEnding::Lf)
            wire.append('\n');
    }
    bool invalid = false;
    QString text = Utf8::decode(bytes, &invalid);
    return {std::move(text), bytes, std::move(wire)};
}

QString OutgoingMessage::sizeProblem(const Codec &codec, qsizetype maxMessageSize) const
{
    const qsizetype size = codec.checkedSize(wire);
    if (size <= maxMessageSize)
        return {};
    return tr("Message of %1 bytes exceeds the maximum of %2 bytes: not sent")
        .arg(QString::number(size), QString::number(maxMessageSize));
}
