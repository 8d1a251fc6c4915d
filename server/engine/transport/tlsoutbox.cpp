// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "tlsoutbox.h"

#include "plaintransport.h"

#include <cerrno>

#include <sys/socket.h>

namespace {

// Where one call's records wait for its send(): one per network thread,
// empty between calls.
QByteArray &scratch()
{
    thread_local QByteArray buffer;
    return buffer;
}

} // namespace

QByteArray &TlsOutbox::buffer()
{
    return m_pending.isEmpty() ? scratch() : m_pending;
}

void TlsOutbox::clear()
{
    m_pending = QByteArray();
    scratch().resize(0);
}

Transport::Status TlsOutbox::send(int descriptor, int *error)
{
    QByteArray &fresh = scratch();
    const bool pendingFirst = !m_pending.isEmpty();
    const char *data = pendingFirst ? m_pending.constData() : fresh.constData();
    const size_t size = size_t(pendingFirst ? m_pending.size() : fresh.size());
    size_t sent = 0;
    Transport::Status status = Transport::Status::Ok;
    while (sent < size) {
        const ssize_t n = ::send(descriptor, data + sent, size - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n >= 0) {
            sent += size_t(n);
        } else if (errno != EINTR) {
            *error = errno;
            status = PlainTransport::statusOf(errno, true);
            break;
        }
    }
    if (status > Transport::Status::WouldBlock) {
        clear();
        return status;
    }
    if (pendingFirst) {
        if (sent == size)
            m_pending = QByteArray(); // its storage too
        else
            m_pending.remove(0, qsizetype(sent));
    } else {
        if (sent < size)
            m_pending = QByteArray(data + sent, qsizetype(size - sent));
        fresh.resize(0); // keeps its storage
    }
    return status;
}
