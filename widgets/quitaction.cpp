// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "quitaction.h"

#include <QAction>
#include <QCoreApplication>
#include <QKeySequence>
#include <QWidget>

namespace QuitAction {

QAction *install(QWidget *window)
{
    auto *quit = new QAction(QCoreApplication::translate("QuitAction", "Quit"), window);
    quit->setObjectName(QStringLiteral("quitAction"));
    QList<QKeySequence> keys { QKeySequence(Qt::CTRL | Qt::Key_Q) };
    for (const QKeySequence &k : QKeySequence::keyBindings(QKeySequence::Quit)) {
        if (!keys.contains(k))
            keys.append(k);
    }
    quit->setShortcuts(keys);
    quit->setShortcutContext(Qt::WindowShortcut);
    QObject::connect(quit, &QAction::triggered, window, &QWidget::close);
    window->addAction(quit);
    return quit;
}

} // namespace QuitAction
