// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "federationstatus.h"

QString FederationStatus::stateName(State state)
{
    switch (state) {
    case State::Off: return QStringLiteral("off");
    case State::Connecting: return QStringLiteral("connecting");
    case State::Connected: return QStringLiteral("connected");
    case State::Reconnecting: return QStringLiteral("reconnecting");
    }
    return QStringLiteral("?");
}
