// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// What waits for the server to speak first (docs/protocol.md, section
// 6.4): the password, which goes only to a server that asks for it (frames:
// its hello has the "password required" field; lines: its first line is
// the prompt), and the texts typed before then, held in order within the
// unsent cap (frames: also until the server's hello showed that it is a
// frames server at all). Plain bookkeeping: ClientConnection writes.
#pragma once

#include "outgoingmessage.h"
#include "protocol.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

class PasswordExchange
{
    Q_DECLARE_TR_FUNCTIONS(PasswordExchange)

public:
    QString password() const { return m_password; }
    void setPassword(const QString &password) { m_password = password; }
    // Why the password cannot be used with framing (too long, a line
    // break in lines); empty when it can.
    QString problem(Protocol::Framing framing) const;

    // A new attempt: nothing awaited, nothing held.
    void reset();
    // The connection is open: with a password, the prompt is awaited.
    void begin() { m_awaiting = !m_password.isEmpty(); }
    bool isAwaitingPrompt() const { return m_awaiting; }
    // The server has said: the password went, or not.
    void end() { m_awaiting = false; }

    // Holds outgoing unless that takes the held bytes past cap; then why.
    QString hold(OutgoingMessage outgoing, qint64 cap);
    bool hasHeld() const { return !m_held.isEmpty(); }
    qint64 heldBytes() const { return m_heldBytes; }
    // The held messages, now no longer held.
    QList<OutgoingMessage> takeHeld();
    // The same, as their texts.
    QStringList takeHeldTexts();

private:
    QString m_password;
    bool m_awaiting = false;
    QList<OutgoingMessage> m_held;
    qint64 m_heldBytes = 0;
};
