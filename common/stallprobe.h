// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// A responsiveness probe: a 10 ms timer on the thread it lives on (the GUI
// thread) that records how late it fires. A late tick means the thread was
// busy: the window could not repaint or take input for that long.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

class StallProbe : public QObject
{
    Q_OBJECT

public:
    static constexpr int kIntervalMs = 10;

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
    }

    QTimer *m_timer;
    QElapsedTimer m_clock;
    qint64 m_maxStallMs = 0;
};
