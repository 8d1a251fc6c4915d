#include "encodedmessage.h"

#include "framecodec.h"
#include "linecodec.h"

const QByteArray &EncodedMessage::bytes(Protocol::Framing framing)
{
    if (framing == Protocol::Framing::Frames) {
        if (!m_frames) {
            static const FrameCodec codec;
            m_frames = codec.encode(m_message);
        }
        return *m_frames;
    }
    if (!m_lines) {
        static const LineCodec codec;
        m_lines = codec.encode(m_message);
    }
    return *m_lines;
}
