// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The engine with two network threads (ServerController, --threads 2), as
// socket-server runs it: connections alternate between the threads, so in
// each test the clients that talk to each other live on different threads.
// What the threads share is what is tested: the cross-thread fan-out, flow
// control (a client congested on one thread holds back a sender on the
// other, and its eviction resumes it), server texts, kicks and bans, the
// client limit, names and the password lockout (ServerGroup). .ci/sanitize
// runs this test under ThreadSanitizer (docs/reliability.md).
#include "clientsession.h"
#include "eventlog.h"
#include "linefeeder.h"
#include "servercontroller.h"
#include "testpeer.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace LineFeed;
using Protocol::Framing;

class TestNetworkThreads : public QObject
{
    Q_OBJECT

private:
    static constexpr int kThreads = 2;

    std::unique_ptr<ServerController> m_controller;
    std::vector<std::unique_ptr<TestPeer>> m_peers;

    // A controller with kThreads network threads and these options,
    // listening on 127.0.0.1, port 0; null if it did not listen.
    ServerController *startController(ServerOptions options)
    {
        options.port = 0;
        options.bind = u"localhost"_s;
        options.networkThreads = kThreads;
        m_controller = std::make_unique<ServerController>(options);
        QSignalSpy listening(m_controller.get(), &ServerController::listeningChanged);
        m_controller->start();
        if (!listening.wait(30000) || !m_controller->isListening())
            return nullptr;
        return m_controller.get();
    }
    // A peer connected from the loopback address from (any of 127.0.0.0/8).
    TestPeer *peer(Framing framing = Framing::Lines, const QString &name = {}, const char *from = "127.0.0.1")
    {
        m_peers.push_back(std::make_unique<TestPeer>(framing, name));
        TestPeer *p = m_peers.back().get();
        if (!p->socket()->bind(QHostAddress(QString::fromLatin1(from)), 0))
            qWarning("could not bind %s", from);
        p->connectTo(m_controller->serverPort());
        return p;
    }
    // A lines peer that says hello first, so its framing is known at once.
    TestPeer *linesPeer(const QString &hello, const char *from = "127.0.0.1")
    {
        TestPeer *p = peer(Framing::Lines, {}, from);
        p->sendLine(hello);
        return p;
    }
    int logLinesContaining(const QString &text) const
    {
        return int(m_controller->log()->lines().filter(text).size());
    }

private Q_SLOTS:
    void cleanup()
    {
        m_peers.clear();
        m_controller.reset();
    }

    // Relay mode, four clients on alternating threads: reader A (#1, thread
    // 0), a client that stops reading (#2, thread 1), a sender writing as
    // fast as TCP takes it (#3, thread 0), reader B (#4, thread 1). While
    // the stalled client is congested (counted group-wide) the sender is
    // not read; the stalled client is evicted after the slow-consumer
    // timeout on its thread, which resumes the sender's; both readers get
    // every line in order, and the engine's memory stays far below what
    // was sent.
    void relayAcrossThreadsUnderBackpressure()
    {
        constexpr int kLineSize = 512;
        ServerOptions o = backpressureRelayOptions(1500);
        o.presenceLimit = 0; // the lines the readers get are counted exactly
        // What bounds the engine's memory here. The marks alone do not, as
        // tightly as with one thread: the sender's thread learns that a
        // client on the other thread is congested only once that thread has
        // taken the batches already handed to it (docs/reliability.md).
        o.maxBuffered = 1024 * 1024;
        QVERIFY(startController(o));

        TestPeer *readerA = linesPeer(u"reader a"_s);
        QTRY_VERIFY(readerA->hasLine(u"* welcome #1: Welcome client 1"_s));
        TestPeer *stalled = linesPeer(u"stalled"_s);
        QTRY_VERIFY(stalled->hasLine(u"* welcome #2: Welcome client 2"_s));
        QTRY_VERIFY(readerA->hasLine(u"#2: stalled"_s));
        QVERIFY(setPathBuffers(stalled, m_controller->serverPort(), 16 * 1024));
        stalled->pauseReading();
        TestPeer *sender = peer(); // silent until its first numbered line
        QTRY_COMPARE(m_controller->clientCount(), 3);
        TestPeer *readerB = linesPeer(u"reader b"_s);
        QTRY_VERIFY(readerB->hasLine(u"* welcome #4: Welcome client 4"_s));
        QTRY_VERIFY(readerA->hasLine(u"#4: reader b"_s));
        QTRY_COMPARE(m_controller->clientCount(), 4);

        LineFeeder feeder(sender, kLineSize);
        feeder.start();
        // The stalled client goes, as a slow consumer, by the timeout; the
        // sender goes on (it is read again) up to 3 MB at least.
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->stats().slowConsumers, 1u, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(qint64(feeder.sent()) * kLineSize >= 3 * 1024 * 1024, 30000);
        feeder.stop();

        const QString fromSender = u"#3: "_s;
        for (TestPeer *reader : { readerA, readerB }) {
            QTRY_COMPARE_WITH_TIMEOUT(countWithPrefix(reader->lines(), fromSender), feeder.sent(), 30000);
            const QString error = sequenceError(reader->lines(), fromSender, feeder.sent(), kLineSize);
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }
        QTRY_COMPARE(m_controller->clientCount(), 3);
        QVERIFY(sender->isConnected());
        QVERIFY(readerA->isConnected());
        QVERIFY(readerB->isConnected());
        QTRY_VERIFY(logLinesContaining(u"#2 left: slow consumer"_s) == 1);

        // Held back, not buffered: the global budget holds across threads
        // (a batch is counted by the thread that makes it, before it is
        // handed on), passed by one read's batch at most (its payload and
        // both encodings, and slack); nothing is held once the readers have
        // it all.
        const qint64 sent = qint64(feeder.sent()) * kLineSize;
        const qint64 peak = m_controller->stats().bufferedPeak;
        const qint64 bound = o.maxBuffered + 4 * o.readBudget;
        QVERIFY(sent > 2 * bound);
        QVERIFY2(peak > o.highWaterMark, qPrintable(u"bufferedPeak %1: never congested?"_s.arg(peak)));
        QVERIFY2(peak <= bound, qPrintable(u"bufferedPeak %1 > %2 (%3 bytes sent)"_s.arg(peak).arg(bound).arg(sent)));
        QTRY_COMPARE(m_controller->stats().buffered, 0);
    }

