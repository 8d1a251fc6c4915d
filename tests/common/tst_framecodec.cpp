// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "chunking.h"
#include "framecodec.h"

#include <QtEndian>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {

QByteArray header(quint32 length, quint8 type)
{
    QByteArray h(5, '\0');
    qToBigEndian(length, h.data());
    h[4] = char(type);
    return h;
}

QByteArray withMagic(const QByteArray &frames)
{
    return Protocol::magic().toByteArray() + frames;
}

// A server's hello that says it requires a password (field tag 2).
Message passwordRequiredHello(const QString &name)
{
    Message m = Message::makeHello(name, Protocol::kVersion);
    m.passwordRequired = true;
    return m;
}

QList<Message> sampleMessages()
{
    return {
        Message::makeHello(u"alice"_s, Protocol::kVersion),
        Message::makeHello(u"bob"_s, Protocol::kVersion, "pass word ✓"),
        passwordRequiredHello(u"socket-server"_s),
        Message::makeText(u"hello"_s),
        Message::makeText(QString()),
        Message::makeText(u"héllo wörld ✓ 日本語 😀"_s, 3, u"bób"_s),
        Message::makeText(u"binary\n\0safe\r\n"_s, 0xFFFFFFFFu, QString()),
        Message::makeText(QString(5000, u'q'), 12, u"carol"_s),
        Message::makeNotice(Message::NoticeKind::Welcome, u"Welcome client 3"_s, 3),
        Message::makeNotice(Message::NoticeKind::Disconnect, u"bye"_s, 3),
        Message::makePing("17"),
        Message::makePong("17"),
        Message::makePing(),
        Message::makePing(QByteArray(Protocol::kMaxPingPayload, '\x01')),
    };
}

} // namespace

class TestFrameCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void magicSplitAcrossChunks();
    void badMagic_data();
    void badMagic();
    void badMagicNamesHttp();
    void hugeLengthAllocatesNothing();
    void claimedLengthIsNotReserved();
    void limits_data();
    void limits();
    void unknownType_data();
    void unknownType();
    void unsupportedVersion();
    void truncatedHello_data();
    void truncatedHello();
    void malformedFrames_data();
    void malformedFrames();
    void errorKeepsEarlierMessagesAndPoisons();
    void invalidUtf8IsReplacedAndFlagged();
    void unknownNoticeKindIsInfo();
    void helloFieldsAfterTheName();
    void helloPasswordRequiredField();
    void longNameIsCutAtCharacterBoundary();
    void checkedSizeIsThePayload();
    void endOfStreamInsideAFrameIsAnError();
    void precedence_data();
    void precedence();
};

void TestFrameCodec::roundTrip_data()
{
    QTest::addColumn<quint32>("seed");
    for (quint32 seed : Chunking::seeds())
        QTest::addRow("seed %u", seed) << seed;
}

void TestFrameCodec::roundTrip()
{
    QFETCH(quint32, seed);
    FrameCodec encoder;
    QByteArray stream = encoder.preamble();
    QList<Message> sent;
    for (int round = 0; round < 10; ++round) {
        for (const Message &m : sampleMessages()) {
            stream += encoder.encode(m);
            sent.append(m);
        }
    }
    FrameCodec decoder;
    QList<Message> out;
    for (const QByteArray &chunk : Chunking::split(stream, seed, 700))
        QVERIFY2(decoder.decode(chunk, out), qPrintable(decoder.error().description));
    QVERIFY(decoder.magicSeen());
    QCOMPARE(decoder.bufferedBytes(), 0);
    QCOMPARE(out.size(), sent.size());
    for (int i = 0; i < sent.size(); ++i) {
        QCOMPARE(out.at(i).text, sent.at(i).text);
        QVERIFY2(out.at(i) == sent.at(i), qPrintable(QString::number(i)));
    }
}

