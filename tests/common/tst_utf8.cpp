// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Utf8::decode, Utf8::sanitized and Utf8::isValid: well-formed UTF-8 as the
// Unicode Standard defines it (chapter 3, table 3-7), and one U+FFFD per
// maximal subpart of an ill-formed sequence (docs/protocol.md, section 5).
#include "chunking.h"
#include "framecodec.h"
#include "linecodec.h"
#include "utf8.h"

#include <QRandomGenerator>
#include <QStringDecoder>
#include <QtEndian>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {

constexpr char16_t kFffd = u'\uFFFD';

QByteArray hex(const char *spaced)
{
    return QByteArray::fromHex(spaced);
}

QString replacements(int n)
{
    return QString(n, QChar(kFffd));
}

// Whether Qt's own decoder finds the bytes valid: an independent opinion.
bool qtFindsValid(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    Q_UNUSED(text);
    return !decoder.hasError();
}

QByteArray textFrame(QByteArrayView body)
{
    QByteArray payload("\0\0\0\0\0", 5);
    payload.append(body.data(), body.size());
    QByteArray frame(5, '\0');
    qToBigEndian(quint32(payload.size()), frame.data());
    frame[4] = char(Message::Type::Text);
    return Protocol::magic().toByteArray() + frame + payload;
}

} // namespace

class TestUtf8 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decode_data();
    void decode();
    void sanitized_data() { decode_data(); }
    void sanitized();
    void invalidFlagIsNeverCleared();
    void validInputIsKeptAsItIs();
    void allTwoByteSequencesAgree();
    void threeByteBoundariesAgree();
    void randomBytesAgree();
    void lineCodec_data();
    void lineCodec();
    void frameCodec_data() { lineCodec_data(); }
    void frameCodec();
    void helloNameIsReplacedToo();
};