    // Server texts, direct sends, kicks and bans, given to the controller,
    // reach the clients of both threads; a ban made on one thread refuses
    // the address on the other; shutDown() closes both threads' clients.
    void serverTextsKicksAndBansReachEveryThread()
    {
        ServerOptions o;
        o.mode = ServerOptions::Mode::Relay;
        QVERIFY(startController(o));
        TestPeer *a = linesPeer(u"a"_s); // #1, thread 0
        QTRY_VERIFY(a->hasLine(u"* welcome #1: Welcome client 1"_s));
        TestPeer *bob = peer(Framing::Frames, u"bob"_s); // #2, thread 1
        QTRY_VERIFY(bob->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 2"_s));
        TestPeer *carol = peer(Framing::Frames, u"carol"_s); // #3, thread 0
        QTRY_VERIFY(carol->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 3"_s));
        TestPeer *mallory = linesPeer(u"m"_s, "127.0.0.2"); // #4, thread 1
        QTRY_VERIFY(mallory->hasLine(u"* welcome #4: Welcome client 4"_s));
        QTRY_COMPARE(m_controller->clientCount(), 4);

        QVERIFY(m_controller->sendToAll(u"to everyone"_s));
        QTRY_VERIFY(a->hasLine(u"to everyone"_s));
        QTRY_VERIFY(bob->hasText(u"to everyone"_s));
        QTRY_VERIFY(carol->hasText(u"to everyone"_s));
        QTRY_VERIFY(mallory->hasLine(u"to everyone"_s));
        QVERIFY(m_controller->sendTo({ 2, 3 }, u"to some"_s));
        QTRY_VERIFY(bob->hasNotice(Message::NoticeKind::Direct, u"to some"_s));
        QTRY_VERIFY(carol->hasNotice(Message::NoticeKind::Direct, u"to some"_s));

        // A relay from thread 1 reaches thread 0 and thread 1, in both framings.
        bob->sendText(u"from bob"_s);
        QTRY_VERIFY(a->hasLine(u"#2 bob: from bob"_s));
        QTRY_VERIFY(carol->hasText(u"from bob"_s, 2));
        QTRY_VERIFY(mallory->hasLine(u"#2 bob: from bob"_s));
        QVERIFY(!a->raw().contains("to some"));
        QVERIFY(!mallory->raw().contains("to some"));

        // Kicked and banned on thread 1; the next connection from that
        // address is accepted on thread 0 and refused there.
        m_controller->disconnectClients({ 4 }, 5);
        QTRY_VERIFY(mallory->isClosed());
        QVERIFY(mallory->hasLine(u"* disconnect #4: kicked and banned for 5 minutes"_s));
        TestPeer *again = linesPeer(u"back"_s, "127.0.0.2");
        QTRY_VERIFY(again->isClosed());
        QCOMPARE(again->lines(), QStringList{ u"* disconnect: banned from this server"_s });
        m_controller->unban(u"127.0.0.2"_s);
        TestPeer *welcome = linesPeer(u"welcome back"_s, "127.0.0.2");
        QTRY_VERIFY(welcome->hasLine(u"* welcome #5: Welcome client 5"_s));
        QTRY_VERIFY(a->hasLine(u"#5: welcome back"_s));

        QSignalSpy done(m_controller.get(), &ServerController::shutDownFinished);
        m_controller->shutDown();
        QVERIFY(done.wait(30000));
        for (TestPeer *p : { a, welcome })
            QTRY_VERIFY(p->hasNoticeLine("disconnect", u"server stopped listening"_s));
        for (TestPeer *p : { bob, carol })
            QTRY_VERIFY(p->hasNotice(Message::NoticeKind::Disconnect, u"server stopped listening"_s));
        QCOMPARE(m_controller->clientCount(), 0);
    }

    // The client limit and the names are the group's, not a thread's: the
    // limit counts both threads' clients, a client leaving on one thread
    // frees a place the other thread's next client takes, and a name taken
    // on one thread gets a suffix on the other.
    void limitAndNamesAreShared()
    {
        ServerOptions o;
        o.mode = ServerOptions::Mode::Relay;
        o.maxClients = 3;
        QVERIFY(startController(o));
        TestPeer *reader = linesPeer(u"reader"_s); // #1, thread 0
        QTRY_VERIFY(reader->hasLine(u"* welcome #1: Welcome client 1"_s));
        TestPeer *sam = peer(Framing::Frames, u"sam"_s); // #2, thread 1
        QTRY_VERIFY(sam->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 2"_s));
        TestPeer *copy = peer(Framing::Frames, u"sam"_s); // #3, thread 0
        QTRY_VERIFY(copy->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 3"_s));
        sam->sendText(u"one"_s);
        copy->sendText(u"two"_s);
        QTRY_VERIFY(reader->hasLine(u"#2 sam: one"_s));
        QTRY_VERIFY(reader->hasLine(u"#3 sam (2): two"_s));

        TestPeer *full = linesPeer(u"no room"_s); // accepted on thread 1
        QTRY_VERIFY(full->hasLine(u"* disconnect: server full (limit 3)"_s));
        QTRY_VERIFY(full->isClosed());

        sam->socket()->disconnectFromHost(); // thread 1's client leaves
        QTRY_COMPARE(m_controller->clientCount(), 2);
        TestPeer *next = peer(Framing::Frames, u"sam"_s); // thread 0
        QTRY_VERIFY(next->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 4"_s));
        next->sendText(u"three"_s);
        QTRY_VERIFY(reader->hasLine(u"#4 sam: three"_s));
        QTRY_COMPARE(m_controller->clientCount(), 3);
    }

    // The password lockout is judged for the whole group: wrong guesses on
    // both threads count together, and the lockout closes the address's
    // connections still waiting for the password on every thread.
    void lockoutReachesEveryThread()
    {
        const QString password = u"s3cret"_s;
        ServerOptions o;
        o.passwordDigest = ServerOptions::digestPassword(password);
        o.maxPasswordFailures = 4;
        o.passwordLockoutMs = 60000;
        o.maxPendingPerAddress = 0; // this test is about judging, not the pending bound
        QVERIFY(startController(o));
        QList<TestPeer *> waiting;
        for (int i = 0; i < 6; ++i) {
            waiting.append(peer());
            QTRY_VERIFY(waiting.constLast()->isConnected());
        }
        const QString prompt = ClientSession::passwordPromptText();
        for (TestPeer *p : std::as_const(waiting))
            QTRY_VERIFY(p->hasNoticeLine("info", prompt));
        // Two wrong guesses on each thread (connections alternate).
        for (int i = 0; i < 4; ++i)
            waiting[i]->sendLine(u"guess %1"_s.arg(i));
        const QString reason = u"locked out for 60 s after too many wrong passwords"_s;
        QTRY_VERIFY(logLinesContaining(u"127.0.0.1 is "_s + reason) == 1);
        // The two that never guessed, one per thread, are closed too.
        for (TestPeer *p : { waiting[4], waiting[5] }) {
            QTRY_VERIFY(p->isClosed());
            QVERIFY2(p->hasNoticeLine("disconnect", reason), p->raw().constData());
            QVERIFY(!p->raw().contains("welcome"));
        }
        QCOMPARE(m_controller->clientCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestNetworkThreads)
#include "tst_networkthreads.moc"
