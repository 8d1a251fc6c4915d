#include "clienttablemodel.h"

#include "servercore.h"

#include <QSet>

ClientTableModel::ClientTableModel(ServerCore *core, QObject *parent)
    : QAbstractTableModel(parent)
    , m_core(core)
{
    connect(core, &ServerCore::clientsChanged, this, &ClientTableModel::refresh);
    refresh();
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
    case NameColumn: return c.name;
    case AddressColumn: return c.address;
    case FramingColumn: return c.framing.isEmpty() ? tr("detecting") : c.framing;
    case ConnectedSinceColumn:
        return role == Qt::ToolTipRole ? c.connectedSince.toString(Qt::ISODate)
                                       : c.connectedSince.toString(QStringLiteral("HH:mm:ss"));
    case MessagesInColumn: return c.messagesIn;
    case MessagesOutColumn: return c.messagesOut;
    case BytesInColumn: return c.bytesIn;
    case BytesOutColumn: return c.bytesOut;
    default: return {};
    }
}

QVariant ClientTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn: return tr("Id");
    case NameColumn: return tr("Name");
    case AddressColumn: return tr("Address");
    case FramingColumn: return tr("Framing");
    case ConnectedSinceColumn: return tr("Connected since");
    case MessagesInColumn: return tr("Msgs in");
    case MessagesOutColumn: return tr("Msgs out");
    case BytesInColumn: return tr("Bytes in");
    case BytesOutColumn: return tr("Bytes out");
    default: return {};
    }
}

quint32 ClientTableModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

int ClientTableModel::rowOf(quint32 id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == id)
            return i;
    }
    return -1;
}

void ClientTableModel::refresh()
{
    if (!m_core)
        return;
    const QList<ClientInfo> now = m_core->clients(); // ordered by id

    // Remove rows whose client left, one removal per run of adjacent rows,
    // walking backwards so indexes stay valid.
    QSet<quint32> present;
    present.reserve(now.size());
    for (const ClientInfo &c : now)
        present.insert(c.id);
    for (int last = int(m_rows.size()) - 1; last >= 0; --last) {
        if (present.contains(m_rows.at(last).id))
            continue;
        int first = last;
        while (first > 0 && !present.contains(m_rows.at(first - 1).id))
            --first;
        beginRemoveRows({}, first, last);
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
        last = first;
    }

    // Update the rows that stayed (same order as now's prefix of known ids),
    // then report them in one dataChanged() over the changed range.
    qsizetype k = 0;
    int firstChanged = -1;
    int lastChanged = -1;
    for (int r = 0; r < m_rows.size(); ++r) {
        while (k < now.size() && now.at(k).id != m_rows.at(r).id)
            ++k;
        if (k >= now.size())
            break;
        if (now.at(k) != m_rows.at(r)) {
            m_rows[r] = now.at(k);
            if (firstChanged < 0)
                firstChanged = r;
            lastChanged = r;
        }
    }
    if (firstChanged >= 0)
        Q_EMIT dataChanged(index(firstChanged, 0), index(lastChanged, ColumnCount - 1));

    // New clients have higher ids than any row: append them.
    const quint32 lastId = m_rows.isEmpty() ? 0 : m_rows.constLast().id;
    QList<ClientInfo> added;
    for (const ClientInfo &c : now) {
        if (c.id > lastId)
            added.append(c);
    }
    if (!added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        m_rows.append(added);
        endInsertRows();
    }
}
