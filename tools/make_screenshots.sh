#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
# SPDX-License-Identifier: MIT
# Remakes docs/screenshots/*.png from the real windows, offscreen: a server in
# relay mode, two socket-client windows and an nc user in a conversation.
# Run it after a UI change (the README shows these files).
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/build --deps-only
cmake --build build --target screenshots -j2
QT_QPA_PLATFORM=offscreen build/tools/screenshots docs/screenshots
ls -l docs/screenshots
