// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// WebSocketCodec: RFC 6455's own examples (section 5.7), the JSON examples
// of docs/protocol.md section 10, fragmentation in any chunking, and every
// error a hostile client can cause, judged before the bytes a length field
// claims arrive.
#include "chunking.h"
#include "websocketcodec.h"
#include "websocketframes.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QtTest>

using namespace Qt::StringLiterals;
using WebSocketFrames::clientFrame;
using WebSocketFrames::clientText;

namespace {

struct Decoded
{
    QList<Message> messages;
    bool ok = true;
    CodecError error;
};

Decoded decodeAll(const QByteArray &bytes, quint32 seed = 0, qsizetype max = Protocol::kDefaultMaxMessageSize,
                  bool utf8 = false)
{
    WebSocketCodec codec(max);
    codec.setTextAsUtf8(utf8);
    Decoded d;
    for (const QByteArray &chunk : Chunking::split(bytes, seed)) {
        if (!codec.decode(chunk, d.messages)) {
            d.ok = false;
            break;
        }
    }
    if (d.ok)
        d.ok = codec.finishInput(d.messages);
    d.error = codec.error();
    return d;
}

// The JSON object of the one text frame a server encoding holds.
QJsonObject serverJson(const QByteArray &encoded)
{
    QByteArray bytes = encoded;
    QList<WebSocketFrames::ServerFrame> frames;
    if (!WebSocketFrames::takeServerFrames(bytes, frames) || frames.size() != 1 || !bytes.isEmpty()
        || frames.first().opcode != WebSocketCodec::OpText || !frames.first().fin)
        return {};
    return QJsonDocument::fromJson(frames.first().payload).object();
}

struct DocExample
{
    QString direction; // "in" (client to server) or "out"
    QString type;
    QMap<QString, QString> fields;
    QByteArray json;
    int line = 0;
};

// The "<!-- example websocket in|out TYPE field=value ... -->" comments of
// docs/protocol.md and the ```json line after each.
QList<DocExample> docExamples()
{
    QFile file(QStringLiteral(SOCKETHUB_SOURCE_DIR "/docs/protocol.md"));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    static const QRegularExpression head(u"^<!-- example websocket (in|out) (\\w+)(.*) -->$"_s);
    static const QRegularExpression field(u"(\\w+)=(?:\"([^\"]*)\"|(\\S+))"_s);
    QList<DocExample> examples;
    for (int i = 0; i < lines.size(); ++i) {
        const QRegularExpressionMatch m = head.match(lines.at(i));
        if (!m.hasMatch())
            continue;
        DocExample ex;
        ex.direction = m.captured(1);
        ex.type = m.captured(2);
        ex.line = i + 1;
        auto it = field.globalMatch(m.captured(3));
        while (it.hasNext()) {
            const QRegularExpressionMatch f = it.next();
            ex.fields.insert(f.captured(1), f.captured(2).isNull() ? f.captured(3) : f.captured(2));
        }
        if (i + 2 < lines.size() && lines.at(i + 1) == "```json"_L1)
            ex.json = lines.at(i + 2).toUtf8();
        examples.append(ex);
    }
    return examples;
}

Message::NoticeKind kindFromName(const QString &name)
{
    const QStringList names { u"info"_s, u"welcome"_s, u"disconnect"_s, u"joined"_s, u"left"_s, u"direct"_s };
    return Message::NoticeKind(qMax(0, int(names.indexOf(name))));
}

} // namespace

class TestWebSocketCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rfcMaskedPongDecodes();
    void rfcUnmaskedFramesAreRefused();
    void rfcBinaryFramesAreRefused();
    void rfcServerPingAndPongEncodeAsTheRfcShows();
    void rfcMaskedHelloReachesJson();
    void docExamplesDecode();
    void docExamplesEncode();
    void fragmentedTextInAnyChunking();
    void controlFramesBetweenFragments();
    void byteModeHoldsUtf8();
    void loneSurrogatesBecomeReplacementCharacters_data();
    void plainTextIsReadInPlaceAndAgreesWithJson_data();
    void plainTextIsReadInPlaceAndAgreesWithJson();
    void loneSurrogatesBecomeReplacementCharacters();
    void errors_data();
    void errors();
    void oversizedFrameFailsOnItsHeader();
    void oversizedFragmentsFailOnTheHeaderThatPassesTheLimit();
    void closeFrame();
    void dataAfterCloseIsAnError();
    void endOfStreamInsideAMessage();
    void jsonEscapesHostileText();
    void lengthEncodings();
    void closeCodes();
};

void TestWebSocketCodec::rfcMaskedPongDecodes()
{
    // RFC 6455, 5.7: "Unsolicited Pong (masked) ... Hello".
    const QByteArray bytes = QByteArray::fromHex("8a8537fa213d7f9f4d5158");
    for (quint32 seed : Chunking::seeds()) {
        const Decoded d = decodeAll(bytes, seed);
        QVERIFY2(d.ok, qPrintable(d.error.description));
        QCOMPARE(d.messages.size(), 1);
        QCOMPARE(d.messages.first().type, Message::Type::Pong);
        QCOMPARE(d.messages.first().data, "Hello"_ba);
    }
}

void TestWebSocketCodec::rfcUnmaskedFramesAreRefused()
{
    // RFC 6455, 5.7: a single-frame unmasked text, and the unmasked
    // fragmented one: a server must refuse unmasked client frames (5.1).
    for (const QByteArray &hex : { "810548656c6c6f"_ba, "010348656c"_ba, "8905" "48656c6c6f"_ba }) {
        const Decoded d = decodeAll(QByteArray::fromHex(hex));
        QVERIFY(!d.ok);
        QCOMPARE(d.error.code, CodecError::Code::MalformedFrame);
        QVERIFY2(d.error.description.contains(u"unmasked"_s), qPrintable(d.error.description));
    }
}

void TestWebSocketCodec::rfcBinaryFramesAreRefused()
{
    // RFC 6455, 5.7: "256 bytes binary message in a single unmasked frame"
    // and the 64 KiB one: refused on their first two bytes, before any of
    // the claimed payload.
    for (const QByteArray &hex : { "827e0100"_ba, "827f0000000000010000"_ba, "82fe0100"_ba }) {
        const Decoded d = decodeAll(QByteArray::fromHex(hex));
        QVERIFY(!d.ok);
        QCOMPARE(d.error.code, CodecError::Code::UnknownType);
        QVERIFY2(d.error.description.contains(u"binary"_s), qPrintable(d.error.description));
    }
}

void TestWebSocketCodec::rfcServerPingAndPongEncodeAsTheRfcShows()
{
    WebSocketCodec codec;
    // RFC 6455, 5.7: "Unmasked Ping request and masked Ping response":
    // the server's (unmasked) ping is 0x89 0x05 "Hello".
    QCOMPARE(codec.encode(Message::makePing("Hello")), QByteArray::fromHex("890548656c6c6f"));
    QCOMPARE(codec.encode(Message::makePong("Hello")), QByteArray::fromHex("8a0548656c6c6f"));
    // A ping's payload is cut to a control frame's 125 bytes.
    QCOMPARE(codec.checkedSize(codec.encode(Message::makePing(QByteArray(200, 'x')))), 125);
}

void TestWebSocketCodec::rfcMaskedHelloReachesJson()
{
    // RFC 6455, 5.7: "A single-frame masked text message ... Hello": the
    // frame unmasks to "Hello", which is not a JSON object.
    const Decoded d = decodeAll(QByteArray::fromHex("818537fa213d7f9f4d5158"));
    QVERIFY(!d.ok);
    QCOMPARE(d.error.code, CodecError::Code::MalformedFrame);
    QVERIFY2(d.error.description.contains(u"not a JSON object"_s), qPrintable(d.error.description));
    // The same mask over a JSON text decodes.
    const Decoded ok = decodeAll(clientText(R"({"type":"text","text":"Hello"})"));
    QVERIFY(ok.ok);
    QCOMPARE(ok.messages, QList<Message> { Message::makeText(u"Hello"_s) });
}

