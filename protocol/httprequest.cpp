// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "httprequest.h"


namespace {

// What it reports is English and never translated: the server sends it to
// the peer (an HTTP body; docs/protocol.md, section 10).

// RFC 9110 tchar: what a method and a field name are made of.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView s)
{
    if (s.isEmpty())
        return false;
    for (const char c : s) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

// Field values and targets: visible ASCII, space, tab and obs-text; never
// a control character.
bool isFieldText(QByteArrayView s)
{
    for (const char c : s) {
        const auto u = quint8(c);
        if ((u < 0x20 && u != '\t') || u == 0x7F)
            return false;
    }
    return true;
}

} // namespace

HttpRequest::HttpRequest(qsizetype maxHeadSize, int maxHeaders)
    : m_maxHeadSize(maxHeadSize)
    , m_maxHeaders(maxHeaders)
{
}

qsizetype HttpRequest::feed(QByteArrayView bytes)
{
    if (m_state != State::Incomplete)
        return 0;
    // Search from just before the new bytes: the end mark may straddle.
    const qsizetype from = qMax<qsizetype>(0, m_head.size() - 3);
    const qsizetype room = m_maxHeadSize - m_head.size();
    m_head.append(bytes.first(qMin(bytes.size(), room + 4)).toByteArray());
    const qsizetype end = m_head.indexOf("\r\n\r\n", from);
    if (end < 0 || end + 4 > m_maxHeadSize) {
        if (m_head.size() > m_maxHeadSize) {
            setError(State::TooLarge,
                     QStringLiteral("HTTP request head longer than %1 bytes").arg(m_maxHeadSize));
        } else if (m_head.count('\n') > m_maxHeaders + 1) {
            setError(State::TooLarge, QStringLiteral("HTTP request with more than %1 header fields").arg(m_maxHeaders));
        }
        return bytes.size();
    }
    const qsizetype old = m_head.size() - qMin(bytes.size(), room + 4);
    const qsizetype used = end + 4 - old;
    m_head.truncate(end + 4);
    if (parseHead())
        m_state = State::Complete;
    return used;
}

bool HttpRequest::parseHead()
{
    const QList<QByteArray> lines = m_head.first(m_head.size() - 4).split('\n');
    if (lines.size() - 1 > m_maxHeaders) {
        setError(State::TooLarge, QStringLiteral("HTTP request with more than %1 header fields").arg(m_maxHeaders));
        return false;
    }
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        if (!lines.at(i).endsWith('\r')) {
            setError(State::Bad, QStringLiteral("HTTP request line %1 does not end in CR LF").arg(i + 1));
            return false;
        }
    }
    const auto line = [&lines](qsizetype i) {
        const QByteArray &l = lines.at(i);
        return i + 1 < lines.size() ? l.first(l.size() - 1) : l;
    };
    const QList<QByteArray> parts = line(0).split(' ');
    if (parts.size() != 3 || !isToken(parts.at(0)) || !parts.at(1).startsWith('/') || !isFieldText(parts.at(1))
        || parts.at(1).contains('\t') || (parts.at(2) != "HTTP/1.1" && parts.at(2) != "HTTP/1.0")) {
        setError(State::Bad, QStringLiteral("malformed HTTP request line"));
        return false;
    }
    m_method = parts.at(0);
    const qsizetype query = parts.at(1).indexOf('?');
    m_path = query < 0 ? parts.at(1) : parts.at(1).left(query);
    m_version = parts.at(2);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray l = line(i);
        const qsizetype colon = l.indexOf(':');
        if (colon <= 0 || !isToken(l.first(colon)) || !isFieldText(l.sliced(colon + 1))) {
            setError(State::Bad, QStringLiteral("malformed HTTP header field on line %1").arg(i + 1));
            return false;
        }
        m_headers.append({ l.first(colon).toLower(), l.sliced(colon + 1).trimmed() });
    }
    return true;
}

void HttpRequest::setError(State state, const QString &error)
{
    m_state = state;
    m_error = error;
    m_head.clear();
    m_head.squeeze();
}

QByteArray HttpRequest::header(QByteArrayView name) const
{
    QByteArray value;
    for (const auto &[n, v] : m_headers) {
        if (n.compare(name, Qt::CaseInsensitive) != 0)
            continue;
        if (!value.isNull())
            value += ", ";
        value += v;
        if (value.isNull())
            value = QByteArray("", 0);
    }
    return value;
}

bool HttpRequest::headerHasToken(QByteArrayView name, QByteArrayView token) const
{
    const QList<QByteArray> tokens = header(name).split(',');
    for (const QByteArray &t : tokens) {
        if (t.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}
