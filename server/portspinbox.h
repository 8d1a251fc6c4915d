// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The port field: a spin box for 0 to 65535 that says so when typed text
// is refused. A plain QSpinBox drops the keystroke that would make 99999
// and leaves 9999 behind without a word; this one still refuses it (the
// value stays a port) but emits inputRefused() with what the text would
// have been, for the window to show why.
#pragma once

#include <QSpinBox>

class PortSpinBox : public QSpinBox
{
    Q_OBJECT

public:
    explicit PortSpinBox(QWidget *parent = nullptr);

    QValidator::State validate(QString &input, int &pos) const override;

Q_SIGNALS:
    // Typed or pasted text that is not a port ("99999", "80a"), refused.
    void inputRefused(const QString &text) const;
};
