// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#pragma once

#include "logevent.h"

#include <QCoreApplication>
#include <QStringList>

// What the engine logs, as a code and its arguments (issue 17 item 5): the
// engine never makes words for people. Each code has one template, here;
// the engine's own log renders it in English (what tests and the engine's
// threads see), and ServerController renders it again, translated, where a
// window or --log shows it. Texts that go to peers are not here: they are
// English wire texts (docs/protocol.md 6.5).
class EngineEvent
{
    Q_DECLARE_TR_FUNCTIONS(EngineEvent)

public:
    enum class Code : quint16 {
        None = 0,
        Listening,            // address
        ListeningTls,         // address, fingerprint
        ListeningTlsAndPlain, // address, fingerprint
        CouldNotListen,       // address, why
        StoppedListening,
        ClientMessages,   // mode
        AcceptPaused,     // why
        Connected,        // id, address, kind
        ConnectedWithPassword, // id, address, kind
        Named,            // id, name
        NotRelayedTooLarge, // sender, size, framing, maximum
        NotSentTooLarge,  // size, framing, maximum
        LeftBeforeAdmitted, // id, address, reason
        Left,             // sender, reason
        ToAll,            // clients, text
        NotSentNoSelection,
        ToDirect,         // names, text
        Banned,           // address; count: minutes
        IgnoredAccessRule, // why
        Refused,          // id, address, kind, refusal
        LockedOut,        // address, reason, failures, seconds
        RefusedConnection, // address, why
        RefusedMore,      // seconds; count: connections
        BanLifted,        // address
        Line,             // text: a line made elsewhere, in English (a certificate's expiry, the federation)
    };

    // The line for code with args (%1, %2, ...) and count (%n; -1: none),
    // in English or translated for the language installed.
    static QString text(Code code, const QStringList &args, int count = -1, bool translated = false);
    // The log entry: its text in English, with the code, args and count.
    static LogEvent logEvent(Code code, const QStringList &args = {}, quint32 clientId = 0, int count = -1);
    // The same entry in the language installed (an entry without a code
    // is returned as it is).
    static LogEvent translated(LogEvent event);

private:
    static const char *templateOf(Code code);
};
