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

bool isValid(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const quint8 *>(bytes.data());
    const auto *const end = p + bytes.size();
    while (p < end) {
        // Skip ASCII eight bytes at a time.
        while (end - p >= 8) {
            quint64 word;
            std::memcpy(&word, p, 8);
            if (word & 0x8080808080808080ULL)
                break;
            p += 8;
        }
        if (p == end)
            break;
        const quint8 c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int extra;
        quint32 min;
        quint32 cp;
        if ((c & 0xE0) == 0xC0) {
            extra = 1; min = 0x80; cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2; min = 0x800; cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3; min = 0x10000; cp = c & 0x07;
        } else {
            return false;
        }
        if (end - p <= extra)
            return false;
        for (int i = 1; i <= extra; ++i) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        p += extra + 1;
    }
    return true;
}

QByteArray sanitized(QByteArrayView bytes, bool *invalid)
{
    if (isValid(bytes))
        return bytes.toByteArray();
    *invalid = true;
    bool ignored = false;
    return decode(bytes, &ignored).toUtf8();
}

} // namespace Utf8
