// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "clientlogging.h"

Q_LOGGING_CATEGORY(lcClient, "sockethub.client", QtInfoMsg)
