// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// TlsTransport against a real OpenSSL client over a loopback TCP connection,
// both non-blocking and driven in turn by the test, which waits with poll()
// for the bytes each side needs (no event loop, no sleeps). After
// a TLS 1.3 handshake the transport protects the records itself
// (TlsRecordLayer) and frees OpenSSL's connection; these check that the
// client cannot tell: every suite, key updates both ways, close_notify, and
// that a bad record is refused with the alert RFC 8446 names.
#include "../common/testcertificate.h"
#include "tlscontext.h"
#include "tlsrecordlayer.h"
#include "tlstransport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <poll.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

// A connected loopback pair: [0] the server's end, [1] the client's.
bool connectedPair(int fds[2])
{
    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    bool ok = listener >= 0 && ::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof(address)) == 0
              && ::listen(listener, 1) == 0
              && ::getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length) == 0;
    fds[1] = ok ? ::socket(AF_INET, SOCK_STREAM, 0) : -1;
    ok = ok && ::connect(fds[1], reinterpret_cast<sockaddr *>(&address), sizeof(address)) == 0;
    fds[0] = ok ? ::accept(listener, nullptr, nullptr) : -1;
    if (listener >= 0)
        ::close(listener);
    for (int i = 0; ok && i < 2; ++i)
        ok = ::fcntl(fds[i], F_SETFL, ::fcntl(fds[i], F_GETFL) | O_NONBLOCK) == 0;
    return ok && fds[0] >= 0;
}

// Waits until one of the descriptors (-1: none) has something to read, or
// an end: false after 20 s.
bool waitReadable(int fd, int other = -1)
{
    pollfd p[2] = { { fd, POLLIN, 0 }, { other, POLLIN, 0 } };
    int n;
    do {
        n = ::poll(p, 2, 20000);
    } while (n < 0 && errno == EINTR);
    return n > 0;
}

struct SslCtxDeleter
{
    void operator()(SSL_CTX *ctx) const { SSL_CTX_free(ctx); }
};
struct SslDeleter
{
    void operator()(SSL *ssl) const { SSL_free(ssl); }
};

} // namespace

