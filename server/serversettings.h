// The server settings that persist with QSettings (organization "SocketHub",
// application "socket-server"): port, bind, mode, framing and welcome text.
// The window's geometry is stored by the window under kGeometryKey.
#pragma once

#include "serveroptions.h"

class QSettings;

namespace ServerSettings {

inline constexpr char kPortKey[] = "server/port";
inline constexpr char kBindKey[] = "server/bind";
inline constexpr char kModeKey[] = "server/mode";
inline constexpr char kFramingKey[] = "server/framing";
inline constexpr char kWelcomeKey[] = "server/welcomeText";
inline constexpr char kGeometryKey[] = "window/geometry";

// Overwrites the fields of options that the settings hold.
void load(QSettings &settings, ServerOptions &options);
void save(QSettings &settings, const ServerOptions &options);

} // namespace ServerSettings