void TestWebSocketCodec::docExamplesDecode()
{
    const QList<DocExample> examples = docExamples();
    int in = 0;
    for (const DocExample &ex : examples) {
        if (ex.direction != "in"_L1)
            continue;
        ++in;
        const QByteArray where = "docs/protocol.md:" + QByteArray::number(ex.line);
        QVERIFY2(!ex.json.isEmpty(), where.constData());
        const Decoded d = decodeAll(clientText(ex.json), 1);
        if (ex.type == "error"_L1) {
            QVERIFY2(!d.ok, where.constData());
            QCOMPARE(QString::fromLatin1(CodecError::codeName(d.error.code)), ex.fields.value(u"code"_s));
            continue;
        }
        QVERIFY2(d.ok, qPrintable(QString::fromLatin1(where) + u' ' + d.error.description));
        QCOMPARE(d.messages.size(), 1);
        const Message &m = d.messages.first();
        if (ex.type == "hello"_L1) {
            QCOMPARE(m.type, Message::Type::Hello);
            QCOMPARE(m.name, ex.fields.value(u"name"_s));
            QCOMPARE(m.version, Protocol::kVersion);
            QCOMPARE(QString::fromUtf8(m.data), ex.fields.value(u"password"_s));
            QCOMPARE(m.data.isNull(), !ex.fields.contains(u"password"_s));
        } else {
            QCOMPARE(ex.type, u"text"_s);
            QCOMPARE(m.type, Message::Type::Text);
            QCOMPARE(m.text, ex.fields.value(u"text"_s));
        }
    }
    QVERIFY2(in >= 4, "docs/protocol.md lost its WebSocket client examples");
}

void TestWebSocketCodec::docExamplesEncode()
{
    WebSocketCodec codec;
    int outCount = 0;
    for (const DocExample &ex : docExamples()) {
        if (ex.direction != "out"_L1)
            continue;
        ++outCount;
        const QByteArray where = "docs/protocol.md:" + QByteArray::number(ex.line);
        Message m;
        if (ex.type == "text"_L1) {
            m = Message::makeText(ex.fields.value(u"text"_s), ex.fields.value(u"from"_s).toUInt(),
                                  ex.fields.value(u"name"_s));
        } else if (ex.type == "hello"_L1) {
            m = Message::makeHello(ex.fields.value(u"name"_s), Protocol::kVersion);
            m.passwordRequired = ex.fields.value(u"passwordRequired"_s) == "true"_L1;
        } else {
            QCOMPARE(ex.type, u"notice"_s);
            m = Message::makeNotice(kindFromName(ex.fields.value(u"kind"_s)), ex.fields.value(u"text"_s),
                                    ex.fields.value(u"id"_s).toUInt());
        }
        const QByteArray encoded = codec.encode(m);
        const QJsonObject expected = QJsonDocument::fromJson(ex.json).object();
        QVERIFY2(!expected.isEmpty(), where.constData());
        QCOMPARE(serverJson(encoded), expected);
        // Byte for byte, too: the spec shows the exact order of the keys.
        QCOMPARE(encoded.sliced(2), ex.json);
    }
    QVERIFY2(outCount >= 5, "docs/protocol.md lost its WebSocket server examples");
}

void TestWebSocketCodec::fragmentedTextInAnyChunking()
{
    const QByteArray json = R"({"type":"text","text":"fragmented ✓ message"})";
    QByteArray bytes = clientFrame(WebSocketCodec::OpText, json.first(5), false)
        + clientFrame(WebSocketCodec::OpContinuation, json.sliced(5, 20), false, 0x01020304)
        + clientFrame(WebSocketCodec::OpContinuation, QByteArray(), false)
        + clientFrame(WebSocketCodec::OpContinuation, json.sliced(25), true, 0xDEADBEEF)
        + clientText(R"({"type":"text","text":"second"})");
    for (quint32 seed : Chunking::seeds()) {
        const Decoded d = decodeAll(bytes, seed);
        QVERIFY2(d.ok, qPrintable(d.error.description));
        QCOMPARE(d.messages,
                 (QList<Message> { Message::makeText(u"fragmented ✓ message"_s), Message::makeText(u"second"_s) }));
    }
}

