// One outgoing message, encoded at most once per framing. A fan-out hands
// the same (implicitly shared) QByteArray to every session of a framing.
#pragma once

#include "message.h"
#include "protocol.h"

#include <QByteArray>

#include <optional>

class EncodedMessage
{
public:
    explicit EncodedMessage(Message message) : m_message(std::move(message)) { }

    const Message &message() const { return m_message; }
    // The wire form in this framing; empty when the framing cannot carry it.
    const QByteArray &bytes(Protocol::Framing framing);

private:
    Message m_message;
    std::optional<QByteArray> m_lines;
    std::optional<QByteArray> m_frames;
};
