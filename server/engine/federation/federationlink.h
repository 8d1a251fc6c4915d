// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The federation's side in Redis, on the federation thread: two
// connections (RedisConnection), one that adds this instance's entries to
// the relay stream and one that reads everyone's (XREAD BLOCK holds its
// connection), and what the stream's order means.
//
// - Out: a delivery gets this instance's next sequence number and waits in
//   a queue until XADD succeeds (up to kMaxInFlight at once). Entries whose
//   reply was lost with a connection are sent again on the next one:
//   readers drop the copies by (origin, sequence), so a drop loses and
//   duplicates nothing. A queue past maxPendingBytes backs the relay up
//   (Router::isBackedUp()) until it halves.
// - In: XREAD from the last id seen, also after a reconnect; the first read
//   starts at the stream's end. Own entries, and copies, are skipped; a
//   sequence gap is counted, logged and told to the clients once; a bad entry
//   is counted and logged, nothing else.
// - Heartbeats every kHeartbeatMs name this instance and list its clients;
//   an instance silent for kInstanceTimeoutMs (while this one reads) is gone.
// - A reply that does not come within kReplyTimeoutMs (a partition: no
//   FIN, no RST) drops that connection, which then reconnects.
#pragma once

#include "federationcounters.h"
#include "relayentry.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

#include <deque>
#include <functional>

class QTimer;
class RedisConnection;

class FederationLink : public QObject
{
    Q_OBJECT

public:
    static constexpr int kMaxInFlight = 64;
    static constexpr int kReadCount = 256;
    static constexpr int kReadBlockMs = 1000;
    static constexpr int kReplyTimeoutMs = 3000;
    static constexpr int kHeartbeatMs = 2000;
    static constexpr int kInstanceTimeoutMs = 6000;
    // Ids: this many low bits count the instance's clients; the bits above
    // are its instance number (INCR sockethub:<NAME>:instances).
    static constexpr int kClientIdBits = 20;

    struct Settings
    {
        QString host;
        quint16 port = 0;
        QByteArray password;
        QString federation;   // NAME: the keys are sockethub:<NAME>:…
        QString instanceName; // for people: the table's Instance column, log lines
        int streamLength = 0;
        qsizetype maxPendingBytes = 0;
        qsizetype maxEntryBytes = 0;
    };
    // What the link tells its owner; called on the federation thread.
    struct Hooks
    {
        std::function<void(const RelayEntry &entry)> deliver;
        std::function<void(const QString &text)> log;
        // Entries of other instances were missed: tell the clients once.
        std::function<void(quint64 missed)> missedNotice;
        std::function<void(quint32 prefix)> instanceNumber;
        std::function<void()> drained; // no longer backed up
        // The other instances' clients changed (instance name per client).
        std::function<void(const QList<RelayEntry::Client> &clients, const QStringList &instances)> remoteClients;
    };

    FederationLink(Settings settings, FederationCounters *counters, Hooks hooks, QObject *parent = nullptr);
    ~FederationLink() override;

    void start();
    // Queues a delivery (its sequence number is given here).
    void publish(RelayEntry entry);
    // This instance's clients, for the next heartbeats.
    void setClients(const QList<RelayEntry::Client> &clients) { m_clients = clients; }
    QByteArray instanceId() const { return m_instanceId; }
    QByteArray streamKey() const;

private:
    struct Outgoing
    {
        QList<QByteArray> argv;
        qsizetype bytes = 0;
        int messages = 0;
    };
    struct Instance
    {
        QString name;
        qint64 lastSeenMs = 0;
        QList<RelayEntry::Client> clients;
    };

    void writerReady();
    void writerLost(const QString &why);
    void pump();
    void enqueue(const RelayEntry &entry);
    void heartbeat();
    void readerReady();
    void readerLost(const QString &why);
    void readNext();
    void readReply(const struct redisReply *reply);
    void take(const QByteArray &id, const QList<QByteArray> &fields);
    void sweep();
    void updateState();
    void reportRemote();
    bool backedUp() const { return m_pendingBytes > m_settings.maxPendingBytes; }

    const Settings m_settings;
    FederationCounters *const m_counters;
    const Hooks m_hooks;
    const QByteArray m_instanceId;
    RedisConnection *m_writer;
    RedisConnection *m_reader;
    QTimer *m_heartbeatTimer;
    QTimer *m_sweepTimer;
    std::deque<Outgoing> m_queue;
    int m_inFlight = 0;
    quint64 m_writerGeneration = 0;
    QElapsedTimer m_oldestSent; // since the oldest reply still awaited was asked
    qsizetype m_pendingBytes = 0;
    bool m_wasBackedUp = false;
    quint64 m_nextSequence = 1;
    bool m_instanceNumberAsked = false;

    quint64 m_readerGeneration = 0;
    QByteArray m_lastId; // empty: not read yet
    bool m_reading = false;
    QElapsedTimer m_readSent;
    QHash<QByteArray, quint64> m_lastSequence; // per origin
    QHash<QByteArray, Instance> m_instances;
    QList<RelayEntry::Client> m_clients;
    bool m_everConnected = false;
};
