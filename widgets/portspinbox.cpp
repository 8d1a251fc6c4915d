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

QString PortSpinBox::refusalText(const QString &text) const
{
    QString shown = text;
    if (shown.size() > 12)
        shown = shown.left(11) + QChar(0x2026);
    return tr("Port %1 to %2: “%3” is not a port")
        .arg(QString::number(minimum()), QString::number(maximum()), shown);
}
