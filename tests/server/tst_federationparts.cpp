// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The federation's pure parts, without Redis: the --federate URL
// (FederationAddress) and the relay stream's entries (RelayEntry,
// docs/protocol.md section 11): what is written reads back the same, and
// what is not an entry is refused with its fault.
#include "federationaddress.h"
#include "relayentry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

class TestFederationParts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void address_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("name");
        QTest::newRow("plain") << u"redis://10.0.0.10:6379"_s << true << u"10.0.0.10"_s << 6379 << QString() << u"default"_s;
        QTest::newRow("name") << u"redis://127.0.0.1:7000/chat"_s << true << u"127.0.0.1"_s << 7000 << QString() << u"chat"_s;
        QTest::newRow("password") << u"redis://:s3:cr@t@127.0.0.1:7000/x"_s << true << u"127.0.0.1"_s << 7000
                                  << u"s3:cr@t"_s << u"x"_s;
        QTest::newRow("IPv6") << u"redis://[::1]:6379/a"_s << true << u"::1"_s << 6379 << QString() << u"a"_s;
        QTest::newRow("a host name") << u"redis://redis.local:6379"_s << false << QString() << 0 << QString() << QString();
        QTest::newRow("no port") << u"redis://127.0.0.1"_s << false << QString() << 0 << QString() << QString();
        QTest::newRow("port 0") << u"redis://127.0.0.1:0"_s << false << QString() << 0 << QString() << QString();
        QTest::newRow("another scheme") << u"http://127.0.0.1:6379"_s << false << QString() << 0 << QString() << QString();
        QTest::newRow("a bad name") << u"redis://127.0.0.1:6379/a b"_s << false << QString() << 0 << QString() << QString();
    }
    void address()
    {
        QFETCH(QString, url);
        QFETCH(bool, valid);
        QString why;
        const std::optional<FederationAddress> a = FederationAddress::parse(url, &why);
        QCOMPARE(a.has_value(), valid);
        if (!valid) {
            QVERIFY(!why.isEmpty());
            return;
        }
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, password);
        QFETCH(QString, name);
        QCOMPARE(a->host, host);
        QCOMPARE(int(a->port), port);
        QCOMPARE(a->password, password);
        QCOMPARE(a->name, name);
        QVERIFY(!a->displayText().contains(u"s3:cr"_s)); // never the password
        // withPassword() puts one back, and it parses the same.
        const std::optional<FederationAddress> again = FederationAddress::parse(a->withPassword(u"pw"_s), &why);
        QVERIFY(again);
        QCOMPARE(again->password, u"pw"_s);
        QCOMPARE(again->host, host);
        QCOMPARE(again->name, name);
    }

    void deliveryRoundTrip()
    {
        RelayEntry e;
        e.origin = "0123456789abcdef";
        e.originName = u"Ä-instance"_s;
        e.sequence = 42;
        e.path = Router::Path::Direct;
        e.from = 0;
        e.to = { 2097153, 3145729 };
        Message text = Message::makeText(QString(), 2097153, u"alice"_s);
        text.utf8 = "héllo, \"you\"\n";
        e.messages = { text, Message::makeNotice(Message::NoticeKind::Direct, u"psst"_s) };
        RelayEntry::Fault fault = RelayEntry::Fault::None;
        QString why;
        const std::optional<RelayEntry> back = RelayEntry::parse(e.fields(), 1 << 20, &fault, &why);
        QVERIFY2(back, qPrintable(why));
        QCOMPARE(back->kind, RelayEntry::Kind::Delivery);
        QCOMPARE(back->origin, e.origin);
        QCOMPARE(back->originName, e.originName);
        QCOMPARE(back->sequence, quint64(42));
        QCOMPARE(back->path, Router::Path::Direct);
        QCOMPARE(back->to, e.to);
        QCOMPARE(back->messages.size(), 2);
        QCOMPARE(back->messages.at(0).text, u"héllo, \"you\"\n"_s);
        QCOMPARE(back->messages.at(0).name, u"alice"_s);
        QCOMPARE(back->messages.at(0).senderId, quint32(2097153));
        QCOMPARE(back->messages.at(1).type, Message::Type::Notice);
        QCOMPARE(back->messages.at(1).noticeKind, Message::NoticeKind::Direct);
        QCOMPARE(back->messages.at(1).text, u"psst"_s);
    }

    // A relayed batch is written as docs/protocol.md section 11 shows it,
    // member for member, and read back in place: each text a slice of the
    // payload (no QJsonDocument, no copy).
    void textsAreWrittenAsTheSpecShowsAndReadInPlace()
    {
        RelayEntry e;
        e.origin = "3f09c1d2a4b5e6f7";
        e.originName = u"A"_s;
        e.sequence = 42;
        e.from = 2097153;
        Message hello = Message::makeText(QString(), 2097153, u"alice"_s);
        hello.utf8 = "hello";
        Message other = hello;
        other.utf8 = "h\xC3\xA9llo";
        e.messages = { hello, other };
        const QList<QByteArray> fields = e.fields();
        QCOMPARE(fields.at(fields.indexOf("m") + 1),
                 QByteArray(R"([{"y":2,"i":2097153,"n":"alice","x":"hello"},{"y":2,"i":2097153,"n":"alice","x":"h)"
                            "\xC3\xA9" R"(llo"}])"));
        RelayEntry::Fault fault = RelayEntry::Fault::None;
        QString why;
        const std::optional<RelayEntry> back = RelayEntry::parse(fields, 1 << 20, &fault, &why);
        QVERIFY2(back, qPrintable(why));
        QCOMPARE(back->messages.size(), 2);
        QCOMPARE(back->messages.at(0).utf8, QByteArray("hello"));
        QVERIFY(back->messages.at(0).text.isNull()); // the bytes, as the batch keeps them
        QCOMPARE(back->messages.at(1).textString(), u"héllo"_s);
        QCOMPARE(back->messages.at(1).name, u"alice"_s);
        QCOMPARE(back->messages.at(1).senderId, quint32(2097153));
        QCOMPARE(back->messages.at(1).type, Message::Type::Text);

        // A payload that is not UTF-8 is a bad entry (docs/protocol.md 11).
        QList<QByteArray> broken = fields;
        broken[broken.indexOf("m") + 1] = "[{\"y\":2,\"i\":5,\"x\":\"h\xFFi\"}]";
        QVERIFY(!RelayEntry::parse(broken, 1 << 20, &fault, &why));
        QCOMPARE(fault, RelayEntry::Fault::Malformed);
    }

    // Whatever the payload, the in-place reader and the JSON parser agree:
    // what the first does not take (escapes, notices, another member order,
    // bytes that are not UTF-8, numbers that are not JSON) the second reads
    // or refuses.
    void payloadsReadAsJsonReadsThem_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::newRow("texts") << QByteArray(R"([{"y":2,"i":5,"n":"bob","x":"one"},{"y":2,"i":5,"n":"bob","x":""}])");
        QTest::newRow("no name") << QByteArray(R"([{"y":2,"i":5,"x":"hi"}])");
        QTest::newRow("names change") << QByteArray(R"([{"y":2,"i":5,"n":"a","x":"1"},{"y":2,"i":6,"x":"2"},{"y":2,"i":7,"n":"c","x":"3"}])");
        QTest::newRow("escapes") << QByteArray("[{\"y\":2,\"i\":5,\"x\":\"a\\\"b\\nc\\u00e9\"}]");
        QTest::newRow("notice") << QByteArray(R"([{"y":3,"k":5,"i":0,"x":"psst"}])");
        QTest::newRow("sorted members") << QByteArray(R"([{"i":5,"n":"bob","x":"hi","y":2}])");
        QTest::newRow("spaces") << QByteArray(R"([ {"y":2,"i":5,"x":"hi"} ])");
        QTest::newRow("leading zero") << QByteArray(R"([{"y":2,"i":05,"x":"hi"}])");
        QTest::newRow("not UTF-8") << QByteArray("[{\"y\":2,\"i\":5,\"x\":\"h\xFFi\"}]");
        QTest::newRow("cut short") << QByteArray(R"([{"y":2,"i":5,"x":"hi"})");
        QTest::newRow("trailing bytes") << QByteArray(R"([{"y":2,"i":5,"x":"hi"}]x)");
        QTest::newRow("empty") << QByteArray("[]");
    }

    void payloadsReadAsJsonReadsThem()
    {
        QFETCH(QByteArray, payload);
        const QList<QByteArray> fields { "v", "1", "o", "x", "k", "d", "s", "1", "p", "relay", "f", "5", "t", "", "b", "0",
                                         "m", payload };
        RelayEntry::Fault fault = RelayEntry::Fault::None;
        QString why;
        const std::optional<RelayEntry> got = RelayEntry::parse(fields, 1 << 20, &fault, &why);

        // The reference: QJsonDocument on the whole payload.
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(payload, &error);
        const bool valid = error.error == QJsonParseError::NoError && doc.isArray() && !doc.array().isEmpty();
        QCOMPARE(bool(got), valid);
        if (!valid)
            return;
        const QJsonArray items = doc.array();
        QCOMPARE(got->messages.size(), items.size());
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QJsonObject o = items.at(i).toObject();
            const Message &m = got->messages.at(i);
            QCOMPARE(int(m.type), o.value(u"y"_s).toInt());
            QCOMPARE(m.senderId, quint32(o.value(u"i"_s).toInteger()));
            QCOMPARE(m.name, o.value(u"n"_s).toString());
            QCOMPARE(m.textString(), o.value(u"x"_s).toString());
        }
    }

    void heartbeatRoundTrip()
    {
        RelayEntry e;
        e.kind = RelayEntry::Kind::Heartbeat;
        e.origin = "00000000000000aa";
        e.originName = u"B"_s;
        e.clients = { { 7, u"bob"_s, u"127.0.0.1:4000"_s }, { 8, QString(), u"[::1]:4001"_s } };
        RelayEntry::Fault fault = RelayEntry::Fault::None;
        QString why;
        const std::optional<RelayEntry> back = RelayEntry::parse(e.fields(), 1 << 20, &fault, &why);
        QVERIFY2(back, qPrintable(why));
        QCOMPARE(back->kind, RelayEntry::Kind::Heartbeat);
        QCOMPARE(back->clients.size(), 2);
        QCOMPARE(back->clients.at(0).id, quint32(7));
        QCOMPARE(back->clients.at(0).name, u"bob"_s);
        QCOMPARE(back->clients.at(1).address, u"[::1]:4001"_s);
    }

    void faults_data()
    {
        QTest::addColumn<QList<QByteArray>>("fields");
        QTest::addColumn<int>("fault");
        const QList<QByteArray> good { "v", "1", "o", "x", "k", "d", "s", "1", "p", "relay", "f", "5", "t", "", "b", "0",
                                       "m", R"([{"y":2,"i":5,"x":"hi"}])" };
        const auto with = [&good](const QByteArray &field, const QByteArray &value) {
            QList<QByteArray> f = good;
            f[f.indexOf(field) + 1] = value;
            return f;
        };
        const int malformed = int(RelayEntry::Fault::Malformed);
        QTest::newRow("odd") << QList<QByteArray> { "v", "1", "o" } << malformed;
        QTest::newRow("no version") << good.mid(2) << malformed;
        QTest::newRow("version 2") << with("v", "2") << int(RelayEntry::Fault::UnknownVersion);
        QTest::newRow("no origin") << with("o", "") << malformed;
        QTest::newRow("kind") << with("k", "q") << malformed;
        QTest::newRow("sequence 0") << with("s", "0") << malformed;
        QTest::newRow("path") << with("p", "teleport") << malformed;
        QTest::newRow("to") << with("t", "1,x") << malformed;
        QTest::newRow("not JSON") << with("m", "{") << malformed;
        QTest::newRow("no messages") << with("m", "[]") << malformed;
        QTest::newRow("a hello") << with("m", R"([{"y":1}])") << malformed;
        QTest::newRow("oversize") << with("m", "[" + QByteArray(200, ' ') + "]") << int(RelayEntry::Fault::Oversize);
    }
    void faults()
    {
        QFETCH(QList<QByteArray>, fields);
        QFETCH(int, fault);
        RelayEntry::Fault got = RelayEntry::Fault::None;
        QString why;
        QVERIFY(!RelayEntry::parse(fields, 100, &got, &why));
        QCOMPARE(int(got), fault);
        QVERIFY(!why.isEmpty());
    }
};

QTEST_MAIN(TestFederationParts)
#include "tst_federationparts.moc"
