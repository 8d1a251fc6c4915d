// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The client list as a table. It never reacts per message: it applies the
// engine's coalesced snapshots (at most about 30 a second), inserting,
// removing and updating rows by id, with one dataChanged() per snapshot.
#pragma once

#include "clientinfo.h"
#include "serversnapshot.h"

#include <QAbstractTableModel>
#include <QList>

class ClientTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        IdColumn,
        NameColumn,
        AddressColumn,
        FramingColumn,
        SecurityColumn, // "TLS 1.3", "TLS 1.2" or "plain"
        ConnectedSinceColumn,
        MessagesInColumn,
        MessagesOutColumn,
        BytesInColumn,
        BytesOutColumn,
        InstanceColumn, // federated: the server the client is on ("here": this one)
        ColumnCount
    };
    // The client id of a row, for any column.
    static constexpr int IdRole = Qt::UserRole + 1;

    explicit ClientTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    quint32 idAt(int row) const;
    int rowOf(quint32 id) const;
    // How a prompt or a bar names a client: "#3 alice", or "#3" without a
    // name (the name as the client sent it; empty for an unknown id).
    QString labelOf(quint32 id) const;
    // The client's IP address without its port ("127.0.0.1", "::1"):
    // what a ban refuses. Empty for an unknown id.
    QString hostOf(quint32 id) const;

    // Brings the rows up to date: removes snapshot.removed, updates or
    // appends snapshot.changed.
    void applySnapshot(const ServerSnapshot &snapshot);

private:
    qsizetype findRow(quint32 id) const;

    QList<ClientInfo> m_rows; // ordered by id
};
