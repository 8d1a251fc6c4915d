// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The log pane both windows show: the bounded LogView and its controls.
//
//   [Filter          ] [ ] Hex   Timestamps: [Time v]
//   Showing #3 only  [Show all]              (only with a client filter)
//   the log
//   [Jump to latest (12 new)]           [Clear] [Save log...]
//
// The filter field filters as one types (after a short pause; Enter at
// once, Escape clears it, Ctrl+F goes to it). "Jump to latest" shows while
// the view is not following and lines came in below (Ctrl+End in the view
// does the same). The windows keep the timestamp mode in their settings
// (timestampModeChanged) and set a client filter (setClientFilter).
//
// Saving asks for a path through a prompt that tests replace
// (setSavePathPrompt), so no modal dialog blocks a driven path.
#pragma once

#include "logview.h"

#include <QWidget>

#include <functional>

class EventLog;
class QCheckBox;
class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;

class LogPane : public QWidget
{
    Q_OBJECT

public:
    using SavePathPrompt = std::function<QString()>;

    // How long the filter waits for more typing before it searches.
    static constexpr int kFilterDelayMs = 150;

    explicit LogPane(EventLog *log, QWidget *parent = nullptr);

    LogView *view() const { return m_view; }
    // Replaces the file dialog that asks where to save. An empty answer
    // cancels.
    void setSavePathPrompt(SavePathPrompt prompt) { m_prompt = std::move(prompt); }

    LogView::TimestampMode timestampMode() const { return m_view->timestampMode(); }
    void setTimestampMode(LogView::TimestampMode mode);

    bool hexMode() const { return m_view->hexMode(); }
    void setHexMode(bool on);

    // Shows only the events from or about this client (LogEvent::clientId),
    // with a bar that says so and a button that shows all again. label
    // names the client on the bar ("#3 alice"); empty: "#3". 0: all.
    quint32 clientFilter() const { return m_view->clientFilter(); }
    void setClientFilter(quint32 clientId, const QString &label = {});
    void clearClientFilter() { setClientFilter(0); }

Q_SIGNALS:
    // After "Save log..." ran: ok, and the path or the reason it failed.
    void saved(bool ok, const QString &pathOrError);
    // From the combo box or setTimestampMode(): for the window's settings.
    void timestampModeChanged(LogView::TimestampMode mode);
    void clientFilterChanged(quint32 clientId);

private:
    void save();
    void applyTextFilter();
    void updateJumpButton();

    EventLog *m_log;
    LogView *m_view;
    QLineEdit *m_searchEdit;
    QTimer *m_filterTimer;
    QCheckBox *m_hexToggle;
    QComboBox *m_timestampCombo;
    QFrame *m_clientFilterBar;
    QLabel *m_clientFilterLabel;
    QPushButton *m_showAllButton;
    QPushButton *m_jumpButton;
    QPushButton *m_clearButton;
    QPushButton *m_saveButton;
    SavePathPrompt m_prompt;
};