void TestFrameCodec::magicSplitAcrossChunks()
{
    FrameCodec codec;
    QList<Message> out;
    const QByteArray bytes = withMagic(codec.encode(Message::makeText(u"x"_s)));
    QVERIFY(codec.decode(bytes.left(1), out));
    QVERIFY(!codec.magicSeen());
    QVERIFY(codec.decode(bytes.mid(1, 2), out));
    QVERIFY(codec.decode(bytes.mid(3), out));
    QVERIFY(codec.magicSeen());
    QCOMPARE(out.size(), 1);
}

void TestFrameCodec::badMagic_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("text line") << QByteArray("hello\n");
    QTest::newRow("magic prefix then other") << QByteArray("\xFFSMX");
    QTest::newRow("telnet IAC") << QByteArray("\xFF\xFD\x18");
    QTest::newRow("frame without magic") << FrameCodec().encode(Message::makeText(u"x"_s));
}

// A web server or browser on the other end is said plainly.
void TestFrameCodec::badMagicNamesHttp()
{
    FrameCodec server;
    QList<Message> out;
    QVERIFY(!server.decode("HTTP/1.1 400 Bad Request\r\n\r\n", out));
    QCOMPARE(server.error().description,
             u"the peer does not speak frames (bad magic 48 54 54 50): it looks like an HTTP server"_s);
    FrameCodec client;
    QVERIFY(!client.decode("GET / HTTP/1.1\r\nHost: x\r\n\r\n", out));
    QCOMPARE(client.error().description,
             u"the peer does not speak frames (bad magic 47 45 54 20): it looks like an HTTP client"_s);
    FrameCodec other;
    QVERIFY(!other.decode("hello\n", out));
    QVERIFY(!other.error().description.contains(u"HTTP"_s));
}

void TestFrameCodec::badMagic()
{
    QFETCH(QByteArray, bytes);
    FrameCodec codec;
    QList<Message> out;
    QVERIFY(!codec.decode(bytes, out));
    QCOMPARE(codec.error().code, CodecError::Code::BadMagic);
    QVERIFY(codec.error().description.contains(u"bad magic"_s));
    QVERIFY(out.isEmpty());
}

void TestFrameCodec::hugeLengthAllocatesNothing()
{
    FrameCodec codec;
    QList<Message> out;
    QVERIFY(codec.decode(Protocol::magic(), out));
    QVERIFY(codec.decode(header(0xFFFFFFFFu, 0x02).left(3), out));
    QCOMPARE(codec.bufferedBytes(), 3);
    QVERIFY(!codec.decode(header(0xFFFFFFFFu, 0x02).mid(3), out));
    QCOMPARE(codec.error().code, CodecError::Code::FrameTooLarge);
    QCOMPARE(codec.error().description,
             u"frame of 4294967295 bytes exceeds the maximum of 1048576 bytes"_s);
    QCOMPARE(codec.bufferedBytes(), 0);
}

void TestFrameCodec::claimedLengthIsNotReserved()
{
    // A header claiming the maximum, then a trickle: the codec holds what
    // arrived, not what was claimed.
    FrameCodec codec;
    QList<Message> out;
    QByteArray start = withMagic(header(quint32(Protocol::kDefaultMaxMessageSize), 0x02));
    QVERIFY(codec.decode(start, out));
    QVERIFY(codec.decode(QByteArray(10, '\0'), out));
    QCOMPARE(codec.bufferedBytes(), 15);
    QVERIFY(out.isEmpty());
}

void TestFrameCodec::limits_data()
{
    QTest::addColumn<qsizetype>("max");
    QTest::addColumn<qsizetype>("payload");
    QTest::addColumn<bool>("accepted");
    for (qsizetype max : { qsizetype(64), Protocol::kDefaultMaxMessageSize }) {
        QTest::addRow("max %lld, max-1", qlonglong(max)) << max << max - 1 << true;
        QTest::addRow("max %lld, max", qlonglong(max)) << max << max << true;
        QTest::addRow("max %lld, max+1", qlonglong(max)) << max << max + 1 << false;
    }
}