void TestWebSocketCodec::controlFramesBetweenFragments()
{
    const QByteArray json = R"({"type":"text","text":"a"})";
    const QByteArray bytes = clientFrame(WebSocketCodec::OpText, json.first(3), false)
        + clientFrame(WebSocketCodec::OpPing, "p1") + clientFrame(WebSocketCodec::OpPong, "p2")
        + clientFrame(WebSocketCodec::OpContinuation, json.sliced(3));
    const Decoded d = decodeAll(bytes, 2);
    QVERIFY(d.ok);
    QCOMPARE(d.messages, (QList<Message> { Message::makePing("p1"), Message::makePong("p2"),
                                           Message::makeText(u"a"_s) }));
}

void TestWebSocketCodec::byteModeHoldsUtf8()
{
    const Decoded d = decodeAll(clientText(R"({"type":"text","text":"caf\u00e9 é"})"), 0,
                                Protocol::kDefaultMaxMessageSize, true);
    QVERIFY(d.ok);
    QCOMPARE(d.messages.size(), 1);
    QVERIFY(d.messages.first().text.isEmpty());
    QCOMPARE(d.messages.first().utf8, "café é"_ba);
}

void TestWebSocketCodec::loneSurrogatesBecomeReplacementCharacters_data()
{
    QTest::addColumn<QByteArray>("escaped");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("flagged");
    const QString fffd(QChar::ReplacementCharacter);
    QTest::newRow("pair") << R"(a\ud83d\ude00)"_ba << u"a\U0001F600"_s << false;
    QTest::newRow("lone low") << R"(a\ude00b)"_ba << u"a"_s + fffd + u"b"_s << true;
    QTest::newRow("lone high at the end") << R"(a\ud83d)"_ba << u"a"_s + fffd << true;
    QTest::newRow("high then not a low") << R"(\ud83dx\ud83d\ud83d)"_ba << fffd + u"x"_s + fffd + fffd << true;
    // The fuzzer's input: a BMP character that only looks like half a pair.
    QTest::newRow("ud25d then lone low") << R"(hi\ud25d\ude00?)"_ba << u"hi\uD25D"_s + fffd + u"?"_s << true;
}

void TestWebSocketCodec::loneSurrogatesBecomeReplacementCharacters()
{
    QFETCH(QByteArray, escaped);
    QFETCH(QString, expected);
    QFETCH(bool, flagged);
    const QByteArray json = R"({"type":"text","text":")" + escaped + R"("})";
    for (const bool utf8 : { false, true }) {
        const Decoded d = decodeAll(clientText(json), 0, Protocol::kDefaultMaxMessageSize, utf8);
        QVERIFY(d.ok);
        QCOMPARE(d.messages.size(), 1);
        const Message &m = d.messages.first();
        QCOMPARE(m.textString(), expected);
        QCOMPARE(m.invalidUtf8, flagged);
        if (utf8)
            QCOMPARE(m.utf8, expected.toUtf8());
    }
    // A name and a password too.
    const QByteArray hello = R"({"type":"hello","name":")" + escaped + R"(","password":")" + escaped + R"("})";
    const Decoded h = decodeAll(clientText(hello));
    QVERIFY(h.ok);
    QCOMPARE(h.messages.size(), 1);
    QCOMPARE(h.messages.first().name, expected);
    QCOMPARE(h.messages.first().data, expected.toUtf8());
}

