// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// One entry of a log, as the engine records it: structured, cheap to make on
// the hot path, and formatted only when it is shown or written.
//
// A message's payload is kept as UTF-8 bytes, at most kMaxLoggedPayload of
// them (the full size is noted), so a log never holds a whole large message.
#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

struct LogEvent
{
    // The most of one message's payload a log keeps and shows.
    static constexpr qsizetype kMaxLoggedPayload = 4096;
    // The most of a payload formatBody(true) shows as hex.
    static constexpr qsizetype kMaxHexBytes = 256;

    enum class Kind : quint8 {
        Info,    // text is the whole line
        Message, // who sent utf8 (a text)
        Notice,  // who sent utf8 (a notice)
    };

    qint64 msecsSinceEpoch = 0;
    Kind kind = Kind::Info;
    // Message/Notice: the sender's label, such as "#3 alice (127.0.0.1:40212)".
    QString who;
    // Info: the line.
    QString text;
    // Message/Notice: the first bytes of the payload (UTF-8).
    QByteArray utf8;
    // Message/Notice: the payload's full size in bytes.
    qint64 size = 0;
    // The client the event is from or about (a server's client id), 0 for
    // none: what a log view filters by client.
    quint32 clientId = 0;
    bool invalidUtf8 = false;
    // Info lines a program makes from a code (the server's EngineEvent):
    // the code, its arguments and count, so that where the line is shown it
    // can be made again in the reader's language; 0 when text is all.
    quint16 code = 0;
    int count = -1;
    QStringList args;

    static LogEvent info(const QString &text, qint64 msecsSinceEpoch = 0, quint32 clientId = 0);
    // payload is referenced, not copied, when it fits kMaxLoggedPayload.
    static LogEvent message(Kind kind, const QString &who, const QByteArray &payload,
                            bool invalidUtf8, qint64 msecsSinceEpoch, quint32 clientId = 0);

    // "hh:mm:ss.zzz #3 alice (127.0.0.1:40212): text", and " … [N bytes]"
    // after a prefix. Control characters, line separators and bidi
    // controls in what peers wrote are made visible (ControlEscape), so a
    // logged line can never show a line break or a line its sender did not
    // write.
    QString format() const;
    // The same line without its timestamp. hex: a message's payload as
    // the hex of its bytes (at most kMaxHexBytes) and a column of them as
    // ASCII, a dot for anything else: "68 65 6C 6C 6F  hello". Info lines
    // are text either way.
    QString formatBody(bool hex = false) const;
    // Roughly the bytes this entry holds, for a log's byte bound.
    qsizetype cost() const;
    // The same for a batch.
    static qsizetype cost(const QList<LogEvent> &events);
};

// Members are Qt value types and PODs: lists move it with memcpy.
Q_DECLARE_TYPEINFO(LogEvent, Q_RELOCATABLE_TYPE);
Q_DECLARE_METATYPE(LogEvent)
