// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "relayentry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

QByteArray idList(const QList<quint32> &ids)
{
    QByteArray out;
    for (quint32 id : ids) {
        if (!out.isEmpty())
            out += ',';
        out += QByteArray::number(id);
    }
    return out;
}

QJsonObject messageJson(const Message &m)
{
    QJsonObject o;
    o[QLatin1String("y")] = int(m.type);
    if (m.type == Message::Type::Notice)
        o[QLatin1String("k")] = int(m.noticeKind);
    o[QLatin1String("i")] = qint64(m.senderId);
    if (!m.name.isEmpty())
        o[QLatin1String("n")] = m.name;
    o[QLatin1String("x")] = m.utf8.isNull() ? m.text : QString::fromUtf8(m.utf8);
    return o;
}

} // namespace

QList<QByteArray> RelayEntry::fields() const
{
    QList<QByteArray> f { "v", QByteArray::number(kVersion), "o", origin, "n", originName.toUtf8() };
    QJsonArray payload;
    if (kind == Kind::Heartbeat) {
        f << "k" << "h";
        for (const Client &c : clients)
            payload.append(QJsonArray { qint64(c.id), c.name, c.address });
    } else {
        f << "k" << "d" << "s" << QByteArray::number(sequence) << "p" << Router::pathName(path) << "f"
          << QByteArray::number(from) << "t" << idList(to) << "b" << QByteArray::number(banMinutes);
        for (const Message &m : messages)
            payload.append(messageJson(m));
    }
    f << "m" << QJsonDocument(payload).toJson(QJsonDocument::Compact);
    return f;
}

std::optional<Router::Path> RelayEntry::pathFromName(const QByteArray &name)
{
    for (Router::Path p : { Router::Path::Relay, Router::Path::Echo, Router::Path::Show, Router::Path::Broadcast,
                            Router::Path::Direct, Router::Path::Presence, Router::Path::Kick }) {
        if (name == Router::pathName(p))
            return p;
    }
    return std::nullopt;
}

std::optional<RelayEntry> RelayEntry::parse(const QList<QByteArray> &fields, qsizetype maxPayload, Fault *fault,
                                            QString *why)
{
    const auto bad = [&](Fault f, const QString &reason) -> std::optional<RelayEntry> {
        *fault = f;
        *why = reason;
        return std::nullopt;
    };
    if (fields.size() % 2 != 0)
        return bad(Fault::Malformed, QStringLiteral("an odd number of fields"));
    QHash<QByteArray, QByteArray> v;
    for (qsizetype i = 0; i + 1 < fields.size(); i += 2)
        v.insert(fields.at(i), fields.at(i + 1));
    if (!v.contains("v"))
        return bad(Fault::Malformed, QStringLiteral("no version field"));
    if (v.value("v") != QByteArray::number(kVersion))
        return bad(Fault::UnknownVersion, QStringLiteral("version %1").arg(QString::fromLatin1(v.value("v").left(16))));
    const QByteArray payload = v.value("m");
    if (payload.size() > maxPayload)
        return bad(Fault::Oversize, QStringLiteral("a payload of %1 bytes").arg(payload.size()));
    RelayEntry e;
    e.origin = v.value("o");
    e.originName = QString::fromUtf8(v.value("n"));
    if (e.origin.isEmpty())
        return bad(Fault::Malformed, QStringLiteral("no origin"));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(payload, &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray())
        return bad(Fault::Malformed, QStringLiteral("the payload is not a JSON array"));
    const QJsonArray items = doc.array();
    const QByteArray kind = v.value("k");
    if (kind == "h") {
        e.kind = Kind::Heartbeat;
        for (const QJsonValue &item : items) {
            const QJsonArray c = item.toArray();
            if (c.size() != 3 || !c.at(0).isDouble())
                return bad(Fault::Malformed, QStringLiteral("a client is not [id, name, address]"));
            e.clients.append({ quint32(c.at(0).toInteger()), c.at(1).toString(), c.at(2).toString() });
        }
        return e;
    }
    if (kind != "d")
        return bad(Fault::Malformed, QStringLiteral("an unknown kind"));
    bool ok = false;
    e.sequence = v.value("s").toULongLong(&ok);
    if (!ok || e.sequence == 0)
        return bad(Fault::Malformed, QStringLiteral("no sequence number"));
    const auto path = pathFromName(v.value("p"));
    if (!path)
        return bad(Fault::Malformed, QStringLiteral("an unknown path"));
    e.path = *path;
    e.from = v.value("f").toUInt(&ok);
    if (!ok)
        return bad(Fault::Malformed, QStringLiteral("no sender id"));
    const QByteArray to = v.value("t");
    if (!to.isEmpty()) {
        for (const QByteArray &id : to.split(',')) {
            e.to.append(id.toUInt(&ok));
            if (!ok)
                return bad(Fault::Malformed, QStringLiteral("a recipient id is not a number"));
        }
    }
    e.banMinutes = v.value("b").toInt();
    for (const QJsonValue &item : items) {
        const QJsonObject o = item.toObject();
        const int type = o.value(QLatin1String("y")).toInt();
        if (type != int(Message::Type::Text) && type != int(Message::Type::Notice))
            return bad(Fault::Malformed, QStringLiteral("a message of type %1").arg(type));
        Message m;
        m.type = Message::Type(type);
        m.noticeKind = Message::NoticeKind(o.value(QLatin1String("k")).toInt());
        m.senderId = quint32(o.value(QLatin1String("i")).toInteger());
        m.name = o.value(QLatin1String("n")).toString();
        m.text = o.value(QLatin1String("x")).toString();
        e.messages.append(m);
    }
    if (e.path != Router::Path::Kick && e.messages.isEmpty())
        return bad(Fault::Malformed, QStringLiteral("no messages"));
    return e;
}
