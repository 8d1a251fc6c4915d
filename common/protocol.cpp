// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "protocol.h"

#include <QList>

namespace Protocol {

Detection detectFraming(QByteArrayView firstBytes)
{
    const qsizetype n = qMin<qsizetype>(firstBytes.size(), kMagicSize);
    if (firstBytes.first(n) != magic().first(n))
        return Detection::Lines;
    return n == kMagicSize ? Detection::Frames : Detection::NeedMore;
}

QString sanitizeName(const QString &name)
{
    QList<uint> ucs4 = name.toUcs4();
    for (uint &c : ucs4) {
        const QChar::Category category = QChar::category(char32_t(c));
        const bool allowed = c != ':' && category != QChar::Other_Control && category != QChar::Other_Format
            && category != QChar::Separator_Line && category != QChar::Separator_Paragraph
            && (!QChar::isSpace(char32_t(c)) || c == ' ');
        if (!allowed)
            c = ' ';
    }
    return QString::fromUcs4(reinterpret_cast<const char32_t *>(ucs4.constData()), ucs4.size()).simplified();
}

const char *framingName(Framing framing)
{
    return framing == Framing::Frames ? "frames" : "lines";
}

} // namespace Protocol
