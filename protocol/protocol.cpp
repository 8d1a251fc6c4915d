// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "protocol.h"

#include <QList>

#include <algorithm>
#include <iterator>

namespace Protocol {

bool isHttpPrefix(QByteArrayView firstBytes)
{
    return !firstBytes.isEmpty() && firstBytes.size() < kHttpGetSize
        && QByteArrayView(kHttpGet, kHttpGetSize).startsWith(firstBytes);
}

Detection detectFraming(QByteArrayView firstBytes)
{
    if (isHttpPrefix(firstBytes))
        return Detection::NeedMore;
    if (firstBytes.startsWith(QByteArrayView(kHttpGet, kHttpGetSize)))
        return Detection::Http;
    const qsizetype n = qMin<qsizetype>(firstBytes.size(), kMagicSize);
    if (firstBytes.first(n) != magic().first(n))
        return Detection::Lines;
    return n == kMagicSize ? Detection::Frames : Detection::NeedMore;
}

namespace {

// Characters that look like a colon (Unicode's confusables data for U+003A,
// and the punctuation it maps through), so that no name can end a line
// prefix early: `#2 bob： admin says: hi` must not read as bob's prefix.
constexpr char32_t kColonLookAlikes[] = {
    0x02D0, 0x02F8, 0x0589, 0x05C3, 0x0703, 0x0704, 0x0903, 0x0A83, 0x1361, 0x1365, 0x16EC, 0x1803,
    0x1809, 0x205A, 0x205D, 0x2236, 0xA4FD, 0xA789, 0xFE13, 0xFE30, 0xFE55, 0xFF1A,
};

// Letters and symbols that show as nothing: the Hangul fillers and the
// blank Braille pattern.
constexpr char32_t kInvisibles[] = { 0x115F, 0x1160, 0x2800, 0x3164, 0xFFA0 };

bool isColonLike(char32_t c)
{
    if (c == ':' || std::find(std::begin(kColonLookAlikes), std::end(kColonLookAlikes), c)
            != std::end(kColonLookAlikes))
        return true;
    // Compatibility forms whose decomposition holds a colon.
    if (c < 0x80 || QChar::decompositionTag(c) == QChar::NoDecomposition)
        return false;
    return QChar::decomposition(c).contains(u':');
}

bool isMark(char32_t c)
{
    const QChar::Category category = QChar::category(c);
    return category == QChar::Mark_NonSpacing || category == QChar::Mark_SpacingCombining
        || category == QChar::Mark_Enclosing;
}

} // namespace

QString sanitizeName(const QString &name)
{
    const QList<uint> in = name.toUcs4();
    QList<char32_t> out;
    out.reserve(in.size());
    int marks = 0; // combining marks on the current base character
    for (const uint u : in) {
        const auto c = char32_t(u);
        const QChar::Category category = QChar::category(c);
        const bool blank = isColonLike(c) || category == QChar::Other_Control || category == QChar::Other_Format
            || category == QChar::Separator_Line || category == QChar::Separator_Paragraph
            || (QChar::isSpace(c) && c != ' ')
            || std::find(std::begin(kInvisibles), std::end(kInvisibles), c) != std::end(kInvisibles);
        if (blank || c == ' ') {
            out.append(U' ');
            marks = -1; // no base: a mark here would stack on the space
            continue;
        }
        if (isMark(c)) {
            // A mark on nothing (a name's start, a space) is dropped, and
            // so are marks past kMaxCombiningMarks on one character.
            if (marks < 0 || out.isEmpty() || marks >= kMaxCombiningMarks)
                continue;
            ++marks;
            out.append(c);
            continue;
        }
        marks = 0;
        out.append(c);
    }
    return QString::fromUcs4(out.constData(), out.size()).simplified();
}

const char *framingName(Framing framing)
{
    switch (framing) {
    case Framing::Lines: return "lines";
    case Framing::Frames: return "frames";
    case Framing::WebSocket: return "WebSocket";
    }
    return "lines";
}

} // namespace Protocol

QString Protocol::secondsText(qint64 ms)
{
    QString text = QString::number(ms / 1000);
    if (const qint64 rest = ms % 1000) {
        QString fraction = QString::number(rest).rightJustified(3, u'0');
        while (fraction.endsWith(u'0'))
            fraction.chop(1);
        text += QLatin1Char('.') + fraction;
    }
    return text;
}
