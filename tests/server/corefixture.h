// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// What the tests of ServerCore share: a core listening on 127.0.0.1, port 0,
// with the options a test gives, and TestPeers connected to it. A test class
// derives from QObject first, then from this; its cleanup() calls
// resetFixture().
#pragma once

#include "clientsession.h"
#include "eventlog.h"
#include "servercore.h"
#include "testpeer.h"

#include <QStandardPaths>

#include <memory>
#include <vector>

class CoreFixture
{
public:
    virtual ~CoreFixture() = default;

protected:
    std::unique_ptr<ServerCore> m_core;
    std::vector<std::unique_ptr<TestPeer>> m_peers;

    // Called with the new core before it starts listening.
    virtual void coreMade(ServerCore *) { }

    // A core with these options, listening on 127.0.0.1:0; null if it
    // could not listen.
    // group: one with a router of the test's own (null: a group of its own).
    ServerCore *startCore(ServerOptions options = {}, std::shared_ptr<ServerGroup> group = {})
    {
        options.port = 0;
        options.bind = QStringLiteral("localhost");
        m_core = std::make_unique<ServerCore>(options, nullptr, std::move(group));
        coreMade(m_core.get());
        if (!m_core->start())
            return nullptr;
        return m_core.get();
    }
    TestPeer *peer(Protocol::Framing framing = Protocol::Framing::Lines, const QString &name = {})
    {
        m_peers.push_back(std::make_unique<TestPeer>(framing, name));
        TestPeer *p = m_peers.back().get();
        p->connectTo(m_core->serverPort());
        return p;
    }
    // A lines peer that speaks first, so its framing is known without the grace.
    TestPeer *linesPeer(const QString &hello = QStringLiteral("hi"))
    {
        TestPeer *p = peer();
        p->sendLine(hello);
        return p;
    }
    QString logText() const { return m_core->log()->lines().join(u'\n'); }
    // Sessions (and their sockets) still alive, including closing ones.
    int liveSessions() const
    {
        const int n = int(m_core->findChildren<ClientSession *>().size());
        if (n != m_core->connectionCount())
            qWarning("connectionCount() %d != %d sessions", m_core->connectionCount(), n);
        return n;
    }
    // The open session of client id, if any.
    ClientSession *session(quint32 id) const
    {
        const QList<ClientSession *> sessions = m_core->findChildren<ClientSession *>();
        for (ClientSession *s : sessions) {
            if (s->id() == id && s->isOpen())
                return s;
        }
        return nullptr;
    }
    static QString program(const QString &name)
    {
        const QString path = QStandardPaths::findExecutable(name);
        if (path.isEmpty())
            qWarning("%s is not installed; the README's setup (.ci/build) installs it", qPrintable(name));
        return path;
    }
    // Peers first (their sockets), then the core.
    void resetFixture()
    {
        m_peers.clear();
        m_core.reset();
    }
};
