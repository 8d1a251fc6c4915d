// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "linecodec.h"

#include "byteslice.h"
#include "controlescape.h"
#include "utf8.h"

#include <QCoreApplication>

#include <cstring>

LineCodec::LineCodec(qsizetype maxMessageSize, Output output)
    : Codec(maxMessageSize)
    , m_output(output)
{
}


qsizetype LineCodec::parse(QByteArrayView data, QList<Message> &out)
{
    const char *const begin = data.data();
    const qsizetype size = data.size();
    const qsizetype max = maxMessageSize();
    qsizetype from = qMin(m_scanned, size);
    m_scanned = 0;

    // The complete lines end at the last "\n". In byte mode, when they are
    // valid UTF-8 (as good as always), their bytes are copied once, as one
    // block, and each message holds a slice of it: no allocation per
    // message. Otherwise each line is checked and copied on its own, so
    // that only the lines with ill-formed bytes are flagged.
    const void *last = from < size ? memrchr(begin + from, '\n', size_t(size - from)) : nullptr;
    const qsizetype complete = last ? static_cast<const char *>(last) - begin + 1 : 0;
    QByteArray block;
    if (complete > 0 && textAsUtf8() && Utf8::isValid(QByteArrayView(begin, complete)))
        block = QByteArray(begin, complete);

    qsizetype start = 0;
    while (from < complete) {
        const qsizetype nl = static_cast<const char *>(std::memchr(begin + from, '\n', size_t(complete - from))) - begin;
        qsizetype end = nl;
        if (end > start && begin[end - 1] == '\r')
            --end;
        if (end - start > max) {
            fail(CodecError::Code::LineTooLong,
                 QStringLiteral("line longer than %1 bytes").arg(max));
            return -1;
        }
        Message m;
        if (block.isNull())
            setBody(m, QByteArrayView(begin + start, end - start));
        else
            m.utf8 = ByteSlice::of(block, start, end - start);
        out.append(std::move(m));
        start = nl + 1;
        from = start;
    }

    // The rest holds no "\n". It may still end with the "\r" of a "\r\n"
    // split between chunks, which does not count against the limit.
    qsizetype pending = size - start;
    if (pending > 0 && begin[size - 1] == '\r')
        --pending;
    if (pending > max) {
        fail(CodecError::Code::LineTooLong,
             QStringLiteral("line longer than %1 bytes").arg(max));
        return -1;
    }
    return start;
}

QString LineCodec::senderLabel(quint32 senderId, const QString &senderName)
{
    QString label = QLatin1Char('#') + QString::number(senderId);
    if (!senderName.isEmpty())
        label += QLatin1Char(' ') + senderName;
    return label;
}

QByteArray LineCodec::senderPrefix(quint32 senderId, const QString &senderName)
{
    return senderLabel(senderId, senderName).toUtf8() + ": ";
}

const char *LineCodec::noticeKindName(Message::NoticeKind kind)
{
    switch (kind) {
    case Message::NoticeKind::Welcome: return "welcome";
    case Message::NoticeKind::Disconnect: return "disconnect";
    case Message::NoticeKind::Joined: return "joined";
    case Message::NoticeKind::Left: return "left";
    case Message::NoticeKind::Direct: return "direct";
    case Message::NoticeKind::Info: break;
    }
    return "info";
}

QByteArray LineCodec::noticePrefix(Message::NoticeKind kind, quint32 subjectId)
{
    QByteArray prefix = "* ";
    prefix += noticeKindName(kind);
    if (subjectId != 0) {
        prefix += " #";
        prefix += QByteArray::number(subjectId);
    }
    prefix += ": ";
    return prefix;
}

qsizetype LineCodec::encodeTo(const Message &message, QByteArray &out) const
{
    QByteArray prefix;
    bool quote = false;
    switch (message.type) {
    case Message::Type::Text:
        if (message.senderId != 0)
            prefix = senderPrefix(message.senderId, message.name);
        else
            quote = m_output == Output::Escaped; // a server text: no prefix
        break;
    case Message::Type::Notice:
        prefix = noticePrefix(message.noticeKind, message.senderId);
        break;
    case Message::Type::Hello:
    case Message::Type::Ping:
    case Message::Type::Pong:
        return 0;
    }
    return appendLines(prefix, message.textUtf8(), out, m_output, quote);
}

qsizetype LineCodec::appendLines(QByteArrayView prefix, QByteArrayView body, QByteArray &out,
                                 Output output, bool quoteMarkers)
{
    // Every line of a multi-line text gets the prefix, so a line reader can
    // attribute each one. A "\r\n" inside the text counts as one line end.
    const bool escape = output == Output::Escaped;
    qsizetype longest = 0;
    qsizetype start = 0;
    while (true) {
        const qsizetype nl = body.indexOf('\n', start);
        qsizetype end = nl < 0 ? body.size() : nl;
        if (end > start && body.at(end - 1) == '\r')
            --end;
        const qsizetype lineStart = out.size();
        out.append(prefix);
        const QByteArrayView line(body.data() + start, end - start);
        if (quoteMarkers && !line.isEmpty() && (line.front() == '#' || line.front() == '*' || line.front() == '\\'))
            out.append('\\');
        if (escape)
            ControlEscape::appendEscaped(line, out);
        else
            out.append(line);
        longest = qMax(longest, out.size() - lineStart);
        out.append('\n');
        if (nl < 0)
            break;
        start = nl + 1;
    }
    return longest;
}

bool LineCodec::finishInput(QList<Message> &out)
{
    if (hasFailed())
        return false;
    QByteArrayView rest = buffered();
    if (rest.endsWith('\r'))
        rest.chop(1);
    if (!rest.isEmpty()) {
        Message m;
        setBody(m, rest);
        out.append(std::move(m));
    }
    return true;
}

qsizetype LineCodec::checkedSize(const QByteArray &encoded) const
{
    // encode() ends every line with "\n" and leaves no "\r" before it.
    qsizetype longest = 0;
    qsizetype start = 0;
    while (start < encoded.size()) {
        qsizetype nl = encoded.indexOf('\n', start);
        if (nl < 0)
            nl = encoded.size();
        longest = qMax(longest, nl - start);
        start = nl + 1;
    }
    return longest;
}
