// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "outboundbatch.h"

#include "bufferbudget.h"
#include "framecodec.h"
#include "linecodec.h"
#include "websocketcodec.h"

#include <QCoreApplication>

OutboundBatch::OutboundBatch(QList<Message> messages, FramingCensus::Framings framings, qsizetype maxMessageSize,
                             BufferBudget *budget, LineCodec::Output lineOutput)
    : m_messages(std::move(messages))
    , m_maxMessageSize(maxMessageSize)
    , m_budget(budget)
    , m_lineOutput(lineOutput)
{
    for (const Message &m : std::as_const(m_messages)) {
        m_payloadSize += m.utf8.isNull() ? m.text.size() * 3 : m.utf8.size();
        if (m.type != Message::Type::Text
            && !(m.type == Message::Type::Notice && m.noticeKind == Message::NoticeKind::Direct))
            m_chat = false;
    }
    if (framings.lines)
        m_lines = encode(Protocol::Framing::Lines, &m_refusals);
    if (framings.frames)
        m_frames = encode(Protocol::Framing::Frames, &m_refusals);
    if (framings.webSocket)
        m_webSocket = encode(Protocol::Framing::WebSocket, &m_refusals);
    m_accounted = m_payloadSize + (m_lines ? m_lines->bytes.size() : 0) + (m_frames ? m_frames->bytes.size() : 0)
        + (m_webSocket ? m_webSocket->bytes.size() : 0);
    if (m_budget)
        m_budget->add(m_accounted);
}

OutboundBatch::~OutboundBatch()
{
    if (m_budget)
        m_budget->release(m_accounted);
}

OutboundBatch::Encoding OutboundBatch::encodeCopy(Protocol::Framing framing) const
{
    return encode(framing, nullptr);
}

OutboundBatch::Encoding OutboundBatch::encode(Protocol::Framing framing, QList<Refusal> *refused) const
{
    static const FrameCodec frameCodec;
    static const WebSocketCodec webSocketCodec;
    static const LineCodec escapedLines(Protocol::kDefaultMaxMessageSize, LineCodec::Output::Escaped);
    static const LineCodec rawLines(Protocol::kDefaultMaxMessageSize, LineCodec::Output::Raw);
    const LineCodec &lineCodec = m_lineOutput == LineCodec::Output::Escaped ? escapedLines : rawLines;
    const bool lines = framing == Protocol::Framing::Lines;
    const Codec &codec = framing == Protocol::Framing::Frames ? static_cast<const Codec &>(frameCodec)
        : framing == Protocol::Framing::WebSocket             ? static_cast<const Codec &>(webSocketCodec)
                                                              : lineCodec;
    Encoding e;
    e.bytes.reserve(m_payloadSize + m_messages.size() * 16);
    // A relayed batch has one sender: its line prefix is made once.
    QByteArray prefix;
    quint32 prefixId = 0;
    for (const Message &m : m_messages) {
        const qsizetype before = e.bytes.size();
        qsizetype checked;
        if (lines && m.type == Message::Type::Text && m.senderId != 0) {
            if (prefix.isNull() || prefixId != m.senderId) {
                prefix = LineCodec::senderPrefix(m.senderId, m.name);
                prefixId = m.senderId;
            }
            checked = LineCodec::appendLines(prefix, m.textUtf8(), e.bytes, m_lineOutput);
        } else {
            checked = codec.encodeTo(m, e.bytes);
        }
        if (e.bytes.size() == before)
            continue; // this framing has no form for it
        if (checked > m_maxMessageSize) {
            e.bytes.truncate(before);
            if (refused)
                refused->append({ m, checked, framing });
            continue;
        }
        ++e.messages;
    }
    e.bytes.squeeze();
    return e;
}

QString OutboundBatch::sendError(const QString &text, qsizetype maxMessageSize)
{
    if (text.isEmpty())
        return QCoreApplication::translate("ServerCore", "Not sent: the message is empty");
    // What a receiver checks: a frame's payload (5 bytes of sender field
    // included), or a line. Refused when either framing would exceed M.
    const Message m = Message::makeText(text);
    QByteArray scratch;
    const qsizetype frames = FrameCodec().encodeTo(m, scratch);
    scratch.clear();
    const qsizetype lines = LineCodec().encodeTo(m, scratch);
    const qsizetype size = qMax(frames, lines);
    if (size > maxMessageSize)
        return QCoreApplication::translate("ServerCore", "Not sent: the message is %1 bytes encoded, more than the maximum of %2 bytes")
            .arg(size)
            .arg(maxMessageSize);
    return {};
}
