// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// A responsiveness probe: a 10 ms timer on the thread it lives on (the GUI
// thread) that records how late it fires. A late tick means the thread was
// busy: the window could not repaint or take input for that long.
#pragma once

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QObject>
#include <QTimer>

#include <ctime>

// Each stall over StallProbe::kReportedStallMs, with when it ended:
// QT_LOGGING_RULES="sockethub.stall.debug=true".
inline Q_LOGGING_CATEGORY(lcStall, "sockethub.stall", QtInfoMsg)

class StallProbe : public QObject
{
    Q_OBJECT

public:
    static constexpr int kIntervalMs = 10;
    // Stalls longer than this are logged (category sockethub.stall, debug).
    static constexpr int kReportedStallMs = 50;

    explicit StallProbe(QObject *parent = nullptr)
        : QObject(parent)
        , m_timer(new QTimer(this))
    {
        m_timer->setTimerType(Qt::PreciseTimer);
        m_timer->setInterval(kIntervalMs);
        connect(m_timer, &QTimer::timeout, this, &StallProbe::tick);
    }

    void start()
    {
        m_clock.start();
        m_timer->start();
    }
    // The longest delay past a tick's due time, in milliseconds.
    qint64 maxStallMs() const { return m_maxStallMs; }

private:
    void tick()
    {
        const qint64 late = m_clock.restart() - kIntervalMs;
        if (late > m_maxStallMs)
            m_maxStallMs = late;
        if (late > kReportedStallMs) {
            // When, on the clock perf -k CLOCK_MONOTONIC stamps its samples
            // with, so that a profile shows what the stall was.
            timespec now {};
            ::clock_gettime(CLOCK_MONOTONIC, &now);
            qCDebug(lcStall, "stall of %lld ms ending at %lld.%06ld (CLOCK_MONOTONIC)", static_cast<long long>(late),
                    static_cast<long long>(now.tv_sec), now.tv_nsec / 1000);
        }
    }

    QTimer *m_timer;
    QElapsedTimer m_clock;
    qint64 m_maxStallMs = 0;
};