class TestTlsRecords : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestCertificate m_cert;
    std::shared_ptr<const TlsContext> m_context;

    // One connection: the transport on the server's end, an OpenSSL client
    // on the other.
    struct Link
    {
        int fds[2] = { -1, -1 };
        std::unique_ptr<TlsTransport> server;
        std::unique_ptr<SSL_CTX, SslCtxDeleter> clientContext;
        std::unique_ptr<SSL, SslDeleter> client;
        ~Link()
        {
            client.reset();
            server.reset();
            for (int fd : fds) {
                if (fd >= 0)
                    ::close(fd);
            }
        }
    };

    // Connects and shakes hands; the client offers only suites (TLS 1.3)
    // or only TLS 1.2 when maxVersion says so.
    std::unique_ptr<Link> connectLink(const char *suites = nullptr, int maxVersion = TLS1_3_VERSION)
    {
        auto link = std::make_unique<Link>();
        if (!connectedPair(link->fds))
            return nullptr;
        link->server = std::make_unique<TlsTransport>(link->fds[0], m_context);
        link->clientContext.reset(SSL_CTX_new(TLS_client_method()));
        SSL_CTX_set_max_proto_version(link->clientContext.get(), maxVersion);
        if (suites)
            SSL_CTX_set_ciphersuites(link->clientContext.get(), suites);
        link->client.reset(SSL_new(link->clientContext.get()));
        SSL_set_fd(link->client.get(), link->fds[1]);
        SSL_set_connect_state(link->client.get());
        bool serverDone = false;
        bool clientDone = false;
        while (!(serverDone && clientDone)) {
            if (!clientDone) {
                const int r = SSL_do_handshake(link->client.get());
                clientDone = r == 1;
                if (!clientDone && SSL_get_error(link->client.get(), r) != SSL_ERROR_WANT_READ)
                    return nullptr;
            }
            if (!serverDone) {
                const Transport::Status s = link->server->handshake();
                if (s == Transport::Status::Failed)
                    return nullptr;
                serverDone = s == Transport::Status::Ok;
            }
            // Whoever is not done waits for the other's flight.
            if (!(serverDone && clientDone) && !waitReadable(serverDone ? -1 : link->fds[0], clientDone ? -1 : link->fds[1]))
                return nullptr;
        }
        ERR_clear_error();
        return link;
    }

    // What the server reads, max bytes at a time, until it has want bytes
    // and then until the kernel has no more; *last: the last read's status.
    static QByteArray serverRead(Link &link, qsizetype want, qint64 max, Transport::Status *last)
    {
        QByteArray all;
        QByteArray buffer(max, Qt::Uninitialized);
        for (;;) {
            const qint64 n = link.server->read(buffer.data(), max, last);
            all.append(buffer.constData(), n);
            if (*last == Transport::Status::Ok)
                continue;
            if (*last != Transport::Status::WouldBlock || all.size() >= want
                || !waitReadable(link.fds[0]))
                return all;
        }
    }

    // What the client reads until it has want bytes (or an error).
    static QByteArray clientRead(SSL *client, int fd, qsizetype want)
    {
        QByteArray all;
        char buffer[4096];
        while (all.size() < want) {
            const int n = SSL_read(client, buffer, sizeof(buffer));
            if (n > 0) {
                all.append(buffer, n);
                continue;
            }
            if (SSL_get_error(client, n) != SSL_ERROR_WANT_READ || !waitReadable(fd))
                break;
        }
        ERR_clear_error();
        return all;
    }

    static QByteArray pattern(qsizetype size)
    {
        QByteArray bytes(size, Qt::Uninitialized);
        for (qsizetype i = 0; i < size; ++i)
            bytes[i] = char('a' + i % 23);
        return bytes;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_cert = TestCertificate::make(m_dir.path());
        QVERIFY2(m_cert.isValid(), qPrintable(m_cert.error));
        QFile cert(m_cert.certFile);
        QFile key(m_cert.keyFile);
        QVERIFY(cert.open(QIODevice::ReadOnly) && key.open(QIODevice::ReadOnly));
        QString error;
        m_context = TlsContext::create(cert.readAll(), key.readAll(), &error);
        QVERIFY2(m_context, qPrintable(error));
    }

    // Each TLS 1.3 suite: the transport takes the records over, and bytes
    // cross both ways, a write of many buffers arriving whole and in order.
    void tls13RecordsAreTakenOver_data()
    {
        QTest::addColumn<QByteArray>("suite");
        QTest::newRow("AES-128-GCM") << "TLS_AES_128_GCM_SHA256"_ba;
        QTest::newRow("AES-256-GCM") << "TLS_AES_256_GCM_SHA384"_ba;
        QTest::newRow("ChaCha20-Poly1305") << "TLS_CHACHA20_POLY1305_SHA256"_ba;
    }
    void tls13RecordsAreTakenOver()
    {
        QFETCH(QByteArray, suite);
        auto link = connectLink(suite.constData());
        QVERIFY(link);
        QCOMPARE(link->server->state(), TlsTransport::State::Records);
        QCOMPARE(link->server->security(), u"TLS 1.3"_s);
        QCOMPARE(SSL_CIPHER_get_name(SSL_get_current_cipher(link->client.get())), suite.constData());

        const QByteArray up = pattern(40000);
        QCOMPARE(SSL_write(link->client.get(), up.constData(), int(up.size())), int(up.size()));
        Transport::Status last;
        QCOMPARE(serverRead(*link, up.size(), 64 * 1024, &last), up);
        QCOMPARE(last, Transport::Status::WouldBlock);

        // Buffers of every size, across record boundaries.
        const QByteArray down = pattern(100000);
        QList<iovec> iov;
        for (qsizetype at = 0, step = 1; at < down.size(); at += step, step = step * 3 + 1)
            iov.append({ const_cast<char *>(down.constData()) + at, size_t(qMin(step, down.size() - at)) });
        Transport::Status status;
        QCOMPARE(link->server->write(iov.constData(), int(iov.size()), &status), down.size());
        QCOMPARE(status, Transport::Status::Ok);
        QCOMPARE(link->server->pendingOutput(), 0);
        QCOMPARE(clientRead(link->client.get(), link->fds[1], down.size()), down);
    }

    // A TLS 1.2 client: OpenSSL keeps the records, and they work.
    void tls12StaysWithOpenSsl()
    {
        auto link = connectLink(nullptr, TLS1_2_VERSION);
        QVERIFY(link);
        QCOMPARE(link->server->state(), TlsTransport::State::OpenSsl);
        QCOMPARE(link->server->security(), u"TLS 1.2"_s);
        QCOMPARE(SSL_write(link->client.get(), "up\n", 3), 3);
        Transport::Status last;
        QCOMPARE(serverRead(*link, 3, 1024, &last), "up\n"_ba);
        const QByteArray down = pattern(50000);
        const iovec one { const_cast<char *>(down.constData()), size_t(down.size()) };
        Transport::Status status;
        QCOMPARE(link->server->write(&one, 1, &status), down.size());
        QCOMPARE(clientRead(link->client.get(), link->fds[1], down.size()), down);
    }

    // The client updates its keys and asks for ours to change too: the
    // transport reads on with the new keys, answers, and writes with its
    // new ones; then again without the request.
    void keyUpdatesBothWays()
    {
        auto link = connectLink();
        QVERIFY(link);
        QCOMPARE(link->server->state(), TlsTransport::State::Records);
        SSL *client = link->client.get();
        Transport::Status last;
        for (const int kind : { SSL_KEY_UPDATE_REQUESTED, SSL_KEY_UPDATE_NOT_REQUESTED, SSL_KEY_UPDATE_REQUESTED }) {
            QCOMPARE(SSL_key_update(client, kind), 1);
            QCOMPARE(SSL_write(client, "after\n", 6), 6); // the update goes first
            QCOMPARE(serverRead(*link, 6, 1024, &last), "after\n"_ba);
            QCOMPARE(last, Transport::Status::WouldBlock);
            const QByteArray down = pattern(20000);
            const iovec one { const_cast<char *>(down.constData()), size_t(down.size()) };
            Transport::Status status;
            QCOMPARE(link->server->write(&one, 1, &status), down.size());
            QCOMPARE(clientRead(client, link->fds[1], down.size()), down);
        }
        QCOMPARE(link->server->state(), TlsTransport::State::Records);
    }

    // close_notify ends the input, after what came before it; ours ends
    // the client's.
    void closeNotifyEndsEachSide()
    {
        auto link = connectLink();
        QVERIFY(link);
        QCOMPARE(SSL_write(link->client.get(), "last\n", 5), 5);
        QVERIFY(SSL_shutdown(link->client.get()) >= 0);
        Transport::Status last;
        // Read until the end: what came before it, then End.
        QCOMPARE(serverRead(*link, 1024 * 1024, 1024, &last), "last\n"_ba);
        QCOMPARE(last, Transport::Status::End);
        QCOMPARE(link->server->shutdownWrite(), Transport::Status::Ok);
        QVERIFY(clientRead(link->client.get(), link->fds[1], 1).isEmpty());
        QCOMPARE(SSL_get_shutdown(link->client.get()) & SSL_RECEIVED_SHUTDOWN, SSL_RECEIVED_SHUTDOWN);
    }

    // A read budget smaller than a record: every byte still arrives, in
    // order, and the transport says it holds more.
    void aSmallReadBudgetGetsEveryByte()
    {
        auto link = connectLink();
        QVERIFY(link);
        const QByteArray up = pattern(50000);
        QCOMPARE(SSL_write(link->client.get(), up.constData(), int(up.size())), int(up.size()));
        char peeked[8];
        QCOMPARE(link->server->peek(peeked, sizeof(peeked)), qint64(sizeof(peeked)));
        QCOMPARE(QByteArray(peeked, sizeof(peeked)), up.left(sizeof(peeked)));
        QVERIFY(link->server->hasBufferedInput());
        Transport::Status last;
        QCOMPARE(serverRead(*link, up.size(), 1000, &last), up);
        QVERIFY(!link->server->hasBufferedInput());
    }

    // A record whose tag does not match, and one longer than TLS allows:
    // each ends its connection with the alert RFC 8446 names, and the
    // error says why.
    void badRecordsAreRefused_data()
    {
        QTest::addColumn<bool>("tooLong");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("alert");
        QTest::newRow("altered") << false << u"bad record mac"_s << u"bad record mac"_s;
        QTest::newRow("too long") << true << u"over the limit"_s << u"record overflow"_s;
    }
    void badRecordsAreRefused()
    {
        QFETCH(bool, tooLong);
        QFETCH(QString, reason);
        QFETCH(QString, alert);
        auto link = connectLink();
        QVERIFY(link);
        QByteArray raw;
        if (tooLong) {
            raw = QByteArray::fromHex("1703034200") + QByteArray(100, 'x');
        } else {
            // A real record from the client, one bit changed on its way.
            BIO *memory = BIO_new(BIO_s_mem());
            SSL_set0_wbio(link->client.get(), memory);
            QCOMPARE(SSL_write(link->client.get(), "hello\n", 6), 6);
            char *data = nullptr;
            const long size = BIO_get_mem_data(memory, &data);
            raw = QByteArray(data, size);
            raw[raw.size() - 3] = char(raw.at(raw.size() - 3) ^ 0x01);
            SSL_set0_wbio(link->client.get(), BIO_new_socket(link->fds[1], BIO_NOCLOSE));
        }
        QCOMPARE(::send(link->fds[1], raw.constData(), size_t(raw.size()), 0), ssize_t(raw.size()));
        Transport::Status last;
        QVERIFY(serverRead(*link, 1024 * 1024, 1024, &last).isEmpty());
        QCOMPARE(last, Transport::Status::Failed);
        QCOMPARE(link->server->state(), TlsTransport::State::Failed);
        QVERIFY2(link->server->errorString().contains(reason), qPrintable(link->server->errorString()));
        // The client hears the alert.
        char c;
        int r;
        while ((r = SSL_read(link->client.get(), &c, 1)) <= 0 && SSL_get_error(link->client.get(), r) == SSL_ERROR_WANT_READ)
            QVERIFY(waitReadable(link->fds[1]));
        QVERIFY(r <= 0);
        const unsigned long error = ERR_peek_last_error();
        ERR_clear_error();
        QVERIFY2(QString::fromLatin1(ERR_reason_error_string(error)).contains(alert),
                 ERR_reason_error_string(error));
    }
};

QTEST_GUILESS_MAIN(TestTlsRecords)
#include "tst_tlsrecords.moc"
