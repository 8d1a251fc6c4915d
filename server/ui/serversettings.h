// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The server settings that persist with QSettings (organization "SocketHub",
// application "socket-server"): port, bind, mode, framing, welcome text, the
// allow and deny lists, the TLS certificate and key paths with the
// allow-plaintext choice, and the federation's address. The password is
// never stored, not even as its digest. The window's geometry and the log's
// timestamp mode are stored by the window under kGeometryKey and
// kLogTimestampsKey.
//
// Only the window writes them, and only the fields the user set in it: what
// the command line gave is for its run only (README, "Settings").
#pragma once

#include "serveroptions.h"

#include <QFlags>

class QSettings;

namespace ServerSettings {

inline constexpr char kPortKey[] = "server/port";
inline constexpr char kBindKey[] = "server/bind";
inline constexpr char kModeKey[] = "server/mode";
inline constexpr char kFramingKey[] = "server/framing";
inline constexpr char kWelcomeKey[] = "server/welcomeText";
// Lists of rule texts ("10.0.0.0/8", "::1"), stored as given.
inline constexpr char kAllowKey[] = "access/allow";
inline constexpr char kDenyKey[] = "access/deny";
// Paths of the PEM files, never their contents.
inline constexpr char kTlsCertKey[] = "tls/certFile";
inline constexpr char kTlsKeyKey[] = "tls/keyFile";
inline constexpr char kAllowPlaintextKey[] = "tls/allowPlaintext";
// The federation's Redis address, redis://HOST:PORT[/NAME], never with a
// password (FederationField refuses one); empty: no federation.
inline constexpr char kFederationKey[] = "federation/address";
inline constexpr char kGeometryKey[] = "window/geometry";
// The log's timestamps: LogView::TimestampMode as a number (0 time, 1 date
// and time, 2 hidden), read and written by the window.
inline constexpr char kLogTimestampsKey[] = "window/logTimestamps";

// The fields that can be saved, each on its own: the window writes the one
// the user changed, never the others (which may hold the command line's).
enum class Field : quint16 {
    Port = 0x1,
    Bind = 0x2,
    Mode = 0x4,
    Framing = 0x8,
    Welcome = 0x10,
    Allow = 0x20,
    Deny = 0x40,
    TlsCert = 0x80,
    TlsKey = 0x100,
    AllowPlaintext = 0x200,
    Federation = 0x400,
    All = 0x7ff,
};
Q_DECLARE_FLAGS(Fields, Field)

// A certificate or key path as it is applied and saved: absolute, so that a
// later start from another folder finds the same file (issue 15). "~/" is
// the home folder; another relative path is taken from the current folder.
QString absolutePath(const QString &path);

// Overwrites the fields of options that the settings hold.
void load(QSettings &settings, ServerOptions &options);
// Writes the chosen fields of options; the others keep what was saved.
void save(QSettings &settings, const ServerOptions &options, Fields fields);

} // namespace ServerSettings

Q_DECLARE_OPERATORS_FOR_FLAGS(ServerSettings::Fields)