// bytes, what they decode to, and whether they are well-formed.
void TestUtf8::decode_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("valid");

    // Well-formed, at the edges of each row of table 3-7.
    QTest::newRow("empty") << QByteArray() << QString() << true;
    QTest::newRow("ascii") << QByteArray("plain text, longer than eight bytes")
                           << u"plain text, longer than eight bytes"_s << true;
    QTest::newRow("NUL and DEL") << hex("00 7F") << QStringView(u"\0\x7F", 2).toString() << true;
    QTest::newRow("U+0080") << hex("C2 80") << u"\u0080"_s << true;
    QTest::newRow("U+07FF") << hex("DF BF") << u"\u07FF"_s << true;
    QTest::newRow("U+0800") << hex("E0 A0 80") << u"\u0800"_s << true;
    QTest::newRow("U+2713") << hex("E2 9C 93") << u"✓"_s << true;
    QTest::newRow("U+D7FF") << hex("ED 9F BF") << u"\uD7FF"_s << true;
    QTest::newRow("U+E000") << hex("EE 80 80") << u"\uE000"_s << true;
    QTest::newRow("U+FFFD itself") << hex("EF BF BD") << replacements(1) << true;
    QTest::newRow("U+FFFF") << hex("EF BF BF") << u"\uFFFF"_s << true;
    QTest::newRow("U+10000") << hex("F0 90 80 80") << QString::fromUcs4(U"\U00010000", 1) << true;
    QTest::newRow("U+1F600") << hex("F0 9F 98 80") << u"😀"_s << true;
    QTest::newRow("U+10FFFF") << hex("F4 8F BF BF") << QString::fromUcs4(U"\U0010FFFF", 1) << true;
    QTest::newRow("mixed") << u"héllo wörld ✓ 日本語 😀 and some ASCII after it"_s.toUtf8()
                           << u"héllo wörld ✓ 日本語 😀 and some ASCII after it"_s << true;

    // The cases of issue 8: one U+FFFD per maximal subpart.
    QTest::newRow("78 E2 9C 79") << hex("78 E2 9C 79") << u"x\uFFFDy"_s << false;
    QTest::newRow("C0 80: C0 never starts") << hex("C0 80") << replacements(2) << false;
    QTest::newRow("ED A0 80: surrogate") << hex("ED A0 80") << replacements(3) << false;
    QTest::newRow("F4 90 80 80: above U+10FFFF") << hex("F4 90 80 80") << replacements(4) << false;
    QTest::newRow("E2 9C at the end") << hex("E2 9C") << replacements(1) << false;
    QTest::newRow("F0 9F 98 then 41") << hex("F0 9F 98 41") << u"\uFFFDA"_s << false;

    // The Unicode Standard's example (chapter 3, table 3-8).
    QTest::newRow("table 3-8") << hex("61 F1 80 80 E1 80 C2 62 80 63 80 BF 64")
                               << u"a\uFFFD\uFFFD\uFFFDb\uFFFDc\uFFFD\uFFFDd"_s << false;

    // More of the same rule.
    QTest::newRow("C1 BF: overlong") << hex("C1 BF") << replacements(2) << false;
    QTest::newRow("E0 80 80: overlong") << hex("E0 80 80") << replacements(3) << false;
    QTest::newRow("E0 9F BF: overlong") << hex("E0 9F BF") << replacements(3) << false;
    QTest::newRow("F0 80 80 80: overlong") << hex("F0 80 80 80") << replacements(4) << false;
    QTest::newRow("F0 8F BF BF: overlong") << hex("F0 8F BF BF") << replacements(4) << false;
    QTest::newRow("ED BF BF: surrogate") << hex("ED BF BF") << replacements(3) << false;
    QTest::newRow("F5 80 80 80") << hex("F5 80 80 80") << replacements(4) << false;
    QTest::newRow("F8 88 80 80 80: 5-byte form") << hex("F8 88 80 80 80") << replacements(5) << false;
    QTest::newRow("FE FF") << hex("FE FF") << replacements(2) << false;
    QTest::newRow("stray continuation") << hex("80 61 62 63") << u"\uFFFDabc"_s << false;
    QTest::newRow("two stray continuations") << hex("BF BF") << replacements(2) << false;
    QTest::newRow("C2 at the end") << hex("C2") << replacements(1) << false;
    QTest::newRow("C2 then A") << hex("C2 41") << u"\uFFFDA"_s << false;
    QTest::newRow("E2 then A") << hex("E2 41") << u"\uFFFDA"_s << false;
    QTest::newRow("F0 9F 98 at the end") << hex("F0 9F 98") << replacements(1) << false;
    QTest::newRow("F0 9F at the end") << hex("F0 9F") << replacements(1) << false;
    QTest::newRow("cut short, then whole") << hex("E2 9C E2 9C 93") << u"\uFFFD✓"_s << false;
    QTest::newRow("cut short by a lead byte") << hex("F0 9F F0 9F 98 80") << u"\uFFFD😀"_s << false;
    QTest::newRow("lead after 4-byte start") << hex("F1 80 80 C2 A9") << u"\uFFFD©"_s << false;
    QTest::newRow("CR LF after a cut sequence") << hex("E2 9C 0D 0A") << u"\uFFFD\r\n"_s << false;
    // Inside and around the eight-byte ASCII steps.
    QTest::newRow("long ASCII around it")
        << QByteArray("0123456789abcdef\xE2\x9C" "0123456789abcdef")
        << u"0123456789abcdef\uFFFD0123456789abcdef"_s << false;
    QTest::newRow("at the eighth byte") << QByteArray("0123456\xFF" "89") << u"0123456\uFFFD89"_s << false;
    QTest::newRow("last of a long run") << QByteArray("0123456789abcdef\xC3") << u"0123456789abcdef\uFFFD"_s
                                        << false;
}

void TestUtf8::decode()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    QFETCH(bool, valid);
    bool invalid = false;
    QCOMPARE(Utf8::decode(bytes, &invalid), expected);
    QCOMPARE(invalid, !valid);
    QCOMPARE(Utf8::isValid(bytes), valid);
}

void TestUtf8::sanitized()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    QFETCH(bool, valid);
    bool invalid = false;
    const QByteArray clean = Utf8::sanitized(bytes, &invalid);
    QCOMPARE(clean, expected.toUtf8());
    QCOMPARE(invalid, !valid);
    QVERIFY(Utf8::isValid(clean));
    if (valid)
        QCOMPARE(clean, bytes);
}

void TestUtf8::invalidFlagIsNeverCleared()
{
    bool invalid = true;
    QCOMPARE(Utf8::decode("ok", &invalid), u"ok"_s);
    QCOMPARE(Utf8::decode("\xC3\xA9", &invalid), u"é"_s);
    QCOMPARE(Utf8::sanitized("ok", &invalid), QByteArray("ok"));
    QCOMPARE(Utf8::sanitized("\xC3\xA9", &invalid), QByteArray("\xC3\xA9"));
    QVERIFY(invalid);
}

