// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "receivedmessagelog.h"

#include "linecodec.h"
#include "message.h"

#include <QRegularExpression>

std::optional<LogEvent> ReceivedMessageLog::event(const Message &message, Protocol::Framing framing, qint64 now)
{
    // The client a text is from, or a notice is about (0: none).
    quint32 clientId = message.senderId;
    QString line;
    switch (message.type) {
    case Message::Type::Text:
        if (framing == Protocol::Framing::Frames) {
            // "#3 carol: text" (the same label a line-mode client sees from
            // the server) or "server: text", of which the log keeps a prefix.
            const QString who = message.senderId != 0
                ? LineCodec::senderLabel(message.senderId, message.name)
                : tr("server");
            return LogEvent::message(LogEvent::Kind::Message, who, message.textUtf8(), message.invalidUtf8, now,
                                     clientId);
        }
        line = message.text; // already carries "#3 carol: " or "* "
        // A relayed line, "#3 carol: text": a message from #3, shown as it
        // came, whose text the hex view shows as bytes.
        if (const qsizetype split = relayPrefixLength(line, &clientId); split > 0) {
            return LogEvent::message(LogEvent::Kind::Message, line.left(split - 2),
                                     QStringView(line).sliced(split).toUtf8(), message.invalidUtf8, now, clientId);
        }
        // A server quotes a text line that would look like a relay or a
        // notice with one backslash (docs/protocol.md, section 3); shown
        // without it.
        if (line.startsWith(QLatin1Char('\\')))
            line.remove(0, 1);
        else
            clientId = noticeSubject(line);
        break;
    case Message::Type::Notice:
        if (message.noticeKind == Message::NoticeKind::Direct) {
            // A message the server sent this client only, not a broadcast.
            return LogEvent::message(LogEvent::Kind::Message, tr("server, to you only"), message.textUtf8(),
                                     message.invalidUtf8, now, clientId);
        }
        line = tr("* %1").arg(message.text);
        break;
    case Message::Type::Hello:
        // One arg() call: a name holding "%2" must stay as it is.
        line = tr("The server is %1 (protocol version %2)")
                   .arg(message.name.isEmpty() ? tr("unnamed") : message.name, QString::number(message.version));
        break;
    case Message::Type::Ping:
    case Message::Type::Pong:
        return std::nullopt;
    }
    if (message.invalidUtf8)
        line += tr(" [invalid UTF-8 replaced]");
    return LogEvent::info(line, now, clientId);
}

qsizetype ReceivedMessageLog::relayPrefixLength(const QString &line, quint32 *senderId)
{
    // "#3: " or "#3 name: " (LineCodec::senderPrefix()); the name ends at
    // the first ": ".
    if (!line.startsWith(QLatin1Char('#')))
        return 0;
    qsizetype i = 1;
    while (i < line.size() && line.at(i).isDigit() && line.at(i).unicode() < 0x80)
        ++i;
    if (i == 1 || i > 11)
        return 0;
    bool ok = false;
    const quint32 id = QStringView(line).sliced(1, i - 1).toUInt(&ok);
    if (!ok || id == 0)
        return 0;
    const qsizetype colon = line.indexOf(QLatin1String(": "), i);
    if (colon < 0 || (colon > i && line.at(i) != QLatin1Char(' ')))
        return 0;
    *senderId = id;
    return colon + 2;
}

quint32 ReceivedMessageLog::noticeSubject(const QString &line)
{
    // "* joined #4: bob joined" is about client 4.
    static const QRegularExpression notice(QStringLiteral("^\\* [a-z]+ #([0-9]{1,10}): "));
    const QRegularExpressionMatch match = notice.match(line);
    return match.hasMatch() ? match.captured(1).toUInt() : 0;
}
