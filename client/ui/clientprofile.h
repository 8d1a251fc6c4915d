// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Where a socket-client window keeps its settings: a group of its own for
// each profile (--profile, by default --name), so that windows of different
// profiles do not overwrite each other's, and the certificates the user
// chose to trust, shared by all profiles. What the command line set is for
// that run only: a value is saved as the user's choice only once it
// differs from what the command line put there.
#pragma once

#include <QHash>
#include <QString>
#include <QVariant>

class QSettings;

class ClientProfile
{
public:
    static constexpr char kDefaultProfile[] = "default";

    // Keys within a profile's group ("profiles/NAME/host"). Before profiles
    // they were "client/host" and so on: the default profile still reads
    // those when it has no value of its own. The password is never saved:
    // there is no key for it.
    static constexpr char kHostKey[] = "host";
    static constexpr char kPortKey[] = "port";
    static constexpr char kNameKey[] = "name";
    static constexpr char kFramingKey[] = "framing";
    static constexpr char kAutoReconnectKey[] = "autoReconnect";
    static constexpr char kTlsKey[] = "tls";
    static constexpr char kEscapesKey[] = "escapes";
    static constexpr char kLineEndingKey[] = "lineEnding";
    static constexpr char kTimestampModeKey[] = "timestampMode";
    static constexpr char kGeometryKey[] = "geometry";

    explicit ClientProfile(const QString &name);

    QString name() const { return m_name; }
    // "profiles/alice/host"; the profile name is percent-encoded.
    static QString settingsKey(const QString &profile, const QString &key);
    // "tls/trusted/127.0.0.1:8443".
    static QString trustedCertificateKey(const QString &peerLabel);

    // This profile's value, or (default profile) the one saved before
    // profiles, or defaultValue.
    QVariant load(const char *key, const QVariant &defaultValue) const;
    // Saves at once (a choice made in the window).
    void save(const char *key, const QVariant &value) const;

    // The command line set key to value for this run.
    void setRunOnly(const char *key, const QVariant &value);
    // The user changed key: saved from now on.
    void forgetRunOnly(const char *key);
    // Saves value unless it is still what the command line set.
    void saveChoice(QSettings &settings, const char *key, const QVariant &value);

    // The fingerprint the user trusts for host:port (empty: none).
    static QString trustedFingerprint(const QString &peerLabel);
    static void trust(const QString &peerLabel, const QString &fingerprint);

    static QSettings settings();

private:
    QString m_name;
    // The values the command line set, by key.
    QHash<QString, QVariant> m_runOnly;
};