void TestWebSocketCodec::plainTextIsReadInPlaceAndAgreesWithJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("inPlace");
    QTest::addColumn<QString>("text");
    QTest::newRow("browser") << R"({"type":"text","text":"hi there"})"_ba << true << u"hi there"_s;
    QTest::newRow("empty") << R"({"type":"text","text":""})"_ba << true << QString();
    QTest::newRow("utf8") << R"({"type":"text","text":"café 😀"})"_ba << true << u"café 😀"_s;
    QTest::newRow("escaped quote") << R"({"type":"text","text":"a\"b"})"_ba << false << u"a\"b"_s;
    QTest::newRow("escaped newline") << R"({"type":"text","text":"a\nb"})"_ba << false << u"a\nb"_s;
    QTest::newRow("spaces") << R"({"type": "text", "text": "hi"})"_ba << false << u"hi"_s;
    QTest::newRow("other order") << R"({"text":"hi","type":"text"})"_ba << false << u"hi"_s;
    QTest::newRow("more members") << R"({"type":"text","text":"hi","x":1})"_ba << false << u"hi"_s;
}

void TestWebSocketCodec::plainTextIsReadInPlaceAndAgreesWithJson()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, inPlace);
    QFETCH(QString, text);
    QCOMPARE(WebSocketCodec::plainText(json).has_value(), inPlace);
    for (const bool utf8 : { false, true }) {
        const Decoded d = decodeAll(clientText(json), 0, Protocol::kDefaultMaxMessageSize, utf8);
        QVERIFY(d.ok);
        QCOMPARE(d.messages.size(), 1);
        QCOMPARE(d.messages.first().type, Message::Type::Text);
        QCOMPARE(d.messages.first().textString(), text);
        QVERIFY(!d.messages.first().invalidUtf8);
        if (utf8)
            QVERIFY(!d.messages.first().utf8.isNull());
    }
    // A control character inside the quotes is not strict JSON: the fast
    // path leaves it to the JSON parser (Qt's, which accepts it).
    QVERIFY(!WebSocketCodec::plainText(R"({"type":"text","text":"a)" "\t" R"(b"})"_ba));
}

void TestWebSocketCodec::errors_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<CodecError::Code>("code");
    QTest::addColumn<QString>("words");
    using C = CodecError::Code;
    QTest::newRow("invalid UTF-8") << clientText("{\"type\":\"text\",\"text\":\"\xC0\x80\"}") << C::InvalidUtf8
                                   << u"not valid UTF-8"_s;
    QTest::newRow("not JSON") << clientText("hello") << C::MalformedFrame << u"not a JSON object"_s;
    QTest::newRow("JSON array") << clientText("[1]") << C::MalformedFrame << u"not a JSON object"_s;
    QTest::newRow("no type") << clientText("{\"text\":\"x\"}") << C::MalformedFrame << u"\"type\""_s;
    QTest::newRow("unknown type") << clientText(R"({"type":"notice","text":"x"})") << C::UnknownType
                                  << u"unknown WebSocket message type \"notice\""_s;
    QTest::newRow("text not a string") << clientText(R"({"type":"text","text":5})") << C::MalformedFrame
                                       << u"\"text\""_s;
    QTest::newRow("hello version 2") << clientText(R"({"type":"hello","name":"a","version":2})")
                                     << C::UnsupportedVersion << u"version 2"_s;
    QTest::newRow("long name") << clientText("{\"type\":\"hello\",\"name\":\"" + QByteArray(256, 'n') + "\"}")
                               << C::MalformedFrame << u"name longer than 255 bytes"_s;
    QTest::newRow("reserved bits") << QByteArray::fromHex("c1803132333435") << C::MalformedFrame
                                   << u"reserved bits"_s;
    QTest::newRow("opcode 3") << QByteArray::fromHex("8380") << C::UnknownType << u"opcode 0x3"_s;
    QTest::newRow("fragmented ping") << QByteArray::fromHex("0980") << C::MalformedFrame << u"control frame"_s;
    QTest::newRow("long ping") << QByteArray::fromHex("89fe007e") << C::MalformedFrame << u"control frame"_s;
    QTest::newRow("lone continuation") << clientFrame(WebSocketCodec::OpContinuation, "x") << C::MalformedFrame
                                       << u"continuation"_s;
    QTest::newRow("text inside fragments") << clientFrame(WebSocketCodec::OpText, "{", false) + clientText("{}")
                                           << C::MalformedFrame << u"inside a fragmented message"_s;
    QTest::newRow("64-bit top bit") << QByteArray::fromHex("81ff8000000000000001") << C::MalformedFrame
                                    << u"top bit"_s;
    QTest::newRow("close of 1 byte") << clientFrame(WebSocketCodec::OpClose, "x") << C::MalformedFrame
                                     << u"1 byte"_s;
}

