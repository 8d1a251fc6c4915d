// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "clientwindow.h"

#include "certificatefingerprint.h"
#include "certificateprompt.h"
#include "connectionform.h"
#include "elidedlabel.h"
#include "eventlog.h"
#include "hostport.h"
#include "logpane.h"
#include "logview.h"
#include "messagecomposer.h"
#include "messageedit.h"
#include "quitaction.h"
#include "utf8.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QDateTime>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMetaEnum>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

#include <climits>
#include <cstdlib>
#include <cstring>

namespace {

// SOCKETHUB_PASSWORD, read once and removed from the environment, so that
// neither a child process nor /proc/PID/environ keeps it. unsetenv() only
// drops the entry: the bytes of the process's initial environment, which
// /proc/PID/environ shows, are overwritten first.
QString takeEnvironmentPassword()
{
    const char *name = Protocol::kPasswordEnvironmentVariable;
    char *value = std::getenv(name);
    if (!value)
        return {};
    const QString password = QString::fromLocal8Bit(value);
#ifdef Q_OS_LINUX
    std::memset(value, 0, std::strlen(value)); // the value only: unsetenv() still finds the name
#endif
    qunsetenv(name);
    return password;
}

} // namespace

ClientWindow::ClientWindow(QWidget *parent)
    : ClientWindow(QLatin1String(kDefaultProfile), parent)
{
}

ClientWindow::ClientWindow(const QString &profile, QWidget *parent)
    : QMainWindow(parent)
    , m_profile(profile)
    , m_controller(new ClientController(this))
    , m_log(m_controller->log())
{
    buildUi();
    loadSettings();
    // The first window of the process takes SOCKETHUB_PASSWORD (and removes
    // it from the environment); the field is never saved.
    if (const QString password = takeEnvironmentPassword(); !password.isEmpty())
        m_form->setPassword(password);

    bindLog();
    connect(m_controller, &ClientController::stateChanged, this, &ClientWindow::onStateChanged);
    connect(m_controller, &ClientController::errorOccurred, this, [this] {
        if (!m_controller->rejectedFingerprint().isEmpty())
            m_certificatePrompt->offer(m_controller->peerLabel(), m_controller->rejectedFingerprint(),
                                       m_controller->rejectedReason());
        // A refusal before any attempt (no host, a password too long)
        // changes no state, but the status must say why.
        updateState();
    });
    connect(m_controller, &ClientController::reconnectCountdown, this, &ClientWindow::updateState);
    connect(m_logPane, &LogPane::timestampModeChanged, this, [this](LogView::TimestampMode mode) {
        m_profile.save(ClientProfile::kTimestampModeKey,
                       QLatin1String(QMetaEnum::fromType<LogView::TimestampMode>().valueToKey(int(mode))));
    });
    connect(m_controller, &ClientController::shutdownFinished, this, &ClientWindow::closeFinished);

    updateState();
}

ClientWindow::~ClientWindow() = default;