void TestFrameCodec::limits()
{
    QFETCH(qsizetype, max);
    QFETCH(qsizetype, payload);
    QFETCH(bool, accepted);
    // A text frame's payload is the 5-byte sender field plus the text.
    const Message m = Message::makeText(QString(payload - 5, u'a'));
    const QByteArray frame = FrameCodec().encode(m);
    QCOMPARE(frame.size(), Protocol::kFrameHeaderSize + payload);

    FrameCodec codec(max);
    QList<Message> out;
    QCOMPARE(codec.decode(withMagic(frame), out), accepted);
    if (accepted) {
        QCOMPARE(out.size(), 1);
        QCOMPARE(out.at(0).text.size(), payload - 5);
    } else {
        QCOMPARE(codec.error().code, CodecError::Code::FrameTooLarge);
        QVERIFY(out.isEmpty());
    }
}

void TestFrameCodec::unknownType_data()
{
    QTest::addColumn<int>("type");
    QTest::newRow("0x00") << 0x00;
    QTest::newRow("0x06") << 0x06;
    QTest::newRow("0xff") << 0xFF;
}

void TestFrameCodec::unknownType()
{
    QFETCH(int, type);
    FrameCodec codec;
    QList<Message> out;
    // Judged on the header alone: the payload never has to arrive.
    QVERIFY(!codec.decode(withMagic(header(100, quint8(type))), out));
    QCOMPARE(codec.error().code, CodecError::Code::UnknownType);
    QCOMPARE(codec.error().description, u"unknown frame type 0x%1"_s.arg(type, 2, 16, QLatin1Char('0')));
}

void TestFrameCodec::unsupportedVersion()
{
    FrameCodec codec;
    QList<Message> out;
    const QByteArray hello = FrameCodec().encode(Message::makeHello(u"future"_s, 2));
    QVERIFY(!codec.decode(withMagic(hello), out));
    QCOMPARE(codec.error().code, CodecError::Code::UnsupportedVersion);
    QCOMPARE(codec.error().description, u"unsupported protocol version 2 (this peer speaks 1)"_s);
}

void TestFrameCodec::truncatedHello_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("version only") << QByteArray("\x00\x01", 2);
    QTest::newRow("name cut short") << QByteArray("\x00\x01\x05" "ali", 6);
    QTest::newRow("one byte after the name") << QByteArray("\x00\x01\x02" "bo" "\x01", 6);
    QTest::newRow("field cut short") << QByteArray("\x00\x01\x02" "bo" "\x01\x05" "pw", 9);
}

void TestFrameCodec::truncatedHello()
{
    QFETCH(QByteArray, payload);
    FrameCodec codec;
    QList<Message> out;
    QVERIFY(!codec.decode(withMagic(header(quint32(payload.size()), 0x01) + payload), out));
    QCOMPARE(codec.error().code, CodecError::Code::TruncatedHello);
}

void TestFrameCodec::malformedFrames_data()
{
    QTest::addColumn<quint8>("type");
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("text without sender field") << quint8(0x02) << QByteArray("\0\0\0", 3);
    QTest::newRow("text name cut short") << quint8(0x02) << QByteArray("\0\0\0\x01\x09" "ab", 7);
    QTest::newRow("short notice") << quint8(0x03) << QByteArray("\x01\0", 2);
    QTest::newRow("ping over 64 bytes") << quint8(0x04) << QByteArray(65, 'p');
    QTest::newRow("pong over 64 bytes") << quint8(0x05) << QByteArray(65, 'p');
}

void TestFrameCodec::malformedFrames()
{
    QFETCH(quint8, type);
    QFETCH(QByteArray, payload);
    FrameCodec codec;
    QList<Message> out;
    QVERIFY(!codec.decode(withMagic(header(quint32(payload.size()), type) + payload), out));
    QCOMPARE(codec.error().code, CodecError::Code::MalformedFrame);
    QVERIFY(!codec.error().description.isEmpty());
}

