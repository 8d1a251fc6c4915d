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
    if (framing == Protocol::Framing::Frames) {
        if (!m_d->frames) {
            static const FrameCodec codec;
            Encoding e;
            e.bytes = codec.encode(m_d->message);
            e.checkedSize = codec.checkedSize(e.bytes);
            m_d->frames = std::move(e);
        }
        return *m_d->frames;
    }
    if (!m_d->lines) {
        static const LineCodec codec;
        Encoding e;
        e.bytes = codec.encode(m_d->message);
        e.checkedSize = codec.checkedSize(e.bytes);
        m_d->lines = std::move(e);
    }
    return *m_d->lines;
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
