// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// One asynchronous connection to Redis (hiredis 0.14's async API, driven by
// its Qt adapter on this object's thread): it connects, authenticates,
// and reconnects after any loss with a backoff that doubles up to a bound,
// with jitter, so that instances do not return in step. Nothing blocks: a
// command is queued with a callback, which gets the reply, or null when the
// connection was lost before it came (the caller decides to resend).
//
// The host must be an IP address: hiredis resolves names with a blocking
// getaddrinfo() (FederationAddress refuses names).
#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

struct redisAsyncContext;
struct redisReply;
class QTimer;
class RedisQtAdapter;

class RedisConnection : public QObject
{
    Q_OBJECT

public:
    // The first retry comes after kMinRetryMs, each next one after twice as
    // long up to kMaxRetryMs, each ±kJitterPercent.
    static constexpr int kMinRetryMs = 100;
    static constexpr int kMaxRetryMs = 1000;
    static constexpr int kJitterPercent = 25;
    // Connected and answering (AUTH or PING) within this, or abandoned: a
    // connect to a cut-off host would otherwise wait for the kernel.
    static constexpr int kConnectTimeoutMs = 3000;

    using Reply = std::function<void(const redisReply *reply)>;

    // role: what it is for, in log lines ("writer", "reader").
    RedisConnection(QString host, quint16 port, QByteArray password, QString role, QObject *parent = nullptr);
    ~RedisConnection() override;

    // Connects (and reconnects after every loss) until destroyed.
    void start();
    bool isReady() const { return m_ready; }
    // Sends a command; false (and no callback) when not ready.
    bool command(const QList<QByteArray> &argv, Reply reply);
    // Drops the connection at once, as a loss (lost()), and reconnects: a
    // reply overdue, a refused password.
    void reset();

Q_SIGNALS:
    // Connected and authenticated: commands may go.
    void ready();
    // The connection was lost; why (never the password). A retry follows.
    void lost(const QString &why);
    // AUTH was refused: retried all the same (the password may be set later).
    void authFailed(const QString &why);

private:
    struct Pending;
    static void onConnect(const redisAsyncContext *context, int status);
    static void onDisconnect(const redisAsyncContext *context, int status);
    static void onReply(redisAsyncContext *context, void *reply, void *privdata);

    void connectNow();
    void connected();
    void gone(const QString &why);
    void retire();
    void abandon();
    void drop(const QString &why);
    void scheduleRetry();

    const QString m_host;
    const quint16 m_port;
    const QByteArray m_password;
    const QString m_role;
    redisAsyncContext *m_context = nullptr;
    RedisQtAdapter *m_adapter = nullptr;
    QTimer *m_retryTimer;
    QTimer *m_connectTimer;
    int m_retryMs = kMinRetryMs;
    // A retired adapter is pointed here before it is deleted (later: it
    // may be in its own slot), as its destructor writes to its context.
    std::unique_ptr<redisAsyncContext> m_parking;
    bool m_ready = false;
};
