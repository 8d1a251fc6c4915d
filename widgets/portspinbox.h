// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The port field of both windows: a spin box for a port that says so when
// typed text is refused. A plain QSpinBox drops the keystroke that would make
// 99999 and leaves 9999 behind without a word; this one still refuses it (the
// value stays a port) but emits inputRefused() with what the text would have
// been, and refusalText() is the one sentence both windows show for it.
// The range is 0 to 65535 (the server: 0 picks a free port); the client sets
// 1 to 65535.
#pragma once

#include <QSpinBox>

class PortSpinBox : public QSpinBox
{
    Q_OBJECT

public:
    explicit PortSpinBox(QWidget *parent = nullptr);

    QValidator::State validate(QString &input, int &pos) const override;

    // "Port 1 to 65535: “99999” is not a port" (a long text shortened), for
    // the range the box has.
    QString refusalText(const QString &text) const;

Q_SIGNALS:
    // Typed or pasted text that is not a port ("99999", "80a"), refused.
    void inputRefused(const QString &text) const;
};
