// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The Router seam (server/engine/routing/router.h): every send path of the
// engine goes through the group's Router, a delivery from elsewhere reaches
// the local clients, client ids come from the router, and a router that is
// backed up holds relay readers back. A recording double stands in for a
// federation.
#include "corefixture.h"
#include "localrouter.h"
#include "servergroup.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// Records every delivery; forwards to a LocalRouter while forwarding is on.
class RecordingRouter : public Router
{
public:
    explicit RecordingRouter(ServerGroup *group) : m_local(group) { }

    void route(const Delivery &delivery, ServerCore *origin) override
    {
        routed.append(delivery);
        if (forwarding)
            m_local.route(delivery, origin);
    }
    void deliverFromElsewhere(const Delivery &delivery) override { m_local.deliverFromElsewhere(delivery); }
    quint32 newClientId() override { return m_nextId++; }
    bool isBackedUp() const override { return backedUp; }

    QList<Router::Path> paths() const
    {
        QList<Router::Path> out;
        for (const Delivery &d : routed)
            out.append(d.path);
        return out;
    }

    QList<Delivery> routed;
    bool forwarding = true;
    bool backedUp = false;

private:
    LocalRouter m_local;
    quint32 m_nextId = 1001; // ids a federation would reserve for this instance
};

} // namespace

class TestRouter : public QObject, public CoreFixture
{
    Q_OBJECT

    std::shared_ptr<ServerGroup> m_group;
    RecordingRouter *m_router = nullptr;

    // A core whose group routes through a RecordingRouter.
    ServerCore *startRecorded(ServerOptions o)
    {
        m_group = std::make_shared<ServerGroup>(o.maxBuffered);
        auto router = std::make_unique<RecordingRouter>(m_group.get());
        m_router = router.get();
        m_group->setRouter(std::move(router));
        return startCore(o, m_group);
    }

private Q_SLOTS:
    void cleanup()
    {
        m_peers.clear();
        m_core.reset();
        m_router = nullptr;
        m_group.reset();
    }

    // Relay, echo, show, presence, broadcast, direct and kick: each is one
    // delivery through the router, with who it is from and for.
    void everySendPathGoesThroughTheRouter()
    {
        ServerOptions o;
        o.mode = ServerOptions::Mode::Relay;
        o.presenceHoldMs = 0;
        QVERIFY(startRecorded(o));
        TestPeer *a = linesPeer(u"a here"_s);
        QTRY_COMPARE(m_core->clientCount(), 1);
        TestPeer *b = linesPeer(u"b here"_s);
        QTRY_COMPARE(m_core->clientCount(), 2);
        // Ids come from the router.
        QTRY_VERIFY(a->hasLine(u"* welcome #1001: Welcome client 1001"_s));
        QTRY_VERIFY(b->hasLine(u"* welcome #1002: Welcome client 1002"_s));
        QTRY_VERIFY(a->hasLine(u"#1002: b here"_s));
        QVERIFY(m_router->paths().contains(Router::Path::Presence));
        QVERIFY(m_router->paths().contains(Router::Path::Relay));
        for (const Router::Delivery &d : std::as_const(m_router->routed)) {
            if (d.path == Router::Path::Relay && d.from == 1002) {
                QVERIFY(d.batch);
                QCOMPARE(d.batch->messages().constFirst().senderId, 1002u);
            }
        }

        m_router->routed.clear();
        QVERIFY(m_core->sendToAll(u"to all"_s));
        QVERIFY(m_core->sendTo({ 1002 }, u"to b"_s));
        QTRY_VERIFY(b->hasLine(u"* direct: to b"_s));
        QTRY_VERIFY(a->hasLine(u"* info: to all"_s) || a->raw().contains("to all"));
        QCOMPARE(m_router->paths(), (QList<Router::Path>{ Router::Path::Broadcast, Router::Path::Direct }));
        QCOMPARE(m_router->routed.at(1).to, (QList<quint32>{ 1002 }));

        ServerOptions echo = o;
        echo.mode = ServerOptions::Mode::Echo;
        m_core->setOptions(echo);
        m_router->routed.clear();
        a->sendLine(u"echo me"_s);
        QTRY_COMPARE(m_router->routed.size(), 1);
        QCOMPARE(m_router->routed.constFirst().path, Router::Path::Echo);
        QCOMPARE(m_router->routed.constFirst().to, (QList<quint32>{ 1001 }));

        ServerOptions show = o;
        show.mode = ServerOptions::Mode::Show;
        m_core->setOptions(show);
        m_router->routed.clear();
        a->sendLine(u"just show me"_s);
        QTRY_COMPARE(m_router->routed.size(), 1);
        QCOMPARE(m_router->routed.constFirst().path, Router::Path::Show);
        QCOMPARE(m_router->routed.constFirst().from, 1001u);

        m_router->routed.clear();
        m_core->disconnectClients({ 1002 }, 0);
        QCOMPARE(m_router->paths(), (QList<Router::Path>{ Router::Path::Kick }));
        QCOMPARE(m_router->routed.constFirst().to, (QList<quint32>{ 1002 }));
        QTRY_VERIFY(b->hasNoticeLine("disconnect", u"kicked by the server"_s));
    }

