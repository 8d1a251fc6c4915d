// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// A one-line label for status text that may be longer than the room it has:
// what does not fit ends in "…" at a whole character (never cut off at the
// edge mid-word), and the whole text is its tooltip. text() stays the whole
// text, so readers (and tests) see what was said, not what fitted.
#pragma once

#include <QLabel>

class ElidedLabel : public QLabel
{
    Q_OBJECT

public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    // Sets the text and the tooltip.
    void setStatusText(const QString &text);
    // What is drawn: text(), elided to the width.
    QString displayedText() const;
    // Small: the label takes the room it is given, not the room its text
    // would want.
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
};
