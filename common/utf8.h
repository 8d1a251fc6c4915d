// UTF-8 decoding as both codecs do it: invalid sequences become U+FFFD and
// are reported, never rejected (docs/protocol.md, section 5).
#pragma once

#include <QByteArrayView>
#include <QString>

namespace Utf8 {

// Decodes bytes; sets *invalid (never clears it) when a sequence was not
// valid UTF-8 and was replaced.
QString decode(QByteArrayView bytes, bool *invalid);

// The bytes as valid UTF-8: copied unchanged when they are valid, else with every invalid sequence replaced by U+FFFD and *invalid
// set. Validates once, without going through UTF-16 unless it must.
QByteArray sanitized(QByteArrayView bytes, bool *invalid);

// Whether the bytes are well-formed UTF-8 (no overlong forms, surrogates
// or code points above U+10FFFF).
bool isValid(QByteArrayView bytes);

} // namespace Utf8
