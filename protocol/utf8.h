// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// UTF-8 decoding as both codecs do it: invalid sequences become U+FFFD and
// are reported, never rejected (docs/protocol.md, section 5).
//
// Replacement follows the Unicode Standard's recommended practice, "U+FFFD
// Substitution of Maximal Subparts" (chapter 3), as WHATWG's decoder and
// Python do: each maximal subpart of an ill-formed sequence becomes one
// U+FFFD. "78 E2 9C 79" is "x\uFFFDy" (E2 9C is the start of a 3-byte
// character cut short); "C0 80" is two U+FFFD (C0 never starts a character);
// "ED A0 80", a surrogate, is three. All three functions share one decoder,
// so decode(b) == QString::fromUtf8(sanitized(b)) and isValid(b) says whether
// either replaced anything.
#pragma once

#include <QByteArrayView>
#include <QString>

namespace Utf8 {

// Decodes bytes; sets *invalid (never clears it) when a sequence was not
// valid UTF-8 and was replaced. ASCII is copied without validation.
QString decode(QByteArrayView bytes, bool *invalid);

// The bytes as valid UTF-8: copied unchanged (no trip through UTF-16) when
// they are valid, else with every maximal subpart of an ill-formed sequence
// replaced by U+FFFD (EF BF BD) and *invalid set (never cleared).
QByteArray sanitized(QByteArrayView bytes, bool *invalid);

// Whether the bytes are well-formed UTF-8 (no overlong forms, surrogates
// or code points above U+10FFFF, no sequence cut short at the end).
bool isValid(QByteArrayView bytes);

// The length of the longest prefix of at most max bytes that does not end
// inside a character (the bytes cut at a character boundary).
qsizetype prefixLength(QByteArrayView bytes, qsizetype max);

} // namespace Utf8
