// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Decodes every example in docs/protocol.md and encodes its fields back, so
// the specification and the codecs cannot drift apart.
#include "framecodec.h"
#include "linecodec.h"

#include <QFile>
#include <QRegularExpression>
#include <QtTest>

namespace {

struct Example
{
    QString framing;            // "frames" or "lines"
    QString type;               // "hello", "text", ... or empty for an error example
    QMap<QString, QString> fields;
    QByteArray bytes;
    int line = 0;
};

QList<Example> readExamples()
{
    QFile file(QStringLiteral(SOCKETHUB_SOURCE_DIR "/docs/protocol.md"));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));

    static const QRegularExpression head(QStringLiteral("^<!-- example (frames|lines)(.*) -->$"));
    static const QRegularExpression field(QStringLiteral("(\\w+)=(?:\"([^\"]*)\"|(\\S+))"));
    static const QRegularExpression commentSplit(QStringLiteral("\\s{2,}"));

    QList<Example> examples;
    for (int i = 0; i < lines.size(); ++i) {
        const QRegularExpressionMatch m = head.match(lines.at(i));
        if (!m.hasMatch())
            continue;
        Example ex;
        ex.framing = m.captured(1);
        ex.line = i + 1;
        QString rest = m.captured(2).trimmed();
        const qsizetype firstSpace = rest.indexOf(QLatin1Char(' '));
        const QString first = firstSpace < 0 ? rest : rest.left(firstSpace);
        if (!first.contains(QLatin1Char('='))) {
            ex.type = first;
            rest = rest.mid(first.size());
        }
        auto it = field.globalMatch(rest);
        while (it.hasNext()) {
            const QRegularExpressionMatch f = it.next();
            ex.fields.insert(f.captured(1), f.captured(2).isNull() ? f.captured(3) : f.captured(2));
        }
        // The ```hex block that follows: the hex part of each line is what
        // stands before the first run of two or more spaces.
        int j = i + 1;
        while (j < lines.size() && !lines.at(j).startsWith(QLatin1String("```hex")))
            ++j;
        for (++j; j < lines.size() && !lines.at(j).startsWith(QLatin1String("```")); ++j) {
            const QString hex = lines.at(j).split(commentSplit).first().trimmed();
            ex.bytes += QByteArray::fromHex(hex.toLatin1());
        }
        examples.append(ex);
        i = j;
    }
    return examples;
}

// A field's value with its escapes resolved: "\\xNN" is a byte (so that
// control characters and invalid UTF-8 can stand in an example's comment),
// "\\uXXXX" a character.
QString unescaped(const QString &value)
{
    QByteArray utf8;
    const QByteArray in = value.toUtf8();
    for (qsizetype i = 0; i < in.size(); ++i) {
        if (in.at(i) == '\\' && i + 3 < in.size() && in.at(i + 1) == 'x') {
            utf8 += char(in.mid(i + 2, 2).toUInt(nullptr, 16));
            i += 3;
        } else if (in.at(i) == '\\' && i + 5 < in.size() && in.at(i + 1) == 'u') {
            utf8 += QString(QChar(char16_t(in.mid(i + 2, 4).toUInt(nullptr, 16)))).toUtf8();
            i += 5;
        } else {
            utf8 += in.at(i);
        }
    }
    return QString::fromUtf8(utf8);
}

Message expectedMessage(const Example &ex)
{
    Message m;
    const auto num = [&ex](const char *key) { return ex.fields.value(QLatin1String(key)).toUInt(); };
    if (ex.type == QLatin1String("hello")) {
        const auto password = ex.fields.find(QStringLiteral("password"));
        m = Message::makeHello(ex.fields.value(QStringLiteral("name")), quint16(num("version")),
                               password == ex.fields.cend() ? QByteArray() : password->toUtf8());
        m.passwordRequired = num("passwordRequired") == 1;
    } else if (ex.type == QLatin1String("text")) {
        m = Message::makeText(unescaped(ex.fields.value(QStringLiteral("text"))), num("senderId"),
                              ex.fields.value(QStringLiteral("name")));
    } else if (ex.type == QLatin1String("notice")) {
        m = Message::makeNotice(Message::NoticeKind(num("kind")), ex.fields.value(QStringLiteral("text")),
                                num("subjectId"));
    } else if (ex.type == QLatin1String("ping")) {
        m = Message::makePing(ex.fields.value(QStringLiteral("data")).toUtf8());
    } else if (ex.type == QLatin1String("pong")) {
        m = Message::makePong(ex.fields.value(QStringLiteral("data")).toUtf8());
    }
    return m;
}

} // namespace

