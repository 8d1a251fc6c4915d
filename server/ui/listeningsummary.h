// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// What the server window's status bar says while listening: where, how
// open, and how many clients ("Listening on all interfaces (IPv4 and IPv6),
// port 8000 — open: no password, no TLS — 3 clients").
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

class ServerController;

class ListeningSummary
{
    Q_DECLARE_TR_FUNCTIONS(ServerWindow)

public:
    static QString text(const ServerController &controller);
    // "open: no password, no TLS" (all interfaces, no allow list),
    // "TLS, password required", "no TLS, no password", …
    static QString security(const ServerController &controller);
    // "all interfaces (IPv4 and IPv6), port 8000", "127.0.0.1:8000", with
    // "(any free port)" after it when port 0 was asked for.
    static QString place(const ServerController &controller);
    // The web page's address (docs/protocol.md, section 10):
    // "http://localhost:8000/" on all interfaces, the bound address
    // otherwise; https with a certificate.
    static QUrl webPage(const ServerController &controller);
};