void TestWebSocketCodec::errors()
{
    QFETCH(QByteArray, bytes);
    QFETCH(CodecError::Code, code);
    QFETCH(QString, words);
    for (quint32 seed : Chunking::seeds()) {
        const Decoded d = decodeAll(bytes, seed);
        QVERIFY(!d.ok);
        QCOMPARE(d.error.code, code);
        QVERIFY2(d.error.description.contains(words), qPrintable(d.error.description));
    }
}

void TestWebSocketCodec::oversizedFrameFailsOnItsHeader()
{
    // A header claiming 2^62 bytes fails on its own 14 bytes, with nothing
    // allocated for the claim.
    WebSocketCodec codec(1000);
    QList<Message> out;
    QVERIFY(!codec.decode(QByteArray::fromHex("81ff4000000000000000") + "mask", out));
    QCOMPARE(codec.error().code, CodecError::Code::FrameTooLarge);
    QVERIFY2(codec.error().description.contains(u"maximum of 1000 bytes"_s), qPrintable(codec.error().description));
    QCOMPARE(codec.bufferedBytes(), 0);
    // A frame of exactly the maximum passes.
    const QByteArray json = "{\"type\":\"text\",\"text\":\"" + QByteArray(1000 - 25, 'x') + "\"}";
    QCOMPARE(json.size(), 1000);
    WebSocketCodec exact(1000);
    QVERIFY(exact.decode(clientText(json), out));
    QCOMPARE(out.size(), 1);
}

void TestWebSocketCodec::oversizedFragmentsFailOnTheHeaderThatPassesTheLimit()
{
    WebSocketCodec codec(100);
    QList<Message> out;
    QVERIFY(codec.decode(clientFrame(WebSocketCodec::OpText, QByteArray(60, ' '), false), out));
    // The next header says 41 more: 101 > 100, refused before its payload.
    const QByteArray next = clientFrame(WebSocketCodec::OpContinuation, QByteArray(41, ' '));
    QVERIFY(!codec.decode(next.first(6), out));
    QCOMPARE(codec.error().code, CodecError::Code::FrameTooLarge);
    QVERIFY(out.isEmpty());
}

void TestWebSocketCodec::closeFrame()
{
    QByteArray payload("\x03\xE9", 2); // 1001, going away
    payload += "bye ✓";
    WebSocketCodec codec;
    QList<Message> out;
    QVERIFY(codec.decode(clientText(R"({"type":"text","text":"last"})") + clientFrame(WebSocketCodec::OpClose, payload),
                         out));
    QCOMPARE(out, QList<Message> { Message::makeText(u"last"_s) });
    QVERIFY(codec.closeReceived());
    QCOMPARE(codec.peerCloseCode(), 1001);
    QCOMPARE(codec.peerCloseReason(), u"bye ✓"_s);
    QVERIFY(codec.finishInput(out));
    // The server's close frame: status, then the reason cut to fit 125
    // bytes at a character boundary.
    const QByteArray frame = WebSocketCodec::closeFrame(WebSocketCodec::CloseTooBig, QByteArray(122, 'x') + "é");
    QCOMPARE(frame.first(4), QByteArray::fromHex("887c03f1"));
    QCOMPARE(frame.size(), 2 + 2 + 122);
}

