// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// A decoder's typed error: what was wrong with the input, and why.
#pragma once

#include <QString>

struct CodecError
{
    enum class Code : quint8 {
        None,
        LineTooLong,        // a line exceeded the maximum message size
        FrameTooLarge,      // a frame header claimed more than the maximum
        UnknownType,        // a frame type this version does not define
        BadMagic,           // a frames connection did not open with the magic
        UnsupportedVersion, // a hello carried a version this peer cannot speak
        TruncatedHello,     // a hello frame too short for its own fields
        MalformedFrame,     // another frame too short or too long for its fields
        InvalidUtf8,        // a WebSocket text message that is not valid UTF-8
    };

    Code code = Code::None;
    // Human-readable, specific: "line longer than 1048576 bytes".
    QString description;

    bool isError() const { return code != Code::None; }
    static const char *codeName(Code code);
};
