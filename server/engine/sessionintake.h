// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#pragma once

#include "message.h"

#include <QByteArrayView>
#include <QList>

class ClientSession;

// What a client's bytes mean once its framing is known. They are decoded
// into messages (the partial one counted in the global buffer budget),
// checked against the frames rules (a hello first and only once, no
// notices), the first one taken as the password while one is owed, then
// handed to the session's host in order, each run of pings answered after
// the texts before it. What came before an offence is still handed over.
// Part of a ClientSession, on its thread.
class SessionIntake
{
public:
    explicit SessionIntake(ClientSession &session) : m_session(session) {}
    ~SessionIntake();
    SessionIntake(const SessionIntake &) = delete;
    SessionIntake &operator=(const SessionIntake &) = delete;

    void feed(QByteArrayView bytes);
    // The peer ended its input: what the codec still holds is handed over.
    // False when the session ended meanwhile; *complete is false when the
    // input ended inside a message (the codec's error says why).
    bool finish(bool *complete);

    bool helloReceived() const { return m_helloReceived; }
    quint64 messagesIn() const { return m_messagesIn; }
    quint64 protocolIn() const { return m_protocolIn; }

private:
    // The index of the first message that breaks the frames rules, with
    // *reason; -1 when none does.
    qsizetype checkRules(QList<Message> &messages, QString *reason);
    bool admit(const QByteArray &password);
    bool deliver(QList<Message> &messages);
    void countBuffered();

    ClientSession &m_session;
    bool m_helloReceived = false;
    qsizetype m_codecBuffered = 0; // partial message bytes counted in the budget
    quint64 m_messagesIn = 0;
    quint64 m_protocolIn = 0;
};
