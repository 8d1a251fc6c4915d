// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "federationlabel.h"

#include "servercontroller.h"

#include <QTimer>

FederationLabel::FederationLabel(ServerController *controller, QWidget *parent)
    : QLabel(parent)
    , m_controller(controller)
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("federationLabel"));
    m_timer->setInterval(kIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &FederationLabel::sample);
    sample();
    if (m_controller->federationStatus().state != FederationStatus::State::Off)
        m_timer->start();
}

void FederationLabel::sample()
{
    const FederationStatus s = m_controller->federationStatus();
    setVisible(s.state != FederationStatus::State::Off);
    if (s.state == FederationStatus::State::Off)
        return;
    QString state;
    switch (s.state) {
    case FederationStatus::State::Off:
    case FederationStatus::State::Connecting: state = tr("connecting"); break;
    case FederationStatus::State::Connected: state = tr("connected"); break;
    case FederationStatus::State::Reconnecting: state = tr("reconnecting"); break;
    }
    setText(tr("Federation: %1, %n other instance(s)", nullptr, s.instancesSeen).arg(state));
    setToolTip(tr("Messages through Redis: %1 out, %2 in; lag %3 ms; %4 missed, %5 bad entries")
                   .arg(s.messagesOut)
                   .arg(s.messagesIn)
                   .arg(s.lagMs)
                   .arg(s.missed)
                   .arg(s.rejected));
}
