// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The server window's federation state in its status bar (docs/federation.md):
// connected or reconnecting, instances seen, messages in and out through
// Redis, and the lag, sampled from the ServerController once a second.
// Hidden when the server is not federated.
#pragma once

#include <QLabel>

class QTimer;
class ServerController;

class FederationLabel : public QLabel
{
    Q_OBJECT

public:
    static constexpr int kIntervalMs = 1000;

    explicit FederationLabel(ServerController *controller, QWidget *parent = nullptr);

private:
    void sample();

    ServerController *m_controller;
    QTimer *m_timer;
};
