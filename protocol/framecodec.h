// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Length-prefixed binary frames with typed messages, opened by the magic.
// See docs/protocol.md, "Frames".
#pragma once

#include "codec.h"

class FrameCodec : public Codec
{
public:
    explicit FrameCodec(qsizetype maxMessageSize = Protocol::kDefaultMaxMessageSize);

    Protocol::Framing framing() const override { return Protocol::Framing::Frames; }
    QByteArray preamble() const override { return Protocol::magic().toByteArray(); }
    qsizetype encodeTo(const Message &message, QByteArray &out) const override;
    bool finishInput(QList<Message> &out) override;
    qsizetype checkedSize(const QByteArray &encoded) const override
    {
        return qMax<qsizetype>(0, encoded.size() - Protocol::kFrameHeaderSize);
    }

    // Whether the magic has been received and checked.
    bool magicSeen() const { return m_magicSeen; }

protected:
    qsizetype parse(QByteArrayView data, QList<Message> &out) override;

private:
    bool decodePayload(Message::Type type, QByteArrayView payload, QList<Message> &out);

    bool m_magicSeen = false;
};