void ClientWindow::bindLog()
{
    connect(m_controller, &ClientController::errorOccurred, m_log, &EventLog::append);
    connect(m_controller, &ClientController::passwordSent, this, [this] {
        m_log->append(tr("Sent the password: the server asked for it"));
    });
    connect(m_controller, &ClientController::passwordNotSent, this, [this](const QString &reason) {
        m_log->append(tr("Password not sent: %1").arg(reason));
    });
    connect(m_controller, &ClientController::sendFailed, m_log, &EventLog::append);
    connect(m_controller, &ClientController::textsNotSent, this, [this](const QStringList &texts) {
        // Taken, but held until the server showed what it is, and never
        // sent: not shown as sent.
        for (const QString &text : texts)
            m_log->appendEvent(LogEvent::message(LogEvent::Kind::Message, tr("me, not delivered"), text.toUtf8(),
                                                 false, QDateTime::currentMSecsSinceEpoch()));
    });
    connect(m_controller, &ClientController::disconnected, this, [this](const QString &reason) {
        // Errors were logged by errorOccurred; this is the user's own close.
        if (m_controller->lastError().isEmpty())
            m_log->append(tr("Disconnected from %1: %2").arg(m_controller->peerLabel(), reason));
    });
    connect(m_controller, &ClientController::reconnectScheduled, this, [this](int attempt, int delayMs) {
        // Whole units, rounded up as the countdown counts them.
        const int base = qMax(1, m_controller->reconnectBaseDelay());
        const int units = (delayMs + base - 1) / base;
        m_log->append(tr("Reconnecting in %1 s (attempt %2)").arg(QString::number(units), QString::number(attempt)));
    });
    connect(m_controller, &ClientController::messageSent, this, [this](const QString &, const QByteArray &bytes) {
        // "me: text", and in hex view the bytes that went out.
        bool invalid = false;
        Utf8::sanitized(bytes, &invalid);
        m_log->appendEvent(LogEvent::message(LogEvent::Kind::Message, tr("me"), bytes, invalid,
                                             QDateTime::currentMSecsSinceEpoch()));
    });
    connect(m_controller, &ClientController::shutdownFinished, this, [this](qint64 unsent) {
        if (unsent > 0)
            m_log->append(tr("Closed with %n byte(s) not sent to %1: the connection did not drain within %2 ms",
                             nullptr, int(qMin<qint64>(unsent, INT_MAX)))
                              .arg(m_controller->peerLabel(), QString::number(m_controller->shutdownTimeout())));
    });
}

void ClientWindow::onStateChanged(ClientController::State state)
{
    switch (state) {
    case ClientController::State::Connecting:
        m_log->append(tr("Connecting to %1 (%2)…")
                          .arg(m_controller->peerLabel(), QLatin1String(Protocol::framingName(m_controller->framing()))));
        break;
    case ClientController::State::Connected:
        m_certificatePrompt->hide();
        // The conversation is what the window is for now: the form folds
        // into a line (Connection setup, Alt+U, opens it), and what is
        // typed goes to the message box.
        m_formCollapsed = true;
        m_composer->messageEdit()->setFocus(Qt::OtherFocusReason);
        if (m_controller->isEncrypted())
            m_log->append(tr("Connected to %1 with %2 (server certificate SHA-256 %3)")
                              .arg(m_controller->peerLabel(), m_controller->tlsVersion(),
                                   m_controller->peerFingerprint()));
        else
            m_log->append(tr("Connected to %1").arg(m_controller->peerLabel()));
        break;
    case ClientController::State::Disconnected:
        m_formCollapsed = false;
        break;
    case ClientController::State::WaitingToReconnect:
        break;
    }
    updateState();
}

