// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "utf8.h"

#include <cstring>

// One decoder for all three functions, so they cannot disagree. It follows
// the Unicode Standard's well-formed byte sequences (chapter 3, table 3-7)
// and its recommended practice for ill-formed ones ("U+FFFD Substitution of
// Maximal Subparts"), as WHATWG's decoder and Python do: each maximal
// subpart of an ill-formed sequence becomes one U+FFFD. A maximal subpart is
// the longest start of a well-formed sequence at that position, or else the
// single byte there.

namespace Utf8 {

namespace {

constexpr quint64 kHighBits = 0x8080808080808080ULL;

// What one sequence at a non-ASCII byte turned out to be.
struct Sequence
{
    // Bytes it takes: a whole character, or a maximal subpart (>= 1).
    int length;
    bool valid;
    char32_t codePoint;
};

// Reads the sequence at p, where p < end and *p >= 0x80.
inline Sequence readSequence(const quint8 *p, const quint8 *end)
{
    const quint8 lead = *p;
    int trail;
    char32_t cp;
    // The range the second byte must be in: narrower than 80..BF after E0
    // (no overlong forms), ED (no surrogates), F0 (no overlong forms) and
    // F4 (nothing above U+10FFFF).
    quint8 low = 0x80;
    quint8 high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        trail = 1;
        cp = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        trail = 2;
        cp = lead & 0x0F;
        if (lead == 0xE0)
            low = 0xA0;
        else if (lead == 0xED)
            high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        trail = 3;
        cp = lead & 0x07;
        if (lead == 0xF0)
            low = 0x90;
        else if (lead == 0xF4)
            high = 0x8F;
    } else {
        // 80..BF (a stray continuation), C0, C1, F5..FF: never a start.
        return { 1, false, 0 };
    }
    const qsizetype held = end - p - 1;
    for (int i = 1; i <= trail; ++i) {
        // The input ends, or a byte does not fit: the i bytes so far are a
        // maximal subpart.
        if (i > held || p[i] < low || p[i] > high)
            return { i, false, 0 };
        cp = (cp << 6) | (p[i] & 0x3F);
        low = 0x80;
        high = 0xBF;
    }
    return { trail + 1, true, cp };
}

// Advances p over ASCII bytes, eight at a time where it can.
inline const quint8 *skipAscii(const quint8 *p, const quint8 *end)
{
    while (end - p >= 8) {
        quint64 word;
        std::memcpy(&word, p, 8);
        if (word & kHighBits)
            break;
        p += 8;
    }
    while (p < end && *p < 0x80)
        ++p;
    return p;
}

// The offset of the first ill-formed sequence, or -1 when there is none.
qsizetype firstInvalid(const quint8 *begin, const quint8 *end)
{
    const quint8 *p = begin;
    while (true) {
        p = skipAscii(p, end);
        if (p == end)
            return -1;
        const Sequence s = readSequence(p, end);
        if (!s.valid)
            return p - begin;
        p += s.length;
    }
}

bool isAscii(QByteArrayView bytes)
{
    const char *p = bytes.data();
    qsizetype n = bytes.size();
    for (; n >= 8; p += 8, n -= 8) {
        quint64 word;
        std::memcpy(&word, p, 8);
        if (word & kHighBits)
            return false;
    }
    for (; n > 0; ++p, --n) {
        if (quint8(*p) & 0x80)
            return false;
    }
    return true;
}

const char kReplacementUtf8[] = "\xEF\xBF\xBD";

// decode() past its ASCII fast path, kept out of line so that the fast path
// stays small.
Q_NEVER_INLINE QString decodeNonAscii(QByteArrayView bytes, bool *invalid)
{
    // Every byte yields at most one UTF-16 unit: a 4-byte character two, a
    // maximal subpart of n >= 1 bytes one.
    QString text(bytes.size(), Qt::Uninitialized);
    char16_t *out = reinterpret_cast<char16_t *>(text.data());
    char16_t *const outBegin = out;
    const auto *p = reinterpret_cast<const quint8 *>(bytes.data());
    const auto *const end = p + bytes.size();
    bool replaced = false;
    while (p < end) {
        if (*p < 0x80) {
            // ASCII runs inside non-ASCII text: eight bytes at a time.
            while (end - p >= 8) {
                quint64 word;
                std::memcpy(&word, p, 8);
                if (word & kHighBits)
                    break;
                for (int i = 0; i < 8; ++i)
                    out[i] = p[i];
                out += 8;
                p += 8;
            }
            while (p < end && *p < 0x80)
                *out++ = *p++;
            continue;
        }
        const Sequence s = readSequence(p, end);
        p += s.length;
        if (!s.valid) {
            *out++ = QChar::ReplacementCharacter;
            replaced = true;
        } else if (s.codePoint < 0x10000) {
            *out++ = char16_t(s.codePoint);
        } else {
            *out++ = QChar::highSurrogate(s.codePoint);
            *out++ = QChar::lowSurrogate(s.codePoint);
        }
    }
    text.truncate(out - outBegin);
    if (replaced)
        *invalid = true;
    return text;
}

} // namespace

QString decode(QByteArrayView bytes, bool *invalid)
{
    if (bytes.isEmpty())
        return QString();
    // Most traffic is ASCII, which needs no validation: take the fast copy.
    if (isAscii(bytes))
        return QString::fromLatin1(bytes.data(), bytes.size());
    return decodeNonAscii(bytes, invalid);
}

bool isValid(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const quint8 *>(bytes.data());
    return firstInvalid(p, p + bytes.size()) < 0;
}

QByteArray sanitized(QByteArrayView bytes, bool *invalid)
{
    const auto *const begin = reinterpret_cast<const quint8 *>(bytes.data());
    const auto *const end = begin + bytes.size();
    const qsizetype bad = firstInvalid(begin, end);
    if (bad < 0)
        return bytes.toByteArray(); // valid: the bytes as they are, one copy
    *invalid = true;

    QByteArray out;
    out.reserve(bytes.size() + 2 * 4); // room for a few replacements
    out.append(bytes.data(), bad);
    const quint8 *p = begin + bad;
    while (p < end) {
        // p is at an ill-formed sequence: replace its maximal subpart, then
        // copy the valid run after it in one piece.
        p += readSequence(p, end).length;
        out.append(kReplacementUtf8, 3);
        const quint8 *run = p;
        while (true) {
            p = skipAscii(p, end);
            if (p == end)
                break;
            const Sequence s = readSequence(p, end);
            if (!s.valid)
                break;
            p += s.length;
        }
        out.append(reinterpret_cast<const char *>(run), p - run);
    }
    return out;
}

qsizetype prefixLength(QByteArrayView bytes, qsizetype max)
{
    if (bytes.size() <= max)
        return bytes.size();
    qsizetype cut = max;
    while (cut > 0 && (quint8(bytes[cut]) & 0xC0) == 0x80)
        --cut;
    return cut;
}

} // namespace Utf8
