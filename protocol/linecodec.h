// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// UTF-8 text lines ending in "\n" ("\r\n" accepted): what telnet, nc and
// socat speak. See docs/protocol.md, "Lines".
#pragma once

#include "codec.h"

class LineCodec : public Codec
{
public:
    // How texts are written (docs/protocol.md, "Lines").
    enum class Output : quint8 {
        // Byte for byte: what a client sends, and a server's --raw-lines.
        Raw,
        // What a server writes by default: control characters made visible
        // (ControlEscape), and a line of a server text that starts with
        // "#", "*" or "\" quoted with a "\", so that no line can pass for
        // a relay or a notice it is not.
        Escaped,
    };

    explicit LineCodec(qsizetype maxMessageSize = Protocol::kDefaultMaxMessageSize,
                       Output output = Output::Raw);
    Output output() const { return m_output; }

    Protocol::Framing framing() const override { return Protocol::Framing::Lines; }
    qsizetype encodeTo(const Message &message, QByteArray &out) const override;
    bool finishInput(QList<Message> &out) override;
    qsizetype checkedSize(const QByteArray &encoded) const override;

    // The prefix a relayed text carries on every line: "#3 alice: ", or
    // "#3: " when the sender has no name.
    static QByteArray senderPrefix(quint32 senderId, const QString &senderName);
    // How both programs name a client: "#3 alice", or "#3" with no name.
    static QString senderLabel(quint32 senderId, const QString &senderName);
    // Appends body as lines, each with prefix, and returns the longest
    // line's size without its "\n". A body is split at each LF; a CR just
    // before an LF goes with it; a trailing LF ends with an empty line.
    static qsizetype appendLines(QByteArrayView prefix, QByteArrayView body, QByteArray &out,
                                 Output output = Output::Raw, bool quoteMarkers = false);
    // The prefix of a notice line: "* welcome #3: ", "* disconnect: ".
    static QByteArray noticePrefix(Message::NoticeKind kind, quint32 subjectId);
    static const char *noticeKindName(Message::NoticeKind kind);

protected:
    qsizetype parse(QByteArrayView data, QList<Message> &out) override;
    void retained(qsizetype bufferedBytes) override { m_scanned = bufferedBytes; }

private:
    Output m_output;
    // Bytes at the front of the buffered data already known to hold no "\n",
    // so a line that arrives a byte at a time is scanned once, not n times.
    qsizetype m_scanned = 0;
};
