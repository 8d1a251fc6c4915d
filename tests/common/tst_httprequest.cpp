// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// HttpRequest (the bounded request-head parser) and WebSocketHandshake (the
// server's answer to an upgrade, with RFC 6455's own key example and the
// origin check).
#include "chunking.h"
#include "httprequest.h"
#include "websockethandshake.h"

#include <QtTest>

using namespace Qt::StringLiterals;

namespace {

const QByteArray kUpgrade = "GET /ws?room=1 HTTP/1.1\r\n"
                            "Host: 127.0.0.1:8000\r\n"
                            "Upgrade: websocket\r\n"
                            "Connection: keep-alive, Upgrade\r\n"
                            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                            "Sec-WebSocket-Version: 13\r\n"
                            "Origin: http://127.0.0.1:8000\r\n"
                            "\r\n";

HttpRequest parsed(const QByteArray &head)
{
    HttpRequest request;
    request.feed(head);
    return request;
}

} // namespace

class TestHttpRequest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesInAnyChunking();
    void leavesBytesAfterTheHead();
    void badRequests_data();
    void badRequests();
    void tooLargeAsSoonAsKnown();
    void tooManyHeaders();
    void rfcAcceptKey();
    void handshakeAccepts();
    void handshakeRefuses_data();
    void handshakeRefuses();
    void origins();
};

void TestHttpRequest::parsesInAnyChunking()
{
    for (quint32 seed : Chunking::seeds()) {
        HttpRequest request;
        qsizetype used = 0;
        for (const QByteArray &chunk : Chunking::split(kUpgrade, seed)) {
            QCOMPARE(request.state(), HttpRequest::State::Incomplete);
            used += request.feed(chunk);
        }
        QCOMPARE(used, kUpgrade.size());
        QCOMPARE(request.state(), HttpRequest::State::Complete);
        QCOMPARE(request.method(), "GET"_ba);
        QCOMPARE(request.path(), "/ws"_ba);
        QCOMPARE(request.version(), "HTTP/1.1"_ba);
        QCOMPARE(request.header("HOST"), "127.0.0.1:8000"_ba);
        QVERIFY(request.headerHasToken("connection", "upgrade"));
        QVERIFY(request.header("x-absent").isNull());
    }
}

void TestHttpRequest::leavesBytesAfterTheHead()
{
    HttpRequest request;
    const QByteArray bytes = "GET / HTTP/1.0\r\nA: 1\r\nA: 2\r\n\r\n\x81\x80";
    QCOMPARE(request.feed(bytes), bytes.size() - 2);
    QCOMPARE(request.state(), HttpRequest::State::Complete);
    QCOMPARE(request.header("a"), "1, 2"_ba);
    QCOMPARE(request.feed("more"), 0);
}

void TestHttpRequest::badRequests_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::newRow("no target") << "GET HTTP/1.1\r\n\r\n"_ba;
    QTest::newRow("relative target") << "GET ws HTTP/1.1\r\n\r\n"_ba;
    QTest::newRow("HTTP/2") << "GET / HTTP/2.0\r\n\r\n"_ba;
    QTest::newRow("bare LF") << "GET / HTTP/1.1\nHost: x\r\n\r\n"_ba;
    QTest::newRow("no colon") << "GET / HTTP/1.1\r\nHost x\r\n\r\n"_ba;
    QTest::newRow("space in name") << "GET / HTTP/1.1\r\nHo st: x\r\n\r\n"_ba;
    QTest::newRow("folded") << "GET / HTTP/1.1\r\nA: 1\r\n  2\r\n\r\n"_ba;
    QTest::newRow("control in value") << "GET / HTTP/1.1\r\nA: \x01\r\n\r\n"_ba;
    QTest::newRow("method with slash") << "G/T / HTTP/1.1\r\n\r\n"_ba;
}

void TestHttpRequest::badRequests()
{
    QFETCH(QByteArray, head);
    const HttpRequest request = parsed(head);
    QCOMPARE(request.state(), HttpRequest::State::Bad);
    QCOMPARE(request.errorStatus(), 400);
    QVERIFY(!request.error().isEmpty());
}

void TestHttpRequest::tooLargeAsSoonAsKnown()
{
    HttpRequest request(100);
    // 101 bytes without the end of the head: 431 without waiting for more.
    QCOMPARE(request.feed("GET /" + QByteArray(96, 'a')), 101);
    QCOMPARE(request.state(), HttpRequest::State::TooLarge);
    QCOMPARE(request.errorStatus(), 431);
    QCOMPARE(request.headSize(), 0);
    // A head of exactly the limit passes.
    const QByteArray exact = "GET /" + QByteArray(100 - 5 - 13, 'a') + " HTTP/1.1\r\n\r\n";
    QCOMPARE(exact.size(), 100);
    HttpRequest fits(100);
    fits.feed(exact);
    QCOMPARE(fits.state(), HttpRequest::State::Complete);
    HttpRequest over(99);
    over.feed(exact);
    QCOMPARE(over.state(), HttpRequest::State::TooLarge);
}

