// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "router.h"

const char *Router::pathName(Path path)
{
    switch (path) {
    case Path::Relay: return "relay";
    case Path::Echo: return "echo";
    case Path::Show: return "show";
    case Path::Broadcast: return "broadcast";
    case Path::Direct: return "direct";
    case Path::Presence: return "presence";
    case Path::Kick: return "kick";
    }
    return "?";
}
