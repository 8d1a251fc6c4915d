// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Making control characters visible, so that no peer can make a log or a
// terminal show a line it did not write (docs/protocol.md, "Control
// characters").
//
// Escaped: C0 controls except TAB (U+0000..U+001F), DEL (U+007F), C1
// controls (U+0080..U+009F), the line and paragraph separators U+2028 and
// U+2029, and the bidirectional embeddings, overrides and isolates
// (U+202A..U+202E, U+2066..U+2069), which can reorder what follows them.
// A C0 control or DEL becomes its Unicode control picture (ESC -> U+241B
// "␛", CR -> U+240D "␍", LF -> U+240A "␊", DEL -> U+2421 "␡"); every other
// one becomes "<U+XXXX>", for example "<U+202E>".
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

namespace ControlEscape {

// Appends the UTF-8 text to out with every such character escaped.
void appendEscaped(QByteArrayView utf8, QByteArray &out);
// The same for UTF-16 text (what logs format).
QString escaped(const QString &text);

} // namespace ControlEscape
