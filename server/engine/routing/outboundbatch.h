// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Messages going out together: the texts one read of one client produced
// (a relay or an echo), or one server text. A batch is encoded at most once
// per framing, into one buffer, and every recipient of that framing queues
// the same implicitly shared bytes: a fan-out to N clients costs
// O(size + N), not O(size × N).
//
// A message whose encoded form is larger than the maximum message size in a
// framing is left out of that framing's bytes; encoding() reports it once.
// The bytes a batch holds are counted in the engine's BufferBudget for as
// long as the batch lives.
#pragma once

#include "linecodec.h"
#include "message.h"
#include "protocol.h"

#include <QByteArray>
#include <QList>

#include <memory>
#include <optional>

class BufferBudget;

class OutboundBatch
{
public:
    struct Encoding
    {
        QByteArray bytes;
        int messages = 0; // how many messages the bytes hold
    };
    struct Refusal
    {
        Message message;
        qsizetype checkedSize = 0;
    };

    // Why a server text cannot be sent with this maximum message size (a
    // frame's payload or a line would be larger), or an empty string when
    // it can. A pure function: any thread may call it.
    static QString sendError(const QString &text, qsizetype maxMessageSize);

    // lineOutput: how texts are written to line clients (escaped by
    // default, raw with --raw-lines).
    OutboundBatch(QList<Message> messages, qsizetype maxMessageSize, BufferBudget *budget = nullptr,
                  LineCodec::Output lineOutput = LineCodec::Output::Escaped);
    ~OutboundBatch();
    Q_DISABLE_COPY_MOVE(OutboundBatch)

    const QList<Message> &messages() const { return m_messages; }
    // Texts and direct notices (what counts as chat), not presence
    // notices.
    bool isChat() const { return m_chat; }
    qsizetype maxMessageSize() const { return m_maxMessageSize; }
    // The payload bytes, before any framing: what it costs queued for a
    // client whose framing is not known yet.
    qsizetype payloadSize() const { return m_payloadSize; }

    // The wire form in this framing, encoded on first use. The first call
    // for a framing appends to *refused the messages left out as too large.
    const Encoding &encoding(Protocol::Framing framing, QList<Refusal> *refused = nullptr) const;

private:
    QList<Message> m_messages;
    qsizetype m_maxMessageSize;
    bool m_chat = true;
    qsizetype m_payloadSize = 0;
    BufferBudget *m_budget;
    LineCodec::Output m_lineOutput;
    mutable std::optional<Encoding> m_lines;
    mutable std::optional<Encoding> m_frames;
    mutable qint64 m_accounted = 0;
};

using BatchRef = std::shared_ptr<const OutboundBatch>;
