#include "serversettings.h"

#include <QSettings>

namespace ServerSettings {

void load(QSettings &settings, ServerOptions &options)
{
    bool ok = false;
    const uint port = settings.value(QLatin1String(kPortKey)).toUInt(&ok);
    if (ok && port <= 65535)
        options.port = quint16(port);
    const QString bind = settings.value(QLatin1String(kBindKey)).toString();
    if (!bind.isEmpty())
        options.bind = bind;
    if (const auto mode = ServerOptions::modeFromName(settings.value(QLatin1String(kModeKey)).toString()))
        options.mode = *mode;
    if (const auto framing = ServerOptions::framingSettingFromName(
            settings.value(QLatin1String(kFramingKey)).toString()))
        options.framing = *framing;
    if (settings.contains(QLatin1String(kWelcomeKey)))
        options.welcomeText = settings.value(QLatin1String(kWelcomeKey)).toString();
    // Stored as given; a rule that no longer parses reaches the core, which
    // logs that it ignored it, and the window, which shows why.
    if (settings.contains(QLatin1String(kAllowKey)))
        options.allow = settings.value(QLatin1String(kAllowKey)).toStringList();
    if (settings.contains(QLatin1String(kDenyKey)))
        options.deny = settings.value(QLatin1String(kDenyKey)).toStringList();
    if (settings.contains(QLatin1String(kTlsCertKey)))
        options.tlsCertFile = settings.value(QLatin1String(kTlsCertKey)).toString();
    if (settings.contains(QLatin1String(kTlsKeyKey)))
        options.tlsKeyFile = settings.value(QLatin1String(kTlsKeyKey)).toString();
    if (settings.contains(QLatin1String(kAllowPlaintextKey)))
        options.allowPlaintext = settings.value(QLatin1String(kAllowPlaintextKey)).toBool();
}

void save(QSettings &settings, const ServerOptions &options)
{
    settings.setValue(QLatin1String(kPortKey), uint(options.port));
    settings.setValue(QLatin1String(kBindKey), options.bind);
    settings.setValue(QLatin1String(kModeKey), ServerOptions::modeName(options.mode));
    settings.setValue(QLatin1String(kFramingKey), ServerOptions::framingSettingName(options.framing));
    settings.setValue(QLatin1String(kWelcomeKey), options.welcomeText);
    settings.setValue(QLatin1String(kAllowKey), options.allow);
    settings.setValue(QLatin1String(kDenyKey), options.deny);
    settings.setValue(QLatin1String(kTlsCertKey), options.tlsCertFile);
    settings.setValue(QLatin1String(kTlsKeyKey), options.tlsKeyFile);
    settings.setValue(QLatin1String(kAllowPlaintextKey), options.allowPlaintext);
    // options.passwordDigest is deliberately not written.
}

} // namespace ServerSettings
