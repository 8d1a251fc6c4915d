// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "serverinput.h"

#include "codecerror.h"
#include "message.h"
#include "protocol.h"
#include "utf8.h"

#include <QRegularExpression>

#include <algorithm>

bool ServerInput::parseNoticeLine(const QString &line, QString *kind, QString *text)
{
    static const QRegularExpression notice(QStringLiteral("^\\* ([a-z]+)(?: #[0-9]+)?: (.*)$"),
                                           QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch match = notice.match(line);
    if (!match.hasMatch())
        return false;
    *kind = match.captured(1);
    *text = match.captured(2);
    return true;
}

ServerInput::LineNotice ServerInput::lineNotice(const QString &line)
{
    LineNotice notice;
    QString kind;
    if (!parseNoticeLine(line, &kind, &notice.text))
        return notice;
    notice.isDisconnect = kind == QLatin1String("disconnect");
    notice.isWelcome = kind == QLatin1String("welcome");
    notice.isPasswordPrompt = kind == QLatin1String("info") && notice.text == QLatin1String(Protocol::kPasswordPrompt)
        && line.startsWith(QLatin1String("* info: "));
    return notice;
}

QString ServerInput::helloOrderProblem(const Message &message, bool helloReceived)
{
    const bool hello = message.type == Message::Type::Hello;
    if (helloReceived)
        return hello ? tr("the server sent a second hello") : QString();
    if (hello)
        return {};
    const char *type = "unknown";
    switch (message.type) {
    case Message::Type::Text: type = "text"; break;
    case Message::Type::Notice: type = "notice"; break;
    case Message::Type::Ping: type = "ping"; break;
    case Message::Type::Pong: type = "pong"; break;
    case Message::Type::Hello: break;
    }
    return tr("the server sent a %1 frame before its hello").arg(QLatin1String(type));
}

QString ServerInput::decodeFailure(const CodecError &error, const QByteArray &chunk)
{
    if (error.code != CodecError::Code::BadMagic)
        return error.description;
    // A frames client whose server opened with a line of text: a line
    // server (socket-server forced to lines, or any text service). What it
    // said is quoted when it is printable text; an HTTP server the codec
    // has named already.
    qsizetype end = chunk.indexOf('\n');
    if (end < 0)
        end = chunk.size();
    const QByteArray line = chunk.first(end).chopped(end > 0 && chunk.at(end - 1) == '\r' ? 1 : 0);
    bool invalid = false;
    QString text = Utf8::decode(line, &invalid);
    const bool printable = !invalid && !text.isEmpty()
        && std::none_of(text.cbegin(), text.cend(), [](QChar c) { return c.category() == QChar::Other_Control; });
    if (!printable || line.startsWith("HTTP/"))
        return error.description;
    constexpr qsizetype kQuoted = 60;
    if (text.size() > kQuoted)
        text = text.left(kQuoted - 1) + QChar(0x2026);
    return tr("%1: the server answered in lines (“%2”): choose Framing: Lines").arg(error.description, text);
}
