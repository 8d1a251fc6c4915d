// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "chunking.h"
#include "linecodec.h"
#include "utf8.h"

#include <QtTest>

using namespace Qt::StringLiterals;

class TestLineCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void crLfSplitBetweenChunks();
    void multiByteUtf8SplitAcrossChunks();
    void emptyLines();
    void limits_data();
    void limits();
    void failsFastWithoutNewline();
    void trailingCrDoesNotCountAgainstLimit();
    void errorKeepsEarlierMessagesAndPoisons();
    void invalidUtf8IsReplacedAndFlagged();
    void longLineByteAtATime();
    void encodePrefixesRelayedText();
    void encodeNoticeAndUnsupportedTypes();
    void checkedSizeIsTheLongestEncodedLine();
    void byteModeKeepsUtf8AndValidatesOnce();
    void byteModeLinesOfOneReadShareOneBlock();
    void utf8Validator_data();
    void utf8Validator();
    void endOfStreamEndsTheLastLine();
    void lineOfExactlyMaxBytes_data();
    void lineOfExactlyMaxBytes();
    void encodeSplitsAtEveryLf_data();
    void encodeSplitsAtEveryLf();
    void maxAppliesToEachLineWithItsPrefix_data();
    void maxAppliesToEachLineWithItsPrefix();
    void lineTooLongIsTheOnlyLineError_data();
    void lineTooLongIsTheOnlyLineError();
};

static QStringList sampleTexts()
{
    return { u"hello"_s, QString(), u"héllo wörld ✓ 日本語"_s, u"emoji 😀 and more"_s,
             QString(300, u'x'), u"tab\tseparated"_s, u"trailing space "_s, u"\u00a0nbsp"_s };
}

void TestLineCodec::roundTrip_data()
{
    QTest::addColumn<quint32>("seed");
    for (quint32 seed : Chunking::seeds())
        QTest::addRow("seed %u", seed) << seed;
}

void TestLineCodec::roundTrip()
{
    QFETCH(quint32, seed);
    LineCodec encoder;
    QByteArray stream;
    QStringList sent;
    for (int round = 0; round < 20; ++round) {
        for (const QString &text : sampleTexts()) {
            stream += encoder.encode(Message::makeText(text));
            sent.append(text);
        }
    }
    // Alternate LF and CR LF endings.
    stream.replace("o\n", "o\r\n");

    LineCodec decoder;
    QList<Message> out;
    for (const QByteArray &chunk : Chunking::split(stream, seed))
        QVERIFY(decoder.decode(chunk, out));
    QCOMPARE(decoder.bufferedBytes(), 0);
    QCOMPARE(out.size(), sent.size());
    for (int i = 0; i < sent.size(); ++i) {
        QCOMPARE(out.at(i).text, sent.at(i));
        QCOMPARE(out.at(i).type, Message::Type::Text);
        QVERIFY(!out.at(i).invalidUtf8);
    }
}

void TestLineCodec::crLfSplitBetweenChunks()
{
    LineCodec codec;
    QList<Message> out;
    QVERIFY(codec.decode("first\r", out));
    QCOMPARE(out.size(), 0);
    QVERIFY(codec.decode("\nsecond\r", out));
    QCOMPARE(out.size(), 1);
    QVERIFY(codec.decode("\n", out));
    QCOMPARE(out.size(), 2);
    QCOMPARE(out.at(0).text, u"first"_s);
    QCOMPARE(out.at(1).text, u"second"_s);
}

void TestLineCodec::multiByteUtf8SplitAcrossChunks()
{
    const QByteArray line = u"日本語 ✓ 😀"_s.toUtf8() + '\n';
    for (qsizetype cut = 1; cut < line.size(); ++cut) {
        LineCodec codec;
        QList<Message> out;
        QVERIFY(codec.decode(line.left(cut), out));
        QVERIFY(codec.decode(line.mid(cut), out));
        QCOMPARE(out.size(), 1);
        QCOMPARE(out.at(0).text, u"日本語 ✓ 😀"_s);
        QVERIFY(!out.at(0).invalidUtf8);
    }
}

void TestLineCodec::emptyLines()
{
    LineCodec codec;
    QList<Message> out;
    QVERIFY(codec.decode("\n\r\n\n", out));
    QCOMPARE(out.size(), 3);
    for (const Message &m : out)
        QVERIFY(m.text.isEmpty());
}

