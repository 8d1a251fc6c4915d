// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The web page compiled into the server (resources/web, :/web/): present,
// self-contained (nothing from another origin, no inline script, so that a
// Content-Security-Policy without 'unsafe-inline' holds), with the fields,
// labels and log the issue asks for, and every received text set with
// textContent.
#include <QFile>
#include <QRegularExpression>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {

QString resource(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

} // namespace

class TestWebPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void compiledIn();
    void noInlineScriptNorOtherOrigins();
    void formsLabelsAndLog();
    void textIsNeverMarkup();
};

void TestWebPage::compiledIn()
{
    for (const QString &path : { u":/web/index.html"_s, u":/web/app.js"_s, u":/web/style.css"_s })
        QVERIFY2(!resource(path).isEmpty(), qPrintable(path));
}

void TestWebPage::noInlineScriptNorOtherOrigins()
{
    const QString html = resource(u":/web/index.html"_s);
    QVERIFY(!html.isEmpty());
    // Every <script> has a src of its own origin and no body.
    static const QRegularExpression script(u"<script([^>]*)>([^<]*)</script>"_s);
    int scripts = 0;
    for (auto it = script.globalMatch(html); it.hasNext(); ++scripts) {
        const QRegularExpressionMatch m = it.next();
        QVERIFY2(m.captured(1).contains(u"src=\"/"_s), qPrintable(m.captured(0)));
        QVERIFY2(m.captured(2).trimmed().isEmpty(), qPrintable(m.captured(0)));
    }
    QCOMPARE(scripts, 1);
    QCOMPARE(html.count(u"<script"_s), 1);
    // No event handler attributes, no style attributes or elements, nothing
    // fetched from elsewhere.
    static const QRegularExpression handler(u"\\son[a-z]+\\s*="_s);
    QVERIFY(!handler.match(html).hasMatch());
    QVERIFY(!html.contains(u"<style"_s));
    QVERIFY(!html.contains(u"style=\""_s));
    for (const QString &path : { u":/web/index.html"_s, u":/web/app.js"_s, u":/web/style.css"_s }) {
        const QString text = resource(path);
        QVERIFY2(!text.contains(u"http://"_s) && !text.contains(u"https://"_s) && !text.contains(u"//cdn"_s),
                 qPrintable(path));
        QVERIFY2(!text.contains(u"@import"_s), qPrintable(path));
    }
}

void TestWebPage::formsLabelsAndLog()
{
    const QString html = resource(u":/web/index.html"_s);
    QVERIFY(html.contains(u"name=\"name\""_s));
    QVERIFY(html.contains(u"name=\"message\""_s));
    QVERIFY(html.contains(u"role=\"log\""_s));
    QVERIFY(html.contains(u"role=\"status\""_s));
    QVERIFY(html.contains(u"name=\"viewport\""_s));
    // Every input has a label for it.
    static const QRegularExpression input(u"<input id=\"(\\w+)\""_s);
    int inputs = 0;
    for (auto it = input.globalMatch(html); it.hasNext(); ++inputs) {
        const QString id = it.next().captured(1);
        QVERIFY2(html.contains(u"<label for=\"%1\">"_s.arg(id)), qPrintable(id));
    }
    QCOMPARE(inputs, 3);
}

void TestWebPage::textIsNeverMarkup()
{
    const QString js = resource(u":/web/app.js"_s);
    QVERIFY(js.contains(u"textContent"_s));
    for (const QString &sink : { u"innerHTML"_s, u"outerHTML"_s, u"insertAdjacentHTML"_s, u"document.write"_s,
                                 u"eval("_s, u"new Function"_s })
        QVERIFY2(!js.contains(sink), qPrintable(sink));
}

QTEST_GUILESS_MAIN(TestWebPage)
#include "tst_webpage.moc"
