// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Who becomes a client, decided for one network thread's ServerCore
// (docs/security.md): at accept, the access lists, bans and lockouts, the
// limits per address (connections, connections not yet admitted, new TLS
// connections per second) and --max-clients; later, the password. The state
// all threads share is the group's AccessPolicy; this class holds the
// decisions and their log lines (refusals are logged once, then counted).
//
// On a TLS server every refusal at accept is a close without a byte, as
// --deny's is: answering would cost a TLS handshake (about 1.65 ms of CPU
// and 60 to 90 KB while it lasts), which is what a flood from a banned
// address would spend. On a plain server a refused connection still hears
// why, in its own framing, except a denied one.
#pragma once

#include "engineevent.h"

#include <QHostAddress>
#include <QObject>
#include <QString>

class ClientSession;
class EventLog;
class QTimer;
class ServerGroup;
struct ServerOptions;
struct ServerSnapshot;

class Admission : public QObject
{
    Q_OBJECT

public:
    // Refused connections are logged one line for the first, then as a
    // count at most this often.
    static constexpr int kRefusalLogIntervalMs = 10000;

    // options: the core's, read at each decision.
    Admission(const ServerOptions *options, ServerGroup *group, EventLog *log, QObject *parent = nullptr);

    struct Decision
    {
        // Empty: admitted, and counted in (per address, pending, clients).
        QString refusal;
        // Closed at accept without a byte (no session, no handshake).
        bool silent = false;
    };
    // A new connection from peer. pending: it is not a client until a TLS
    // handshake or a password (counted against the pending limit).
    Decision decide(const QHostAddress &peer, quint16 port, bool pending);
    // Applies the options' access lists and limits to the group's policy.
    void applyRules();
    // Judges a password (null: none given). True: admitted. False: refused
    // with *refusal; *lockout, the lockout's reason, when this guess locked
    // the address out, so that its other connections waiting for a password
    // are closed too.
    bool checkPassword(ClientSession *session, const QByteArray &password, QString *refusal, QString *lockout);
    void noteRefusal(const QString &address, const QString &why);
    // Lifts the ban on one address (strictly parsed, as --deny reads it);
    // false when it is not one or was not banned.
    bool unban(const QString &address);
    // Fills the snapshot's bans when they changed (or one ended) since the
    // last one reported.
    void reportBans(ServerSnapshot *snapshot);

Q_SIGNALS:
    // A ban or lockout was added, or one ended (the window lists bans).
    void bansChanged();

private:
    void logRefusalCount();
    void logEvent(EngineEvent::Code code, const QStringList &args = {}, quint32 clientId = 0, int count = -1);

    const ServerOptions *m_options;
    ServerGroup *m_group;
    EventLog *m_log;
    QTimer *m_refusalLogTimer;
    int m_refusalsNotLogged = 0;
    // Bans as last reported in a snapshot; the timer reports the next end.
    quint64 m_bansReported = ~quint64(0);
    bool m_banEnded = false;
    QTimer *m_banExpiryTimer;
};
