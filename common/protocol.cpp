#include "protocol.h"

namespace Protocol {

Detection detectFraming(QByteArrayView firstBytes)
{
    const qsizetype n = qMin<qsizetype>(firstBytes.size(), kMagicSize);
    if (firstBytes.first(n) != magic().first(n))
        return Detection::Lines;
    return n == kMagicSize ? Detection::Frames : Detection::NeedMore;
}

const char *framingName(Framing framing)
{
    return framing == Framing::Frames ? "frames" : "lines";
}

} // namespace Protocol
