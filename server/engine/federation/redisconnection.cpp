// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "redisconnection.h"

#include "serverlogging.h"

#include <QRandomGenerator>
#include <QTimer>

#include "redisqtadapter.h"
#include <hiredis/async.h>
#include <hiredis/hiredis.h>

#include <vector>

struct RedisConnection::Pending
{
    Reply reply;
};

RedisConnection::RedisConnection(QString host, quint16 port, QByteArray password, QString role, QObject *parent)
    : QObject(parent)
    , m_host(std::move(host))
    , m_port(port)
    , m_password(std::move(password))
    , m_role(std::move(role))
    , m_retryTimer(new QTimer(this))
    , m_connectTimer(new QTimer(this))
    , m_parking(std::make_unique<redisAsyncContext>())
{
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &RedisConnection::connectNow);
    m_connectTimer->setSingleShot(true);
    m_connectTimer->setInterval(kConnectTimeoutMs);
    connect(m_connectTimer, &QTimer::timeout, this, &RedisConnection::abandon);
}

RedisConnection::~RedisConnection()
{
    m_retryTimer->stop();
    m_connectTimer->stop();
    if (redisAsyncContext *context = m_context) {
        context->data = nullptr; // the callbacks it runs now find no connection
        retire(); // its adapter pointed away first: it outlives the context
        redisAsyncFree(context);
    }
    // Retired adapters (and the last one) go while their parking exists.
    const QList<RedisQtAdapter *> adapters = findChildren<RedisQtAdapter *>(Qt::FindDirectChildrenOnly);
    qDeleteAll(adapters);
}

void RedisConnection::start()
{
    connectNow();
}

void RedisConnection::connectNow()
{
    if (m_context)
        return;
    redisAsyncContext *context = redisAsyncConnect(qPrintable(m_host), m_port);
    if (!context) {
        gone(QStringLiteral("out of memory"));
        return;
    }
    if (context->err) {
        const QString why = QString::fromLocal8Bit(context->errstr);
        redisAsyncFree(context);
        gone(why);
        return;
    }
    context->data = this;
    m_adapter = new RedisQtAdapter(this);
    m_adapter->setContext(context);
    m_context = context;
    redisAsyncSetConnectCallback(context, &RedisConnection::onConnect);
    redisAsyncSetDisconnectCallback(context, &RedisConnection::onDisconnect);
    m_connectTimer->start();
}

void RedisConnection::abandon()
{
    drop(QStringLiteral("no answer within %1 ms").arg(kConnectTimeoutMs));
}

void RedisConnection::drop(const QString &why)
{
    // At once, replies pending or not (redisAsyncDisconnect() would wait
    // for them, from a Redis that may never answer). hiredis calls no
    // disconnect callback for it: this is the loss.
    redisAsyncContext *context = m_context;
    if (!context)
        return;
    context->data = nullptr; // its callbacks find no connection
    retire();
    redisAsyncFree(context); // replies pending get null (later, if in a callback)
    gone(why);
}

void RedisConnection::onConnect(const redisAsyncContext *context, int status)
{
    auto *self = static_cast<RedisConnection *>(context->data);
    if (!self)
        return;
    if (status != REDIS_OK) {
        // hiredis frees the context when this returns.
        self->gone(QString::fromLocal8Bit(context->errstr));
        return;
    }
    self->connected();
}

void RedisConnection::onDisconnect(const redisAsyncContext *context, int status)
{
    auto *self = static_cast<RedisConnection *>(context->data);
    if (!self)
        return;
    self->gone(status == REDIS_OK ? QStringLiteral("closed") : QString::fromLocal8Bit(context->errstr));
}

void RedisConnection::onReply(redisAsyncContext *, void *reply, void *privdata)
{
    std::unique_ptr<Pending> pending(static_cast<Pending *>(privdata));
    if (pending->reply)
        pending->reply(static_cast<const redisReply *>(reply));
}

void RedisConnection::connected()
{
    // Ready once Redis answers: AUTH with a password, else PING (a
    // connect alone may be the kernel's, for a Redis that is stopped).
    auto *pending = new Pending { [this](const redisReply *r) {
        if (!r)
            return; // lost: the retry asks again
        if (r->type == REDIS_REPLY_ERROR) {
            Q_EMIT authFailed(QString::fromUtf8(r->str, qsizetype(r->len)));
            m_retryMs = kMaxRetryMs;
            reset();
            return;
        }
        m_connectTimer->stop();
        m_ready = true;
        m_retryMs = kMinRetryMs;
        Q_EMIT ready();
    } };
    const QByteArray verb = m_password.isEmpty() ? QByteArrayLiteral("PING") : QByteArrayLiteral("AUTH");
    const char *argv[] = { verb.constData(), m_password.constData() };
    const size_t lengths[] = { size_t(verb.size()), size_t(m_password.size()) };
    if (redisAsyncCommandArgv(m_context, &RedisConnection::onReply, pending, m_password.isEmpty() ? 1 : 2, argv,
                              lengths)
        != REDIS_OK)
        delete pending;
}

bool RedisConnection::command(const QList<QByteArray> &argv, Reply reply)
{
    if (!m_ready || !m_context)
        return false;
    std::vector<const char *> args;
    std::vector<size_t> lengths;
    args.reserve(size_t(argv.size()));
    lengths.reserve(size_t(argv.size()));
    for (const QByteArray &a : argv) {
        args.push_back(a.constData());
        lengths.push_back(size_t(a.size()));
    }
    auto *pending = new Pending { std::move(reply) };
    if (redisAsyncCommandArgv(m_context, &RedisConnection::onReply, pending, int(args.size()), args.data(),
                              lengths.data())
        != REDIS_OK) {
        delete pending;
        return false;
    }
    return true;
}

void RedisConnection::reset()
{
    drop(QStringLiteral("dropped"));
}

void RedisConnection::gone(const QString &why)
{
    m_connectTimer->stop();
    const bool wasReady = std::exchange(m_ready, false);
    retire();
    if (wasReady)
        Q_EMIT lost(why);
    else
        qCDebug(lcServer) << "federation:" << m_role << "could not connect:" << why;
    scheduleRetry();
}

void RedisConnection::retire()
{
    // The context is freed by hiredis once its callback returns; the adapter
    // may be on the stack (its read slot), so it goes later, pointed away.
    m_context = nullptr;
    if (RedisQtAdapter *adapter = std::exchange(m_adapter, nullptr)) {
        m_parking->ev.data = nullptr;
        adapter->setContext(m_parking.get());
        adapter->deleteLater();
    }
}

void RedisConnection::scheduleRetry()
{
    const int jitter = m_retryMs * kJitterPercent / 100;
    const int delay = m_retryMs + int(QRandomGenerator::global()->bounded(2 * jitter + 1)) - jitter;
    m_retryMs = qMin(m_retryMs * 2, kMaxRetryMs);
    m_retryTimer->start(qMax(1, delay));
}
