// The client list as a table. It never reacts per message: it refreshes
// from the core's snapshot when the core reports coalesced changes (at most
// about 30 times a second), inserting, removing and updating rows by id.
#pragma once

#include "clientinfo.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

class ServerCore;

class ClientTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        IdColumn,
        NameColumn,
        AddressColumn,
        FramingColumn,
        ConnectedSinceColumn,
        MessagesInColumn,
        MessagesOutColumn,
        BytesInColumn,
        BytesOutColumn,
        ColumnCount
    };
    // The client id of a row, for any column.
    static constexpr int IdRole = Qt::UserRole + 1;

    explicit ClientTableModel(ServerCore *core, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    quint32 idAt(int row) const;
    int rowOf(quint32 id) const;

    // Brings the rows up to date with the core now.
    void refresh();

private:
    QPointer<ServerCore> m_core;
    QList<ClientInfo> m_rows; // ordered by id
};