void TestWebSocketCodec::dataAfterCloseIsAnError()
{
    const Decoded d = decodeAll(clientFrame(WebSocketCodec::OpClose, QByteArray("\x03\xE8", 2)) + clientText("{}"), 1);
    QVERIFY(!d.ok);
    QVERIFY2(d.error.description.contains(u"after the WebSocket close frame"_s), qPrintable(d.error.description));
}

void TestWebSocketCodec::endOfStreamInsideAMessage()
{
    const QByteArray frame = clientText(R"({"type":"text","text":"cut"})");
    const Decoded d = decodeAll(frame.first(frame.size() - 3));
    QVERIFY(!d.ok);
    QCOMPARE(d.error.code, CodecError::Code::MalformedFrame);
    const Decoded fragments = decodeAll(clientFrame(WebSocketCodec::OpText, "{", false));
    QVERIFY(!fragments.ok);
    QVERIFY2(fragments.error.description.contains(u"ended inside"_s), qPrintable(fragments.error.description));
}

void TestWebSocketCodec::jsonEscapesHostileText()
{
    WebSocketCodec codec;
    const QString hostile = u"<img src=x onerror=alert(1)>\"\\\n\t\x01 \u2028 ✓"_s;
    const QByteArray encoded = codec.encode(Message::makeText(hostile, 7, u"mallory\"}"_s));
    const QJsonObject o = serverJson(encoded);
    QCOMPARE(o.value(u"text"_s).toString(), hostile);
    QCOMPARE(o.value(u"name"_s).toString(), u"mallory\"}"_s);
    QCOMPARE(o.value(u"from"_s).toInt(), 7);
    QVERIFY(encoded.contains("\\u0001"));
    QVERIFY(encoded.contains("\\u2028"));
    // What the server encodes, a client's text decodes back to.
    const Decoded d = decodeAll(clientText(QJsonDocument(QJsonObject { { u"type"_s, u"text"_s },
                                                                      { u"text"_s, hostile } })
                                               .toJson(QJsonDocument::Compact)));
    QVERIFY(d.ok);
    QCOMPARE(d.messages.first().text, hostile);
}

void TestWebSocketCodec::lengthEncodings()
{
    WebSocketCodec codec;
    for (const int size : { 10, 125, 126, 65535, 65536, 200000 }) {
        const Message m = Message::makeNotice(Message::NoticeKind::Info, QString(size, u'x'));
        const QByteArray encoded = codec.encode(m);
        QByteArray rest = encoded;
        QList<WebSocketFrames::ServerFrame> frames;
        QVERIFY(WebSocketFrames::takeServerFrames(rest, frames));
        QCOMPARE(frames.size(), 1);
        QVERIFY(rest.isEmpty());
        QCOMPARE(codec.checkedSize(encoded), frames.first().payload.size());
        // And a client's frame of each length decodes.
        const QByteArray json = "{\"type\":\"text\",\"text\":\"" + QByteArray(size, 'y') + "\"}";
        const Decoded d = decodeAll(clientText(json), 3);
        QVERIFY(d.ok);
        QCOMPARE(d.messages.first().text.size(), size);
    }
}

void TestWebSocketCodec::closeCodes()
{
    QCOMPARE(WebSocketCodec::closeCode(CodecError::Code::FrameTooLarge), 1009);
    QCOMPARE(WebSocketCodec::closeCode(CodecError::Code::InvalidUtf8), 1007);
    QCOMPARE(WebSocketCodec::closeCode(CodecError::Code::UnknownType), 1003);
    QCOMPARE(WebSocketCodec::closeCode(CodecError::Code::MalformedFrame), 1002);
    QCOMPARE(QByteArray(Protocol::framingName(Protocol::Framing::WebSocket)), "WebSocket"_ba);
    QCOMPARE(Codec::create(Protocol::Framing::WebSocket)->framing(), Protocol::Framing::WebSocket);
}

QTEST_GUILESS_MAIN(TestWebSocketCodec)
#include "tst_websocketcodec.moc"