void ClientWindow::buildUi()
{
    setWindowTitle(tr("Socket Client"));

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);

    // Server, port, name, framing, password, TLS.
    m_form = new ConnectionForm(&m_profile, central);
    layout->addWidget(m_form);

    auto *connectRow = new QHBoxLayout;
    m_connectButton = new QPushButton(tr("&Connect To Server"), central);
    m_connectButton->setObjectName(QStringLiteral("connectButton"));
    m_disconnectButton = new QPushButton(tr("&Disconnect From Server"), central);
    m_disconnectButton->setObjectName(QStringLiteral("disconnectButton"));
    m_autoReconnectCheck = new QCheckBox(tr("&Reconnect automatically"), central);
    m_autoReconnectCheck->setObjectName(QStringLiteral("autoReconnectCheck"));
    connectRow->addWidget(m_connectButton);
    connectRow->addWidget(m_disconnectButton);
    connectRow->addWidget(m_autoReconnectCheck);
    // Once connected the form folds away; this line says what it holds, and
    // the button opens it again.
    m_connectionSummaryLabel = new ElidedLabel(central);
    m_connectionSummaryLabel->setObjectName(QStringLiteral("connectionSummaryLabel"));
    m_connectionSummaryLabel->setAccessibleName(tr("Connection"));
    connectRow->addWidget(m_connectionSummaryLabel, 1);
    m_connectionSetupButton = new QPushButton(tr("Connection set&up"), central);
    m_connectionSetupButton->setObjectName(QStringLiteral("connectionSetupButton"));
    m_connectionSetupButton->setCheckable(true);
    m_connectionSetupButton->setToolTip(tr("Show or hide the server, name, framing, password and TLS settings"));
    connectRow->addWidget(m_connectionSetupButton);
    layout->addLayout(connectRow);

    m_certificatePrompt = new CertificatePrompt(central);
    layout->addWidget(m_certificatePrompt);

    m_composer = new MessageComposer(m_controller, &m_profile, central);
    layout->addWidget(m_composer);

    // Message From Server.
    auto *logBox = new QGroupBox(tr("Message From Server"), central);
    auto *logLayout = new QVBoxLayout(logBox);
    m_logPane = new LogPane(m_log, logBox);
    // The conversation wraps long lines at their spaces, where they have
    // any (else anywhere). LogView wraps anywhere by default, for the cost
    // of an unbroken line; with its lines cut at LogView::kMaxLineLength
    // the cost is bounded: 100 unbroken lines of 8192 characters laid out
    // in 0.74 s against 0.33 s anywhere (Qt 6.4, offscreen, 2026-12-05, a
    // loaded 2-core machine).
    m_logPane->view()->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    logLayout->addWidget(m_logPane);
    layout->addWidget(logBox, 1);

    auto *closeRow = new QHBoxLayout;
    // The connection's counters, asked for a few times a second (never per
    // message) while connected.
    m_countersLabel = new ElidedLabel(central);
    m_countersLabel->setObjectName(QStringLiteral("countersLabel"));
    m_countersLabel->setAccessibleName(tr("Counters"));
    m_countersLabel->setAccessibleDescription(tr("Since the connection began: texts and notices received, "
                                                 "texts sent, and every byte each way (hellos, pings and "
                                                 "pongs too)"));
    closeRow->addWidget(m_countersLabel, 1);
    m_closeButton = new QPushButton(tr("Cl&ose"), central);
    m_closeButton->setObjectName(QStringLiteral("closeButton"));
    closeRow->addWidget(m_closeButton);
    layout->addLayout(closeRow);

    setCentralWidget(central);

    auto *statusCaption = new QLabel(tr("Connection Status:"), this);
    m_statusLabel = new ElidedLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    m_statusLabel->setAccessibleName(tr("Connection status"));
    statusBar()->addWidget(statusCaption);
    statusBar()->addWidget(m_statusLabel, 1);
    m_countersTimer = new QTimer(this);
    m_countersTimer->setInterval(kCountersIntervalMs);
    // A fresh status from the network thread; shown when it comes.
    connect(m_countersTimer, &QTimer::timeout, m_controller, &ClientController::refreshStatus);
    // A command given, a batch received, the counters: at most a few
    // dozen a second, never per message.
    connect(m_controller, &ClientController::statusUpdated, this, &ClientWindow::updateState);

    connect(m_connectButton, &QPushButton::clicked, this, &ClientWindow::connectToServer);
    connect(m_disconnectButton, &QPushButton::clicked, m_controller, &ClientController::disconnectFromHost);
    connect(m_autoReconnectCheck, &QCheckBox::toggled, this, [this](bool on) {
        m_controller->setAutoReconnect(on);
        m_profile.forgetRunOnly(ClientProfile::kAutoReconnectKey); // the user's choice now
        m_profile.save(ClientProfile::kAutoReconnectKey, on);
    });
    connect(m_closeButton, &QPushButton::clicked, this, &QWidget::close);
    connect(m_connectionSetupButton, &QPushButton::clicked, this, [this](bool open) {
        m_formCollapsed = !open;
        updateState();
    });
    connect(m_certificatePrompt, &CertificatePrompt::trusted, this, &ClientWindow::trustCertificate);
    connect(m_form, &ConnectionForm::serverEdited, m_certificatePrompt, &CertificatePrompt::retract);
    // Enter in a field of the form connects, as the button would.
    connect(m_form, &ConnectionForm::submitted, this, [this] {
        if (m_connectButton->isEnabled())
            connectToServer();
    });
    connect(m_form, &ConnectionForm::framingChanged, this, &ClientWindow::updateState);
    QuitAction::install(this);
}

