// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "clienttablemodel.h"

#include "controlescape.h"
#include "linecodec.h"

#include <climits>

#include <QSet>

ClientTableModel::ClientTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int ClientTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ClientTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ClientTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const ClientInfo &c = m_rows.at(index.row());
    if (role == IdRole)
        return c.id;
    if (role == Qt::TextAlignmentRole) {
        if (index.column() == IdColumn || index.column() >= MessagesInColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case IdColumn: return c.id;
    case NameColumn: return ControlEscape::escaped(c.name); // a name is what the client sent
    case AddressColumn: return c.address;
    case FramingColumn: return c.framing.isEmpty() ? tr("detecting") : c.framing;
    case SecurityColumn: return c.security.isEmpty() ? tr("plain") : c.security;
    case ConnectedSinceColumn:
        return role == Qt::ToolTipRole ? c.connectedSince.toLocalTime().toString(Qt::ISODate)
                                       : c.connectedSince.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
    case MessagesInColumn:
        if (role == Qt::ToolTipRole)
            return tr("%n chat message(s); ", nullptr, int(qMin<quint64>(c.messagesIn, INT_MAX)))
                + tr("%n protocol frame(s) (hello, pings, pongs)", nullptr, int(qMin<quint64>(c.protocolIn, INT_MAX)));
        return c.messagesIn;
    case MessagesOutColumn:
        if (role == Qt::ToolTipRole)
            return tr("%n chat message(s); ", nullptr, int(qMin<quint64>(c.messagesOut, INT_MAX)))
                + tr("%n protocol frame(s) (hello, notices, pings, pongs)", nullptr,
                     int(qMin<quint64>(c.protocolOut, INT_MAX)));
        return c.messagesOut;
    case BytesInColumn: return c.bytesIn;
    case BytesOutColumn: return c.bytesOut;
    case InstanceColumn: return c.instance.isEmpty() ? tr("here") : c.instance;
    default: return {};
    }
}

QVariant ClientTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
        switch (section) {
        case SecurityColumn: return tr("TLS and its version, or plain TCP");
        case ConnectedSinceColumn: return tr("When the client connected (local time)");
        case InstanceColumn: return tr("The federated server the client is connected to");
        case MessagesInColumn: return tr("Chat messages from the client (texts); protocol frames are counted apart, in the cell's tooltip");
        case MessagesOutColumn: return tr("Chat messages to the client (texts and direct messages); protocol frames are counted apart, in the cell's tooltip");
        default: return {};
        }
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn: return tr("Id");
    case NameColumn: return tr("Name");
    case AddressColumn: return tr("Address");
    case FramingColumn: return tr("Framing");
    case SecurityColumn: return tr("Security");
    case ConnectedSinceColumn: return tr("Connected");
    case MessagesInColumn: return tr("Msgs in");
    case MessagesOutColumn: return tr("Msgs out");
    case BytesInColumn: return tr("Bytes in");
    case BytesOutColumn: return tr("Bytes out");
    case InstanceColumn: return tr("Instance");
    default: return {};
    }
}

quint32 ClientTableModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

int ClientTableModel::rowOf(quint32 id) const
{
    return int(findRow(id));
}

QString ClientTableModel::labelOf(quint32 id) const
{
    const qsizetype row = findRow(id);
    if (row < 0)
        return {};
    return LineCodec::senderLabel(id, m_rows.at(row).name);
}

QString ClientTableModel::hostOf(quint32 id) const
{
    const qsizetype row = findRow(id);
    if (row < 0)
        return {};
    // "127.0.0.1:40212" or "[::1]:40212".
    QString host = m_rows.at(row).address.section(QLatin1Char(':'), 0, -2);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    return host;
}

qsizetype ClientTableModel::findRow(quint32 id) const
{
    // Rows are ordered by id.
    const auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), id,
                                     [](const ClientInfo &c, quint32 v) { return c.id < v; });
    return it != m_rows.cend() && it->id == id ? it - m_rows.cbegin() : -1;
}

void ClientTableModel::applySnapshot(const ServerSnapshot &snapshot)
{
    // Remove rows whose client left, one removal per run of adjacent rows,
    // walking backwards so indexes stay valid.
    if (!snapshot.removed.isEmpty()) {
        const QSet<quint32> gone(snapshot.removed.cbegin(), snapshot.removed.cend());
        for (int last = int(m_rows.size()) - 1; last >= 0; --last) {
            if (!gone.contains(m_rows.at(last).id))
                continue;
            int first = last;
            while (first > 0 && gone.contains(m_rows.at(first - 1).id))
                --first;
            beginRemoveRows({}, first, last);
            m_rows.remove(first, last - first + 1);
            endRemoveRows();
            last = first;
        }
    }

    // Update the rows that stayed, reported in one dataChanged() over the
    // changed range. New clients usually have higher ids than any row (one
    // network thread): they are appended at once. With several threads, a
    // row may belong before the last one: it is inserted in id order.
    int firstChanged = -1;
    int lastChanged = -1;
    QList<ClientInfo> added;
    for (const ClientInfo &c : snapshot.changed) {
        const qsizetype row = findRow(c.id);
        if (row < 0) {
            added.append(c);
            continue;
        }
        if (m_rows.at(row) == c)
            continue;
        m_rows[row] = c;
        firstChanged = firstChanged < 0 ? int(row) : qMin(firstChanged, int(row));
        lastChanged = qMax(lastChanged, int(row));
    }
    if (firstChanged >= 0)
        Q_EMIT dataChanged(index(firstChanged, 0), index(lastChanged, ColumnCount - 1));
    if (added.isEmpty())
        return;
    const quint32 lastId = m_rows.isEmpty() ? 0 : m_rows.constLast().id;
    if (added.constFirst().id > lastId) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        m_rows.append(added);
        endInsertRows();
        return;
    }
    for (const ClientInfo &c : std::as_const(added)) {
        const auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), c.id,
                                         [](const ClientInfo &r, quint32 v) { return r.id < v; });
        const int row = int(it - m_rows.cbegin());
        beginInsertRows({}, row, row);
        m_rows.insert(row, c);
        endInsertRows();
    }
}
