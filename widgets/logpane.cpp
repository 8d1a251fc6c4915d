// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "logpane.h"

#include "controlescape.h"
#include "eventlog.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

LogPane::LogPane(EventLog *log, QWidget *parent)
    : QWidget(parent)
    , m_log(log)
    , m_view(new LogView(this))
    , m_searchEdit(new QLineEdit(this))
    , m_filterTimer(new QTimer(this))
    , m_hexToggle(new QCheckBox(tr("He&x"), this))
    , m_timestampCombo(new QComboBox(this))
    , m_clientFilterBar(new QFrame(this))
    , m_clientFilterLabel(new QLabel(m_clientFilterBar))
    , m_showAllButton(new QPushButton(tr("S&how all"), m_clientFilterBar))
    , m_jumpButton(new QPushButton(this))
    , m_clearButton(new QPushButton(tr("Clear"), this))
    , m_saveButton(new QPushButton(tr("Save log..."), this))
{
    m_view->setObjectName(QStringLiteral("logView"));
    m_searchEdit->setObjectName(QStringLiteral("logSearchEdit"));
    m_hexToggle->setObjectName(QStringLiteral("hexToggle"));
    m_timestampCombo->setObjectName(QStringLiteral("timestampCombo"));
    m_clientFilterBar->setObjectName(QStringLiteral("clientFilterBar"));
    m_clientFilterLabel->setObjectName(QStringLiteral("clientFilterLabel"));
    m_showAllButton->setObjectName(QStringLiteral("showAllButton"));
    m_jumpButton->setObjectName(QStringLiteral("jumpToLatestButton"));
    m_clearButton->setObjectName(QStringLiteral("clearButton"));
    m_saveButton->setObjectName(QStringLiteral("saveLogButton"));

    // The filter: as one types, after a pause; Enter at once; Escape clears.
    m_searchEdit->setPlaceholderText(tr("Filter"));
    m_searchEdit->setClearButtonEnabled(true);
    m_searchEdit->setAccessibleName(tr("Filter the log"));
    m_searchEdit->setToolTip(tr("Shows only the lines that contain this text, in any case (Ctrl+F)"));
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(kFilterDelayMs);
    connect(m_searchEdit, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_filterTimer, &QTimer::timeout, this, &LogPane::applyTextFilter);
    connect(m_searchEdit, &QLineEdit::returnPressed, this, &LogPane::applyTextFilter);
    auto *clearFilter = new QAction(m_searchEdit);
    clearFilter->setShortcut(QKeySequence(Qt::Key_Escape));
    clearFilter->setShortcutContext(Qt::WidgetShortcut);
    connect(clearFilter, &QAction::triggered, this, [this] {
        m_searchEdit->clear();
        applyTextFilter();
    });
    m_searchEdit->addAction(clearFilter);
    auto *findAction = new QAction(this);
    findAction->setShortcut(QKeySequence::Find);
    findAction->setShortcutContext(Qt::WindowShortcut);
    connect(findAction, &QAction::triggered, this, [this] {
        m_searchEdit->setFocus(Qt::ShortcutFocusReason);
        m_searchEdit->selectAll();
    });
    addAction(findAction);
    // Clear and Save log have no mnemonic left in either window (every
    // letter of theirs is taken there): they have the usual shortcuts.
    auto *saveAction = new QAction(this);
    saveAction->setShortcut(QKeySequence::Save);
    saveAction->setShortcutContext(Qt::WindowShortcut);
    connect(saveAction, &QAction::triggered, this, &LogPane::save);
    addAction(saveAction);
    auto *clearAction = new QAction(this);
    clearAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    clearAction->setShortcutContext(Qt::WindowShortcut);
    connect(clearAction, &QAction::triggered, m_log, &EventLog::clear);
    addAction(clearAction);
    m_saveButton->setToolTip(tr("Writes every line the log keeps to a file (Ctrl+S)"));
    m_clearButton->setToolTip(tr("Empties the log (Ctrl+Shift+L)"));

    m_hexToggle->setAccessibleName(tr("Show messages as hex bytes"));
    m_hexToggle->setToolTip(tr("Shows each message's bytes in hex, with the printable ones beside them"));
    connect(m_hexToggle, &QCheckBox::toggled, m_view, &LogView::setHexMode);

    auto *timestampLabel = new QLabel(tr("Ti&mestamps:"), this);
    timestampLabel->setBuddy(m_timestampCombo);
    m_timestampCombo->addItem(tr("Time"), int(LogView::TimestampMode::Time));
    m_timestampCombo->addItem(tr("Date and time"), int(LogView::TimestampMode::DateTime));
    m_timestampCombo->addItem(tr("Hidden"), int(LogView::TimestampMode::Hidden));
    m_timestampCombo->setAccessibleName(tr("Timestamps"));
    m_timestampCombo->setCurrentIndex(m_timestampCombo->findData(int(m_view->timestampMode())));
    connect(m_timestampCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index < 0)
            return;
        const auto mode = LogView::TimestampMode(m_timestampCombo->itemData(index).toInt());
        if (mode == m_view->timestampMode())
            return;
        m_view->setTimestampMode(mode);
        Q_EMIT timestampModeChanged(mode);
    });

    // The client filter's bar, shown only with one.
    m_clientFilterBar->setFrameShape(QFrame::StyledPanel);
    m_clientFilterBar->setAccessibleName(tr("Client filter"));
    m_clientFilterLabel->setTextFormat(Qt::PlainText);
    m_showAllButton->setAccessibleName(tr("Show all clients"));
    auto *barLayout = new QHBoxLayout(m_clientFilterBar);
    barLayout->setContentsMargins(6, 2, 6, 2);
    barLayout->addWidget(m_clientFilterLabel, 1);
    barLayout->addWidget(m_showAllButton);
    m_clientFilterBar->hide();
    connect(m_showAllButton, &QPushButton::clicked, this, [this] {
        clearClientFilter();
        m_view->setFocus(Qt::OtherFocusReason); // the button is gone
    });

    // Shown while the view does not follow and lines came in below.
    m_jumpButton->setAccessibleName(tr("Jump to latest"));
    m_jumpButton->setToolTip(tr("Scrolls to the newest line and follows new lines again (Ctrl+End)"));
    m_jumpButton->hide();
    connect(m_jumpButton, &QPushButton::clicked, this, [this] {
        m_view->jumpToLatest();
        m_view->setFocus(Qt::OtherFocusReason); // the button is gone
    });
    connect(m_view, &LogView::followingChanged, this, &LogPane::updateJumpButton);
    connect(m_view, &LogView::unseenLinesChanged, this, &LogPane::updateJumpButton);

    m_view->setLog(log);

    auto *tools = new QHBoxLayout;
    tools->addWidget(m_searchEdit, 1);
    tools->addWidget(m_hexToggle);
    tools->addSpacing(8);
    tools->addWidget(timestampLabel);
    tools->addWidget(m_timestampCombo);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_jumpButton);
    buttons->addStretch();
    buttons->addWidget(m_clearButton);
    buttons->addWidget(m_saveButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(tools);
    layout->addWidget(m_clientFilterBar);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);

    // Tab goes the way the pane reads: its tools, the log, its buttons.
    setTabOrder(m_searchEdit, m_hexToggle);
    setTabOrder(m_hexToggle, m_timestampCombo);
    setTabOrder(m_timestampCombo, m_showAllButton);
    setTabOrder(m_showAllButton, m_view);
    setTabOrder(m_view, m_jumpButton);
    setTabOrder(m_jumpButton, m_clearButton);
    setTabOrder(m_clearButton, m_saveButton);

    connect(m_clearButton, &QPushButton::clicked, log, &EventLog::clear);
    connect(m_saveButton, &QPushButton::clicked, this, &LogPane::save);

    m_prompt = [this] {
        return QFileDialog::getSaveFileName(this, tr("Save Log"), QString(),
                                            tr("Text files (*.txt *.log);;All files (*)"));
    };
}

