// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The client's side of docs/protocol.md section 10, for loadgen: the opening
// handshake (RFC 6455 4.1: the request, and the check of the 101 and its
// Sec-WebSocket-Accept), masked client frames, the server's frame headers,
// and the flat JSON objects both sides send. Written from the spec, not
// from the server's code (protocol/websocketcodec.*), so that the load
// benchmark checks the server against the document. No Qt; OpenSSL for
// SHA-1 and base64.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include <openssl/evp.h>
#include <openssl/sha.h>

namespace websocketwire {

// RFC 6455 section 1.3: appended to the key before hashing.
constexpr char kAcceptGuid[] = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
constexpr char kPath[] = "/ws";                // kWebSocketPath in section 10.1
constexpr size_t kMaxResponseHead = 8 * 1024;  // a longer 101 head is an error
constexpr size_t kMaxControlPayload = 125;

enum Opcode : uint8_t { kContinuation = 0, kText = 1, kBinary = 2, kClose = 8, kPing = 9, kPong = 10 };

inline std::string base64(const unsigned char *p, size_t n)
{
    std::string out(4 * ((n + 2) / 3), '\0');
    const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char *>(out.data()), p, int(n));
    out.resize(size_t(written));
    return out;
}

// Sec-WebSocket-Accept for a key: base64 of SHA-1(key + GUID).
inline std::string acceptFor(std::string_view key)
{
    std::string text(key);
    text += kAcceptGuid;
    unsigned char digest[SHA_DIGEST_LENGTH];
    SHA1(reinterpret_cast<const unsigned char *>(text.data()), text.size(), digest);
    return base64(digest, sizeof digest);
}

// A small, fast generator for keys and masks (a benchmark's masks need not
// be unpredictable to an attacker, only different).
inline uint64_t nextRandom(uint64_t &state)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

// A Sec-WebSocket-Key: 16 bytes in base64.
inline std::string newKey(uint64_t &rng)
{
    unsigned char bytes[16];
    const uint64_t a = nextRandom(rng), b = nextRandom(rng);
    std::memcpy(bytes, &a, 8);
    std::memcpy(bytes + 8, &b, 8);
    return base64(bytes, sizeof bytes);
}

// The opening handshake as a browser on the page would send it: Origin is
// the page's own (http:// or https:// and the Host), which the server
// accepts without --ws-origin.
inline std::string upgradeRequest(const std::string &hostPort, std::string_view key, bool secure)
{
    std::string r;
    r.reserve(256);
    r += "GET ";
    r += kPath;
    r += " HTTP/1.1\r\nHost: ";
    r += hostPort;
    r += "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ";
    r += key;
    r += "\r\nOrigin: ";
    r += secure ? "https://" : "http://";
    r += hostPort;
    r += "\r\n\r\n";
    return r;
}

inline bool equalsNoCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        const char x = a[i] >= 'A' && a[i] <= 'Z' ? char(a[i] + 32) : a[i];
        const char y = b[i] >= 'A' && b[i] <= 'Z' ? char(b[i] + 32) : b[i];
        if (x != y)
            return false;
    }
    return true;
}

// Checks a response head (up to and without the empty line): a 101 with the
// expected Sec-WebSocket-Accept. On failure, *why says what is wrong.
inline bool checkUpgradeResponse(std::string_view head, std::string_view accept, std::string *why)
{
    const size_t lineEnd = head.find("\r\n");
    const std::string_view status = head.substr(0, lineEnd);
    if (status.substr(0, 13) != "HTTP/1.1 101 ") {
        *why = "no 101: \"" + std::string(status.substr(0, 80)) + "\"";
        return false;
    }
    size_t pos = lineEnd == std::string_view::npos ? head.size() : lineEnd + 2;
    while (pos < head.size()) {
        size_t end = head.find("\r\n", pos);
        if (end == std::string_view::npos)
            end = head.size();
        const std::string_view field = head.substr(pos, end - pos);
        const size_t colon = field.find(':');
        if (colon != std::string_view::npos && equalsNoCase(field.substr(0, colon), "sec-websocket-accept")) {
            std::string_view value = field.substr(colon + 1);
            while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
                value.remove_prefix(1);
            while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
                value.remove_suffix(1);
            if (value == accept)
                return true;
            *why = "Sec-WebSocket-Accept is \"" + std::string(value.substr(0, 60)) + "\", expected \""
                + std::string(accept) + "\"";
            return false;
        }
        pos = end + 2;
    }
    *why = "the 101 has no Sec-WebSocket-Accept";
    return false;
}