void TestFrameCodec::errorKeepsEarlierMessagesAndPoisons()
{
    FrameCodec codec;
    QList<Message> out;
    QByteArray stream = withMagic(codec.encode(Message::makeText(u"one"_s)));
    stream += codec.encode(Message::makeText(u"two"_s));
    stream += header(0x7FFFFFFF, 0x02);
    stream += codec.encode(Message::makeText(u"three"_s));
    QVERIFY(!codec.decode(stream, out));
    QCOMPARE(out.size(), 2);
    QCOMPARE(out.at(1).text, u"two"_s);
    QVERIFY(!codec.decode(codec.encode(Message::makeText(u"four"_s)), out));
    QCOMPARE(out.size(), 2);
    QCOMPARE(codec.error().code, CodecError::Code::FrameTooLarge);
}

void TestFrameCodec::invalidUtf8IsReplacedAndFlagged()
{
    const QByteArray payload = QByteArray("\0\0\0\0\0", 5) + "bad \xC3\x28 \xFF";
    FrameCodec codec;
    QList<Message> out;
    QVERIFY(codec.decode(withMagic(header(quint32(payload.size()), 0x02) + payload), out));
    QCOMPARE(out.size(), 1);
    QVERIFY(out.at(0).invalidUtf8);
    QVERIFY(out.at(0).text.startsWith(u"bad "_s));
    QCOMPARE(out.at(0).text.count(QChar(QChar::ReplacementCharacter)), 2);
}

void TestFrameCodec::unknownNoticeKindIsInfo()
{
    const QByteArray payload = QByteArray("\x09\0\0\0\x02", 5) + "later";
    FrameCodec codec;
    QList<Message> out;
    QVERIFY(codec.decode(withMagic(header(quint32(payload.size()), 0x03) + payload), out));
    QCOMPARE(out.size(), 1);
    QCOMPARE(out.at(0).noticeKind, Message::NoticeKind::Info);
    QCOMPARE(out.at(0).senderId, 2u);
    QCOMPARE(out.at(0).text, u"later"_s);
}

void TestFrameCodec::helloFieldsAfterTheName()
{
    // An unknown tag 7 (skipped), the password, an empty unknown tag 9.
    const QByteArray payload = QByteArray("\0\x01\x02" "bo" "\x07\x03" "abc" "\x01\x02" "pw" "\x09\x00", 16);
    FrameCodec codec;
    QList<Message> out;
    QVERIFY(codec.decode(withMagic(header(quint32(payload.size()), 0x01) + payload), out));
    QCOMPARE(out.size(), 1);
    QCOMPARE(out.at(0).name, u"bo"_s);
    QCOMPARE(out.at(0).version, Protocol::kVersion);
    QCOMPARE(out.at(0).data, QByteArray("pw"));

    // Without a password field, none (null, not empty); an empty one is empty.
    out.clear();
    QVERIFY(codec.decode(FrameCodec().encode(Message::makeHello(u"bo"_s, Protocol::kVersion)), out));
    QVERIFY(out.at(0).data.isNull());
    out.clear();
    QVERIFY(codec.decode(FrameCodec().encode(Message::makeHello(u"bo"_s, Protocol::kVersion, QByteArray(""))), out));
    QVERIFY(!out.at(0).data.isNull());
    QVERIFY(out.at(0).data.isEmpty());
    QVERIFY(!out.at(0).passwordRequired);
}

// Tag 2, "password required": encoded empty after the name; decoded
// whatever it holds, among other fields.
void TestFrameCodec::helloPasswordRequiredField()
{
    const QByteArray encoded = FrameCodec().encode(passwordRequiredHello(u"hub"_s));
    QCOMPARE(encoded, header(8, 0x01) + QByteArray("\0\x01\x03" "hub" "\x02\x00", 8));

    // An unknown tag 7, then tag 2 with 3 bytes in it (ignored).
    const QByteArray payload = QByteArray("\0\x01\x02" "bo" "\x07\x01" "z" "\x02\x03" "xyz", 13);
    FrameCodec codec;
    QList<Message> out;
    QVERIFY(codec.decode(withMagic(header(quint32(payload.size()), 0x01) + payload), out));
    QCOMPARE(out.size(), 1);
    QCOMPARE(out.at(0).name, u"bo"_s);
    QVERIFY(out.at(0).passwordRequired);
    QVERIFY(out.at(0).data.isNull());
    QVERIFY(out.at(0) == passwordRequiredHello(u"bo"_s));
}