void TestUtf8::validInputIsKeptAsItIs()
{
    // Valid UTF-8 comes back byte for byte, including a U+FFFD it carries:
    // only what was replaced sets the flag.
    const QByteArray bytes = u"a\uFFFDb ✓ 😀"_s.toUtf8();
    bool invalid = false;
    QCOMPARE(Utf8::sanitized(bytes, &invalid), bytes);
    QCOMPARE(Utf8::decode(bytes, &invalid), u"a\uFFFDb ✓ 😀"_s);
    QVERIFY(!invalid);
}

// Every 2-byte input: the three functions agree with each other, and with
// Qt's decoder on what is valid and what valid bytes mean.
void TestUtf8::allTwoByteSequencesAgree()
{
    for (int a = 0; a < 256; ++a) {
        for (int b = 0; b < 256; ++b) {
            const char bytes[2] = { char(a), char(b) };
            const QByteArrayView view(bytes, 2);
            bool decodeInvalid = false;
            bool sanitizeInvalid = false;
            const QString text = Utf8::decode(view, &decodeInvalid);
            const QByteArray clean = Utf8::sanitized(view, &sanitizeInvalid);
            const bool valid = Utf8::isValid(view);
            const QByteArray label = view.toByteArray().toHex(' ');
            QVERIFY2(decodeInvalid == !valid && sanitizeInvalid == !valid, label);
            QVERIFY2(valid == qtFindsValid(view), label);
            QVERIFY2(text == QString::fromUtf8(clean), label);
            QVERIFY2(Utf8::isValid(clean), label);
            if (valid)
                QVERIFY2(text == QString::fromUtf8(view) && clean == view, label);
            // Two bytes: at most two replacements, at least one if invalid.
            const qsizetype n = text.count(QChar(kFffd));
            QVERIFY2(valid ? n == 0 : n >= 1 && n <= 2, label);
        }
    }
}

// 3-byte inputs with every lead byte from C2 to F4 and the second and third
// bytes around the edges of 80..BF and of the narrower second-byte ranges.
void TestUtf8::threeByteBoundariesAgree()
{
    const QList<int> edges = { 0x00, 0x41, 0x7F, 0x80, 0x81, 0x8F, 0x90, 0x9F,
                               0xA0, 0xBF, 0xC0, 0xC2, 0xE0, 0xF0, 0xFF };
    for (int a = 0xC2; a <= 0xF4; ++a) {
        for (int b : edges) {
            for (int c : edges) {
                const char bytes[3] = { char(a), char(b), char(c) };
                const QByteArrayView view(bytes, 3);
                bool invalid = false;
                const QString text = Utf8::decode(view, &invalid);
                const bool valid = Utf8::isValid(view);
                const QByteArray label = view.toByteArray().toHex(' ');
                QVERIFY2(invalid == !valid, label);
                QVERIFY2(valid == qtFindsValid(view), label);
                bool ignored = false;
                QVERIFY2(text == QString::fromUtf8(Utf8::sanitized(view, &ignored)), label);
                if (valid)
                    QVERIFY2(text == QString::fromUtf8(view), label);
            }
        }
    }
}

// Seeded random bytes, mostly high ones: the same agreement, at any length.
void TestUtf8::randomBytesAgree()
{
    QRandomGenerator rng(8);
    for (int round = 0; round < 20000; ++round) {
        QByteArray bytes(1 + rng.bounded(24), Qt::Uninitialized);
        for (char &c : bytes)
            c = char(rng.bounded(4) == 0 ? rng.bounded(0x80) : 0x80 + rng.bounded(0x80));
        bool decodeInvalid = false;
        bool sanitizeInvalid = false;
        const QString text = Utf8::decode(bytes, &decodeInvalid);
        const QByteArray clean = Utf8::sanitized(bytes, &sanitizeInvalid);
        const bool valid = Utf8::isValid(bytes);
        const QByteArray label = bytes.toHex(' ');
        QVERIFY2(decodeInvalid == !valid && sanitizeInvalid == !valid, label);
        QVERIFY2(valid == qtFindsValid(bytes), label);
        QVERIFY2(text == QString::fromUtf8(clean), label);
        QVERIFY2(Utf8::isValid(clean), label);
        if (valid)
            QVERIFY2(clean == bytes, label);
    }
}

