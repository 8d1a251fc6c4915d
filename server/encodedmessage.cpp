#include "encodedmessage.h"

#include "framecodec.h"
#include "linecodec.h"

EncodedMessage::EncodedMessage(Message message)
    : m_d(std::make_shared<Data>())
{
    m_d->message = std::move(message);
}

EncodedMessage::Encoding &EncodedMessage::encoding(Protocol::Framing framing) const
{
    static const FrameCodec frameCodec;
    static const LineCodec lineCodec;
    const bool frames = framing == Protocol::Framing::Frames;
    std::optional<Encoding> &slot = frames ? m_d->frames : m_d->lines;
    if (!slot) {
        const Codec &codec = frames ? static_cast<const Codec &>(frameCodec) : lineCodec;
        Encoding e;
        e.bytes = codec.encode(m_d->message);
        e.checkedSize = codec.checkedSize(e.bytes);
        slot = std::move(e);
    }
    return *slot;
}

const QByteArray &EncodedMessage::bytes(Protocol::Framing framing) const
{
    return encoding(framing).bytes;
}

qsizetype EncodedMessage::checkedSize(Protocol::Framing framing) const
{
    return encoding(framing).checkedSize;
}

qsizetype EncodedMessage::largestCheckedSize() const
{
    return qMax(checkedSize(Protocol::Framing::Lines), checkedSize(Protocol::Framing::Frames));
}

qsizetype EncodedMessage::largestEncodedSize() const
{
    return qMax(bytes(Protocol::Framing::Lines).size(), bytes(Protocol::Framing::Frames).size());
}

bool EncodedMessage::markRefused(Protocol::Framing framing) const
{
    Encoding &e = encoding(framing);
    return !std::exchange(e.refused, true);
}