void TestHttpRequest::tooManyHeaders()
{
    QByteArray head = "GET / HTTP/1.1\r\n";
    for (int i = 0; i < 5; ++i)
        head += "A: b\r\n";
    HttpRequest request(Protocol::kMaxHttpHeadSize, 4);
    request.feed(head);
    QCOMPARE(request.state(), HttpRequest::State::TooLarge);
    QVERIFY2(request.error().contains(u"more than 4"_s), qPrintable(request.error()));
    HttpRequest four(Protocol::kMaxHttpHeadSize, 5);
    four.feed(head + "\r\n");
    QCOMPARE(four.state(), HttpRequest::State::Complete);
}

void TestHttpRequest::rfcAcceptKey()
{
    // RFC 6455, 1.3.
    QCOMPARE(WebSocketHandshake::acceptKey("dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="_ba);
}

void TestHttpRequest::handshakeAccepts()
{
    const WebSocketHandshake handshake(parsed(kUpgrade), false);
    QVERIFY2(handshake.accepted(), qPrintable(handshake.error()));
    QCOMPARE(handshake.status(), 101);
    QCOMPARE(handshake.response(),
             "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
             "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"_ba);
    // No Origin: not a browser, accepted.
    QByteArray noOrigin = kUpgrade;
    noOrigin.replace("Origin: http://127.0.0.1:8000\r\n", "");
    QVERIFY(WebSocketHandshake(parsed(noOrigin), false).accepted());
}

void TestHttpRequest::handshakeRefuses_data()
{
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<int>("status");
    QTest::newRow("no upgrade") << "Upgrade: websocket\r\n"_ba << ""_ba << 400;
    QTest::newRow("no connection upgrade") << "keep-alive, Upgrade"_ba << "keep-alive"_ba << 400;
    QTest::newRow("version 8") << "Version: 13"_ba << "Version: 8"_ba << 426;
    QTest::newRow("short key") << "dGhlIHNhbXBsZSBub25jZQ=="_ba << "c2hvcnQ="_ba << 400;
    QTest::newRow("bad key") << "dGhlIHNhbXBsZSBub25jZQ=="_ba << "!!!!"_ba << 400;
    QTest::newRow("no host") << "Host: 127.0.0.1:8000\r\n"_ba << ""_ba << 400;
    QTest::newRow("HTTP/1.0") << "HTTP/1.1"_ba << "HTTP/1.0"_ba << 400;
    QTest::newRow("POST") << "GET "_ba << "POST "_ba << 400;
    QTest::newRow("other origin") << "Origin: http://127.0.0.1:8000"_ba << "Origin: http://evil.example"_ba << 403;
    QTest::newRow("other port") << "Origin: http://127.0.0.1:8000"_ba << "Origin: http://127.0.0.1:8001"_ba << 403;
    QTest::newRow("https origin, plain connection") << "Origin: http:"_ba << "Origin: https:"_ba << 403;
    QTest::newRow("null origin") << "Origin: http://127.0.0.1:8000"_ba << "Origin: null"_ba << 403;
}

void TestHttpRequest::handshakeRefuses()
{
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    QFETCH(int, status);
    QByteArray head = kUpgrade;
    QVERIFY(head.contains(from));
    head.replace(from, to);
    const HttpRequest request = parsed(head);
    QCOMPARE(request.state(), HttpRequest::State::Complete);
    const WebSocketHandshake handshake(request, false);
    QVERIFY(!handshake.accepted());
    QCOMPARE(handshake.status(), status);
    QVERIFY(!handshake.error().isEmpty());
    QVERIFY(handshake.response().isEmpty());
    QCOMPARE(handshake.refusalHeaders().contains("Sec-WebSocket-Version: 13"), status == 426);
}

void TestHttpRequest::origins()
{
    QCOMPARE(WebSocketHandshake::normalizedOrigin(u"HTTP://Example.COM:80/"_s), u"http://example.com"_s);
    QCOMPARE(WebSocketHandshake::normalizedOrigin(u"https://example.com:8443"_s), u"https://example.com:8443"_s);
    QCOMPARE(WebSocketHandshake::normalizedOrigin(u"http://[::1]:8000"_s), u"http://[::1]:8000"_s);
    QVERIFY(WebSocketHandshake::normalizedOrigin(u"null"_s).isEmpty());
    QVERIFY(WebSocketHandshake::normalizedOrigin(u"file:///x"_s).isEmpty());
    // --ws-origin adds origins; the page's own stays allowed.
    QByteArray other = kUpgrade;
    other.replace("Origin: http://127.0.0.1:8000", "Origin: https://chat.example.org");
    const QStringList allowed { u"https://chat.example.org/"_s };
    QVERIFY(WebSocketHandshake(parsed(other), false, allowed).accepted());
    QVERIFY(WebSocketHandshake(parsed(kUpgrade), false, allowed).accepted());
    // Over TLS the page's own origin is https://Host.
    QByteArray secure = kUpgrade;
    secure.replace("Origin: http:", "Origin: https:");
    QVERIFY(WebSocketHandshake(parsed(secure), true).accepted());
    QVERIFY(!WebSocketHandshake(parsed(kUpgrade), true).accepted());
}

QTEST_GUILESS_MAIN(TestHttpRequest)
#include "tst_httprequest.moc"