void ClientWindow::loadSettings()
{
    m_form->loadSettings();
    m_autoReconnectCheck->setChecked(m_profile.load(ClientProfile::kAutoReconnectKey, false).toBool());
    m_composer->loadSettings();
    m_controller->setAutoReconnect(m_autoReconnectCheck->isChecked());
    // Before timestampModeChanged is connected: restoring it saves nothing.
    const QMetaEnum modes = QMetaEnum::fromType<LogView::TimestampMode>();
    bool known = false;
    const int mode = modes.keyToValue(
        m_profile.load(ClientProfile::kTimestampModeKey, QString()).toString().toLatin1().constData(), &known);
    if (known)
        m_logPane->setTimestampMode(LogView::TimestampMode(mode));
    const QByteArray geometry = m_profile.load(ClientProfile::kGeometryKey, QByteArray()).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(560, 600);
}

void ClientWindow::saveSettings()
{
    QSettings s = ClientProfile::settings();
    m_form->saveSettings(s);
    m_profile.saveChoice(s, ClientProfile::kAutoReconnectKey, m_autoReconnectCheck->isChecked());
}

void ClientWindow::setAutoReconnect(bool enabled)
{
    {
        // Not saved, as a click on the box would be.
        const QSignalBlocker blocker(m_autoReconnectCheck);
        m_autoReconnectCheck->setChecked(enabled);
    }
    m_controller->setAutoReconnect(enabled);
    m_profile.setRunOnly(ClientProfile::kAutoReconnectKey, enabled);
}

void ClientWindow::setTlsFingerprint(const QString &fingerprint)
{
    m_pinnedFingerprint = CertificateFingerprint::normalized(fingerprint);
}

void ClientWindow::connectToServer()
{
    saveSettings();
    const QString host = m_form->host();
    const quint16 port = m_form->port();
    m_controller->setName(m_form->name());
    m_controller->setFraming(m_form->framing());
    m_controller->setAutoReconnect(m_autoReconnectCheck->isChecked());
    m_controller->setTlsEnabled(m_form->tlsEnabled());
    // The certificate pinned for this run, or the one the user trusted for
    // this host and port.
    QString pin = m_pinnedFingerprint;
    if (pin.isEmpty())
        pin = ClientProfile::trustedFingerprint(hostPort(host, port));
    m_controller->setTlsPinnedFingerprint(pin);
    m_controller->setPassword(m_form->password());
    m_certificatePrompt->hide();
    m_controller->connectToHost(host, port);
}

void ClientWindow::trustCertificate(const QString &peer, const QString &fingerprint)
{
    ClientProfile::trust(peer, fingerprint);
    m_log->append(tr("Trusting the certificate of %1 from now on (SHA-256 %2)").arg(peer, fingerprint));
    // The user's choice outranks a pin of this run that named another.
    if (m_pinnedFingerprint != fingerprint)
        m_pinnedFingerprint.clear();
    m_form->setTlsChecked(true);
    connectToServer();
}

void ClientWindow::updateCounters()
{
    const ClientController::Counters c = m_controller->counters();
    const QLocale locale;
    const auto count = [](quint64 n) { return int(qMin<quint64>(n, INT_MAX)); };
    const QString text = tr("In: %1, %2 · Out: %3, %4")
                             .arg(tr("%n message(s)", nullptr, count(c.messagesIn)),
                                  locale.formattedDataSize(qint64(c.bytesIn), 1),
                                  tr("%n message(s)", nullptr, count(c.messagesOut)),
                                  locale.formattedDataSize(qint64(c.bytesOut), 1));
    if (text != m_countersLabel->text())
        m_countersLabel->setStatusText(text);
}

QString ClientWindow::whoText() const
{
    const QString name = m_controller->framing() == Protocol::Framing::Frames ? m_controller->name() : QString();
    return name.isEmpty() ? m_controller->peerLabel() : tr("%1 @ %2").arg(name, m_controller->peerLabel());
}

