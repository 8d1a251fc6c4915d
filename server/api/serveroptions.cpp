// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "serveroptions.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QHostAddress>

QString ServerOptions::defaultWelcomeText()
{
    return QCoreApplication::translate("ServerOptions", "Welcome client %1");
}

QString ServerOptions::welcomeFor(const QString &text, quint32 id)
{
    QString out;
    out.reserve(text.size() + 8);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar next = i + 1 < text.size() ? text.at(i + 1) : QChar();
        if (text.at(i) == QLatin1Char('%') && next == QLatin1Char('1')) {
            out += QString::number(id);
            ++i;
        } else if (text.at(i) == QLatin1Char('%') && next == QLatin1Char('%')) {
            out += QLatin1Char('%');
            ++i;
        } else {
            out += text.at(i);
        }
    }
    return out;
}

QByteArray ServerOptions::digestPassword(const QString &password)
{
    if (password.isEmpty())
        return {};
    return QCryptographicHash::hash(password.toUtf8(), QCryptographicHash::Sha256);
}

QString ServerOptions::modeName(Mode mode)
{
    switch (mode) {
    case Mode::Show: return QStringLiteral("show");
    case Mode::Echo: return QStringLiteral("echo");
    case Mode::Relay: return QStringLiteral("relay");
    }
    return QStringLiteral("show");
}

std::optional<ServerOptions::Mode> ServerOptions::modeFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("show"))
        return Mode::Show;
    if (n == QLatin1String("echo"))
        return Mode::Echo;
    if (n == QLatin1String("relay"))
        return Mode::Relay;
    return std::nullopt;
}

QString ServerOptions::framingSettingName(FramingSetting framing)
{
    switch (framing) {
    case FramingSetting::Auto: return QStringLiteral("auto");
    case FramingSetting::Lines: return QStringLiteral("lines");
    case FramingSetting::Frames: return QStringLiteral("frames");
    }
    return QStringLiteral("auto");
}

std::optional<ServerOptions::FramingSetting> ServerOptions::framingSettingFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("auto"))
        return FramingSetting::Auto;
    if (n == QLatin1String("lines"))
        return FramingSetting::Lines;
    if (n == QLatin1String("frames"))
        return FramingSetting::Frames;
    return std::nullopt;
}

QHostAddress ServerOptions::bindAddress(const QString &bind)
{
    const QString b = bind.trimmed();
    if (b.isEmpty() || b.compare(QLatin1String("any"), Qt::CaseInsensitive) == 0)
        return QHostAddress(QHostAddress::Any);
    if (b.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return QHostAddress(QHostAddress::LocalHost);
    QHostAddress a;
    if (!a.setAddress(b))
        return {};
    return a;
}

int ServerOptions::timeoutSweepIntervalMs() const
{
    // A quarter of the shortest timeout in force, between 10 ms and 1 s:
    // each one is applied at most a quarter late.
    int shortest = 0;
    for (const int ms : { handshakeTimeoutMs, messageTimeoutMs, pingIntervalMs, framesIdleTimeoutMs,
                          lineIdleTimeoutMs }) {
        if (ms > 0 && (shortest == 0 || ms < shortest))
            shortest = ms;
    }
    return shortest == 0 ? kMaxTimeoutSweepMs : qBound(kMinTimeoutSweepMs, shortest / 4, kMaxTimeoutSweepMs);
}
