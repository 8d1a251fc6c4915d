// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// A multi-line message box: Enter (or keypad Enter) submits, Shift+Enter
// inserts a newline.
#pragma once

#include <QPlainTextEdit>

class BroadcastEdit : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit BroadcastEdit(QWidget *parent = nullptr);

Q_SIGNALS:
    void submitted();

protected:
    void keyPressEvent(QKeyEvent *event) override;
};