void TestLineCodec::limits_data()
{
    QTest::addColumn<qsizetype>("max");
    QTest::addColumn<qsizetype>("length");
    QTest::addColumn<bool>("accepted");
    for (qsizetype max : { qsizetype(16), Protocol::kDefaultMaxMessageSize }) {
        QTest::addRow("max %lld, max-1", qlonglong(max)) << max << max - 1 << true;
        QTest::addRow("max %lld, max", qlonglong(max)) << max << max << true;
        QTest::addRow("max %lld, max+1", qlonglong(max)) << max << max + 1 << false;
    }
}

void TestLineCodec::limits()
{
    QFETCH(qsizetype, max);
    QFETCH(qsizetype, length);
    QFETCH(bool, accepted);
    for (const char *ending : { "\n", "\r\n" }) {
        LineCodec codec(max);
        QList<Message> out;
        const bool ok = codec.decode(QByteArray(length, 'a') + ending, out);
        QCOMPARE(ok, accepted);
        QCOMPARE(out.size(), accepted ? 1 : 0);
        if (accepted) {
            QCOMPARE(out.at(0).text.size(), length);
        } else {
            QCOMPARE(codec.error().code, CodecError::Code::LineTooLong);
            QCOMPARE(codec.error().description, u"line longer than %1 bytes"_s.arg(max));
        }
    }
}

void TestLineCodec::failsFastWithoutNewline()
{
    LineCodec codec(16);
    QList<Message> out;
    QVERIFY(codec.decode(QByteArray(16, 'a'), out));
    QCOMPARE(codec.bufferedBytes(), 16);
    QVERIFY(!codec.decode("b", out));  // 17 bytes and no newline yet: fail now
    QCOMPARE(codec.error().code, CodecError::Code::LineTooLong);
    QCOMPARE(codec.bufferedBytes(), 0);
}

void TestLineCodec::trailingCrDoesNotCountAgainstLimit()
{
    LineCodec codec(4);
    QList<Message> out;
    QVERIFY(codec.decode("abcd\r", out));
    QVERIFY(codec.decode("\n", out));
    QCOMPARE(out.size(), 1);
    QCOMPARE(out.at(0).text, u"abcd"_s);
}

void TestLineCodec::errorKeepsEarlierMessagesAndPoisons()
{
    LineCodec codec(8);
    QList<Message> out;
    QVERIFY(!codec.decode("one\ntwo\nthis line is too long\nthree\n", out));
    QCOMPARE(out.size(), 2);
    QCOMPARE(out.at(1).text, u"two"_s);
    QVERIFY(codec.hasFailed());
    // A failed decoder accepts nothing more: the caller closes the connection.
    QVERIFY(!codec.decode("four\n", out));
    QCOMPARE(out.size(), 2);
    QCOMPARE(codec.error().code, CodecError::Code::LineTooLong);
}

void TestLineCodec::invalidUtf8IsReplacedAndFlagged()
{
    LineCodec codec;
    QList<Message> out;
    QVERIFY(codec.decode("ok\nbad \xC3\x28 byte\n\xFF\xFE\nfine\n", out));
    QCOMPARE(out.size(), 4);
    QVERIFY(!out.at(0).invalidUtf8);
    QVERIFY(out.at(1).invalidUtf8);
    QVERIFY(out.at(1).text.contains(QChar(QChar::ReplacementCharacter)));
    QVERIFY(out.at(1).text.endsWith(u"( byte"_s));
    QVERIFY(out.at(2).invalidUtf8);
    QVERIFY(!out.at(3).invalidUtf8);
    QCOMPARE(out.at(3).text, u"fine"_s);
}

void TestLineCodec::longLineByteAtATime()
{
    // A line that arrives a byte at a time is scanned once, not once per byte:
    // this finishes quickly even for 256 KiB.
    const qsizetype n = 256 * 1024;
    LineCodec codec;
    QList<Message> out;
    const QByteArray line = QByteArray(n, 'z') + '\n';
    for (char c : line)
        QVERIFY(codec.decode(QByteArrayView(&c, 1), out));
    QCOMPARE(out.size(), 1);
    QCOMPARE(out.at(0).text.size(), n);
}

