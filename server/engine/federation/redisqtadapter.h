// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// hiredis's Qt adapter (RedisQtAdapter: QSocketNotifiers for the async
// context's descriptor), included the one way this project can: it says
// "slots", and the project builds with QT_NO_KEYWORDS. Its moc output is
// made from the header itself (server/CMakeLists.txt).
#pragma once

#define slots Q_SLOTS
#include <hiredis/adapters/qt.h>
#undef slots
