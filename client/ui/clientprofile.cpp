// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "clientprofile.h"

#include <QSettings>
#include <QUrl>

namespace {

const QString kLegacyGroup = QStringLiteral("client/");

} // namespace

ClientProfile::ClientProfile(const QString &name)
    : m_name(name.isEmpty() ? QLatin1String(kDefaultProfile) : name)
{
}

QSettings ClientProfile::settings()
{
    return QSettings(QStringLiteral("SocketHub"), QStringLiteral("socket-client"));
}

QString ClientProfile::settingsKey(const QString &profile, const QString &key)
{
    // Percent-encoded: a "/" in a name (the default profile is --name) is
    // no group of its own.
    return QLatin1String("profiles/") + QString::fromLatin1(QUrl::toPercentEncoding(profile)) + QLatin1Char('/')
        + key;
}

QString ClientProfile::trustedCertificateKey(const QString &peerLabel)
{
    return QLatin1String("tls/trusted/") + peerLabel;
}

QVariant ClientProfile::load(const char *key, const QVariant &defaultValue) const
{
    const QSettings s = settings();
    const QString own = settingsKey(m_name, QLatin1String(key));
    if (s.contains(own))
        return s.value(own);
    const QString legacy = kLegacyGroup + QLatin1String(key);
    if (m_name == QLatin1String(kDefaultProfile) && s.contains(legacy))
        return s.value(legacy);
    return defaultValue;
}

void ClientProfile::save(const char *key, const QVariant &value) const
{
    settings().setValue(settingsKey(m_name, QLatin1String(key)), value);
}

void ClientProfile::setRunOnly(const char *key, const QVariant &value)
{
    m_runOnly.insert(QLatin1String(key), value);
}

void ClientProfile::forgetRunOnly(const char *key)
{
    m_runOnly.remove(QLatin1String(key));
}

void ClientProfile::saveChoice(QSettings &s, const char *key, const QVariant &value)
{
    // What the command line gave, unchanged, is not the user's choice.
    if (const auto runOnly = m_runOnly.constFind(QLatin1String(key)); runOnly != m_runOnly.cend()) {
        if (*runOnly == value)
            return;
        m_runOnly.erase(runOnly);
    }
    s.setValue(settingsKey(m_name, QLatin1String(key)), value);
}

QString ClientProfile::trustedFingerprint(const QString &peerLabel)
{
    return settings().value(trustedCertificateKey(peerLabel)).toString();
}

void ClientProfile::trust(const QString &peerLabel, const QString &fingerprint)
{
    settings().setValue(trustedCertificateKey(peerLabel), fingerprint);
}