// Appends one masked client frame (FIN set) holding payload.
inline void appendClientFrame(std::string &out, uint8_t opcode, std::string_view payload, uint32_t mask)
{
    const size_t n = payload.size();
    out.push_back(char(0x80 | opcode));
    if (n < 126) {
        out.push_back(char(0x80 | n));
    } else if (n <= 0xFFFF) {
        out.push_back(char(0x80 | 126));
        out.push_back(char(n >> 8));
        out.push_back(char(n));
    } else {
        out.push_back(char(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            out.push_back(char(uint64_t(n) >> shift));
    }
    unsigned char key[4] = { uint8_t(mask >> 24), uint8_t(mask >> 16), uint8_t(mask >> 8), uint8_t(mask) };
    out.append(reinterpret_cast<const char *>(key), 4);
    const size_t start = out.size();
    out.append(payload);
    char *p = out.data() + start;
    // Eight bytes at a time, then the rest.
    uint64_t wide;
    unsigned char key8[8];
    for (int i = 0; i < 8; ++i)
        key8[i] = key[i & 3];
    std::memcpy(&wide, key8, 8);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t v;
        std::memcpy(&v, p + i, 8);
        v ^= wide;
        std::memcpy(p + i, &v, 8);
    }
    for (; i < n; ++i)
        p[i] = char(p[i] ^ key[i & 3]);
}

// The header of a server frame at p (len bytes available).
struct FrameHeader {
    bool fin = false;
    uint8_t opcode = 0;
    size_t headerSize = 0; // 0: not all of the header is here yet
    uint64_t length = 0;
    bool valid = true;     // false: masked, or reserved bits set (a server must not)
};

inline FrameHeader readFrameHeader(const unsigned char *p, size_t len)
{
    FrameHeader h;
    if (len < 2)
        return h;
    h.fin = p[0] & 0x80;
    h.opcode = p[0] & 0x0F;
    if ((p[0] & 0x70) || (p[1] & 0x80)) {
        h.valid = false;
        return h;
    }
    const uint8_t n = p[1] & 0x7F;
    if (n < 126) {
        h.length = n;
        h.headerSize = 2;
    } else if (n == 126) {
        if (len < 4)
            return h;
        h.length = (uint64_t(p[2]) << 8) | p[3];
        h.headerSize = 4;
    } else {
        if (len < 10)
            return h;
        for (int i = 0; i < 8; ++i)
            h.length = (h.length << 8) | p[2 + i];
        h.headerSize = 10;
    }
    return h;
}

// Appends s as a JSON string (quotes included), escaped as RFC 8259 requires.
inline void appendJsonString(std::string &out, std::string_view s)
{
    out.push_back('"');
    size_t from = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        const unsigned char ch = static_cast<unsigned char>(s[i]);
        if (ch >= 0x20 && ch != '"' && ch != '\\')
            continue;
        out.append(s, from, i - from);
        char esc[8];
        switch (ch) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            std::snprintf(esc, sizeof esc, "\\u%04x", unsigned(ch));
            out += esc;
        }
        from = i + 1;
    }
    out.append(s, from, s.size() - from);
    out.push_back('"');
}

// One member of a JSON object. A string's raw text is between its quotes,
// still escaped (escaped: it holds a backslash); anything else's raw text
// is the value as written (a number, true, false, null, an object, an array).
struct JsonMember {
    std::string_view key;
    std::string_view raw;
    bool isString = false;
    bool escaped = false;
};

