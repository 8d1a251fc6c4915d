// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// How a message socket-client received reads in its log: the LogEvent made
// for it on the connection's thread, so that the window only shows it.
//   frames: "#3 carol: text", "server: text", "server, to you only: text",
//           "* notice", "The server is NAME (protocol version N)";
//   lines:  a relayed "#3 carol: text" as a message from #3, a notice line
//           as it came (about the client it names), a quoted line without
//           its backslash.
// Pings and pongs are not shown.
#pragma once

#include "logevent.h"
#include "protocol.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

struct Message;

class ReceivedMessageLog
{
    Q_DECLARE_TR_FUNCTIONS(ReceivedMessageLog)

public:
    static std::optional<LogEvent> event(const Message &message, Protocol::Framing framing, qint64 msecsSinceEpoch);

    // Lines: the length of a relayed line's "#3 carol: " prefix (its sender
    // in senderId), or 0.
    static qsizetype relayPrefixLength(const QString &line, quint32 *senderId);
    // Lines: the client a notice line such as "* left #4: ..." is about, or 0.
    static quint32 noticeSubject(const QString &line);
};