    // Nothing reaches a client around the router: with a router that drops
    // everything, a relay, a broadcast, a direct send and a kick do nothing.
    void nothingGoesAroundTheRouter()
    {
        ServerOptions o;
        o.mode = ServerOptions::Mode::Relay;
        QVERIFY(startRecorded(o));
        TestPeer *a = linesPeer(u"a here"_s);
        TestPeer *b = linesPeer(u"b here"_s);
        QTRY_COMPARE(m_core->clientCount(), 2);
        QTRY_VERIFY(a->hasLine(u"#1002: b here"_s));
        m_router->forwarding = false;
        m_router->routed.clear();
        b->sendLine(u"dropped"_s);
        QVERIFY(m_core->sendToAll(u"dropped too"_s));
        QVERIFY(m_core->sendTo({ 1001 }, u"dropped three"_s));
        m_core->disconnectClients({ 1001 });
        QTRY_COMPARE(m_router->routed.size(), 4);
        // A marker after them, routed: a has it, and nothing before it.
        m_router->forwarding = true;
        QVERIFY(m_core->sendTo({ 1001 }, u"marker"_s));
        QTRY_VERIFY(a->hasLine(u"* direct: marker"_s));
        QVERIFY2(!a->raw().contains("dropped"), a->raw().constData());
        QVERIFY(a->isConnected());
        QCOMPARE(m_core->clientCount(), 2);
    }

    // The entry for messages from elsewhere: a relayed text from a client of
    // another instance (an id this process never gave) reaches every local
    // client, in both framings, and is not routed on.
    void deliveryFromElsewhereReachesLocalClients()
    {
        ServerOptions o;
        o.mode = ServerOptions::Mode::Relay;
        QVERIFY(startRecorded(o));
        TestPeer *lines = linesPeer(u"hello"_s);
        TestPeer *frames = peer(Protocol::Framing::Frames, u"fred"_s);
        QTRY_COMPARE(m_core->clientCount(), 2);
        QTRY_VERIFY(!frames->messages().isEmpty());
        m_router->routed.clear();
        Message m = Message::makeText(u"from afar"_s, 70001, u"remote"_s);
        m.utf8 = m.text.toUtf8();
        FramingCensus::Framings both;
        auto batch = std::make_shared<const OutboundBatch>(QList<Message>{ m }, both, o.maxMessageSize);
        m_router->deliverFromElsewhere({ Router::Path::Relay, batch, 70001 });
        QTRY_VERIFY(lines->hasLine(u"#70001 remote: from afar"_s));
        QTRY_VERIFY(frames->hasText(u"from afar"_s, 70001));
        QVERIFY(m_router->routed.isEmpty());
    }

    // Back-pressure beyond local sessions: while the router is backed up a
    // relay client is not read; when it clears, what it sent is relayed.
    void backedUpRouterHoldsRelayReaders()
    {
        ServerOptions o;
        o.mode = ServerOptions::Mode::Relay;
        QVERIFY(startRecorded(o));
        TestPeer *a = linesPeer(u"a here"_s);
        TestPeer *b = linesPeer(u"b here"_s);
        QTRY_COMPARE(m_core->clientCount(), 2);
        QTRY_VERIFY(a->hasLine(u"#1002: b here"_s));
        m_router->backedUp = true;
        b->sendLine(u"held back"_s);
        QTRY_VERIFY(m_core->stats().pausedReaders > 0);
        QVERIFY(!a->raw().contains("held back"));
        m_router->backedUp = false;
        // The router says it is clear: every core resumes its readers.
        m_group->resumeReaders();
        QTRY_VERIFY(a->hasLine(u"#1002: held back"_s));
    }
};

QTEST_GUILESS_MAIN(TestRouter)
#include "tst_router.moc"
