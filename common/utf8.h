// UTF-8 decoding as both codecs do it: invalid sequences become U+FFFD and
// are reported, never rejected (docs/protocol.md, section 5).
#pragma once

#include <QByteArrayView>
#include <QString>

namespace Utf8 {

// Decodes bytes; sets *invalid (never clears it) when a sequence was not
// valid UTF-8 and was replaced.
QString decode(QByteArrayView bytes, bool *invalid);

} // namespace Utf8
