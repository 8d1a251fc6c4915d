// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "banlist.h"

#include "servercontroller.h"
#include "serversnapshot.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QStandardItemModel>

BanList::BanList(ServerController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_model(new QStandardItemModel(this))
{
    // Banned addresses (model/view), and lifting a ban.
    m_view = new QListView(this);
    m_view->setObjectName(QStringLiteral("bansView"));
    m_view->setModel(m_model);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setMaximumHeight(m_view->fontMetrics().lineSpacing() * 4 + 8);
    m_view->setAccessibleName(tr("Banned addresses"));
    m_unbanButton = new QPushButton(tr("&Unban"), this);
    m_unbanButton->setObjectName(QStringLiteral("unbanButton"));
    m_unbanButton->setAccessibleName(tr("Unban"));
    m_unbanButton->setToolTip(tr("Lifts the ban on the selected addresses"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // No mnemonic left for it: Tab from the ban's minutes reaches the list.
    auto *label = new QLabel(tr("Banned:"), this);
    label->setBuddy(m_view);
    layout->addWidget(label);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_unbanButton, 0, Qt::AlignTop);

    connect(m_unbanButton, &QPushButton::clicked, this, &BanList::liftBan);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &BanList::updateButton);
    connect(controller, &ServerController::snapshotReady, this, &BanList::showBans);
    updateButton();
}

void BanList::liftBan()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows)
        m_controller->unban(row.data(Qt::UserRole).toString());
}

void BanList::showBans(const ServerSnapshot &snapshot)
{
    if (!snapshot.bansChanged)
        return;
    m_model->clear();
    for (const ServerSnapshot::Ban &ban : snapshot.bans) {
        const QString until = QDateTime::fromMSecsSinceEpoch(ban.untilMsecsSinceEpoch).toString(QStringLiteral("HH:mm"));
        auto *item = new QStandardItem(tr("%1 (until %2)").arg(ban.address, until));
        item->setData(ban.address, Qt::UserRole);
        m_model->appendRow(item);
    }
    updateButton();
}

void BanList::updateButton()
{
    m_unbanButton->setEnabled(m_view->selectionModel()->hasSelection());
}
