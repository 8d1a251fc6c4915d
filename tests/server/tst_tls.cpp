// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// TLS on the same port (issue 9): a ClientHello is told from plain bytes by
// its first byte, and served by the engine's TlsTransport; lines and frames are
// detected inside it as outside. Real third-party TLS peers (openssl
// s_client, ncat --ssl) talk to the engine; certificates are made at test
// time by openssl req.
#include "../common/testcertificate.h"
#include "corefixture.h"
#include "tlstransport.h"

#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

// A third-party line client run as a process: what it prints is collected
// line by line.
class ToolPeer
{
public:
    ToolPeer(const QString &program, const QStringList &arguments)
    {
        m_process.setProgram(program);
        m_process.setArguments(arguments);
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start();
    }
    ~ToolPeer()
    {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    bool started() { return m_process.waitForStarted(10000); }
    void sendLine(const QByteArray &line) { m_process.write(line + '\n'); }
    // Everything it printed so far, as text.
    QString output()
    {
        m_output += m_process.readAllStandardOutput();
        return QString::fromUtf8(m_output);
    }
    QString errors()
    {
        m_errors += m_process.readAllStandardError();
        return QString::fromUtf8(m_errors);
    }
    QProcess &process() { return m_process; }

private:
    QProcess m_process;
    QByteArray m_output;
    QByteArray m_errors;
};

} // namespace