void TestFrameCodec::longNameIsCutAtCharacterBoundary()
{
    // 200 two-byte characters: 400 bytes, cut to 254 (not 255, mid-character).
    const QString name(200, QChar(0x00E9));
    FrameCodec codec;
    QList<Message> out;
    QVERIFY(codec.decode(withMagic(codec.encode(Message::makeHello(name, Protocol::kVersion))), out));
    QCOMPARE(out.size(), 1);
    QCOMPARE(out.at(0).name, QString(127, QChar(0x00E9)));
    QVERIFY(!out.at(0).invalidUtf8);
}

void TestFrameCodec::checkedSizeIsThePayload()
{
    FrameCodec codec;
    const QByteArray encoded = codec.encode(Message::makeText(QString(50, u'x'), 7, u"bob"_s));
    QCOMPARE(codec.checkedSize(encoded), 5 + 3 + 50);
    FrameCodec receiver(58);
    QList<Message> out;
    QVERIFY(receiver.decode(withMagic(encoded), out));
    FrameCodec smaller(57);
    QVERIFY(!smaller.decode(withMagic(encoded), out));
}

// A frames peer whose stream ends inside a frame sent a malformed frame;
// one that ends between frames is fine.
void TestFrameCodec::endOfStreamInsideAFrameIsAnError()
{
    FrameCodec whole;
    QList<Message> out;
    QVERIFY(whole.decode(Protocol::magic().toByteArray() + whole.encode(Message::makePing("x")), out));
    QVERIFY(whole.finishInput(out));
    QCOMPARE(out.size(), 1);

    FrameCodec cut;
    const QByteArray frame = cut.encode(Message::makeText(u"hello"_s));
    QVERIFY(cut.decode(Protocol::magic().toByteArray() + frame.left(frame.size() - 2), out));
    QVERIFY(!cut.finishInput(out));
    QCOMPARE(cut.error().code, CodecError::Code::MalformedFrame);
    QVERIFY(cut.error().description.contains(u"ended inside a frame"_s));

    // A stream that ends inside the magic never spoke frames; one that ends
    // before any byte is no error.
    FrameCodec magicCut;
    QVERIFY(magicCut.decode("\xFFSM", out));
    QVERIFY(!magicCut.finishInput(out));
    QCOMPARE(magicCut.error().code, CodecError::Code::BadMagic);
    QCOMPARE(magicCut.error().description, u"the peer does not speak frames (bad magic ff 53 4d, then the stream ended)"_s);
    FrameCodec silent;
    QVERIFY(silent.finishInput(out));
}