void TestLineCodec::encodePrefixesRelayedText()
{
    LineCodec codec;
    QCOMPARE(codec.encode(Message::makeText(u"hi"_s)), QByteArray("hi\n"));
    QCOMPARE(codec.encode(Message::makeText(u"hi"_s, 3, u"alice"_s)), QByteArray("#3 alice: hi\n"));
    QCOMPARE(codec.encode(Message::makeText(u"hi"_s, 7)), QByteArray("#7: hi\n"));
    QCOMPARE(codec.encode(Message::makeText(u"a\r\nb\nc"_s, 3, u"alice"_s)),
             QByteArray("#3 alice: a\n#3 alice: b\n#3 alice: c\n"));
    QCOMPARE(codec.encode(Message::makeText(u"a\nb"_s)), QByteArray("a\nb\n"));
    QCOMPARE(codec.encode(Message::makeText(QString())), QByteArray("\n"));
}

void TestLineCodec::encodeNoticeAndUnsupportedTypes()
{
    LineCodec codec;
    QCOMPARE(codec.encode(Message::makeNotice(Message::NoticeKind::Welcome, u"Welcome client 1"_s, 1)),
             QByteArray("* welcome #1: Welcome client 1\n"));
    QVERIFY(codec.encode(Message::makeHello(u"x"_s, Protocol::kVersion)).isEmpty());
    QVERIFY(codec.encode(Message::makePing("1")).isEmpty());
    QVERIFY(codec.encode(Message::makePong("1")).isEmpty());
    QVERIFY(codec.preamble().isEmpty());
    QCOMPARE(codec.framing(), Protocol::Framing::Lines);
}

void TestLineCodec::checkedSizeIsTheLongestEncodedLine()
{
    // What a receiver checks is each line with its prefix: a sender that
    // respects checkedSize() never makes a receiver with the same limit fail.
    LineCodec codec;
    const QByteArray encoded = codec.encode(Message::makeText(u"ab\r\nabcdef"_s, 3, u"al"_s));
    QCOMPARE(encoded, QByteArray("#3 al: ab\n#3 al: abcdef\n"));
    QCOMPARE(codec.checkedSize(encoded), 13);
    LineCodec receiver(13);
    QList<Message> out;
    QVERIFY(receiver.decode(encoded, out));
    LineCodec smaller(12);
    QVERIFY(!smaller.decode(encoded, out));
}

// The server's byte mode: texts stay UTF-8 bytes (text is left empty), valid
// input is kept as it is, invalid sequences are replaced once and flagged.
void TestLineCodec::byteModeKeepsUtf8AndValidatesOnce()
{
    LineCodec codec;
    codec.setTextAsUtf8(true);
    QList<Message> out;
    QVERIFY(codec.decode(QByteArray("h\xC3\xA9llo\n\xC3\x28\n\n"), out));
    QCOMPARE(out.size(), 3);
    QCOMPARE(out.at(0).utf8, QByteArray("h\xC3\xA9llo"));
    QVERIFY(out.at(0).text.isEmpty());
    QVERIFY(!out.at(0).invalidUtf8);
    QCOMPARE(out.at(1).utf8, QByteArray("\xEF\xBF\xBD("));
    QVERIFY(out.at(1).invalidUtf8);
    QVERIFY(!out.at(2).utf8.isNull()); // an empty line is still a text, held as bytes
    QCOMPARE(out.at(2).textString(), QString());
    // Encoding takes the bytes as they are.
    QCOMPARE(codec.encode(Message::makeText(QString(), 3)) + codec.encode(out.at(0)),
             QByteArray("#3: \nh\xC3\xA9llo\n"));
}

