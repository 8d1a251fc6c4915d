// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "logevent.h"

#include "controlescape.h"

#include <QCoreApplication>
#include <QDateTime>

LogEvent LogEvent::info(const QString &text, qint64 msecsSinceEpoch, quint32 clientId)
{
    LogEvent e;
    e.clientId = clientId;
    e.msecsSinceEpoch = msecsSinceEpoch ? msecsSinceEpoch : QDateTime::currentMSecsSinceEpoch();
    e.kind = Kind::Info;
    if (text.size() > kMaxLoggedPayload) {
        e.text = text.left(kMaxLoggedPayload);
        e.size = text.toUtf8().size();
    } else {
        e.text = text;
    }
    return e;
}

LogEvent LogEvent::message(Kind kind, const QString &who, const QByteArray &payload,
                           bool invalidUtf8, qint64 msecsSinceEpoch, quint32 clientId)
{
    LogEvent e;
    e.clientId = clientId;
    e.msecsSinceEpoch = msecsSinceEpoch;
    e.kind = kind;
    e.who = who;
    e.size = payload.size();
    if (payload.size() <= kMaxLoggedPayload) {
        e.utf8 = payload;
    } else {
        // Cut at a character boundary.
        qsizetype cut = kMaxLoggedPayload;
        while (cut > 0 && (quint8(payload.at(cut)) & 0xC0) == 0x80)
            --cut;
        e.utf8 = payload.left(cut);
    }
    e.invalidUtf8 = invalidUtf8;
    return e;
}

QString LogEvent::format() const
{
    return QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch).time().toString(QStringLiteral("hh:mm:ss.zzz "))
        + formatBody();
}

namespace {

// "68 65 6C 6C 6F  hello": the bytes as hex, then as printable ASCII.
QString hexAndAscii(QByteArrayView bytes)
{
    static constexpr char kDigits[] = "0123456789ABCDEF";
    QString out(bytes.size() * 4 + 1, Qt::Uninitialized);
    QChar *hex = out.data();
    QChar *ascii = hex + bytes.size() * 3 + 1;
    for (const char c : bytes) {
        const auto b = quint8(c);
        *hex++ = QLatin1Char(kDigits[b >> 4]);
        *hex++ = QLatin1Char(kDigits[b & 0xF]);
        *hex++ = QLatin1Char(' ');
        *ascii++ = QLatin1Char(b >= 0x20 && b < 0x7F ? char(b) : '.');
    }
    *hex = QLatin1Char(' '); // two spaces between the columns
    return out;
}

} // namespace

QString LogEvent::formatBody(bool hex) const
{
    QString line;
    qsizetype shown = 0;
    switch (kind) {
    case Kind::Info:
        line += ControlEscape::escaped(text);
        shown = size > 0 ? size : 0;
        break;
    case Kind::Message:
    case Kind::Notice:
        line += ControlEscape::escaped(who);
        line += kind == Kind::Notice ? QLatin1String(" notice: ") : QLatin1String(": ");
        if (hex) {
            const QByteArrayView bytes = QByteArrayView(utf8).first(qMin(utf8.size(), kMaxHexBytes));
            if (!bytes.isEmpty())
                line += hexAndAscii(bytes);
            if (bytes.size() < size)
                shown = size;
        } else {
            line += ControlEscape::escaped(QString::fromUtf8(utf8));
            if (utf8.size() < size)
                shown = size;
        }
        if (invalidUtf8)
            line += QCoreApplication::translate("LogEvent", " [invalid UTF-8 replaced]");
        break;
    }
    if (shown > 0)
        line += QCoreApplication::translate("LogEvent", " … [%1 bytes]").arg(shown);
    return line;
}

qsizetype LogEvent::cost() const
{
    qsizetype argChars = 0;
    for (const QString &arg : args)
        argChars += arg.size();
    return qsizetype(sizeof(LogEvent)) + 2 * (who.size() + text.size() + argChars) + utf8.size();
}

qsizetype LogEvent::cost(const QList<LogEvent> &events)
{
    qsizetype bytes = 0;
    for (const LogEvent &e : events)
        bytes += e.cost();
    return bytes;
}
