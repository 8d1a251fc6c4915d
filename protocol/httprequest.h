// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// An HTTP/1.x request head (request line and header fields, up to the empty
// line), parsed incrementally and bounded: a head over kMaxHttpHeadSize
// bytes or with more than kMaxHttpHeaders fields is TooLarge (431) as soon
// as that is known, a malformed one Bad (400). Bytes after the head are
// left to the caller. docs/protocol.md, section 10.
#pragma once

#include "protocol.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

class HttpRequest
{
public:
    enum class State : quint8 { Incomplete, Complete, Bad, TooLarge };

    explicit HttpRequest(qsizetype maxHeadSize = Protocol::kMaxHttpHeadSize,
                         int maxHeaders = Protocol::kMaxHttpHeaders);

    // Feeds bytes; returns how many of them belong to the head (all of them
    // while Incomplete). After Complete, Bad or TooLarge it takes nothing.
    qsizetype feed(QByteArrayView bytes);

    State state() const { return m_state; }
    // The status a server answers a failed head with: 400 or 431.
    int errorStatus() const { return m_state == State::TooLarge ? 431 : 400; }
    // Why the head is Bad or TooLarge, for the log.
    const QString &error() const { return m_error; }

    const QByteArray &method() const { return m_method; }
    // The request target without its query ("/ws" of "/ws?x=1").
    const QByteArray &path() const { return m_path; }
    // "HTTP/1.1" or "HTTP/1.0".
    const QByteArray &version() const { return m_version; }
    // A field's value, trimmed; several fields of the same name joined with
    // ", ". Names are case-insensitive. Null when absent.
    QByteArray header(QByteArrayView name) const;
    // Whether a comma-separated field holds this token (case-insensitive).
    bool headerHasToken(QByteArrayView name, QByteArrayView token) const;
    qsizetype headSize() const { return m_head.size(); }

private:
    bool parseHead();
    void setError(State state, const QString &error);

    const qsizetype m_maxHeadSize;
    const int m_maxHeaders;
    State m_state = State::Incomplete;
    QString m_error;
    QByteArray m_head;
    QByteArray m_method;
    QByteArray m_path;
    QByteArray m_version;
    QList<std::pair<QByteArray, QByteArray>> m_headers; // names lower case
};
