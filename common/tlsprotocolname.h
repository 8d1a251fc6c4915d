// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The name both programs show for a negotiated TLS version: in the client's
// window and log, and in the server's Security column and connect lines.
#pragma once

#include <QSsl>
#include <QString>

// "TLS 1.3", "TLS 1.2", "TLS" for any other TLS version, and empty for
// QSsl::UnknownProtocol (no session).
QString tlsProtocolName(QSsl::SslProtocol protocol);
