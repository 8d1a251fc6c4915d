// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "engineevent.h"

const char *EngineEvent::templateOf(Code code)
{
    switch (code) {
    case Code::None: return "%1";
    case Code::Listening: return QT_TR_NOOP("Listening on %1");
    case Code::ListeningTls: return QT_TR_NOOP("Listening on %1 with TLS (certificate SHA-256 %2)");
    case Code::ListeningTlsAndPlain:
        return QT_TR_NOOP("Listening on %1 with TLS (certificate SHA-256 %2); plain connections allowed too");
    case Code::CouldNotListen: return QT_TR_NOOP("Could not listen on %1: %2");
    case Code::StoppedListening: return QT_TR_NOOP("Stopped listening");
    case Code::ClientMessages: return QT_TR_NOOP("Client messages: %1");
    case Code::AcceptPaused: return QT_TR_NOOP("Cannot accept connections for now: %1. Retrying.");
    case Code::Connected: return QT_TR_NOOP("#%1 connected from %2 (%3)");
    case Code::ConnectedWithPassword: return QT_TR_NOOP("#%1 connected from %2 (%3) with the password");
    case Code::Named: return QT_TR_NOOP("#%1 is %2");
    case Code::NotRelayedTooLarge:
        return QT_TR_NOOP("%1's message (%2 bytes) was not relayed to %3 clients: over the %4-byte maximum");
    case Code::NotSentTooLarge:
        return QT_TR_NOOP("A message (%1 bytes) was not sent to %2 clients: over the %3-byte maximum");
    case Code::LeftBeforeAdmitted: return QT_TR_NOOP("#%1 from %2 left before it was admitted: %3");
    case Code::Left: return QT_TR_NOOP("%1 left: %2");
    case Code::ToAll: return QT_TR_NOOP("To all (%1): %2");
    case Code::NotSentNoSelection: return QT_TR_NOOP("Not sent: no client selected");
    case Code::ToDirect: return QT_TR_NOOP("To %1 (direct): %2");
    case Code::Banned: return QT_TR_N_NOOP("Banned %1 for %n minute(s)");
    case Code::IgnoredAccessRule: return QT_TR_NOOP("Ignored an access rule: %1");
    case Code::Refused: return QT_TR_NOOP("#%1 from %2 (%3) refused: %4");
    case Code::LockedOut: return QT_TR_NOOP("%1 is %2 (%3 within %4 s)");
    case Code::RefusedConnection: return QT_TR_NOOP("Refused a connection from %1: %2");
    case Code::RefusedMore: return QT_TR_N_NOOP("Refused %n more connection(s) in the last %1 s");
    case Code::BanLifted: return QT_TR_NOOP("Lifted the ban on %1");
    case Code::Line: return "%1";
    }
    return "%1";
}

QString EngineEvent::text(Code code, const QStringList &args, int count, bool translated)
{
    const char *source = templateOf(code);
    QString line;
    if (translated) {
        line = tr(source, nullptr, count);
    } else {
        // As tr() reads it with no translation installed.
        line = QString::fromLatin1(source);
        if (count >= 0)
            line.replace(QLatin1String("%n"), QString::number(count));
    }
    // One arg() call for all (house rule: an argument may hold a %).
    switch (args.size()) {
    case 0: return line;
    case 1: return line.arg(args.at(0));
    case 2: return line.arg(args.at(0), args.at(1));
    case 3: return line.arg(args.at(0), args.at(1), args.at(2));
    default: return line.arg(args.at(0), args.at(1), args.at(2), args.at(3));
    }
}

LogEvent EngineEvent::logEvent(Code code, const QStringList &args, quint32 clientId, int count)
{
    LogEvent e = LogEvent::info(text(code, args, count), 0, clientId);
    e.code = quint16(code);
    e.count = count;
    // Kept for the translated line, each as long as a logged payload at
    // most (a text sent to all may be a megabyte).
    e.args.reserve(args.size());
    for (const QString &arg : args)
        e.args.append(arg.size() > LogEvent::kMaxLoggedPayload ? arg.left(LogEvent::kMaxLoggedPayload) : arg);
    return e;
}

LogEvent EngineEvent::translated(LogEvent event)
{
    if (event.code != 0)
        event.text = text(Code(event.code), event.args, event.count, true);
    return event;
}
