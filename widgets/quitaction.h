// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The Quit action both windows have: Ctrl+Q, and the platform's own quit key
// where it has another, closing the window (which asks first where the
// window does).
#pragma once

class QAction;
class QWidget;

namespace QuitAction {

// Adds it to window (objectName "quitAction") and returns it.
QAction *install(QWidget *window);

} // namespace QuitAction