// Which error wins when two apply (docs/protocol.md, section 6): bad magic
// before anything; then a header's length (frame too large) before its type
// (unknown type), both before any payload; within a hello, its length
// fields (truncated hello) before its version (unsupported version); a
// payload's own checks (malformed frame) only for a header that passed.
// The same bytes give the same error however they are chunked.
void TestFrameCodec::precedence_data()
{
    QTest::addColumn<qsizetype>("max");
    QTest::addColumn<QByteArray>("bytes");
    // Whether finishInput() follows the bytes.
    QTest::addColumn<bool>("endOfStream");
    QTest::addColumn<CodecError::Code>("error");

    using Code = CodecError::Code;
    const qsizetype M = Protocol::kDefaultMaxMessageSize;
    const QByteArray hello2 = FrameCodec().encode(Message::makeHello(u"bob"_s, 2));

    // Frame too large before unknown type.
    QTest::newRow("FF FF FF FF 06") << M << withMagic(QByteArray::fromHex("FFFFFFFF06")) << false
                                    << Code::FrameTooLarge;
    QTest::newRow("M+1, type 00") << M << withMagic(header(quint32(M + 1), 0x00)) << false << Code::FrameTooLarge;
    QTest::newRow("M+1, type FF") << M << withMagic(header(quint32(M + 1), 0xFF)) << false << Code::FrameTooLarge;
    QTest::newRow("M, type 06: only the type is wrong") << M << withMagic(header(quint32(M), 0x06)) << false
                                                        << Code::UnknownType;
    // Frame too large before what the payload would have been.
    QTest::newRow("M+1 hello") << M << withMagic(header(quint32(M + 1), 0x01)) << false << Code::FrameTooLarge;
    QTest::newRow("ping over 64 and over M") << qsizetype(32)
                                             << withMagic(header(65, 0x04) + QByteArray(65, 'p')) << false
                                             << Code::FrameTooLarge;
    // Unknown type before the end of the stream inside its frame.
    QTest::newRow("type 06, stream ends in its payload") << M << withMagic(header(10, 0x06) + "abc") << true
                                                         << Code::UnknownType;
    QTest::newRow("too large, stream ends in its payload") << M << withMagic(QByteArray::fromHex("FFFFFFFF02") + "abc")
                                                           << true << Code::FrameTooLarge;
    // Truncated hello before unsupported version.
    QTest::newRow("hello 00 02: version 2, too short") << M << withMagic(header(2, 0x01) + QByteArray("\x00\x02", 2))
                                                       << false << Code::TruncatedHello;
    QTest::newRow("hello version 2, name cut short")
        << M << withMagic(header(6, 0x01) + QByteArray("\x00\x02\x05" "bob", 6)) << false << Code::TruncatedHello;
    // A field's layout is the same in every version: one cut short is
    // truncated too (the version-2 hello of docs/protocol.md, section 9).
    QTest::newRow("hello version 2, field cut short")
        << M << withMagic(QByteArray::fromHex("0000000B01" "0002" "03657665" "0109616263")) << false
        << Code::TruncatedHello;
    QTest::newRow("hello version 0, empty") << M << withMagic(header(0, 0x01)) << false << Code::TruncatedHello;
    QTest::newRow("hello version 2, whole") << M << withMagic(hello2) << false << Code::UnsupportedVersion;
    // Bad magic before anything.
    QTest::newRow("FF FF FF FF 06 without magic") << M << QByteArray::fromHex("FFFFFFFF06") << false
                                                  << Code::BadMagic;
    QTest::newRow("unknown type without magic") << M << header(1, 0x06) + 'x' << false << Code::BadMagic;
    QTest::newRow("hello version 2 without magic") << M << hello2 << false << Code::BadMagic;
    QTest::newRow("magic cut by a header") << M << QByteArray("\xFFSM") + header(0xFFFFFFFFu, 0x06) << false
                                           << Code::BadMagic;
    QTest::newRow("stream ends inside the magic") << M << QByteArray("\xFFS") << true << Code::BadMagic;
    QTest::newRow("stream ends after the magic, inside a header") << M << withMagic(QByteArray(2, '\0')) << true
                                                                  << Code::MalformedFrame;
}

void TestFrameCodec::precedence()
{
    QFETCH(qsizetype, max);
    QFETCH(QByteArray, bytes);
    QFETCH(bool, endOfStream);
    QFETCH(CodecError::Code, error);

    for (quint32 seed : { 0u, 1u, 42u }) {
        FrameCodec codec(max);
        QList<Message> out;
        bool ok = true;
        for (const QByteArray &chunk : Chunking::split(bytes, seed, 3))
            ok = codec.decode(chunk, out) && ok;
        // After an error finishInput() fails too, and keeps the first error.
        if (endOfStream)
            ok = codec.finishInput(out) && ok;
        QVERIFY(!ok);
        QCOMPARE(codec.error().code, error);
        QVERIFY(out.isEmpty());
        QCOMPARE(codec.bufferedBytes(), 0);
    }
}

QTEST_GUILESS_MAIN(TestFrameCodec)
#include "tst_framecodec.moc"
