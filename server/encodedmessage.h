// One outgoing message, encoded at most once per framing. A fan-out hands
// the same (implicitly shared) QByteArray to every session of a framing.
//
// Copies share everything (the encodings and the "refused" marks), so a
// message queued by a session whose framing is not known yet is still the
// same message: it is encoded once per framing and reported as too large
// once per framing, however many sessions hold it.
#pragma once

#include "message.h"
#include "protocol.h"

#include <QByteArray>

#include <memory>
#include <optional>

class EncodedMessage
{
public:
    explicit EncodedMessage(Message message);

    const Message &message() const { return m_d->message; }
    // The wire form in this framing; empty when the framing cannot carry it.
    const QByteArray &bytes(Protocol::Framing framing) const;
    // The size a receiver in this framing checks against its maximum message
    // size M: a frame's payload (the encoded size without the 5-byte header),
    // or the longest encoded line (its "#N name: " prefix included, its "\n"
    // not). 0 when the framing cannot carry the message.
    qsizetype checkedSize(Protocol::Framing framing) const;
    // The larger checkedSize() of the two framings.
    qsizetype largestCheckedSize() const;
    // Bytes to count for it while it waits for a framing: the larger of the
    // two encodings.
    qsizetype largestEncodedSize() const;
    // Marks the message as not sent in this framing. True only the first
    // time for each framing, so the refusal is reported once.
    bool markRefused(Protocol::Framing framing) const;

private:
    struct Encoding
    {
        QByteArray bytes;
        qsizetype checkedSize = 0;
        bool refused = false;
    };
    struct Data
    {
        Message message;
        std::optional<Encoding> lines;
        std::optional<Encoding> frames;
    };
    Encoding &encoding(Protocol::Framing framing) const;

    std::shared_ptr<Data> m_d;
};
