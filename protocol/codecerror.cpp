// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "codecerror.h"

const char *CodecError::codeName(Code code)
{
    switch (code) {
    case Code::None: return "none";
    case Code::LineTooLong: return "line-too-long";
    case Code::FrameTooLarge: return "frame-too-large";
    case Code::UnknownType: return "unknown-type";
    case Code::BadMagic: return "bad-magic";
    case Code::UnsupportedVersion: return "unsupported-version";
    case Code::TruncatedHello: return "truncated-hello";
    case Code::MalformedFrame: return "malformed-frame";
    case Code::InvalidUtf8: return "invalid-utf8";
    }
    return "unknown";
}
