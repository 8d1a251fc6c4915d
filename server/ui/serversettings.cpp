// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "serversettings.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace ServerSettings {

QString absolutePath(const QString &path)
{
    if (path.isEmpty())
        return path;
    if (path == QLatin1String("~") || path.startsWith(QLatin1String("~/")))
        return QDir::cleanPath(QDir::homePath() + path.mid(1));
    return QDir::toNativeSeparators(QDir::cleanPath(QFileInfo(path).absoluteFilePath()));
}

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
    if (settings.contains(QLatin1String(kFederationKey)))
        options.federate = settings.value(QLatin1String(kFederationKey)).toString();
}

void save(QSettings &settings, const ServerOptions &options, Fields fields)
{
    const auto put = [&](Field field, const char *key, const QVariant &value) {
        if (fields.testFlag(field))
            settings.setValue(QLatin1String(key), value);
    };
    put(Field::Port, kPortKey, uint(options.port));
    put(Field::Bind, kBindKey, options.bind);
    put(Field::Mode, kModeKey, ServerOptions::modeName(options.mode));
    put(Field::Framing, kFramingKey, ServerOptions::framingSettingName(options.framing));
    put(Field::Welcome, kWelcomeKey, options.welcomeText);
    put(Field::Allow, kAllowKey, options.allow);
    put(Field::Deny, kDenyKey, options.deny);
    put(Field::TlsCert, kTlsCertKey, options.tlsCertFile);
    put(Field::TlsKey, kTlsKeyKey, options.tlsKeyFile);
    put(Field::AllowPlaintext, kAllowPlaintextKey, options.allowPlaintext);
    put(Field::Federation, kFederationKey, options.federate);
    // options.passwordDigest is deliberately not written.
}

} // namespace ServerSettings
