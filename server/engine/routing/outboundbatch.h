// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Messages going out together: the texts one read of one client produced
// (a relay or an echo), or one server text. A batch is encoded once per
// framing, into one buffer, and every recipient of that framing queues the
// same implicitly shared bytes: a fan-out to N clients costs O(size + N),
// not O(size × N).
//
// Immutable once made: the constructor encodes every framing in use
// (FramingCensus) before the batch is shared with other threads, so they
// only read it; there is no cache to fill later.
//
// A message whose encoded form is larger than the maximum message size in a
// framing is left out of that framing's bytes; refusals() lists it, for the
// one who made the batch to report once. The bytes a batch holds are
// counted in the engine's BufferBudget for as long as the batch lives.
#pragma once

#include "framingcensus.h"
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
    struct Refusal
    {
        Message message;
        qsizetype checkedSize = 0;
        Protocol::Framing framing = Protocol::Framing::Lines;
    };
    struct Encoding
    {
        QByteArray bytes;
        int messages = 0; // how many messages the bytes hold
    };

    // Why a server text cannot be sent with this maximum message size (a
    // frame's payload or a line would be larger), or an empty string when
    // it can. A pure function: any thread may call it.
    static QString sendError(const QString &text, qsizetype maxMessageSize);

    // Encodes messages in each framing of framings. lineOutput: how texts
    // are written to line clients (escaped by default, raw with --raw-lines).
    OutboundBatch(QList<Message> messages, FramingCensus::Framings framings, qsizetype maxMessageSize,
                  BufferBudget *budget = nullptr, LineCodec::Output lineOutput = LineCodec::Output::Escaped);
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
    // The wire form in this framing; null when the batch was not encoded in
    // it (no client spoke it when it was made).
    const Encoding *encoding(Protocol::Framing framing) const
    {
        const std::optional<Encoding> &e = framing == Protocol::Framing::Frames ? m_frames
            : framing == Protocol::Framing::WebSocket                       ? m_webSocket
                                                                            : m_lines;
        return e ? &*e : nullptr;
    }
    // For a client whose framing the batch was not encoded in: a copy of its
    // own (not counted in the budget, refusals not reported).
    Encoding encodeCopy(Protocol::Framing framing) const;
    // The messages left out of an encoding as too large, in every framing.
    const QList<Refusal> &refusals() const { return m_refusals; }

private:
    Encoding encode(Protocol::Framing framing, QList<Refusal> *refused) const;

    const QList<Message> m_messages;
    const qsizetype m_maxMessageSize;
    bool m_chat = true;
    qsizetype m_payloadSize = 0;
    BufferBudget *const m_budget;
    const LineCodec::Output m_lineOutput;
    std::optional<Encoding> m_lines;
    std::optional<Encoding> m_frames;
    std::optional<Encoding> m_webSocket;
    QList<Refusal> m_refusals;
    qint64 m_accounted = 0;
};

using BatchRef = std::shared_ptr<const OutboundBatch>;
