// The server settings that persist with QSettings (organization "SocketHub",
// application "socket-server"): port, bind, mode, framing, welcome text, the
// allow and deny lists, and the TLS certificate and key paths with the
// allow-plaintext choice. The password is never stored, not even as its
// digest. The window's geometry and the log's timestamp mode are stored by
// the window under kGeometryKey and kLogTimestampsKey.
#pragma once

#include "serveroptions.h"

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
inline constexpr char kGeometryKey[] = "window/geometry";
// The log's timestamps: LogView::TimestampMode as a number (0 time, 1 date
// and time, 2 hidden), read and written by the window.
inline constexpr char kLogTimestampsKey[] = "window/logTimestamps";

// Overwrites the fields of options that the settings hold.
void load(QSettings &settings, ServerOptions &options);
void save(QSettings &settings, const ServerOptions &options);

} // namespace ServerSettings