void LogPane::setTimestampMode(LogView::TimestampMode mode)
{
    const int index = m_timestampCombo->findData(int(mode));
    if (index >= 0)
        m_timestampCombo->setCurrentIndex(index); // updates the view, signals
}

void LogPane::setHexMode(bool on)
{
    m_hexToggle->setChecked(on);
}

void LogPane::setClientFilter(quint32 clientId, const QString &label)
{
    if (clientId != 0) {
        const QString name = label.isEmpty() ? QStringLiteral("#%1").arg(clientId) : ControlEscape::escaped(label);
        m_clientFilterLabel->setText(tr("Showing %1 only").arg(name));
    }
    m_clientFilterBar->setVisible(clientId != 0);
    if (clientId == m_view->clientFilter())
        return;
    m_view->setClientFilter(clientId);
    Q_EMIT clientFilterChanged(clientId);
}

void LogPane::applyTextFilter()
{
    m_filterTimer->stop();
    m_view->setTextFilter(m_searchEdit->text());
}

void LogPane::updateJumpButton()
{
    const int unseen = m_view->unseenLines();
    const bool show = !m_view->isFollowing() && unseen > 0;
    if (show)
        m_jumpButton->setText(tr("&Jump to latest (%n new)", nullptr, unseen));
    m_jumpButton->setVisible(show);
}

void LogPane::save()
{
    const QString path = m_prompt();
    if (path.isEmpty())
        return;
    QString error;
    if (m_log->saveTo(path, &error)) {
        m_log->append(tr("Log saved to %1").arg(path));
        Q_EMIT saved(true, path);
    } else {
        m_log->append(tr("Could not save the log to %1: %2").arg(path, error));
        Q_EMIT saved(false, error);
    }
}