// The relay's path (issue 17 item 10): the lines of one read are copied
// once, as one block, and each message is a slice of it (ByteSlice), not an
// allocation of its own. Each slice is still a QByteArray of its own: its
// size, its comparisons, and a write that copies only itself.
void TestLineCodec::byteModeLinesOfOneReadShareOneBlock()
{
    LineCodec codec;
    codec.setTextAsUtf8(true);
    QList<Message> out;
    QByteArray read("first\r\nsecond\n\nthird\npart");
    QVERIFY(codec.decode(read, out));
    QCOMPARE(out.size(), 4);
    QCOMPARE(out.at(0).utf8, QByteArray("first"));
    QCOMPARE(out.at(1).utf8, QByteArray("second"));
    QVERIFY(!out.at(2).utf8.isNull());
    QVERIFY(out.at(2).utf8.isEmpty());
    QCOMPARE(out.at(3).utf8, QByteArray("third"));
    // One block: each body starts where the one before it and its line end
    // ("\r\n" or "\n") left off, and the read's own buffer is not it.
    QCOMPARE(out.at(1).utf8.constData(), out.at(0).utf8.constData() + 7);
    QCOMPARE(out.at(3).utf8.constData(), out.at(1).utf8.constData() + 8);
    QVERIFY(out.at(0).utf8.constData() != read.constData());
    read.fill('x'); // the caller's buffer is reused for the next read
    QCOMPARE(out.at(0).utf8, QByteArray("first"));

    // A write to one slice copies it and leaves the others as they were.
    QByteArray changed = out.at(1).utf8;
    changed.append("!");
    changed[0] = 'S';
    QCOMPARE(changed, QByteArray("Second!"));
    QCOMPARE(out.at(1).utf8, QByteArray("second"));
    QCOMPARE(out.at(3).utf8, QByteArray("third"));
    // A slice outlives the others and the decoder.
    const QByteArray kept = out.at(3).utf8;
    out.clear();
    QCOMPARE(kept, QByteArray("third"));
    QCOMPARE(QString::fromUtf8(kept), QStringLiteral("third"));

    // The rest of the read ("part") was held back and completes alone.
    QVERIFY(codec.decode(QByteArray("ial\n"), out));
    QCOMPARE(out.size(), 1);
    QCOMPARE(out.at(0).utf8, QByteArray("partial"));

    // A read with an ill-formed line: each line is taken on its own, and
    // only that line is flagged.
    out.clear();
    QVERIFY(codec.decode(QByteArray("ok\nbad \xFF\nfine\n"), out));
    QCOMPARE(out.size(), 3);
    QVERIFY(!out.at(0).invalidUtf8);
    QVERIFY(out.at(1).invalidUtf8);
    QCOMPARE(out.at(1).utf8, QByteArray("bad \xEF\xBF\xBD"));
    QVERIFY(!out.at(2).invalidUtf8);
    QCOMPARE(out.at(2).utf8, QByteArray("fine"));
}

void TestLineCodec::utf8Validator_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("valid");
    QTest::newRow("ascii") << QByteArray("plain text, longer than eight bytes") << true;
    QTest::newRow("2-byte") << QByteArray("\xC3\xA9") << true;
    QTest::newRow("3-byte") << QByteArray("\xE2\x9C\x93") << true;
    QTest::newRow("4-byte") << QByteArray("\xF0\x9F\x98\x80") << true;
    QTest::newRow("overlong") << QByteArray("\xC0\xAF") << false;
    QTest::newRow("surrogate") << QByteArray("\xED\xA0\x80") << false;
    QTest::newRow("above U+10FFFF") << QByteArray("\xF4\x90\x80\x80") << false;
    QTest::newRow("truncated") << QByteArray("abc\xE2\x9C") << false;
    QTest::newRow("stray continuation") << QByteArray("\x80" "abc") << false;
}

void TestLineCodec::utf8Validator()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, valid);
    QCOMPARE(Utf8::isValid(bytes), valid);
    bool invalid = false;
    const QByteArray clean = Utf8::sanitized(bytes, &invalid);
    QCOMPARE(invalid, !valid);
    QVERIFY(Utf8::isValid(clean));
    if (valid)
        QCOMPARE(clean, bytes);
}

// A peer's end of stream ends its unterminated last line (docs/protocol.md,
// section 3); a CR just before it is dropped, as before an LF.
void TestLineCodec::endOfStreamEndsTheLastLine()
{
    LineCodec codec;
    QList<Message> out;
    QVERIFY(codec.decode("a\nb\r", out));
    QCOMPARE(out.size(), 1);
    QVERIFY(codec.finishInput(out));
    QCOMPARE(out.size(), 2);
    QCOMPARE(out.at(1).text, u"b"_s);

    LineCodec clean;
    QList<Message> none;
    QVERIFY(clean.decode("whole\n", none));
    QVERIFY(clean.finishInput(none));
    QCOMPARE(none.size(), 1); // nothing buffered: no extra empty message
}

