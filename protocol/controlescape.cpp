// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "controlescape.h"

#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace ControlEscape {

namespace {

constexpr quint64 kOnes = 0x0101010101010101ULL;
constexpr quint64 kHighBits = 0x8080808080808080ULL;

// Only four bytes can start an escaped character: a C0 control (below
// 0x20), DEL (0x7F), 0xC2 (C1 controls, U+0080..U+009F) and 0xE2
// (U+2028..U+202E, U+2066..U+2069). Everything else, ASCII or not, is
// skipped 16 or 8 bytes at a time.
inline bool isStartByte(quint8 b)
{
    return b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xE2;
}

[[maybe_unused]] inline quint64 hasZeroByte(quint64 w)
{
    return (w - kOnes) & ~w & kHighBits;
}

// Whether any of the 8 bytes may start an escaped character (exact for
// existence: a borrow only comes from a byte that is a hit itself).
[[maybe_unused]] inline bool wordMayNeedEscaping(quint64 w)
{
    const quint64 below20 = (w - kOnes * 0x20) & ~w & kHighBits;
    return (below20 | hasZeroByte(w ^ (kOnes * 0x7F)) | hasZeroByte(w ^ (kOnes * 0xC2))
            | hasZeroByte(w ^ (kOnes * 0xE2)))
        != 0;
}

bool isEscaped(char32_t c)
{
    if (c < 0x20)
        return c != u'\t';
    if (c < 0x7F)
        return false;
    if (c <= 0x9F)
        return true; // DEL, C1
    return (c >= 0x2028 && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

// The length of the escaped character at p (1..3 bytes), or 0 when the
// character there is not escaped. p < end.
int escapedLength(const quint8 *p, const quint8 *end)
{
    const quint8 b = *p;
    if (b < 0x20)
        return b == '\t' ? 0 : 1;
    if (b == 0x7F)
        return 1;
    if (b == 0xC2 && end - p >= 2 && p[1] >= 0x80 && p[1] <= 0x9F)
        return 2;
    if (b == 0xE2 && end - p >= 3) {
        if (p[1] == 0x80 && p[2] >= 0xA8 && p[2] <= 0xAE)
            return 3;
        if (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)
            return 3;
    }
    return 0;
}

char32_t codePoint(const quint8 *p, int length)
{
    switch (length) {
    case 1: return p[0];
    case 2: return char32_t(((p[0] & 0x1F) << 6) | (p[1] & 0x3F));
    default: return char32_t(((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F));
    }
}

QString visible(char32_t c)
{
    if (c < 0x20)
        return QString(QChar(char16_t(0x2400 + c)));
    if (c == 0x7F)
        return QString(QChar(char16_t(0x2421)));
    return QLatin1String("<U+") + QString::number(uint(c), 16).toUpper().rightJustified(4, u'0')
        + QLatin1Char('>');
}

void appendVisible(char32_t c, QByteArray &out)
{
    if (c < 0x20 || c == 0x7F) {
        const char32_t picture = c == 0x7F ? 0x2421 : 0x2400 + c;
        out.append(char(0xE0 | (picture >> 12)));
        out.append(char(0x80 | ((picture >> 6) & 0x3F)));
        out.append(char(0x80 | (picture & 0x3F)));
        return;
    }
    static const char hex[] = "0123456789ABCDEF";
    out.append("<U+", 3);
    for (int shift = 12; shift >= 0; shift -= 4)
        out.append(hex[(c >> shift) & 0xF]);
    out.append('>');
}

} // namespace

namespace {

// The first byte at or after p that is not printable ASCII (or end).
inline const quint8 *skipPlain(const quint8 *p, const quint8 *const end)
{
#ifdef __SSE2__
    const __m128i c0 = _mm_set1_epi8(0x1F);
    const __m128i del = _mm_set1_epi8(0x7F);
    const __m128i c2 = _mm_set1_epi8(char(0xC2));
    const __m128i e2 = _mm_set1_epi8(char(0xE2));
    for (; end - p >= 16; p += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(v, c0), v); // v <= 0x1F
        const __m128i hit = _mm_or_si128(_mm_or_si128(low, _mm_cmpeq_epi8(v, del)),
                                         _mm_or_si128(_mm_cmpeq_epi8(v, c2), _mm_cmpeq_epi8(v, e2)));
        if (_mm_movemask_epi8(hit) != 0)
            break;
    }
#endif
    for (; end - p >= 8; p += 8) {
        quint64 w;
        std::memcpy(&w, p, 8);
        if (wordMayNeedEscaping(w))
            break;
    }
    while (p < end && !isStartByte(*p))
        ++p;
    return p;
}

} // namespace

void appendEscaped(QByteArrayView utf8, QByteArray &out)
{
    const auto *const begin = reinterpret_cast<const quint8 *>(utf8.data());
    const auto *const end = begin + utf8.size();
    const quint8 *p = begin;
    const quint8 *copied = begin; // bytes before this are in out
    while ((p = skipPlain(p, end)) < end) {
        const int length = escapedLength(p, end);
        if (length == 0) {
            ++p;
            continue;
        }
        out.append(reinterpret_cast<const char *>(copied), p - copied);
        appendVisible(codePoint(p, length), out);
        p += length;
        copied = p;
    }
    out.append(reinterpret_cast<const char *>(copied), end - copied);
}

static bool needsEscaping(QStringView text)
{
    for (const QChar c : text) {
        if (isEscaped(c.unicode()))
            return true;
    }
    return false;
}

QString escaped(const QString &text)
{
    if (!needsEscaping(text))
        return text;
    QString out;
    out.reserve(text.size() + 16);
    for (const QChar c : text) {
        if (isEscaped(c.unicode()))
            out += visible(c.unicode());
        else
            out += c;
    }
    return out;
}

} // namespace ControlEscape
