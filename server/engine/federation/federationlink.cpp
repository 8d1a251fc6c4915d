// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "federationlink.h"

#include "redisconnection.h"
#include "serverlogging.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTimer>

#include <hiredis/hiredis.h>

namespace {

QByteArray text(const redisReply *r)
{
    return r && (r->type == REDIS_REPLY_STRING || r->type == REDIS_REPLY_STATUS || r->type == REDIS_REPLY_ERROR)
        ? QByteArray(r->str, qsizetype(r->len))
        : QByteArray();
}

QByteArray randomId()
{
    const quint64 v = QRandomGenerator::system()->generate64();
    return QByteArray::number(v, 16).rightJustified(16, '0');
}

qint64 idMs(const QByteArray &id)
{
    return id.left(id.indexOf('-')).toLongLong();
}

} // namespace

FederationLink::FederationLink(Settings settings, FederationCounters *counters, Hooks hooks, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_counters(counters)
    , m_hooks(std::move(hooks))
    , m_instanceId(randomId())
    , m_writer(new RedisConnection(m_settings.host, m_settings.port, m_settings.password, QStringLiteral("writer"), this))
    , m_reader(new RedisConnection(m_settings.host, m_settings.port, m_settings.password, QStringLiteral("reader"), this))
    , m_heartbeatTimer(new QTimer(this))
    , m_sweepTimer(new QTimer(this))
{
    connect(m_writer, &RedisConnection::ready, this, &FederationLink::writerReady);
    connect(m_writer, &RedisConnection::lost, this, &FederationLink::writerLost);
    connect(m_reader, &RedisConnection::ready, this, &FederationLink::readerReady);
    connect(m_reader, &RedisConnection::lost, this, &FederationLink::readerLost);
    connect(m_writer, &RedisConnection::authFailed, this, [this](const QString &why) {
        m_hooks.log(QStringLiteral("Federation: Redis refused the password (%1); retrying").arg(why));
    });
    m_heartbeatTimer->setInterval(kHeartbeatMs);
    connect(m_heartbeatTimer, &QTimer::timeout, this, &FederationLink::heartbeat);
    m_sweepTimer->setInterval(kReadBlockMs / 2);
    connect(m_sweepTimer, &QTimer::timeout, this, &FederationLink::sweep);
}

FederationLink::~FederationLink()
{
    // The connections go first: the replies they cancel find this whole.
    delete m_reader;
    m_reader = nullptr;
    delete m_writer;
    m_writer = nullptr;
}

QByteArray FederationLink::streamKey() const
{
    return "sockethub:" + m_settings.federation.toUtf8() + ":relay";
}

void FederationLink::start()
{
    m_counters->state.store(int(FederationStatus::State::Connecting), std::memory_order_relaxed);
    m_writer->start();
    m_reader->start();
    m_heartbeatTimer->start();
    m_sweepTimer->start();
}

void FederationLink::updateState()
{
    FederationStatus::State s = FederationStatus::State::Connected;
    if (!m_writer->isReady() || !m_reader->isReady())
        s = m_everConnected ? FederationStatus::State::Reconnecting : FederationStatus::State::Connecting;
    else
        m_everConnected = true;
    m_counters->state.store(int(s), std::memory_order_relaxed);
}

// ---- out

void FederationLink::publish(RelayEntry entry)
{
    entry.origin = m_instanceId;
    entry.originName = m_settings.instanceName;
    entry.sequence = m_nextSequence++;
    enqueue(entry);
}

void FederationLink::enqueue(const RelayEntry &entry)
{
    Outgoing out;
    out.argv = { "XADD", streamKey(), "MAXLEN", "~", QByteArray::number(m_settings.streamLength), "*" };
    out.argv += entry.fields();
    for (const QByteArray &a : std::as_const(out.argv))
        out.bytes += a.size();
    out.messages = int(entry.messages.size());
    m_pendingBytes += out.bytes;
    m_counters->pendingBytes.store(m_pendingBytes, std::memory_order_relaxed);
    m_wasBackedUp = m_wasBackedUp || backedUp();
    m_queue.push_back(std::move(out));
    pump();
}

void FederationLink::pump()
{
    while (m_writer->isReady() && m_inFlight < kMaxInFlight && size_t(m_inFlight) < m_queue.size()) {
        const quint64 generation = m_writerGeneration;
        const bool sent = m_writer->command(m_queue.at(size_t(m_inFlight)).argv, [this, generation](const redisReply *r) {
            if (!r || generation != m_writerGeneration)
                return; // lost with its connection: sent again on the next
            Outgoing done = std::move(m_queue.front());
            m_queue.pop_front();
            --m_inFlight;
            m_oldestSent.restart();
            m_pendingBytes -= done.bytes;
            m_counters->pendingBytes.store(m_pendingBytes, std::memory_order_relaxed);
            if (r->type == REDIS_REPLY_ERROR) {
                // Not retried: Redis refuses it, and would again.
                m_hooks.log(QStringLiteral("Federation: Redis refused an entry: %1").arg(QString::fromUtf8(text(r))));
            } else {
                m_counters->entriesOut.fetch_add(1, std::memory_order_relaxed);
                m_counters->messagesOut.fetch_add(quint64(done.messages), std::memory_order_relaxed);
            }
            if (m_wasBackedUp && m_pendingBytes <= m_settings.maxPendingBytes / 2) {
                m_wasBackedUp = false;
                m_hooks.drained();
            }
            pump();
        });
        if (!sent)
            return;
        if (m_inFlight == 0)
            m_oldestSent.start();
        ++m_inFlight;
    }
}

void FederationLink::writerReady()
{
    updateState();
    if (!m_instanceNumberAsked) {
        m_instanceNumberAsked = true;
        const QByteArray key = "sockethub:" + m_settings.federation.toUtf8() + ":instances";
        m_writer->command({ "INCR", key }, [this](const redisReply *r) {
            if (!r || r->type != REDIS_REPLY_INTEGER) {
                m_instanceNumberAsked = false; // asked again on the next connection
                return;
            }
            const quint32 limit = (quint32(1) << (32 - kClientIdBits)) - 1;
            m_hooks.instanceNumber(quint32(r->integer % limit) + 1);
        });
    }
    pump();
    heartbeat();
}

void FederationLink::writerLost(const QString &why)
{
    ++m_writerGeneration;
    m_inFlight = 0; // every entry not confirmed goes again, in order
    updateState();
    m_hooks.log(QStringLiteral("Federation: connection to Redis lost (%1); %2 entries wait; reconnecting")
                    .arg(why)
                    .arg(m_queue.size()));
}

void FederationLink::heartbeat()
{
    if (!m_writer->isReady())
        return; // a heartbeat is news only when it goes now
    RelayEntry e;
    e.kind = RelayEntry::Kind::Heartbeat;
    e.origin = m_instanceId;
    e.originName = m_settings.instanceName;
    e.clients = m_clients;
    enqueue(e);
}

// ---- in

void FederationLink::readerReady()
{
    updateState();
    m_reading = false;
    // Everyone heard before the loss gets a fresh timeout.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (Instance &i : m_instances)
        i.lastSeenMs = now;
    const quint64 generation = m_readerGeneration;
    m_reading = true; // a reply overdue drops the connection (sweep())
    m_readSent.start();
    if (m_lastId.isEmpty()) {
        // The first read starts at the stream's end.
        m_reader->command({ "XREVRANGE", streamKey(), "+", "-", "COUNT", "1" }, [this, generation](const redisReply *r) {
            if (!r || generation != m_readerGeneration)
                return;
            m_lastId = "0-0";
            if (r->type == REDIS_REPLY_ARRAY && r->elements == 1 && r->element[0]->type == REDIS_REPLY_ARRAY
                && r->element[0]->elements >= 1)
                m_lastId = text(r->element[0]->element[0]);
            readNext();
        });
        return;
    }
    // Back after a loss: is the last entry read still there? If not, Redis
    // lost its data (or trimmed past it) and what was added meanwhile is gone.
    m_reader->command({ "XRANGE", streamKey(), m_lastId, m_lastId }, [this, generation](const redisReply *r) {
        if (!r || generation != m_readerGeneration)
            return;
        if (m_lastId != "0-0" && r->type == REDIS_REPLY_ARRAY && r->elements == 0) {
            m_hooks.log(QStringLiteral("Federation: Redis no longer holds the last entry read (%1): it restarted "
                                       "without its data or trimmed past it; entries added meanwhile are lost "
                                       "(counted per instance as they are noticed)")
                            .arg(QString::fromLatin1(m_lastId)));
        }
        readNext();
    });
}

void FederationLink::readerLost(const QString &why)
{
    ++m_readerGeneration;
    m_reading = false;
    updateState();
    qCDebug(lcServer) << "federation: reader lost:" << why;
}

void FederationLink::readNext()
{
    const quint64 generation = m_readerGeneration;
    const bool sent = m_reader->command({ "XREAD", "COUNT", QByteArray::number(kReadCount), "BLOCK",
                                          QByteArray::number(kReadBlockMs), "STREAMS", streamKey(), m_lastId },
                                        [this, generation](const redisReply *r) {
                                            if (!r || generation != m_readerGeneration)
                                                return;
                                            m_reading = false;
                                            readReply(r);
                                            readNext();
                                        });
    if (sent) {
        m_reading = true;
        m_readSent.start();
    }
}

void FederationLink::readReply(const redisReply *r)
{
    if (r->type == REDIS_REPLY_ERROR) {
        m_hooks.log(QStringLiteral("Federation: XREAD failed: %1").arg(QString::fromUtf8(text(r))));
        return;
    }
    if (r->type != REDIS_REPLY_ARRAY)
        return; // nil: nothing new within the block time
    for (size_t s = 0; s < r->elements; ++s) {
        const redisReply *stream = r->element[s];
        if (stream->type != REDIS_REPLY_ARRAY || stream->elements != 2 || stream->element[1]->type != REDIS_REPLY_ARRAY)
            continue;
        const redisReply *entries = stream->element[1];
        for (size_t i = 0; i < entries->elements; ++i) {
            const redisReply *entry = entries->element[i];
            if (entry->type != REDIS_REPLY_ARRAY || entry->elements != 2)
                continue;
            const QByteArray id = text(entry->element[0]);
            QList<QByteArray> fields;
            const redisReply *f = entry->element[1];
            if (f->type == REDIS_REPLY_ARRAY) {
                fields.reserve(qsizetype(f->elements));
                for (size_t k = 0; k < f->elements; ++k)
                    fields.append(text(f->element[k]));
            }
            if (!id.isEmpty())
                m_lastId = id;
            take(id, fields);
        }
    }
}

void FederationLink::take(const QByteArray &id, const QList<QByteArray> &fields)
{
    RelayEntry::Fault fault = RelayEntry::Fault::None;
    QString why;
    const std::optional<RelayEntry> e = RelayEntry::parse(fields, m_settings.maxEntryBytes, &fault, &why);
    if (!e) {
        m_counters->rejected.fetch_add(1, std::memory_order_relaxed);
        m_hooks.log(QStringLiteral("Federation: skipped stream entry %1: %2")
                        .arg(QString::fromLatin1(id.left(40)), why));
        return;
    }
    if (e->origin == m_instanceId)
        return; // delivered here when it was routed
    m_counters->lagMs.store(qMax<qint64>(0, QDateTime::currentMSecsSinceEpoch() - idMs(id)), std::memory_order_relaxed);
    Instance &instance = m_instances[e->origin];
    const bool known = instance.lastSeenMs != 0;
    instance.name = e->originName;
    instance.lastSeenMs = QDateTime::currentMSecsSinceEpoch();
    if (!known) {
        m_counters->instancesSeen.store(int(m_instances.size()), std::memory_order_relaxed);
        m_hooks.log(QStringLiteral("Federation: instance %1 joined").arg(instance.name));
    }
    if (e->kind == RelayEntry::Kind::Heartbeat) {
        instance.clients = e->clients;
        reportRemote();
        return;
    }
    quint64 &last = m_lastSequence[e->origin];
    if (e->sequence <= last)
        return; // a copy sent again after a lost reply
    if (last != 0 && e->sequence > last + 1) {
        const quint64 missed = e->sequence - last - 1;
        m_counters->missed.fetch_add(missed, std::memory_order_relaxed);
        m_hooks.log(QStringLiteral("Federation: missed %1 entries from instance %2 (gap in its sequence)")
                        .arg(missed)
                        .arg(instance.name));
        m_hooks.missedNotice(missed);
    }
    last = e->sequence;
    m_counters->entriesIn.fetch_add(1, std::memory_order_relaxed);
    m_counters->messagesIn.fetch_add(quint64(e->messages.size()), std::memory_order_relaxed);
    m_hooks.deliver(*e);
}

void FederationLink::sweep()
{
    // A reply overdue: the connection is cut without a word. Drop it.
    if (m_reading && m_readSent.elapsed() > kReadBlockMs + kReplyTimeoutMs)
        m_reader->reset();
    if (m_inFlight > 0 && m_oldestSent.elapsed() > kReplyTimeoutMs)
        m_writer->reset();
    if (!m_reader->isReady())
        return; // silence now says nothing about the others
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    bool changed = false;
    for (auto it = m_instances.begin(); it != m_instances.end();) {
        if (now - it->lastSeenMs > kInstanceTimeoutMs) {
            m_hooks.log(QStringLiteral("Federation: instance %1 is gone (silent for %2 s)")
                            .arg(it->name)
                            .arg(kInstanceTimeoutMs / 1000));
            m_lastSequence.remove(it.key());
            it = m_instances.erase(it);
            changed = true;
        } else {
            ++it;
        }
    }
    if (changed) {
        m_counters->instancesSeen.store(int(m_instances.size()), std::memory_order_relaxed);
        reportRemote();
    }
}

void FederationLink::reportRemote()
{
    if (!m_hooks.remoteClients)
        return;
    QList<RelayEntry::Client> clients;
    QStringList instances;
    for (const Instance &i : std::as_const(m_instances)) {
        for (const RelayEntry::Client &c : i.clients) {
            clients.append(c);
            instances.append(i.name);
        }
    }
    m_hooks.remoteClients(clients, instances);
}
