// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Text with escapes, turned into the bytes it names, for talking to devices:
// "\r", "\n", "\t", "\\" and "\xNN" (two hex digits, any case) become those
// bytes; every other character becomes its UTF-8. "\x0D\x0A" and "\r\n" are
// the same two bytes; "\xFF" is a byte that is not UTF-8 on its own.
//
// A bad escape is an error that names it and its position (counted in
// characters from 1), never a guess: "\q", "\x4G", a "\" at the end.
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringView>

class EscapedText
{
    Q_DECLARE_TR_FUNCTIONS(EscapedText)

public:
    struct Result
    {
        QByteArray bytes;
        // Empty when the text was decoded; else why not, with the position.
        QString error;
        // The 1-based position of the bad escape's backslash, or 0.
        qsizetype errorPosition = 0;

        bool ok() const { return error.isEmpty(); }
    };

    // Decodes text. positionOffset is added to the positions errors name
    // (for a text that is part of a longer one).
    static Result decode(QStringView text, qsizetype positionOffset = 0);
};
