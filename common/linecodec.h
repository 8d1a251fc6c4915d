// UTF-8 text lines ending in "\n" ("\r\n" accepted): what telnet, nc and
// socat speak. See docs/protocol.md, "Lines".
#pragma once

#include "codec.h"

class LineCodec : public Codec
{
public:
    explicit LineCodec(qsizetype maxMessageSize = Protocol::kDefaultMaxMessageSize);

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
    // line's size without its "\n".
    static qsizetype appendLines(QByteArrayView prefix, QByteArrayView body, QByteArray &out);
    // The prefix of a notice line.
    static constexpr char kNoticePrefix[] = "* ";

protected:
    qsizetype parse(QByteArrayView data, QList<Message> &out) override;
    void retained(qsizetype bufferedBytes) override { m_scanned = bufferedBytes; }

private:
    // Bytes at the front of the buffered data already known to hold no "\n",
    // so a line that arrives a byte at a time is scanned once, not n times.
    qsizetype m_scanned = 0;
};