void ClientWindow::updateState()
{
    const ClientController::State state = m_controller->state();
    const bool idle = state == ClientController::State::Disconnected
        || state == ClientController::State::WaitingToReconnect;
    const bool pending = state == ClientController::State::Connecting
        || state == ClientController::State::WaitingToReconnect;

    m_form->setIdle(idle);
    if (state != ClientController::State::Connected)
        m_form->setTlsText(QString());
    else if (m_controller->isEncrypted())
        m_form->setTlsText(tr("%1, server certificate SHA-256 %2")
                               .arg(m_controller->tlsVersion(), m_controller->peerFingerprint()));
    else
        m_form->setTlsText(tr("Not encrypted"));
    m_connectButton->setEnabled(idle);
    m_disconnectButton->setEnabled(state != ClientController::State::Disconnected);
    updateFormVisibility(state);
    // Several client windows are told apart by their titles: "alice @
    // 127.0.0.1:8000 — Socket Client" while connected or connecting.
    if (state == ClientController::State::Disconnected)
        setWindowTitle(tr("Socket Client"));
    else
        setWindowTitle(tr("%1 — Socket Client").arg(whoText()));
    m_disconnectButton->setText(pending ? tr("C&ancel") : tr("&Disconnect From Server"));
    m_composer->setState(state == ClientController::State::Connected, m_form->framing());
    if (state == ClientController::State::Connected) {
        if (!m_countersTimer->isActive())
            m_countersTimer->start();
    } else {
        m_countersTimer->stop();
    }
    updateCounters();
    m_statusLabel->setStatusText(statusText(state));
}

QString ClientWindow::statusText(ClientController::State state) const
{
    const QString error = m_controller->lastError();
    switch (state) {
    case ClientController::State::Disconnected:
        return error.isEmpty() ? tr("Not Connected") : tr("Not Connected — %1").arg(error);
    case ClientController::State::Connecting:
        return tr("Connecting to %1…").arg(m_controller->peerLabel());
    case ClientController::State::Connected:
        if (m_controller->isEncrypted())
            return tr("Connected to %1 with %2").arg(m_controller->peerLabel(), m_controller->tlsVersion());
        return tr("Connected to %1").arg(m_controller->peerLabel());
    case ClientController::State::WaitingToReconnect:
        return tr("Reconnecting in %1 s… — %2").arg(QString::number(m_controller->reconnectRemaining()), error);
    }
    return {};
}

void ClientWindow::updateFormVisibility(ClientController::State state)
{
    const bool folding = state != ClientController::State::Disconnected;
    m_form->setVisible(!(folding && m_formCollapsed));
    m_connectionSetupButton->setVisible(folding);
    m_connectionSetupButton->setChecked(!m_formCollapsed);
    m_connectionSummaryLabel->setVisible(folding && m_formCollapsed);
    if (!m_connectionSummaryLabel->isVisible())
        return;
    // "alice @ 127.0.0.1:8000 · frames · TLS 1.3"
    QStringList parts{whoText(), QLatin1String(Protocol::framingName(m_controller->framing()))};
    if (m_controller->isEncrypted())
        parts.append(m_controller->tlsVersion());
    else if (m_controller->tlsEnabled())
        parts.append(tr("TLS"));
    m_connectionSummaryLabel->setStatusText(parts.join(QStringLiteral(" · ")));
}

void ClientWindow::keyPressEvent(QKeyEvent *event)
{
    // Typing while the window, but no field, has the focus (a button, the
    // log) goes to the message box, as in a chat program: a key that no
    // control took reaches the window. The first character moves the focus,
    // so a space after it lands in the box too, not on a button.
    MessageEdit *edit = m_composer->messageEdit();
    const Qt::KeyboardModifiers chords = Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier;
    const QString text = event->text();
    if (!text.isEmpty() && !(event->modifiers() & chords) && text.at(0).isPrint() && edit->isEnabled()
        && !edit->hasFocus()) {
        edit->setFocus(Qt::OtherFocusReason);
        QKeyEvent forwarded(event->type(), event->key(), event->modifiers(), text, event->isAutoRepeat(),
                            ushort(event->count()));
        QCoreApplication::sendEvent(edit, &forwarded);
        event->accept();
        return;
    }
    QMainWindow::keyPressEvent(event);
}

void ClientWindow::closeEvent(QCloseEvent *event)
{
    m_profile.save(ClientProfile::kGeometryKey, saveGeometry());
    // Gracefully: what is queued is still written; closeFinished() follows
    // once the socket has closed (or the shutdown timeout has passed).
    m_controller->shutdown();
    QMainWindow::closeEvent(event);
}
