// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "passwordexchange.h"

QString PasswordExchange::problem(Protocol::Framing framing) const
{
    const qsizetype bytes = m_password.toUtf8().size();
    if (bytes > Protocol::kMaxHelloFieldSize)
        return tr("the password is %1 bytes long in UTF-8; a server takes at most %2")
            .arg(QString::number(bytes), QString::number(Protocol::kMaxHelloFieldSize));
    if (framing == Protocol::Framing::Lines
        && (m_password.contains(QLatin1Char('\n')) || m_password.contains(QLatin1Char('\r'))))
        return tr("the password holds a line break, which a line cannot carry");
    return {};
}

void PasswordExchange::reset()
{
    m_awaiting = false;
    m_held.clear();
    m_heldBytes = 0;
}

QString PasswordExchange::hold(OutgoingMessage outgoing, qint64 cap)
{
    if (m_heldBytes + outgoing.wire.size() > cap) {
        return m_awaiting ? tr("Waiting for the server to ask for the password, with %1 bytes held "
                               "already: the message was not sent")
                                .arg(QString::number(m_heldBytes))
                          : tr("Waiting for the server's hello, with %1 bytes held already: the message was not sent")
                                .arg(QString::number(m_heldBytes));
    }
    m_heldBytes += outgoing.wire.size();
    m_held.append(std::move(outgoing));
    return {};
}

QList<OutgoingMessage> PasswordExchange::takeHeld()
{
    m_heldBytes = 0;
    return std::exchange(m_held, {});
}

QStringList PasswordExchange::takeHeldTexts()
{
    QStringList texts;
    for (const OutgoingMessage &outgoing : takeHeld())
        texts.append(outgoing.textForm);
    return texts;
}
