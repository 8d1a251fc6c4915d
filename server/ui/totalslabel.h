// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The server window's totals in its status bar: clients, and messages and
// bytes a second in and out, sampled from the ServerController a few times
// a second while listening; the tooltip has the totals since the start.
#pragma once

#include "serversnapshot.h"

#include <QElapsedTimer>
#include <QLabel>

class QTimer;
class ServerController;

class TotalsLabel : public QLabel
{
    Q_OBJECT

public:
    // How often the totals are brought up to date while listening.
    static constexpr int kIntervalMs = 500;

    explicit TotalsLabel(ServerController *controller, QWidget *parent = nullptr);

    // Listening started or stopped: rates count from the start; stopped,
    // there are none.
    void restart(bool listening);

private:
    // Takes the engine's counters and works out the rates since the last
    // sample.
    void sample();
    void showTotals();

    ServerController *m_controller;
    QTimer *m_timer;
    QElapsedTimer m_clock; // since the last sample
    ServerSnapshot::Stats m_lastStats;
    quint64 m_messagesInPerSecond = 0;
    quint64 m_messagesOutPerSecond = 0;
    quint64 m_bytesInPerSecond = 0;
    quint64 m_bytesOutPerSecond = 0;
};
