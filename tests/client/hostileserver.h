// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// A hostile server for the client's hardening tests (issue 8): a QTcpServer
// on 127.0.0.1 (port 0) that greets or not, sends raw bytes, floods (pings,
// huge texts, an endless line) and may never read. The flood is written as
// the client takes it, with at most kInFlight bytes waiting in this socket,
// so the test process never holds the whole flood.
#pragma once

#include "codec.h"
#include "protocol.h"

#include <QHostAddress>
#include <QList>
#include <QTcpServer>
#include <QTcpSocket>

#include <functional>
#include <memory>

class HostileServer : public QObject
{
public:
    // The most of the flood queued in this socket at once.
    static constexpr qint64 kInFlight = 1024 * 1024;

    explicit HostileServer(QObject *parent = nullptr)
        : QObject(parent)
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection())
                accept(s);
        });
    }

    // Behaviour, set before the client connects.
    bool sendMagic = true;       // the frames magic first
    bool sendHello = true;       // then a hello
    QByteArray onAccept;         // raw bytes after any greeting
    bool reads = true;           // false: never reads what the client sends
    // The flood: unit(i) for i = 0, 1, ... floodCount - 1 (-1: endless),
    // written after onAccept. floodPauseAt stops it before that unit until
    // resumeFlood().
    std::function<QByteArray(qint64)> floodUnit;
    qint64 floodCount = -1;
    qint64 floodPauseAt = -1;

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }

    QTcpSocket *socket() const { return m_socket; }
    bool accepted() const { return m_socket != nullptr; }
    // The client closed or reset the connection.
    bool clientGone() const { return m_gone; }
    // Flood units handed to the socket so far.
    qint64 floodSent() const { return m_floodSent; }
    bool floodDone() const { return floodCount >= 0 && m_floodSent >= floodCount; }
    // Bytes the client sent, and the frames decoded from them (when it
    // speaks frames).
    QByteArray raw;
    QList<Message> received;
    // floodSent() when each received text arrived.
    QList<qint64> floodSentAtText;

    QList<QString> texts() const
    {
        QList<QString> out;
        for (const Message &m : received)
            if (m.type == Message::Type::Text)
                out.append(m.text);
        return out;
    }

    void resumeFlood()
    {
        floodPauseAt = -1;
        pump();
    }

    // Frame helpers.
    static QByteArray frame(const Message &message)
    {
        return Codec::create(Protocol::Framing::Frames)->encode(message);
    }
    static QByteArray greeting()
    {
        return Protocol::magic().toByteArray()
            + frame(Message::makeHello(QStringLiteral("hostile"), Protocol::kVersion));
    }

private:
    void accept(QTcpSocket *s)
    {
        if (m_socket) { // one client per test
            s->abort();
            s->deleteLater();
            return;
        }
        m_socket = s;
        s->setParent(this);
        m_codec = Codec::create(Protocol::Framing::Frames);
        if (!reads)
            s->setReadBufferSize(1); // Qt stops reading: the kernel's buffers fill up
        QByteArray first;
        if (sendMagic)
            first += Protocol::magic().toByteArray();
        if (sendHello)
            first += frame(Message::makeHello(QStringLiteral("hostile"), Protocol::kVersion));
        first += onAccept;
        if (!first.isEmpty())
            s->write(first);
        connect(s, &QTcpSocket::readyRead, this, [this, s] {
            if (reads)
                consume(s);
        });
        connect(s, &QTcpSocket::bytesWritten, this, &HostileServer::pump);
        connect(s, &QTcpSocket::errorOccurred, this, [this] { m_gone = true; });
        connect(s, &QTcpSocket::disconnected, this, [this] { m_gone = true; });
        pump();
    }

    void pump()
    {
        if (!m_socket || m_gone || !floodUnit || m_socket->state() != QAbstractSocket::ConnectedState)
            return;
        while (m_socket->bytesToWrite() < kInFlight && !floodDone()
               && (floodPauseAt < 0 || m_floodSent < floodPauseAt)) {
            m_socket->write(floodUnit(m_floodSent));
            ++m_floodSent;
        }
    }

    void consume(QTcpSocket *s)
    {
        const QByteArray data = s->readAll();
        raw += data;
        QList<Message> messages;
        m_codec->decode(data, messages);
        for (const Message &m : std::as_const(messages)) {
            if (m.type == Message::Type::Text)
                floodSentAtText.append(m_floodSent);
            received.append(m);
        }
    }

    QTcpServer m_server;
    QTcpSocket *m_socket = nullptr;
    std::unique_ptr<Codec> m_codec;
    qint64 m_floodSent = 0;
    bool m_gone = false;
};
