// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "plaintransport.h"

#include "clientsession.h"

#include <cerrno>
#include <cstring>

#include <sys/socket.h>

QString PlainTransport::errorText(int error)
{
    if (error == EPIPE || error == ECONNRESET)
        return ClientSession::resetByClientReason();
    return QString::fromLocal8Bit(std::strerror(error));
}

Transport::Status PlainTransport::statusOf(int error, bool writing)
{
    if (error == EAGAIN || error == EWOULDBLOCK)
        return Status::WouldBlock;
    if (writing && (error == EPIPE || error == ECONNRESET))
        return Status::Reset;
    return Status::Failed;
}

bool PlainTransport::failed(Status *status, bool writing)
{
    if (errno == EINTR)
        return false; // again
    const int error = errno;
    *status = statusOf(error, writing);
    if (*status != Status::WouldBlock)
        m_error = errorText(error);
    return true;
}

qint64 PlainTransport::read(char *buffer, qint64 max, Status *status)
{
    for (;;) {
        const ssize_t n = ::recv(m_fd, buffer, size_t(max), MSG_DONTWAIT);
        if (n >= 0) {
            *status = n > 0 ? Status::Ok : Status::End;
            return n;
        }
        if (failed(status))
            return 0;
    }
}

qint64 PlainTransport::peek(char *buffer, qint64 max)
{
    const ssize_t n = ::recv(m_fd, buffer, size_t(max), MSG_PEEK | MSG_DONTWAIT);
    return qMax<ssize_t>(n, 0);
}

qint64 PlainTransport::write(const iovec *iov, int count, Status *status)
{
    msghdr msg {};
    msg.msg_iov = const_cast<iovec *>(iov);
    msg.msg_iovlen = size_t(count);
    for (;;) {
        const ssize_t written = ::sendmsg(m_fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (written >= 0) {
            *status = written > 0 ? Status::Ok : Status::WouldBlock;
            return written;
        }
        if (failed(status, true))
            return 0;
    }
}

Transport::Status PlainTransport::shutdownWrite()
{
    ::shutdown(m_fd, SHUT_WR);
    return Status::Ok;
}
