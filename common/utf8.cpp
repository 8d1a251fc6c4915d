#include "utf8.h"

#include <QStringDecoder>

#include <cstring>

namespace Utf8 {

static bool isAscii(QByteArrayView bytes)
{
    const char *p = bytes.data();
    qsizetype n = bytes.size();
    for (; n >= 8; p += 8, n -= 8) {
        quint64 word;
        std::memcpy(&word, p, 8);
        if (word & 0x8080808080808080ULL)
            return false;
    }
    for (; n > 0; ++p, --n) {
        if (quint8(*p) & 0x80)
            return false;
    }
    return true;
}

QString decode(QByteArrayView bytes, bool *invalid)
{
    if (bytes.isEmpty())
        return QString();
    // Most traffic is ASCII, which needs no validation: take the fast copy.
    if (isAscii(bytes))
        return QString::fromLatin1(bytes.data(), bytes.size());
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        *invalid = true;
    return text;
}

} // namespace Utf8
