// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "serverlogging.h"

Q_LOGGING_CATEGORY(lcServer, "sockethub.server", QtInfoMsg)
