// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "jsonwriter.h"

#include <charconv>

JsonWriter::JsonWriter(QByteArray &out)
    : m_out(out)
{
    m_out.append('{');
}

JsonWriter::~JsonWriter()
{
    m_out.append('}');
}

void JsonWriter::key(const char *key)
{
    if (!m_first)
        m_out.append(',');
    m_first = false;
    m_out.append('"');
    m_out.append(key);
    m_out.append("\":", 2);
}

void JsonWriter::string(const char *k, QByteArrayView utf8)
{
    key(k);
    appendString(m_out, utf8);
}

void JsonWriter::number(const char *k, qint64 value)
{
    key(k);
    char digits[24];
    const std::to_chars_result r = std::to_chars(digits, digits + sizeof digits, value);
    m_out.append(digits, r.ptr - digits);
}

void JsonWriter::boolean(const char *k, bool value)
{
    key(k);
    m_out.append(value ? "true" : "false");
}

void JsonWriter::appendString(QByteArray &out, QByteArrayView utf8)
{
    static constexpr char kHex[] = "0123456789abcdef";
    // No reserve(): it would grow out to exactly this size, and a batch of
    // many messages would be copied once per message; append() grows it
    // geometrically.
    out.append('"');
    const char *p = utf8.data();
    const qsizetype n = utf8.size();
    qsizetype plain = 0; // start of the run of bytes copied as they are
    for (qsizetype i = 0; i < n; ++i) {
        const auto c = quint8(p[i]);
        const bool separator = c == 0xE2 && i + 2 < n && quint8(p[i + 1]) == 0x80
            && (quint8(p[i + 2]) == 0xA8 || quint8(p[i + 2]) == 0xA9);
        if (c >= 0x20 && c != '"' && c != '\\' && !separator)
            continue;
        out.append(p + plain, i - plain);
        if (separator) {
            out.append(quint8(p[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029");
            i += 2;
        } else if (c == '"' || c == '\\') {
            out.append('\\');
            out.append(char(c));
        } else if (c == '\n') {
            out.append("\\n", 2);
        } else if (c == '\r') {
            out.append("\\r", 2);
        } else if (c == '\t') {
            out.append("\\t", 2);
        } else {
            const char esc[] = { '\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF] };
            out.append(esc, sizeof esc);
        }
        plain = i + 1;
    }
    out.append(p + plain, n - plain);
    out.append('"');
}
