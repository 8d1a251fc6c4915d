// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The server window's banned addresses, each with the time its ban ends,
// and the Unban button that lifts the selected ones. It follows the
// controller's snapshots (which carry the bans when they changed).
#pragma once

#include <QWidget>

class QListView;
class QPushButton;
class QStandardItemModel;
class ServerController;
struct ServerSnapshot;

class BanList : public QWidget
{
    Q_OBJECT

public:
    explicit BanList(ServerController *controller, QWidget *parent = nullptr);

private:
    void showBans(const ServerSnapshot &snapshot);
    void liftBan();
    void updateButton();

    ServerController *m_controller;
    QStandardItemModel *m_model;
    QListView *m_view;
    QPushButton *m_unbanButton;
};