// The exact rule (docs/protocol.md, section 3): a line is at most M bytes
// without its LF or CR LF. A receiver fails as soon as the bytes it holds
// with no LF, less a CR at their very end (which may be the first half of a
// CR LF), exceed M. So a line of exactly M bytes is accepted however its
// CR LF is split, and fails only once a byte that is not its LF follows
// the CR. The end of the stream ends a held line (section 3).
void TestLineCodec::lineOfExactlyMaxBytes_data()
{
    QTest::addColumn<qsizetype>("max");
    QTest::addColumn<QByteArrayList>("chunks");
    // Whether finishInput() follows the chunks.
    QTest::addColumn<bool>("endOfStream");
    // The chunk whose decode() fails, or -1 when none does.
    QTest::addColumn<int>("failingChunk");
    // Sizes of the lines decoded, in order (before any failure).
    QTest::addColumn<QList<qsizetype>>("lines");
    // Bytes held after the last chunk, when nothing failed.
    QTest::addColumn<qsizetype>("held");

    using Sizes = QList<qsizetype>;
    for (qsizetype max : { qsizetype(16), Protocol::kDefaultMaxMessageSize }) {
        const QByteArray m(max, 'a');
        const auto row = [max](const char *name) -> QTestData & {
            return QTest::addRow("max %lld, %s", qlonglong(max), name) << max;
        };
        row("[M CR][LF]") << QByteArrayList{ m + '\r', "\n" } << false << -1 << Sizes{ max } << qsizetype(0);
        row("[M][CR][LF]") << QByteArrayList{ m, "\r", "\n" } << false << -1 << Sizes{ max } << qsizetype(0);
        row("[M CR LF]") << QByteArrayList{ m + "\r\n" } << false << -1 << Sizes{ max } << qsizetype(0);
        row("[M CR LF b LF]") << QByteArrayList{ m + "\r\nb\n" } << false << -1 << Sizes{ max, 1 } << qsizetype(0);
        row("[M CR] held") << QByteArrayList{ m + '\r' } << false << -1 << Sizes{} << max + 1;
        row("[M CR][x]") << QByteArrayList{ m + '\r', "x" } << false << 1 << Sizes{} << qsizetype(0);
        row("[M CR][x LF]") << QByteArrayList{ m + '\r', "x\n" } << false << 1 << Sizes{} << qsizetype(0);
        row("[M CR x]") << QByteArrayList{ m + "\rx" } << false << 0 << Sizes{} << qsizetype(0);
        row("[M CR][CR]") << QByteArrayList{ m + '\r', "\r" } << false << 1 << Sizes{} << qsizetype(0);
        row("[M+1]") << QByteArrayList{ m + 'a' } << false << 0 << Sizes{} << qsizetype(0);
        row("[line LF, M+1]") << QByteArrayList{ "ok\n" + m + 'a' } << false << 0 << Sizes{ 2 } << qsizetype(0);
        row("[M][x]") << QByteArrayList{ m, "x" } << false << 1 << Sizes{} << qsizetype(0);
        row("[M] held") << QByteArrayList{ m } << false << -1 << Sizes{} << max;
        // At the end of the stream.
        row("[M] end") << QByteArrayList{ m } << true << -1 << Sizes{ max } << max;
        row("[M CR] end") << QByteArrayList{ m + '\r' } << true << -1 << Sizes{ max } << max + 1;
        row("[M CR][x] end") << QByteArrayList{ m + '\r', "x" } << true << 1 << Sizes{} << qsizetype(0);
        row("[M+1] end") << QByteArrayList{ m + 'a' } << true << 0 << Sizes{} << qsizetype(0);
    }
}