// A text body, what it decodes to, and whether it was replaced.
void TestUtf8::lineCodec_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("byteMode");
    QTest::addColumn<quint32>("seed");

    struct Case { const char *name; QByteArray body; QString expected; };
    const QList<Case> cases = {
        { "78 E2 9C 79", hex("78 E2 9C 79"), u"x\uFFFDy"_s },
        { "table 3-8", hex("61 F1 80 80 E1 80 C2 62 80 63 80 BF 64"),
          u"a\uFFFD\uFFFD\uFFFDb\uFFFDc\uFFFD\uFFFDd"_s },
        { "surrogate", hex("ED A0 80 21"), u"\uFFFD\uFFFD\uFFFD!"_s },
        { "F0 9F 98 then 41", hex("F0 9F 98 41"), u"\uFFFDA"_s },
        { "valid", u"hé ✓ 😀"_s.toUtf8(), u"hé ✓ 😀"_s },
    };
    for (const Case &c : cases) {
        for (bool byteMode : { false, true }) {
            for (quint32 seed : { 0u, 1u, 42u })
                QTest::addRow("%s, %s, seed %u", c.name, byteMode ? "bytes" : "QString", seed)
                    << c.body << c.expected << byteMode << seed;
        }
    }
}

// The line decoder replaces what a whole line holds, however the line
// arrived; so does the end of the stream for an unterminated last line.
void TestUtf8::lineCodec()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    QFETCH(bool, byteMode);
    QFETCH(quint32, seed);
    const bool replaced = expected.contains(QChar(kFffd));

    LineCodec codec;
    codec.setTextAsUtf8(byteMode);
    QList<Message> out;
    for (const QByteArray &chunk : Chunking::split(body + "\n" + body, seed, 3))
        QVERIFY(codec.decode(chunk, out));
    QVERIFY(codec.finishInput(out));
    QCOMPARE(out.size(), 2);
    for (const Message &m : std::as_const(out)) {
        QCOMPARE(m.textString(), expected);
        QCOMPARE(m.invalidUtf8, replaced);
        if (byteMode) {
            QVERIFY(m.text.isEmpty());
            QCOMPARE(m.utf8, expected.toUtf8());
        } else {
            QVERIFY(m.utf8.isNull());
            QCOMPARE(m.text, expected);
        }
    }
}

void TestUtf8::frameCodec()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    QFETCH(bool, byteMode);
    QFETCH(quint32, seed);
    const bool replaced = expected.contains(QChar(kFffd));

    FrameCodec codec;
    codec.setTextAsUtf8(byteMode);
    QList<Message> out;
    for (const QByteArray &chunk : Chunking::split(textFrame(body), seed, 3))
        QVERIFY(codec.decode(chunk, out));
    QVERIFY(codec.finishInput(out));
    QCOMPARE(out.size(), 1);
    const Message &m = out.at(0);
    QCOMPARE(m.textString(), expected);
    QCOMPARE(m.invalidUtf8, replaced);
    if (byteMode)
        QCOMPARE(m.utf8, expected.toUtf8());
    else
        QCOMPARE(m.text, expected);
    // Re-encoded, the replacement travels as EF BF BD.
    QCOMPARE(FrameCodec().encode(m), textFrame(expected.toUtf8()).mid(Protocol::kMagicSize));
}

void TestUtf8::helloNameIsReplacedToo()
{
    const QByteArray name = hex("78 E2 9C 79");
    QByteArray payload("\0\x01", 2);
    payload.append(char(name.size()));
    payload.append(name);
    QByteArray frame(5, '\0');
    qToBigEndian(quint32(payload.size()), frame.data());
    frame[4] = char(Message::Type::Hello);
    FrameCodec codec;
    QList<Message> out;
    QVERIFY(codec.decode(Protocol::magic().toByteArray() + frame + payload, out));
    QCOMPARE(out.size(), 1);
    QCOMPARE(out.at(0).name, u"x\uFFFDy"_s);
    QVERIFY(out.at(0).invalidUtf8);
}

QTEST_GUILESS_MAIN(TestUtf8)
#include "tst_utf8.moc"