class TestTls : public QObject, private CoreFixture
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestCertificate m_cert;
    TestCertificate m_other; // a second, unrelated certificate

    ServerOptions tlsOptions(ServerOptions o = {}) const
    {
        o.tlsCertFile = m_cert.certFile;
        o.tlsKeyFile = m_cert.keyFile;
        return o;
    }
    QList<QSslCertificate> ca() const { return QSslCertificate::fromPath(m_cert.certFile); }
    TestPeer *tlsPeer(Protocol::Framing framing = Protocol::Framing::Lines, const QString &name = {})
    {
        m_peers.push_back(std::make_unique<TestPeer>(framing, name));
        TestPeer *p = m_peers.back().get();
        p->connectToTls(m_core->serverPort(), ca());
        return p;
    }
    QString port() const { return QString::number(m_core->serverPort()); }
    std::unique_ptr<ToolPeer> sClient()
    {
        return std::make_unique<ToolPeer>(program(u"openssl"_s),
                                          QStringList{ u"s_client"_s, u"-quiet"_s, u"-connect"_s,
                                                       u"127.0.0.1:"_s + port(), u"-CAfile"_s, m_cert.certFile,
                                                       u"-verify_return_error"_s, u"-verify_ip"_s, u"127.0.0.1"_s });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_cert = TestCertificate::make(m_dir.path());
        QVERIFY2(m_cert.isValid(), qPrintable(m_cert.error));
        m_other = TestCertificate::make(m_dir.path(), u"other"_s);
        QVERIFY2(m_other.isValid(), qPrintable(m_other.error));
        QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend");
    }
    void cleanup() { resetFixture(); }

    // The fingerprint the core reports is the certificate's SHA-256, and
    // the log says TLS is on.
    void startReportsTheFingerprint()
    {
        ServerOptions o = tlsOptions();
        o.port = 0;
        o.bind = u"localhost"_s;
        m_core = std::make_unique<ServerCore>(o);
        QSignalSpy tls(m_core.get(), &ServerCore::tlsChanged);
        QVERIFY(m_core->start());
        QCOMPARE(tls.size(), 1);
        QCOMPARE(tls.at(0).at(0).toString(), m_cert.sha256);
        QVERIFY(logText().contains(u"with TLS (certificate SHA-256 "_s + m_cert.sha256));
    }

    // A file that cannot be used fails the start, naming the file and why.
    void badFilesFailTheStart_data()
    {
        QTest::addColumn<QString>("cert");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing certificate") << u"/nonexistent/cert.pem"_s << QString()
                                             << u"cannot read the TLS certificate /nonexistent/cert.pem"_s;
        QTest::newRow("key is not a key") << QString() << u"cert-as-key"_s << u"holds no unencrypted PEM private key"_s;
        QTest::newRow("certificate is a key") << u"key-as-cert"_s << QString() << u"holds no PEM certificate"_s;
        QTest::newRow("key only") << u"none"_s << QString() << u"needs both a certificate and a key"_s;
    }
    void badFilesFailTheStart()
    {
        QFETCH(QString, cert);
        QFETCH(QString, key);
        QFETCH(QString, expected);
        ServerOptions o = tlsOptions();
        if (cert == u"key-as-cert"_s)
            o.tlsCertFile = m_cert.keyFile;
        else if (cert == u"none"_s)
            o.tlsCertFile.clear();
        else if (!cert.isEmpty())
            o.tlsCertFile = cert;
        if (key == u"cert-as-key"_s)
            o.tlsKeyFile = m_cert.certFile;
        QVERIFY(!startCore(o));
        QVERIFY2(m_core->errorString().contains(expected), qPrintable(m_core->errorString()));
        QVERIFY(!m_core->isListening());
    }

    // openssl s_client, twice, as line clients of the relay: each one's
    // line reaches the other, in both directions, through TLS.
    void sClientRelaysBothWays()
    {
        ServerOptions o = tlsOptions();
        o.mode = ServerOptions::Mode::Relay;
        QVERIFY(startCore(o));
        auto first = sClient();
        QVERIFY(first->started());
        QTRY_VERIFY_WITH_TIMEOUT(first->output().contains(u"* welcome #"_s), 20000);
        auto second = sClient();
        QVERIFY(second->started());
        QTRY_VERIFY_WITH_TIMEOUT(second->output().contains(u"* welcome #"_s), 20000);
        first->sendLine("hello from the first");
        QTRY_VERIFY_WITH_TIMEOUT(second->output().contains(u": hello from the first"_s), 20000);
        second->sendLine("and back from the second");
        QTRY_VERIFY_WITH_TIMEOUT(first->output().contains(u": and back from the second"_s), 20000);
        QVERIFY(first->errors().contains(u"verify return:1"_s));
        const QList<ClientInfo> clients = m_core->clients();
        QCOMPARE(clients.size(), 2);
        for (const ClientInfo &c : clients) {
            QVERIFY2(c.security.startsWith(u"TLS 1."_s), qPrintable(c.security));
            QCOMPARE(c.framing, u"lines"_s);
        }
        QVERIFY(logText().contains(u"(lines, TLS 1."_s));
    }

    // ncat --ssl, verifying the server, as a line client; a frames client
    // over TLS hears it.
    void ncatSslLineClient()
    {
        ServerOptions o = tlsOptions();
        o.mode = ServerOptions::Mode::Relay;
        QVERIFY(startCore(o));
        TestPeer *frames = tlsPeer(Protocol::Framing::Frames, u"fran"_s);
        QTRY_VERIFY_WITH_TIMEOUT(frames->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 1"_s), 20000);
        ToolPeer ncat(program(u"ncat"_s), { u"--ssl-verify"_s, u"--ssl-trustfile"_s, m_cert.certFile,
                                            u"127.0.0.1"_s, port() });
        QVERIFY(ncat.started());
        QTRY_VERIFY_WITH_TIMEOUT(ncat.output().contains(u"* welcome #2"_s), 20000);
        ncat.sendLine("from ncat");
        QTRY_VERIFY_WITH_TIMEOUT(frames->hasText(u"from ncat"_s, 2), 20000);
        frames->sendText(u"to ncat"_s);
        QTRY_VERIFY_WITH_TIMEOUT(ncat.output().contains(u"#1 fran: to ncat"_s), 20000);
    }

    // A plain client of a TLS-only server hears why, in its own framing,
    // and the server serves on.
    void plainClientIsRefusedWithANotice()
    {
        QVERIFY(startCore(tlsOptions()));
        TestPeer *lines = linesPeer(u"plain words"_s);
        TestPeer *frames = peer(Protocol::Framing::Frames, u"plainframes"_s);
        const QString why = u"this server accepts TLS connections only; connect with TLS (socket-client --tls)"_s;
        QTRY_VERIFY(lines->hasNoticeLine("disconnect", why));
        QTRY_VERIFY(frames->hasNotice(Message::NoticeKind::Disconnect, why));
        QTRY_VERIFY(lines->isClosed());
        QTRY_VERIFY(frames->isClosed());
        QVERIFY(!lines->raw().contains("welcome"));
        // Counted as refusals: one line, not one per connection.
        QTRY_COMPARE(m_core->clientCount(), 0);
        QCOMPARE(logText().count(u"Refused a connection from 127.0.0.1:"_s), 1);
        QVERIFY(!logText().contains(u"plain words"_s));

        TestPeer *secure = tlsPeer();
        secure->sendLine(u"secure words"_s);
        QTRY_VERIFY(logText().contains(u"secure words"_s));
        QTRY_VERIFY(secure->lines().first().startsWith(u"* welcome #"_s));
    }

    // --allow-plaintext: both are served on the one port, and the table
    // says which is which.
    void allowPlaintextServesBoth()
    {
        ServerOptions o = tlsOptions();
        o.allowPlaintext = true;
        o.mode = ServerOptions::Mode::Relay;
        QVERIFY(startCore(o));
        TestPeer *plain = linesPeer(u"plain hello"_s);
        TestPeer *secure = tlsPeer(Protocol::Framing::Frames, u"sec"_s);
        QTRY_VERIFY(secure->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 2"_s));
        QTRY_COMPARE(m_core->clientCount(), 2);
        secure->sendText(u"secure hello"_s);
        QTRY_VERIFY(plain->hasLine(u"#2 sec: secure hello"_s));
        plain->sendLine(u"plain again"_s);
        QTRY_VERIFY(secure->hasText(u"plain again"_s, 1));
        const QList<ClientInfo> clients = m_core->clients();
        QCOMPARE(clients.size(), 2);
        QCOMPARE(clients.at(0).security, QString());
        QVERIFY(clients.at(1).security.startsWith(u"TLS 1."_s));
        QVERIFY(logText().contains(u"plain connections allowed too"_s));
    }

    // A ClientHello that is garbage fails its handshake: that connection is
    // closed with the reason logged; another client is not disturbed.
    void failedHandshakeClosesOnlyThatConnection()
    {
        QVERIFY(startCore(tlsOptions()));
        TestPeer *good = tlsPeer();
        good->sendLine(u"before"_s);
        QTRY_VERIFY(logText().contains(u"before"_s));
        TestPeer *bad = peer();
        bad->sendRaw(QByteArray("\x16\x03\x01\x00\x05garbagegarbage", 19));
        QTRY_VERIFY(bad->isClosed());
        QTRY_VERIFY(logText().contains(u"TLS handshake failed: "_s));
        good->sendLine(u"after"_s);
        QTRY_VERIFY(logText().contains(u"after"_s));
        QCOMPARE(m_core->clientCount(), 1);
    }

    // A TLS client that stops inside its handshake is closed after the
    // handshake timeout.
    void stalledHandshakeTimesOut()
    {
        ServerOptions o = tlsOptions();
        o.handshakeTimeoutMs = 500;
        QVERIFY(startCore(o));
        TestPeer *staller = peer();
        staller->sendRaw(QByteArray("\x16\x03\x01", 3));
        QTRY_VERIFY_WITH_TIMEOUT(staller->isClosed(), 20000);
        QVERIFY(logText().contains(u"TLS handshake not completed within 0.5 s"_s));
        QTRY_COMPARE(liveSessions(), 0);
    }

    // Without a certificate, a TLS client is closed at once, and the log
    // says why (it would only read garbage as lines).
    void tlsClientOfAPlainServer()
    {
        QVERIFY(startCore());
        TestPeer *p = tlsPeer();
        QTRY_VERIFY(p->isClosed());
        QTRY_VERIFY(logText().contains(u"the client started a TLS handshake, but this server has no TLS certificate"_s));
    }

    // Forced framing with TLS: it still waits for the first byte to tell TLS
    // from plain, then speaks the forced framing inside.
    void forcedFramingInsideTls()
    {
        ServerOptions o = tlsOptions();
        o.framing = ServerOptions::FramingSetting::Frames;
        QVERIFY(startCore(o));
        TestPeer *secure = tlsPeer(Protocol::Framing::Frames, u"forced"_s);
        QTRY_VERIFY(secure->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 1"_s));
        TestPeer *plain = peer(Protocol::Framing::Frames);
        QTRY_VERIFY(plain->hasNotice(Message::NoticeKind::Disconnect,
                                     u"this server accepts TLS connections only; connect with TLS (socket-client --tls)"_s));
    }

    // Bulk through TLS: 4 MiB relayed to a reader that pauses, in order and
    // whole (the write window and flow control inside TLS).
    void bulkRelayThroughTls()
    {
        ServerOptions o = tlsOptions();
        o.mode = ServerOptions::Mode::Relay;
        QVERIFY(startCore(o));
        TestPeer *reader = tlsPeer(Protocol::Framing::Frames, u"reader"_s);
        TestPeer *writer = tlsPeer(Protocol::Framing::Frames, u"writer"_s);
        QTRY_VERIFY(reader->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 1"_s));
        QTRY_VERIFY(writer->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 2"_s));
        reader->pauseReading();
        constexpr int kCount = 256;
        const QString chunk(16 * 1024 - 8, u'x');
        for (int i = 0; i < kCount; ++i)
            writer->sendText(QString::number(i).rightJustified(6, u'0') + chunk);
        // Until the writer's bytes are all out, or flow control holds it.
        QTRY_VERIFY_WITH_TIMEOUT((writer->socket()->bytesToWrite() == 0 && writer->sslSocket()->encryptedBytesToWrite() == 0)
                                     || m_core->stats().pausedReaders > 0,
                                 60000);
        reader->resumeReading();
        const auto texts = [reader] {
            int n = 0;
            for (const Message &m : reader->messages())
                n += m.type == Message::Type::Text ? 1 : 0;
            return n;
        };
        QTRY_COMPARE_WITH_TIMEOUT(texts(), kCount, 60000);
        int i = 0;
        for (const Message &m : reader->messages()) {
            if (m.type != Message::Type::Text)
                continue;
            QCOMPARE(m.text.left(6), QString::number(i).rightJustified(6, u'0'));
            QCOMPARE(m.text.size(), 6 + chunk.size());
            ++i;
        }
        QCOMPARE(m_core->stats().slowConsumers, quint64(0));
    }

    // A burst relayed through TLS to a slow TLS reader (reading in fits and
    // starts) beside a fast one and one that stops reading: both readers get
    // every line, whole and in order, and the one that stopped is evicted as
    // a slow consumer, as in plain (tst_flowcontrol). The sender writes on
    // until that eviction (the kernel's buffers absorb a few megabytes first,
    // whatever their size), held back by flow control meanwhile.
    void burstToSlowAndStalledTlsReaders()
    {
        ServerOptions o = tlsOptions();
        o.mode = ServerOptions::Mode::Relay;
        o.highWaterMark = 64 * 1024;
        o.lowWaterMark = 16 * 1024;
        o.readBudget = 16 * 1024;
        o.slowConsumerTimeoutMs = 2000;
        o.maxOutboundQueue = 64 * 1024 * 1024; // only the timeout evicts here
        o.presenceLimit = 0;                   // the lines are counted exactly
        QVERIFY(startCore(o));
        QList<TestPeer *> readers;
        for (const QString &name : { u"fast"_s, u"slow"_s, u"stalled"_s }) {
            TestPeer *p = tlsPeer();
            p->sendLine(name);
            QTRY_VERIFY_WITH_TIMEOUT(p->hasNoticeLine("welcome", u"Welcome client %1"_s.arg(readers.size() + 1)),
                                     20000);
            readers.append(p);
        }
        TestPeer *fast = readers.at(0);
        TestPeer *slow = readers.at(1);
        TestPeer *stalled = readers.at(2);
        QTRY_VERIFY_WITH_TIMEOUT(fast->hasLine(u"#3: stalled"_s), 20000);
        stalled->pauseReading();
        TestPeer *sender = tlsPeer();
        QVERIFY(QSignalSpy(sender->sslSocket(), &QSslSocket::encrypted).wait(20000));

        QSignalSpy left(m_core.get(), &ServerCore::clientLeft);
        // The slow reader: reading paused and resumed in turn.
        QTimer fits;
        fits.setInterval(5);
        connect(&fits, &QTimer::timeout, &fits, [slow] {
            if (slow->isReadingPaused())
                slow->resumeReading();
            else
                slow->pauseReading();
        });
        fits.start();
        // The sender: numbered lines, topped up while little is unsent,
        // until the stalled reader is gone (at most 64 MiB).
        constexpr int kLineSize = 256;
        constexpr int kChunk = 512;
        const QByteArray pad(kLineSize - 8, 'x');
        int sent = 0;
        QTimer feeder;
        feeder.setInterval(1);
        connect(&feeder, &QTimer::timeout, &feeder, [&] {
            QSslSocket *socket = sender->sslSocket();
            if (!left.isEmpty() || qint64(sent) * kLineSize >= 64 * 1024 * 1024) {
                feeder.stop();
                return;
            }
            if (socket->bytesToWrite() + socket->encryptedBytesToWrite() > 256 * 1024)
                return;
            QByteArray burst;
            for (int i = 0; i < kChunk; ++i, ++sent)
                burst += QByteArray::number(sent).rightJustified(6, '0') + ' ' + pad + '\n';
            sender->sendRaw(burst);
        });
        feeder.start();
        QTRY_VERIFY_WITH_TIMEOUT(!left.isEmpty(), 60000);
        QTRY_VERIFY(!feeder.isActive());
        fits.stop();
        slow->resumeReading();

        QCOMPARE(left.at(0).at(0).toUInt(), 3u);
        QVERIFY2(left.at(0).at(1).toString().startsWith(u"slow consumer: "_s), qPrintable(left.at(0).at(1).toString()));
        QVERIFY(sent > 0);
        // Every line, whole and in order, to both readers.
        const QString prefix = u"#4: "_s;
        for (TestPeer *reader : { fast, slow }) {
            const auto count = [reader, &prefix] {
                int n = 0;
                for (const QString &line : reader->lines())
                    n += line.startsWith(prefix) ? 1 : 0;
                return n;
            };
            QTRY_COMPARE_WITH_TIMEOUT(count(), sent, 60000);
            int next = 0;
            for (const QString &line : reader->lines()) {
                if (!line.startsWith(prefix))
                    continue;
                const QStringView body = QStringView(line).mid(prefix.size());
                QCOMPARE(body.size(), kLineSize - 1);
                QCOMPARE(body.left(6).toInt(), next);
                ++next;
            }
            QVERIFY(reader->isConnected());
        }
        QCOMPARE(left.size(), 1);
        QCOMPARE(m_core->stats().slowConsumers, 1u);
        QVERIFY(sender->isConnected());
    }

    // A connection whose TLS handshake has not ended holds a place under
    // --max-clients and its handshake memory in the global buffer budget
    // (docs/reliability.md), both given back when it goes.
    void pendingHandshakesCountAgainstTheLimits()
    {
        ServerOptions o = tlsOptions();
        o.maxClients = 2;
        o.handshakeTimeoutMs = 1000;
        QVERIFY(startCore(o));
        TestPeer *first = peer();
        first->sendRaw(QByteArray("\x16\x03\x01", 3));
        TestPeer *second = peer();
        second->sendRaw(QByteArray("\x16\x03\x01", 3));
        QTRY_COMPARE(m_core->connectionCount(), 2);
        QTRY_VERIFY(m_core->stats().buffered >= 2 * TlsTransport::kHandshakeMemory);
        QCOMPARE(m_core->clientCount(), 0);
        TestPeer *third = tlsPeer();
        QTRY_VERIFY_WITH_TIMEOUT(logText().contains(u"Refused a connection from 127.0.0.1:%1: server full (limit 2)"_s
                                                        .arg(third->localPort())),
                                 20000);
        QTRY_VERIFY_WITH_TIMEOUT(third->isClosed(), 20000);
        // The stalled handshakes time out: their places and memory are free.
        QTRY_VERIFY_WITH_TIMEOUT(first->isClosed() && second->isClosed(), 20000);
        QTRY_COMPARE(m_core->stats().buffered, 0);
        TestPeer *fourth = tlsPeer();
        fourth->sendLine(u"in at last"_s);
        QTRY_VERIFY_WITH_TIMEOUT(logText().contains(u"in at last"_s), 20000);
    }

    // A client that closes inside its handshake is gone at once, with the
    // reason, even with no handshake timeout at all.
    void closeDuringTheHandshake()
    {
        ServerOptions o = tlsOptions();
        o.handshakeTimeoutMs = 0;
        QVERIFY(startCore(o));
        TestPeer *quitter = peer();
        quitter->sendRaw(QByteArray("\x16\x03\x01", 3));
        QTRY_VERIFY(m_core->connectionCount() == 1);
        QTRY_COMPARE(quitter->socket()->bytesToWrite(), 0);
        quitter->socket()->disconnectFromHost();
        QTRY_COMPARE_WITH_TIMEOUT(liveSessions(), 0, 20000);
        QVERIFY(logText().contains(u"the client closed the connection during the TLS handshake"_s));
        QCOMPARE(m_core->clientCount(), 0);
    }

    // Past --max-handshakes, a TLS connection waits, unread, until a
    // running handshake ends; then its handshake runs and it is a client.
    void handshakesPastTheLimitWaitTheirTurn()
    {
        ServerOptions o = tlsOptions();
        o.maxHandshakes = 1;
        QVERIFY(startCore(o));
        // A handshake that stalls after a record header holds the one turn.
        TestPeer *staller = peer();
        staller->sendRaw(QByteArray("\x16\x03\x01\x00\x40", 5));
        QTRY_COMPARE(m_core->stats().tlsHandshakes, 1);
        TestPeer *waiter = tlsPeer();
        waiter->sendLine(u"waited"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_core->stats().tlsHandshakesWaiting, 1, 20000);
        QCOMPARE(m_core->stats().tlsHandshakes, 1);
        QVERIFY(!logText().contains(u"waited"_s));
        // The stalled one goes: the waiting one's turn.
        staller->socket()->disconnectFromHost();
        QTRY_VERIFY_WITH_TIMEOUT(logText().contains(u"waited"_s), 20000);
        QVERIFY(waiter->hasNoticeLine("welcome", u"Welcome client 2"_s));
        QCOMPARE(m_core->stats().tlsHandshakesWaiting, 0);
        QTRY_COMPARE(m_core->stats().tlsHandshakes, 0);
        QCOMPARE(m_core->clientCount(), 1);
    }

    // Until its handshake ends a TLS connection is not a client: not in the
    // table or the count, routed nothing.
    void notAClientBeforeTheHandshakeEnds()
    {
        ServerOptions o = tlsOptions();
        o.mode = ServerOptions::Mode::Relay;
        QVERIFY(startCore(o));
        TestPeer *staller = peer();
        staller->sendRaw(QByteArray("\x16\x03\x01", 3));
        QTRY_COMPARE(m_core->connectionCount(), 1);
        TestPeer *member = tlsPeer();
        member->sendLine(u"member"_s);
        QTRY_VERIFY_WITH_TIMEOUT(logText().contains(u"member"_s), 20000);
        QCOMPARE(m_core->clientCount(), 1);
        QCOMPARE(m_core->clients().size(), 1);
        QCOMPARE(m_core->connectionCount(), 2);
    }

    // A TLS client sends far more than one read budget and closes (TLS
    // close_notify, then FIN): every line it sent is still read and handled.
    // (A client that closes with replies unread sends a reset instead, and
    // TCP then drops what the server had not read yet, TLS or not.)
    void everyLineBeforeTheCloseIsHandled()
    {
        ServerOptions o = tlsOptions();
        o.readBudget = 4096;
        QVERIFY(startCore(o));
        TestPeer *p = tlsPeer();
        // The welcome read first: the server sends nothing more, so the
        // client closes with nothing unread (a FIN, not a reset).
        p->sendLine(u"first"_s);
        QTRY_VERIFY_WITH_TIMEOUT(p->hasNoticeLine("welcome", u"Welcome client 1"_s), 20000);
        constexpr int kLines = 2000;
        QByteArray burst;
        for (int i = 0; i < kLines; ++i)
            burst += "line " + QByteArray::number(i).rightJustified(5, '0') + ' ' + QByteArray(40, 'x') + '\n';
        p->sendRaw(burst);
        QTRY_VERIFY_WITH_TIMEOUT(p->socket()->bytesToWrite() == 0 && p->sslSocket()->encryptedBytesToWrite() == 0,
                                 20000);
        p->socket()->disconnectFromHost();
        QTRY_COMPARE_WITH_TIMEOUT(liveSessions(), 0, 30000);
        // Every line was handled (the log keeps only its latest lines).
        QCOMPARE(m_core->stats().messagesIn, quint64(kLines + 1));
        QVERIFY(logText().contains(u"line 01999"_s));
        QVERIFY(logText().contains(u"connection closed by the client"_s));
    }

    // A kicked TLS client that keeps sending still gets its goodbye, then
    // the connection ends.
    void kickedWhileSendingHearsWhy()
    {
        QVERIFY(startCore(tlsOptions()));
        TestPeer *p = tlsPeer();
        p->sendLine(u"hello"_s);
        QTRY_VERIFY_WITH_TIMEOUT(logText().contains(u"hello"_s), 20000);
        for (int i = 0; i < 200; ++i)
            p->sendLine(QString(1000, u'k'));
        m_core->disconnectClients({ 1 });
        for (int i = 0; i < 200; ++i)
            p->sendLine(QString(1000, u'k'));
        QTRY_VERIFY_WITH_TIMEOUT(p->hasNoticeLine("disconnect", u"kicked by the server"_s), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(p->isClosed(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(liveSessions(), 0, 20000);
    }

    // A TLS client that sends a line and closes at once: the line is still
    // handled (read before the end of the connection).
    void lineThenCloseIsNotLost()
    {
        QVERIFY(startCore(tlsOptions()));
        TestPeer *p = tlsPeer();
        QVERIFY(QSignalSpy(p->sslSocket(), &QSslSocket::encrypted).wait(20000));
        p->sendLine(u"last words"_s);
        p->socket()->disconnectFromHost();
        QTRY_VERIFY(logText().contains(u"last words"_s));
        QTRY_COMPARE(liveSessions(), 0);
    }
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
