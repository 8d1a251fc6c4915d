// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Writes the WebSocket framing's JSON objects (docs/protocol.md, section 10)
// straight from UTF-8 bytes, keys in the order given: a relayed text is
// escaped once, never converted to UTF-16 and back.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

class JsonWriter
{
public:
    explicit JsonWriter(QByteArray &out);
    ~JsonWriter();
    Q_DISABLE_COPY_MOVE(JsonWriter)

    // Each adds one "key":value member; keys are plain ASCII literals.
    void string(const char *key, QByteArrayView utf8);
    void number(const char *key, qint64 value);
    void boolean(const char *key, bool value);

    // A JSON string literal of valid UTF-8: '"', '\\' and the controls
    // U+0000..U+001F escaped, U+2028 and U+2029 as \u2028 and \u2029 (so
    // the text is also a JavaScript literal), every other byte as it is.
    static void appendString(QByteArray &out, QByteArrayView utf8);

private:
    void key(const char *key);

    QByteArray &m_out;
    bool m_first = true;
};