namespace detail {

inline size_t skipSpace(std::string_view s, size_t i)
{
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        ++i;
    return i;
}

// At an opening quote: the index after the closing one, or npos.
inline size_t skipString(std::string_view s, size_t i, bool *escaped)
{
    ++i;
    for (;;) {
        const void *q = std::memchr(s.data() + i, '"', s.size() - i);
        if (!q)
            return std::string_view::npos;
        const size_t end = size_t(static_cast<const char *>(q) - s.data());
        if (!std::memchr(s.data() + i, '\\', end - i))
            return end + 1;
        // A backslash before the quote: walk it byte by byte.
        *escaped = true;
        for (; i < s.size(); ++i) {
            if (s[i] == '\\')
                ++i;
            else if (s[i] == '"')
                return i + 1;
        }
        return std::string_view::npos;
    }
}

// A value that is not a string: up to the ',' or '}' that ends it, with
// nested objects and arrays (and the strings in them) skipped whole.
inline size_t skipValue(std::string_view s, size_t i)
{
    int depth = 0;
    while (i < s.size()) {
        const char ch = s[i];
        if (ch == '"') {
            bool escaped = false;
            i = skipString(s, i, &escaped);
            if (i == std::string_view::npos)
                return i;
            continue;
        }
        if (ch == '{' || ch == '[')
            ++depth;
        else if (ch == '}' || ch == ']') {
            if (depth == 0)
                return i;
            --depth;
        } else if (ch == ',' && depth == 0)
            return i;
        ++i;
    }
    return depth == 0 ? i : std::string_view::npos;
}

inline void appendUtf8(std::string &out, uint32_t cp)
{
    if (cp < 0x80) {
        out.push_back(char(cp));
    } else if (cp < 0x800) {
        out.push_back(char(0xC0 | (cp >> 6)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(char(0xE0 | (cp >> 12)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(char(0xF0 | (cp >> 18)));
        out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    }
}

inline bool hex4(std::string_view s, size_t i, uint32_t &out)
{
    if (i + 4 > s.size())
        return false;
    out = 0;
    for (size_t k = i; k < i + 4; ++k) {
        const char c = s[k];
        const int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (v < 0)
            return false;
        out = out * 16 + uint32_t(v);
    }
    return true;
}

} // namespace detail

// The text of an escaped JSON string's raw contents; false if an escape is
// malformed.
inline bool unescape(std::string_view raw, std::string &out)
{
    out.clear();
    for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '\\') {
            out.push_back(raw[i]);
            continue;
        }
        if (++i >= raw.size())
            return false;
        switch (raw[i]) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
            uint32_t cp = 0;
            if (!detail::hex4(raw, i + 1, cp))
                return false;
            i += 4;
            if (cp >= 0xD800 && cp < 0xDC00) {
                uint32_t low = 0;
                if (i + 2 >= raw.size() || raw[i + 1] != '\\' || raw[i + 2] != 'u'
                    || !detail::hex4(raw, i + 3, low) || low < 0xDC00 || low > 0xDFFF)
                    return false;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                i += 6;
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                return false;
            }
            detail::appendUtf8(out, cp);
            break;
        }
        default:
            return false;
        }
    }
    return true;
}

// Calls f(member) for each member of the JSON object json, in order, until
// f returns false. Returns false if json is not an object.
template<typename F>
bool forEachMember(std::string_view json, F &&f)
{
    size_t i = detail::skipSpace(json, 0);
    if (i >= json.size() || json[i] != '{')
        return false;
    i = detail::skipSpace(json, i + 1);
    if (i < json.size() && json[i] == '}')
        return detail::skipSpace(json, i + 1) == json.size();
    while (i < json.size()) {
        if (json[i] != '"')
            return false;
        bool keyEscaped = false;
        const size_t keyEnd = detail::skipString(json, i, &keyEscaped);
        if (keyEnd == std::string_view::npos)
            return false;
        JsonMember m;
        m.key = json.substr(i + 1, keyEnd - i - 2);
        i = detail::skipSpace(json, keyEnd);
        if (i >= json.size() || json[i] != ':')
            return false;
        i = detail::skipSpace(json, i + 1);
        if (i >= json.size())
            return false;
        size_t end;
        if (json[i] == '"') {
            end = detail::skipString(json, i, &m.escaped);
            if (end == std::string_view::npos)
                return false;
            m.isString = true;
            m.raw = json.substr(i + 1, end - i - 2);
        } else {
            end = detail::skipValue(json, i);
            if (end == std::string_view::npos || end == i)
                return false;
            size_t last = end;
            while (last > i && (json[last - 1] == ' ' || json[last - 1] == '\n' || json[last - 1] == '\r'
                                || json[last - 1] == '\t'))
                --last;
            m.raw = json.substr(i, last - i);
        }
        if (!f(m))
            return true;
        i = detail::skipSpace(json, end);
        if (i < json.size() && json[i] == ',') {
            i = detail::skipSpace(json, i + 1);
            continue;
        }
        if (i < json.size() && json[i] == '}')
            return detail::skipSpace(json, i + 1) == json.size();
        return false;
    }
    return false;
}

} // namespace websocketwire
