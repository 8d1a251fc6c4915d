// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "totalslabel.h"

#include "servercontroller.h"

#include <QLocale>
#include <QTimer>

TotalsLabel::TotalsLabel(ServerController *controller, QWidget *parent)
    : QLabel(parent)
    , m_controller(controller)
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("totalsLabel"));
    setTextFormat(Qt::PlainText);
    m_timer->setInterval(kIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &TotalsLabel::sample);
    showTotals();
}

void TotalsLabel::restart(bool listening)
{
    m_lastStats = m_controller->stats();
    m_clock.start();
    m_messagesInPerSecond = m_messagesOutPerSecond = m_bytesInPerSecond = m_bytesOutPerSecond = 0;
    if (listening)
        m_timer->start();
    else
        m_timer->stop();
    showTotals();
}

void TotalsLabel::sample()
{
    const ServerSnapshot::Stats now = m_controller->stats();
    const qint64 ms = m_clock.restart();
    // Per second since the last sample; counters that went back (a core
    // restarted) start again from here.
    const auto perSecond = [ms](quint64 current, quint64 before) -> quint64 {
        return ms > 0 && current > before ? ((current - before) * 1000 + quint64(ms) / 2) / quint64(ms) : 0;
    };
    m_messagesInPerSecond = perSecond(now.messagesIn, m_lastStats.messagesIn);
    m_messagesOutPerSecond = perSecond(now.deliveries, m_lastStats.deliveries);
    m_bytesInPerSecond = perSecond(now.bytesIn, m_lastStats.bytesIn);
    m_bytesOutPerSecond = perSecond(now.bytesOut, m_lastStats.bytesOut);
    m_lastStats = now;
    showTotals();
}

void TotalsLabel::showTotals()
{
    const QLocale locale;
    const auto rate = [&locale](quint64 bytes) {
        return tr("%1/s").arg(locale.formattedDataSize(qint64(qMin<quint64>(bytes, INT64_MAX)), 1));
    };
    const int clients = m_controller->isListening() ? m_controller->clientCount() : 0;
    // "Clients: 3 · In: 12 msg/s, 1.2 KiB/s · Out: 36 msg/s, 3.5 KiB/s"
    const QString shown = tr("Clients: %1 · In: %2 msg/s, %3 · Out: %4 msg/s, %5")
                              .arg(locale.toString(clients), locale.toString(m_messagesInPerSecond),
                                   rate(m_bytesInPerSecond), locale.toString(m_messagesOutPerSecond),
                                   rate(m_bytesOutPerSecond));
    if (text() != shown)
        setText(shown);
    const ServerSnapshot::Stats total = m_controller->stats();
    setToolTip(
        tr("Messages from clients and messages delivered to clients (one per recipient) a second, and the "
           "bytes read and written a second. In all: %1 messages in, %2 out, %3 in, %4 out.")
            .arg(locale.toString(total.messagesIn), locale.toString(total.deliveries),
                 locale.formattedDataSize(qint64(qMin<quint64>(total.bytesIn, INT64_MAX)), 1),
                 locale.formattedDataSize(qint64(qMin<quint64>(total.bytesOut, INT64_MAX)), 1)));
}
