// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "servergroup.h"

#include "crossthread.h"
#include "servercore.h"

void ServerGroup::resumeReaders()
{
    forEachOther(nullptr, [](ServerCore *core) {
        CrossThread::post(core, [core] { core->scheduleResume(); });
    });
}