void TestLineCodec::lineOfExactlyMaxBytes()
{
    QFETCH(qsizetype, max);
    QFETCH(QByteArrayList, chunks);
    QFETCH(bool, endOfStream);
    QFETCH(int, failingChunk);
    QFETCH(QList<qsizetype>, lines);
    QFETCH(qsizetype, held);

    LineCodec codec(max);
    QList<Message> out;
    for (int i = 0; i < chunks.size(); ++i)
        QCOMPARE(codec.decode(chunks.at(i), out), i != failingChunk && (failingChunk < 0 || i < failingChunk));
    if (failingChunk < 0) {
        QVERIFY(!codec.hasFailed());
        QCOMPARE(codec.bufferedBytes(), held);
    } else {
        QCOMPARE(codec.error().code, CodecError::Code::LineTooLong);
        QCOMPARE(codec.error().description, u"line longer than %1 bytes"_s.arg(max));
        QCOMPARE(codec.bufferedBytes(), 0);
    }
    if (endOfStream)
        QCOMPARE(codec.finishInput(out), failingChunk < 0);
    QCOMPARE(out.size(), lines.size());
    for (int i = 0; i < lines.size(); ++i) {
        QCOMPARE(out.at(i).text.size(), lines.at(i));
        QVERIFY(!out.at(i).text.contains(u'\r'));
    }
}

// How a text becomes lines (docs/protocol.md, section 3): split at every LF;
// a CR just before an LF, or at the end of the text, belongs to that line
// end and is dropped; every piece is a line,
// so a text that ends in LF ends with an empty line, and a text of n LFs is
// n + 1 empty lines. The prefix goes on each line.
void TestLineCodec::encodeSplitsAtEveryLf_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<quint32>("senderId");
    QTest::addColumn<QByteArray>("encoded");
    QTest::addColumn<QStringList>("received");

    QTest::newRow("one line") << u"a"_s << 0u << QByteArray("a\n") << QStringList{ u"a"_s };
    QTest::newRow("empty") << QString() << 0u << QByteArray("\n") << QStringList{ QString() };
    QTest::newRow("trailing LF") << u"a\n"_s << 0u << QByteArray("a\n\n") << QStringList{ u"a"_s, QString() };
    QTest::newRow("only LF") << u"\n"_s << 0u << QByteArray("\n\n") << QStringList{ QString(), QString() };
    QTest::newRow("inner empty line") << u"a\n\nb"_s << 0u << QByteArray("a\n\nb\n")
                                      << QStringList{ u"a"_s, QString(), u"b"_s };
    QTest::newRow("CR LF inside") << u"a\r\nb"_s << 0u << QByteArray("a\nb\n") << QStringList{ u"a"_s, u"b"_s };
    QTest::newRow("trailing CR LF") << u"a\r\n"_s << 0u << QByteArray("a\n\n") << QStringList{ u"a"_s, QString() };
    QTest::newRow("lone CR inside") << u"a\rb"_s << 0u << QByteArray("a\rb\n") << QStringList{ u"a\rb"_s };
    // Only one CR goes with the LF; the one before it reaches the wire as
    // "\r\n", and a receiver takes that for a CR LF ending.
    QTest::newRow("CR CR LF") << u"a\r\r\nb"_s << 0u << QByteArray("a\r\nb\n") << QStringList{ u"a"_s, u"b"_s };
    // A CR at the very end of the text is dropped like one before an LF.
    QTest::newRow("trailing CR") << u"a\r"_s << 0u << QByteArray("a\n") << QStringList{ u"a"_s };
    QTest::newRow("relayed, trailing LF") << u"a\n"_s << 3u << QByteArray("#3 al: a\n#3 al: \n")
                                          << QStringList{ u"#3 al: a"_s, u"#3 al: "_s };
    QTest::newRow("relayed, CR LF inside") << u"a\r\nb"_s << 3u << QByteArray("#3 al: a\n#3 al: b\n")
                                           << QStringList{ u"#3 al: a"_s, u"#3 al: b"_s };
}

void TestLineCodec::encodeSplitsAtEveryLf()
{
    QFETCH(QString, text);
    QFETCH(quint32, senderId);
    QFETCH(QByteArray, encoded);
    QFETCH(QStringList, received);

    LineCodec codec;
    const Message message = Message::makeText(text, senderId, senderId ? u"al"_s : QString());
    QCOMPARE(codec.encode(message), encoded);
    // Byte mode encodes the same bytes.
    Message bytes = message;
    bytes.utf8 = text.toUtf8();
    bytes.text.clear();
    QCOMPARE(codec.encode(bytes), encoded);

    LineCodec receiver;
    QList<Message> out;
    QVERIFY(receiver.decode(encoded, out));
    QCOMPARE(receiver.bufferedBytes(), 0);
    QStringList texts;
    for (const Message &m : std::as_const(out))
        texts.append(m.text);
    QCOMPARE(texts, received);
}

