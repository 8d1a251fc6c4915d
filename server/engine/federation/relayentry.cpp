// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "relayentry.h"

#include "byteslice.h"
#include "jsonwriter.h"
#include "utf8.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <charconv>

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

// A delivery's messages as docs/protocol.md section 11 gives them, written
// in place (no QJsonDocument): {"y":TYPE,"k":KIND,"i":ID,"n":"NAME","x":"TEXT"}.
QByteArray deliveryPayload(const QList<Message> &messages)
{
    qsizetype size = 2;
    for (const Message &m : messages)
        size += (m.utf8.isNull() ? m.text.size() * 3 : m.utf8.size()) + 48;
    QByteArray out;
    out.reserve(size);
    out.append('[');
    // A relayed batch has one sender: its name is converted once.
    QString name;
    QByteArray nameUtf8;
    for (const Message &m : messages) {
        if (out.size() > 1)
            out.append(',');
        JsonWriter item(out);
        item.number("y", int(m.type));
        if (m.type == Message::Type::Notice)
            item.number("k", int(m.noticeKind));
        item.number("i", qint64(m.senderId));
        if (!m.name.isEmpty()) {
            if (name != m.name) {
                name = m.name;
                nameUtf8 = name.toUtf8();
            }
            item.string("n", nameUtf8);
        }
        item.string("x", m.utf8.isNull() ? m.text.toUtf8() : m.utf8);
    }
    out.append(']');
    return out;
}

// The usual delivery payload, read in place: texts as deliveryPayload()
// writes them ({"y":2,"i":ID,"n":"NAME","x":"TEXT"}, "n" optional), in
// valid UTF-8, with no escape in any string. Each text is a slice of the
// payload (no copy); a name is made once for a run of the same one.
// Nothing for any other payload, which QJsonDocument reads: the two agree
// on every payload this one takes (tst_federationparts).
std::optional<QList<Message>> plainTexts(const QByteArray &payload)
{
    if (!Utf8::isValid(payload))
        return std::nullopt;
    const char *const begin = payload.constData();
    const char *const end = begin + payload.size();
    const char *p = begin;
    const auto take = [&](QByteArrayView literal) {
        if (end - p < literal.size() || QByteArrayView(p, literal.size()) != literal)
            return false;
        p += literal.size();
        return true;
    };
    const auto number = [&](quint32 *value) {
        if (p < end && *p == '0' && p + 1 < end && *(p + 1) >= '0' && *(p + 1) <= '9')
            return false; // a leading zero is not JSON
        const std::from_chars_result r = std::from_chars(p, end, *value);
        if (r.ec != std::errc())
            return false;
        p = r.ptr;
        return true;
    };
    const auto string = [&](QByteArrayView *value) {
        const char *const start = p;
        for (; p < end && *p != '"'; ++p) {
            if (*p == '\\' || quint8(*p) < 0x20)
                return false;
        }
        if (p == end)
            return false;
        *value = QByteArrayView(start, p - start);
        ++p;
        return true;
    };
    QList<Message> messages;
    QByteArrayView lastName;
    QString name;
    if (!take("["))
        return std::nullopt;
    do {
        quint32 id = 0;
        QByteArrayView nameBytes;
        QByteArrayView text;
        if (!take("{\"y\":2,\"i\":") || !number(&id))
            return std::nullopt;
        if (take(",\"n\":\"") && !string(&nameBytes))
            return std::nullopt;
        if (!take(",\"x\":\"") || !string(&text) || !take("}"))
            return std::nullopt;
        Message m;
        m.senderId = id;
        m.utf8 = ByteSlice::of(payload, text.data() - begin, text.size());
        if (nameBytes != lastName) {
            lastName = nameBytes;
            name = QString::fromUtf8(nameBytes);
        }
        m.name = name;
        messages.append(std::move(m));
    } while (take(","));
    if (!take("]") || p != end)
        return std::nullopt;
    return messages;
}

} // namespace

QList<QByteArray> RelayEntry::fields() const
{
    QList<QByteArray> f { "v", QByteArray::number(kVersion), "o", origin, "n", originName.toUtf8() };
    if (kind == Kind::Heartbeat) {
        QJsonArray payload;
        for (const Client &c : clients)
            payload.append(QJsonArray { qint64(c.id), c.name, c.address });
        f << "k" << "h" << "m" << QJsonDocument(payload).toJson(QJsonDocument::Compact);
        return f;
    }
    f << "k" << "d" << "s" << QByteArray::number(sequence) << "p" << Router::pathName(path) << "f"
      << QByteArray::number(from) << "t" << idList(to) << "b" << QByteArray::number(banMinutes) << "m"
      << deliveryPayload(messages);
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
    const QByteArray kind = v.value("k");
    std::optional<QList<Message>> texts;
    if (kind == "d")
        texts = plainTexts(payload);
    QJsonParseError error;
    const QJsonDocument doc = texts ? QJsonDocument() : QJsonDocument::fromJson(payload, &error);
    if (!texts && (error.error != QJsonParseError::NoError || !doc.isArray()))
        return bad(Fault::Malformed, QStringLiteral("the payload is not a JSON array"));
    const QJsonArray items = doc.array();
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
    if (texts)
        e.messages = std::move(*texts);
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
