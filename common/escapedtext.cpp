// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "escapedtext.h"

namespace {

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

} // namespace

EscapedText::Result EscapedText::decode(QStringView text, qsizetype positionOffset)
{
    Result result;
    result.bytes.reserve(text.size());
    qsizetype literalStart = 0;
    const auto fail = [&](qsizetype at, const QString &error) {
        result.bytes.clear();
        result.error = error;
        result.errorPosition = positionOffset + at + 1;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) != u'\\')
            continue;
        result.bytes.append(text.sliced(literalStart, i - literalStart).toUtf8());
        const QString position = QString::number(positionOffset + i + 1);
        if (i + 1 == text.size()) {
            fail(i, tr("a \\ at the end, at character %1: write \\\\ for a backslash").arg(position));
            return result;
        }
        const QChar next = text.at(i + 1);
        qsizetype length = 2;
        switch (next.unicode()) {
        case u'r':
            result.bytes.append('\r');
            break;
        case u'n':
            result.bytes.append('\n');
            break;
        case u't':
            result.bytes.append('\t');
            break;
        case u'\\':
            result.bytes.append('\\');
            break;
        case u'x': {
            const int high = i + 2 < text.size() ? hexValue(text.at(i + 2)) : -1;
            const int low = i + 3 < text.size() ? hexValue(text.at(i + 3)) : -1;
            if (high < 0 || low < 0) {
                // One arg() call: the text shown is the user's.
                fail(i, tr("%1 at character %2: \\x takes two hex digits, as in \\x0D")
                            .arg(text.sliced(i, qMin<qsizetype>(4, text.size() - i)).toString(), position));
                return result;
            }
            result.bytes.append(char(high * 16 + low));
            length = 4;
            break;
        }
        default: {
            // The whole character, a surrogate pair too.
            const qsizetype end = next.isHighSurrogate() && i + 2 < text.size() ? i + 3 : i + 2;
            fail(i, tr("unknown escape %1 at character %2: use \\r, \\n, \\t, \\\\ or \\xNN")
                        .arg(text.sliced(i, end - i).toString(), position));
            return result;
        }
        }
        i += length - 1;
        literalStart = i + 1;
    }
    result.bytes.append(text.sliced(literalStart).toUtf8());
    return result;
}
