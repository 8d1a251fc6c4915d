// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "portspinbox.h"

PortSpinBox::PortSpinBox(QWidget *parent)
    : QSpinBox(parent)
{
    setRange(0, 65535);
    // A port is an identifier: no group separators ("8,000").
    setGroupSeparatorShown(false);
}

QValidator::State PortSpinBox::validate(QString &input, int &pos) const
{
    const QValidator::State state = QSpinBox::validate(input, pos);
    if (state == QValidator::Invalid)
        Q_EMIT inputRefused(input);
    return state;
}