// M bounds each line on the wire, prefix included, not the whole text:
// checkedSize() is the longest line with its prefix and without its LF, and a
// receiver with that limit takes every line, one with a byte less fails.
void TestLineCodec::maxAppliesToEachLineWithItsPrefix_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<quint32>("senderId");
    QTest::addColumn<qsizetype>("checkedSize");

    // "#3 al: " is 7 bytes; "#12345 al: " is 11.
    QTest::newRow("one line") << QString(9, u'x') << 3u << qsizetype(16);
    QTest::newRow("three lines of 16, 50 bytes in all")
        << QString(9, u'x') + u'\n' + QString(9, u'y') + u'\n' + QString(9, u'z') << 3u << qsizetype(16);
    QTest::newRow("the longest line last") << u"a\nbb\n"_s + QString(9, u'c') << 3u << qsizetype(16);
    QTest::newRow("CR of CR LF not counted") << QString(9, u'x') + u"\r\nb"_s << 3u << qsizetype(16);
    QTest::newRow("lone CR counted") << QString(8, u'x') + u"\rb"_s << 3u << qsizetype(17);
    QTest::newRow("trailing LF: an empty line with its prefix") << QString(2, u'x') + u'\n' << 12345u
                                                                << qsizetype(13);
    QTest::newRow("no prefix") << u"abc\nde"_s << 0u << qsizetype(3);
    QTest::newRow("multi-byte characters count as bytes") << u"✓✓✓"_s << 3u << qsizetype(16);
}

void TestLineCodec::maxAppliesToEachLineWithItsPrefix()
{
    QFETCH(QString, text);
    QFETCH(quint32, senderId);
    QFETCH(qsizetype, checkedSize);

    LineCodec codec;
    const QByteArray encoded = codec.encode(Message::makeText(text, senderId, senderId ? u"al"_s : QString()));
    QCOMPARE(codec.checkedSize(encoded), checkedSize);
    QByteArray batch;
    QCOMPARE(codec.encodeTo(Message::makeText(text, senderId, senderId ? u"al"_s : QString()), batch),
             checkedSize);

    LineCodec fits(checkedSize);
    QList<Message> out;
    QVERIFY(fits.decode(encoded, out));
    QCOMPARE(out.size(), encoded.count('\n'));
    LineCodec tooSmall(checkedSize - 1);
    QVERIFY(!tooSmall.decode(encoded, out));
    QCOMPARE(tooSmall.error().code, CodecError::Code::LineTooLong);
}

// Lines have one error, line too long (docs/protocol.md, section 6): bytes
// that would be another framing's error, or invalid UTF-8, are text to a
// line decoder, and only their length can fail it.
void TestLineCodec::lineTooLongIsTheOnlyLineError_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("accepted");

    // M is 8 below.
    QTest::newRow("magic and a 4 GiB header, 9 bytes") << QByteArray("\xFFSMH\xFF\xFF\xFF\xFF\x06") << false;
    QTest::newRow("magic and a header, one line of 8") << QByteArray("\xFFSMH\0\0\0\x06\n", 9) << true;
    QTest::newRow("invalid UTF-8, 9 bytes") << QByteArray("\xC0\x80\xC0\x80\xC0\x80\xC0\x80\xC0") << false;
    QTest::newRow("invalid UTF-8, 8 bytes") << QByteArray("\xC0\x80\xC0\x80\xC0\x80\xC0\x80\n") << true;
}

void TestLineCodec::lineTooLongIsTheOnlyLineError()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, accepted);
    LineCodec codec(8);
    QList<Message> out;
    QCOMPARE(codec.decode(bytes, out), accepted);
    QCOMPARE(codec.error().code, accepted ? CodecError::Code::None : CodecError::Code::LineTooLong);
    QCOMPARE(out.size(), accepted ? 1 : 0);
}

QTEST_GUILESS_MAIN(TestLineCodec)
#include "tst_linecodec.moc"
