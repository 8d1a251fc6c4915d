// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// What socket-client reads in the server's input beyond the messages
// themselves: a line server's notices ("* kind: text", docs/protocol.md,
// section 3), the order a frames server must keep (its hello first, and
// once), and, when decoding failed, words that name the fix where the
// server seems to speak another framing.
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

struct CodecError;
struct Message;

class ServerInput
{
    Q_DECLARE_TR_FUNCTIONS(ServerInput)

public:
    // A notice line, "* kind: text" or "* kind #N: text": its kind and
    // text. False for any other line.
    static bool parseNoticeLine(const QString &line, QString *kind, QString *text);
    // What a line server's line says about the connection.
    struct LineNotice
    {
        bool isDisconnect = false; // "* disconnect: why", why in text
        bool isWelcome = false;
        bool isPasswordPrompt = false; // Protocol::kPasswordPrompt
        QString text;
    };
    static LineNotice lineNotice(const QString &line);
    // Frames: why message breaks the hello rules, given whether the hello
    // came already (empty: it does not).
    static QString helloOrderProblem(const Message &message, bool helloReceived);
    // Why decoding failed; chunk is the input that failed.
    static QString decodeFailure(const CodecError &error, const QByteArray &chunk);
};
