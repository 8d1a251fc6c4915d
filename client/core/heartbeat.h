// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// socket-client's heartbeat in frames: a ping every interval() once pings
// may go (after the client's hello), and silent() when nothing arrived for
// timeout(): the server is dead (docs/protocol.md). Lines have none; the
// kernel's keepalive probes find a vanished host there.
#pragma once

#include "protocol.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>

class Heartbeat : public QObject
{
    Q_OBJECT

public:
    explicit Heartbeat(QObject *parent = nullptr);

    // Defaults kDefaultHeartbeat*Ms; a change applies at once.
    int interval() const { return m_intervalMs; }
    void setInterval(int ms);
    int timeout() const { return m_timeoutMs; }
    void setTimeout(int ms);

    // Silence for timeout() from now on is the server's death.
    void watch();
    // Something arrived: the silence starts over (while watching).
    void heard();
    void startPinging();
    void stop();
    // The data of the next ping: "1", "2", ...
    QByteArray nextPingData() { return QByteArray::number(++m_counter); }

Q_SIGNALS:
    void pingDue();
    void silent();

private:
    QTimer m_pingTimer;
    QTimer m_deadTimer;
    int m_intervalMs = Protocol::kDefaultHeartbeatIntervalMs;
    int m_timeoutMs = Protocol::kDefaultHeartbeatTimeoutMs;
    quint32 m_counter = 0;
};
