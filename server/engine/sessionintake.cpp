// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "sessionintake.h"

#include "bufferbudget.h"
#include "clientsession.h"
#include "codec.h"
#include "serverlogging.h"
#include "websocketcodec.h"

#include <algorithm>

namespace {

const char *typeName(Message::Type type)
{
    switch (type) {
    case Message::Type::Hello: return "hello";
    case Message::Type::Text: return "text";
    case Message::Type::Notice: return "notice";
    case Message::Type::Ping: return "ping";
    case Message::Type::Pong: return "pong";
    }
    return "unknown";
}

} // namespace

SessionIntake::~SessionIntake()
{
    if (m_session.m_budget)
        m_session.m_budget->release(m_codecBuffered);
}

void SessionIntake::countBuffered()
{
    const qsizetype buffered = m_session.m_codec->bufferedBytes();
    if (m_session.m_budget)
        m_session.m_budget->add(buffered - m_codecBuffered);
    m_codecBuffered = buffered;
}

void SessionIntake::feed(QByteArrayView bytes)
{
    ClientSession &s = m_session;
    QList<Message> messages;
    const bool ok = s.m_codec->decode(bytes, messages);
    countBuffered();
    s.m_timeouts.messageProgress(m_codecBuffered > 0, !messages.isEmpty());

    QString broken;
    const qsizetype bad = checkRules(messages, &broken);
    if (bad >= 0)
        messages.resize(bad); // what came before the offence is kept
    if (s.m_state == ClientSession::State::PasswordPending && !messages.isEmpty()) {
        // The password: a line client's first line, a frames client's
        // hello field. Nothing it sent is handled before it is admitted.
        const bool frames = s.hasHello();
        const QByteArray password = frames ? messages.constFirst().data : messages.constFirst().textUtf8();
        if (!frames)
            messages.removeFirst();
        if (!admit(password))
            return;
    }
    // Hand over what arrived whole first: the host may end the session, and
    // that must not lose what came before. Replies keep the order of what
    // they answer: the texts before a ping are routed (echoed) before its
    // pong is queued.
    if (!deliver(messages))
        return;
    if (bad >= 0) {
        qCInfo(lcServer) << "session" << s.m_id << "broke the protocol:" << broken;
        s.close(broken);
        return;
    }
    if (ok && !s.hasFinished() && s.m_codec->framing() == Protocol::Framing::WebSocket
        && static_cast<const WebSocketCodec *>(s.m_codec.get())->closeReceived()) {
        // The browser closed: it gets our close frame (after the goodbye,
        // whose text is English: docs/protocol.md 6.5).
        s.close(ClientSession::closedByClientReason(), QStringLiteral("connection closed by the client"));
        return;
    }
    if (!ok && !s.hasFinished()) {
        const QString reason = s.m_codec->error().description;
        qCInfo(lcServer) << "session" << s.m_id << "codec error:"
                         << CodecError::codeName(s.m_codec->error().code) << reason;
        s.close(reason);
    }
}

bool SessionIntake::finish(bool *complete)
{
    QList<Message> tail;
    *complete = m_session.m_codec->finishInput(tail);
    return deliver(tail);
}

qsizetype SessionIntake::checkRules(QList<Message> &messages, QString *reason)
{
    if (!m_session.hasHello())
        return -1; // lines carry only texts
    for (qsizetype i = 0; i < messages.size(); ++i) {
        Message &m = messages[i];
        if (m.type == Message::Type::Notice) {
            *reason = QStringLiteral("a client may not send notices");
            return i;
        }
        if (!m_helloReceived) {
            if (m.type != Message::Type::Hello) {
                *reason = QStringLiteral("the first frame must be a hello, not a %1 frame")
                              .arg(QLatin1String(typeName(m.type)));
                return i;
            }
            m_helloReceived = true;
            m.name = Protocol::sanitizeName(m.name);
            m_session.setName(m.name);
        } else if (m.type == Message::Type::Hello) {
            *reason = QStringLiteral("a second hello (a name cannot change during a connection)");
            return i;
        }
    }
    return -1;
}

bool SessionIntake::admit(const QByteArray &password)
{
    ClientSession &s = m_session;
    QString refusal;
    if (!s.m_host->checkPassword(&s, password, &refusal)) {
        s.close(refusal);
        return false;
    }
    s.m_state = ClientSession::State::Admitted;
    s.m_host->admitted(&s);
    s.queueWelcome();
    s.pump();
    return !s.hasFinished();
}

bool SessionIntake::deliver(QList<Message> &messages)
{
    ClientSession &s = m_session;
    if (messages.isEmpty())
        return !s.hasFinished();
    const auto texts = quint64(std::count_if(messages.cbegin(), messages.cend(),
                                             [](const Message &m) { return m.type == Message::Type::Text; }));
    m_messagesIn += texts;
    m_protocolIn += quint64(messages.size()) - texts;
    const auto isPing = [](const Message &m) { return m.type == Message::Type::Ping; };
    if (std::none_of(messages.cbegin(), messages.cend(), isPing)) {
        s.m_host->messagesReceived(&s, messages);
        return !s.hasFinished();
    }
    // Runs: the messages between pings go to the host in one call (it may
    // echo them), then the pongs of the run of pings that follows go out in
    // one buffer, so replies keep the order of what they answer and a flood
    // of pings costs one write per run, not one per ping.
    qsizetype i = 0;
    while (i < messages.size()) {
        qsizetype j = i;
        while (j < messages.size() && !isPing(messages.at(j)))
            ++j;
        if (j > i) {
            s.m_host->messagesReceived(&s, messages.mid(i, j - i));
            if (s.hasFinished())
                return false;
        }
        QByteArray pongs;
        int count = 0;
        for (; j < messages.size() && isPing(messages.at(j)); ++j, ++count)
            s.m_codec->encodeTo(Message::makePong(messages.at(j).data), pongs);
        if (count > 0) {
            s.enqueue(pongs, {}, 0, count);
            s.pump();
            if (s.hasFinished())
                return false;
        }
        i = j;
    }
    return !s.hasFinished();
}