class TestProtocolDoc : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void documentHasExamples();
    void examples_data();
    void examples();
};

void TestProtocolDoc::documentHasExamples()
{
    const QList<Example> all = readExamples();
    QVERIFY2(all.size() >= 8, qPrintable(QStringLiteral("found %1 examples").arg(all.size())));
    for (const Example &ex : all)
        QVERIFY2(!ex.bytes.isEmpty(), qPrintable(QStringLiteral("example at line %1 has no bytes").arg(ex.line)));
}

void TestProtocolDoc::examples_data()
{
    QTest::addColumn<int>("index");
    const QList<Example> all = readExamples();
    for (int i = 0; i < all.size(); ++i)
        QTest::addRow("line %d: %s %s", all.at(i).line, qPrintable(all.at(i).framing),
                      qPrintable(all.at(i).type.isEmpty() ? all.at(i).fields.value(QStringLiteral("error"))
                                                          : all.at(i).type))
            << i;
}

void TestProtocolDoc::examples()
{
    QFETCH(int, index);
    const Example ex = readExamples().at(index);

    if (ex.framing == QLatin1String("lines")) {
        // output=escaped: as a server writes lines by default.
        const LineCodec::Output output = ex.fields.value(QStringLiteral("output")) == QLatin1String("escaped")
            ? LineCodec::Output::Escaped
            : LineCodec::Output::Raw;
        LineCodec codec(Protocol::kDefaultMaxMessageSize, output);
        const QString decoded = ex.fields.value(QStringLiteral("decoded"));
        if (!decoded.isEmpty()) {
            // A decoding example: the bytes are one line; decoded is its text.
            QList<Message> out;
            QVERIFY(codec.decode(ex.bytes, out));
            QCOMPARE(out.size(), 1);
            QCOMPARE(out.at(0).text, unescaped(decoded));
            QCOMPARE(out.at(0).invalidUtf8, ex.fields.value(QStringLiteral("invalid")) == QLatin1String("1"));
            return;
        }
        const Message expected = expectedMessage(ex);
        QCOMPARE(codec.encode(expected).toHex(' '), ex.bytes.toHex(' '));
        QList<Message> out;
        QVERIFY(codec.decode(ex.bytes, out));
        QCOMPARE(out.size(), ex.bytes.count('\n'));
        return;
    }

    FrameCodec codec;
    QList<Message> out;
    const bool ok = codec.decode(Protocol::magic().toByteArray() + ex.bytes, out);

    const QString error = ex.fields.value(QStringLiteral("error"));
    if (!error.isEmpty()) {
        QVERIFY(!ok);
        QCOMPARE(QString::fromLatin1(CodecError::codeName(codec.error().code)), error);
        QCOMPARE(codec.bufferedBytes(), 0);
        return;
    }

    QVERIFY2(ok, qPrintable(codec.error().description));
    QCOMPARE(out.size(), 1);
    const Message expected = expectedMessage(ex);
    QCOMPARE(int(out.at(0).type), int(expected.type));
    QCOMPARE(out.at(0).name, expected.name);
    QCOMPARE(out.at(0).text, expected.text);
    QCOMPARE(out.at(0).senderId, expected.senderId);
    QCOMPARE(out.at(0).version, expected.version);
    QCOMPARE(int(out.at(0).noticeKind), int(expected.noticeKind));
    QCOMPARE(out.at(0).data, expected.data);
    QCOMPARE(out.at(0).passwordRequired, expected.passwordRequired);
    QVERIFY(out.at(0) == expected);
    QCOMPARE(codec.encode(expected).toHex(' '), ex.bytes.toHex(' '));
}

QTEST_GUILESS_MAIN(TestProtocolDoc)
#include "tst_protocoldoc.moc"
