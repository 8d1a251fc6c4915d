// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "clientwindow.h"

#include "certificatefingerprint.h"
#include "eventlog.h"
#include "hostport.h"
#include "linecodec.h"
#include "elidedlabel.h"
#include "escapedtext.h"
#include "logpane.h"
#include "logview.h"
#include "messageedit.h"
#include "portspinbox.h"
#include "quitaction.h"
#include "receivebacklog.h"
#include "utf8.h"

#include <QAction>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QFormLayout>
#include <QFrame>
#include <QKeyEvent>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMetaEnum>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

#include <climits>
#include <cstdlib>
#include <cstring>

namespace {

QSettings settings()
{
    return QSettings(QStringLiteral("SocketHub"), QStringLiteral("socket-client"));
}

// Keys within a profile's group ("profiles/NAME/host"). Before profiles
// they were "client/host" and so on: the default profile still reads
// those when it has no value of its own.
const QString kHostKey = QStringLiteral("host");
const QString kPortKey = QStringLiteral("port");
const QString kNameKey = QStringLiteral("name");
const QString kFramingKey = QStringLiteral("framing");
const QString kAutoReconnectKey = QStringLiteral("autoReconnect");
const QString kTlsKey = QStringLiteral("tls");
const QString kEscapesKey = QStringLiteral("escapes");
const QString kLineEndingKey = QStringLiteral("lineEnding");
const QString kTimestampModeKey = QStringLiteral("timestampMode");
// The password is never saved: there is no key for it.
const QString kGeometryKey = QStringLiteral("geometry");
const QString kLegacyGroup = QStringLiteral("client/");

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
    , m_profile(profile.isEmpty() ? QLatin1String(kDefaultProfile) : profile)
    , m_connection(new ClientConnection(this))
    , m_log(new EventLog(Protocol::kDefaultLogLines, this))
{
    buildUi();
    // After the log view's connection to the log: reading resumes once a
    // batch has gone to it.
    m_receiveBacklog = new ReceiveBacklog(m_connection, m_log, this);
    loadSettings();
    // The first window of the process takes SOCKETHUB_PASSWORD (and removes
    // it from the environment); the field is never saved.
    if (const QString password = takeEnvironmentPassword(); !password.isEmpty())
        m_passwordEdit->setText(password);

    connect(m_connection, &ClientConnection::stateChanged, this, [this](ClientConnection::State state) {
        switch (state) {
        case ClientConnection::State::Connecting:
            m_log->append(tr("Connecting to %1 (%2)…")
                              .arg(m_connection->peerLabel(),
                                   QLatin1String(Protocol::framingName(m_connection->framing()))));
            break;
        case ClientConnection::State::Connected:
            m_certificateBar->hide();
            // The conversation is what the window is for now: the form
            // folds into a line (Connection setup, Alt+U, opens it), and
            // what is typed goes to the message box.
            m_formCollapsed = true;
            m_messageEdit->setFocus(Qt::OtherFocusReason);
            if (m_connection->isEncrypted())
                m_log->append(tr("Connected to %1 with %2 (server certificate SHA-256 %3)")
                                  .arg(m_connection->peerLabel(), m_connection->tlsVersion(),
                                       m_connection->peerFingerprint()));
            else
                m_log->append(tr("Connected to %1").arg(m_connection->peerLabel()));
            break;
        case ClientConnection::State::Disconnected:
            m_formCollapsed = false;
            break;
        case ClientConnection::State::WaitingToReconnect:
            break;
        }
        updateState();
    });
    connect(m_connection, &ClientConnection::errorOccurred, m_log, &EventLog::append);
    connect(m_connection, &ClientConnection::errorOccurred, this, [this] {
        if (!m_connection->rejectedFingerprint().isEmpty())
            showRejectedCertificate();
        // A refusal before any attempt (no host, a password too long)
        // changes no state, but the status must say why.
        updateState();
    });
    connect(m_connection, &ClientConnection::passwordSent, this, [this] {
        m_log->append(tr("Sent the password: the server asked for it"));
    });
    connect(m_connection, &ClientConnection::passwordNotSent, this, [this](const QString &reason) {
        m_log->append(tr("Password not sent: %1").arg(reason));
    });
    connect(m_connection, &ClientConnection::sendFailed, m_log, &EventLog::append);
    connect(m_connection, &ClientConnection::textsNotSent, this, [this](const QStringList &texts) {
        // Taken, but held until the server showed what it is, and never
        // sent: not shown as sent.
        for (const QString &text : texts)
            m_log->appendEvent(LogEvent::message(LogEvent::Kind::Message, tr("me, not delivered"), text.toUtf8(),
                                                 false, QDateTime::currentMSecsSinceEpoch()));
    });
    connect(m_connection, &ClientConnection::disconnected, this, [this](const QString &reason) {
        // Errors were logged by errorOccurred; this is the user's own close.
        if (m_connection->lastError().isEmpty())
            m_log->append(tr("Disconnected from %1: %2").arg(m_connection->peerLabel(), reason));
    });
    connect(m_connection, &ClientConnection::reconnectScheduled, this, [this](int attempt, int delayMs) {
        // Whole units, rounded up as the countdown counts them.
        const int base = qMax(1, m_connection->reconnectBaseDelay());
        const int units = (delayMs + base - 1) / base;
        m_log->append(tr("Reconnecting in %1 s (attempt %2)").arg(QString::number(units), QString::number(attempt)));
    });
    connect(m_connection, &ClientConnection::reconnectCountdown, this, &ClientWindow::updateCountdown);
    connect(m_connection, &ClientConnection::messageReceived, this, &ClientWindow::logReceived);
    connect(m_logPane, &LogPane::timestampModeChanged, this, [this](LogView::TimestampMode mode) {
        saveValue(kTimestampModeKey, QLatin1String(QMetaEnum::fromType<LogView::TimestampMode>().valueToKey(int(mode))));
    });
    connect(m_escapesCheck, &QCheckBox::toggled, this, [this](bool on) { saveValue(kEscapesKey, on); });
    connect(m_lineEndingCombo, &QComboBox::currentIndexChanged, this, [this] {
        saveValue(kLineEndingKey, m_lineEndingCombo->currentData().toString());
    });
    connect(m_connection, &ClientConnection::messageSent, this, [this](const QString &, const QByteArray &bytes) {
        // "me: text", and in hex view the bytes that went out.
        bool invalid = false;
        Utf8::sanitized(bytes, &invalid);
        m_log->appendEvent(LogEvent::message(LogEvent::Kind::Message, tr("me"), bytes, invalid,
                                             QDateTime::currentMSecsSinceEpoch()));
    });
    connect(m_connection, &ClientConnection::shutdownFinished, this, [this](qint64 unsent) {
        if (unsent > 0)
            m_log->append(tr("Closed with %n byte(s) not sent to %1: the connection did not drain within %2 ms",
                             nullptr, int(qMin<qint64>(unsent, INT_MAX)))
                              .arg(m_connection->peerLabel(),
                                   QString::number(m_connection->shutdownTimeout())));
        Q_EMIT closeFinished(unsent);
    });

    updateState();
}

ClientWindow::~ClientWindow() = default;

void ClientWindow::buildUi()
{
    setWindowTitle(tr("Socket Client"));

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);

    // Server, port, name, framing.
    auto *serverBox = new QGroupBox(tr("Server"), central);
    serverBox->setObjectName(QStringLiteral("serverBox"));
    m_serverBox = serverBox;
    auto *form = new QFormLayout(serverBox);
    m_hostEdit = new QLineEdit(QStringLiteral("127.0.0.1"), serverBox);
    m_hostEdit->setObjectName(QStringLiteral("hostEdit"));
    m_hostEdit->setPlaceholderText(tr("IPv4, IPv6 or host name"));
    form->addRow(tr("Server &IP Address:"), m_hostEdit);

    // The server's port box: 99999 is refused with a reason, not turned
    // into 9999 without a word.
    m_portSpinBox = new PortSpinBox(serverBox);
    m_portSpinBox->setObjectName(QStringLiteral("portSpinBox"));
    m_portSpinBox->setRange(1, 65535);
    m_portSpinBox->setValue(Protocol::kDefaultPort);
    form->addRow(tr("Server &Port:"), m_portSpinBox);
    m_portErrorLabel = new QLabel(serverBox);
    m_portErrorLabel->setObjectName(QStringLiteral("portErrorLabel"));
    m_portErrorLabel->setAccessibleName(tr("Port problem"));
    m_portErrorLabel->setTextFormat(Qt::PlainText); // it quotes what was typed
    m_portErrorLabel->setWordWrap(true);
    m_portErrorLabel->hide();
    form->addRow(m_portErrorLabel);

    m_nameEdit = new QLineEdit(serverBox);
    m_nameEdit->setObjectName(QStringLiteral("nameEdit"));
    m_nameEdit->setMaxLength(Protocol::kMaxNameSize);
    form->addRow(tr("Your &Name:"), m_nameEdit);

    m_framingCombo = new QComboBox(serverBox);
    m_framingCombo->setObjectName(QStringLiteral("framingCombo"));
    m_framingCombo->addItem(tr("Frames (socket-server)"), QStringLiteral("frames"));
    m_framingCombo->addItem(tr("Lines (any text service)"), QStringLiteral("lines"));
    form->addRow(tr("&Framing:"), m_framingCombo);

    // Never saved; SOCKETHUB_PASSWORD fills it in.
    m_passwordEdit = new QLineEdit(serverBox);
    m_passwordEdit->setObjectName(QStringLiteral("passwordEdit"));
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_passwordEdit->setPlaceholderText(tr("only for a server that asks for one"));
    form->addRow(tr("Pass&word:"), m_passwordEdit);

    auto *securityRow = new QHBoxLayout;
    m_tlsCheck = new QCheckBox(tr("T&LS"), serverBox);
    m_tlsCheck->setObjectName(QStringLiteral("tlsCheck"));
    m_tlsCheck->setToolTip(tr("Encrypt the connection and verify the server's certificate"));
    m_tlsLabel = new ElidedLabel(serverBox);
    m_tlsLabel->setObjectName(QStringLiteral("tlsLabel"));
    m_tlsLabel->setAccessibleName(tr("Encryption"));
    securityRow->addWidget(m_tlsCheck);
    securityRow->addWidget(m_tlsLabel, 1);
    form->addRow(tr("Security:"), securityRow);
    layout->addWidget(serverBox);

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

    // The trust prompt: part of the window, not a dialog, shown when the
    // server's certificate was refused.
    m_certificateBar = new QFrame(central);
    m_certificateBar->setObjectName(QStringLiteral("certificateBar"));
    m_certificateBar->setFrameShape(QFrame::StyledPanel);
    auto *barLayout = new QVBoxLayout(m_certificateBar);
    m_certificateReasonLabel = new QLabel(m_certificateBar);
    m_certificateReasonLabel->setObjectName(QStringLiteral("certificateReasonLabel"));
    m_certificateReasonLabel->setAccessibleName(tr("Why the certificate was refused"));
    m_certificateReasonLabel->setWordWrap(true);
    barLayout->addWidget(m_certificateReasonLabel);
    auto *fingerprintRow = new QHBoxLayout;
    // A read-only field: the fingerprint can be selected, copied and
    // compared, however narrow the window.
    m_certificateFingerprintEdit = new QLineEdit(m_certificateBar);
    m_certificateFingerprintEdit->setObjectName(QStringLiteral("certificateFingerprintEdit"));
    m_certificateFingerprintEdit->setReadOnly(true);
    m_trustCertificateButton = new QPushButton(tr("&Trust this certificate"), m_certificateBar);
    m_trustCertificateButton->setObjectName(QStringLiteral("trustCertificateButton"));
    auto *fingerprintLabel = new QLabel(tr("SHA-&256:"), m_certificateBar);
    fingerprintLabel->setBuddy(m_certificateFingerprintEdit);
    m_certificateFingerprintEdit->setAccessibleName(tr("Refused certificate's SHA-256 fingerprint"));
    fingerprintRow->addWidget(fingerprintLabel);
    fingerprintRow->addWidget(m_certificateFingerprintEdit, 1);
    fingerprintRow->addWidget(m_trustCertificateButton);
    barLayout->addLayout(fingerprintRow);
    m_certificateBar->hide();
    layout->addWidget(m_certificateBar);

    // Message To Server.
    auto *sendBox = new QGroupBox(tr("Message To Server"), central);
    auto *sendLayout = new QVBoxLayout(sendBox);
    auto *editRow = new QHBoxLayout;
    m_messageEdit = new MessageEdit(sendBox);
    m_messageEdit->setObjectName(QStringLiteral("messageEdit"));
    m_messageEdit->setAccessibleName(tr("Message to send"));
    m_messageEdit->setPlaceholderText(tr("Enter sends, Shift+Enter inserts a newline, Up recalls"));
    m_messageEdit->setMaximumHeight(m_messageEdit->fontMetrics().lineSpacing() * 5);
    // A paste past the largest message is refused, not laid out.
    m_messageEdit->setSizeLimit([this] { return m_connection->maxMessageSize(); });
    m_sendButton = new QPushButton(tr("&Send Message"), sendBox);
    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    editRow->addWidget(m_messageEdit, 1);
    editRow->addWidget(m_sendButton, 0, Qt::AlignTop);
    sendLayout->addLayout(editRow);
    auto *optionsRow = new QHBoxLayout;
    m_escapesCheck = new QCheckBox(tr("Hex/&escapes"), sendBox);
    m_escapesCheck->setObjectName(QStringLiteral("escapesCheck"));
    m_escapesCheck->setAccessibleName(tr("Send escapes as bytes"));
    m_escapesCheck->setToolTip(tr("\\r, \\n, \\t, \\\\ and \\xNN (two hex digits) in the message are sent "
                                  "as the bytes they name, for devices: \\x02STATUS\\x03"));
    m_lineEndingCombo = new QComboBox(sendBox);
    m_lineEndingCombo->setObjectName(QStringLiteral("lineEndingCombo"));
    m_lineEndingCombo->addItem(tr("LF"), QStringLiteral("lf"));
    m_lineEndingCombo->addItem(tr("CR LF"), QStringLiteral("crlf"));
    m_lineEndingCombo->addItem(tr("None"), QStringLiteral("none"));
    m_lineEndingCombo->setAccessibleName(tr("Line ending"));
    m_lineEndingCombo->setToolTip(tr("Lines framing: what ends each line sent (a line break in the message "
                                     "too; with None, a line break stays LF)"));
    auto *lineEndingLabel = new QLabel(tr("Line endin&g:"), sendBox);
    lineEndingLabel->setBuddy(m_lineEndingCombo);
    optionsRow->addWidget(m_escapesCheck);
    optionsRow->addSpacing(12);
    optionsRow->addWidget(lineEndingLabel);
    optionsRow->addWidget(m_lineEndingCombo);
    optionsRow->addStretch();
    sendLayout->addLayout(optionsRow);
    // Why the text was not taken (a paste too large) or not sent (a bad
    // escape); gone with the next edit.
    m_messageErrorLabel = new QLabel(sendBox);
    m_messageErrorLabel->setObjectName(QStringLiteral("messageErrorLabel"));
    m_messageErrorLabel->setAccessibleName(tr("Message problem"));
    m_messageErrorLabel->setTextFormat(Qt::PlainText);
    m_messageErrorLabel->setWordWrap(true);
    m_messageErrorLabel->hide();
    sendLayout->addWidget(m_messageErrorLabel);
    layout->addWidget(sendBox);

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
    // The connection's counters, read a few times a second (never per
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
    connect(m_countersTimer, &QTimer::timeout, this, &ClientWindow::updateCounters);

    connect(m_connectButton, &QPushButton::clicked, this, &ClientWindow::connectToServer);
    connect(m_disconnectButton, &QPushButton::clicked, m_connection, &ClientConnection::disconnectFromHost);
    connect(m_autoReconnectCheck, &QCheckBox::toggled, this, [this](bool on) {
        m_connection->setAutoReconnect(on);
        m_runOnly.remove(kAutoReconnectKey); // the user's choice now
        saveValue(kAutoReconnectKey, on);
    });
    connect(m_sendButton, &QPushButton::clicked, this, &ClientWindow::sendMessage);
    connect(m_messageEdit, &MessageEdit::submitted, this, &ClientWindow::sendMessage);
    connect(m_messageEdit, &MessageEdit::inputRefused, this, &ClientWindow::showMessageError);
    connect(m_messageEdit, &QPlainTextEdit::textChanged, this, [this] { showMessageError(QString()); });
    connect(m_closeButton, &QPushButton::clicked, this, &QWidget::close);
    connect(m_connectionSetupButton, &QPushButton::clicked, this, [this](bool open) {
        m_formCollapsed = !open;
        updateState();
    });
    connect(m_trustCertificateButton, &QPushButton::clicked, this, &ClientWindow::trustRejectedCertificate);
    // The prompt is about the server the form named: editing it retracts
    // the offer.
    connect(m_hostEdit, &QLineEdit::textEdited, this, &ClientWindow::retractRejectedCertificate);
    connect(m_portSpinBox, &QSpinBox::valueChanged, this, &ClientWindow::retractRejectedCertificate);
    connect(m_portSpinBox, &PortSpinBox::inputRefused, this, [this](const QString &text) {
        m_portErrorLabel->setText(m_portSpinBox->refusalText(text));
        m_portErrorLabel->show();
    });
    connect(m_portSpinBox, &QSpinBox::textChanged, m_portErrorLabel, &QWidget::hide);
    // Enter in a field of the form connects, as the button would.
    for (QLineEdit *edit : { m_hostEdit, m_nameEdit, m_passwordEdit }) {
        connect(edit, &QLineEdit::returnPressed, this, [this] {
            if (m_connectButton->isEnabled())
                connectToServer();
        });
    }
    // The name is sent in the hello: lines have none.
    connect(m_framingCombo, &QComboBox::currentIndexChanged, this, &ClientWindow::updateState);
    QuitAction::install(this);
}

QString ClientWindow::settingsKey(const QString &profile, const QString &key)
{
    // Percent-encoded: a "/" in a name (the default profile is --name) is
    // no group of its own.
    return QLatin1String("profiles/") + QString::fromLatin1(QUrl::toPercentEncoding(profile)) + QLatin1Char('/')
        + key;
}

QVariant ClientWindow::loadValue(const QSettings &s, const QString &key, const QVariant &defaultValue) const
{
    const QString own = settingsKey(m_profile, key);
    if (s.contains(own))
        return s.value(own);
    if (m_profile == QLatin1String(kDefaultProfile) && s.contains(kLegacyGroup + key))
        return s.value(kLegacyGroup + key);
    return defaultValue;
}

void ClientWindow::saveValue(const QString &key, const QVariant &value) const
{
    settings().setValue(settingsKey(m_profile, key), value);
}

void ClientWindow::loadSettings()
{
    const QSettings s = settings();
    m_hostEdit->setText(loadValue(s, kHostKey, QStringLiteral("127.0.0.1")).toString());
    m_portSpinBox->setValue(loadValue(s, kPortKey, Protocol::kDefaultPort).toInt());
    m_nameEdit->setText(loadValue(s, kNameKey, QString()).toString());
    const int framing = m_framingCombo->findData(loadValue(s, kFramingKey, QStringLiteral("frames")).toString());
    m_framingCombo->setCurrentIndex(qMax(0, framing));
    m_autoReconnectCheck->setChecked(loadValue(s, kAutoReconnectKey, false).toBool());
    m_tlsCheck->setChecked(loadValue(s, kTlsKey, false).toBool());
    m_escapesCheck->setChecked(loadValue(s, kEscapesKey, false).toBool());
    m_lineEndingCombo->setCurrentIndex(
        qMax(0, m_lineEndingCombo->findData(loadValue(s, kLineEndingKey, QString()).toString())));
    m_connection->setAutoReconnect(m_autoReconnectCheck->isChecked());
    // Before timestampModeChanged is connected: restoring it saves nothing.
    const QMetaEnum modes = QMetaEnum::fromType<LogView::TimestampMode>();
    bool known = false;
    const int mode = modes.keyToValue(loadValue(s, kTimestampModeKey, QString()).toString().toLatin1().constData(),
                                      &known);
    if (known)
        m_logPane->setTimestampMode(LogView::TimestampMode(mode));
    const QByteArray geometry = loadValue(s, kGeometryKey, QByteArray()).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(560, 600);
}

void ClientWindow::saveSettings()
{
    QSettings s = settings();
    const auto save = [this, &s](const QString &key, const QVariant &value) {
        // What the command line gave, unchanged, is not the user's choice.
        if (const auto runOnly = m_runOnly.constFind(key); runOnly != m_runOnly.cend()) {
            if (*runOnly == value)
                return;
            m_runOnly.erase(runOnly);
        }
        s.setValue(settingsKey(m_profile, key), value);
    };
    save(kHostKey, m_hostEdit->text().trimmed());
    save(kPortKey, m_portSpinBox->value());
    save(kNameKey, m_nameEdit->text());
    save(kFramingKey, m_framingCombo->currentData().toString());
    save(kAutoReconnectKey, m_autoReconnectCheck->isChecked());
    save(kTlsKey, m_tlsCheck->isChecked());
    save(kEscapesKey, m_escapesCheck->isChecked());
    save(kLineEndingKey, m_lineEndingCombo->currentData().toString());
}

void ClientWindow::setHost(const QString &host)
{
    m_hostEdit->setText(host);
    m_runOnly.insert(kHostKey, m_hostEdit->text().trimmed());
}

void ClientWindow::setPort(quint16 port)
{
    m_portSpinBox->setValue(port);
    m_runOnly.insert(kPortKey, m_portSpinBox->value());
}

void ClientWindow::setName(const QString &name)
{
    m_nameEdit->setText(name);
    m_runOnly.insert(kNameKey, m_nameEdit->text());
}

void ClientWindow::setFraming(Protocol::Framing framing)
{
    m_framingCombo->setCurrentIndex(m_framingCombo->findData(
        QLatin1String(Protocol::framingName(framing))));
    m_runOnly.insert(kFramingKey, m_framingCombo->currentData().toString());
}

void ClientWindow::setAutoReconnect(bool enabled)
{
    {
        // Not saved, as a click on the box would be.
        const QSignalBlocker blocker(m_autoReconnectCheck);
        m_autoReconnectCheck->setChecked(enabled);
    }
    m_connection->setAutoReconnect(enabled);
    m_runOnly.insert(kAutoReconnectKey, enabled);
}

void ClientWindow::setTlsEnabled(bool enabled)
{
    m_tlsCheck->setChecked(enabled);
    m_runOnly.insert(kTlsKey, m_tlsCheck->isChecked());
}

void ClientWindow::setTlsFingerprint(const QString &fingerprint)
{
    m_pinnedFingerprint = CertificateFingerprint::normalized(fingerprint);
}

QString ClientWindow::trustedCertificateKey(const QString &peerLabel)
{
    return QLatin1String("tls/trusted/") + peerLabel;
}

Protocol::Framing ClientWindow::selectedFraming() const
{
    return m_framingCombo->currentData().toString() == QLatin1String("lines")
        ? Protocol::Framing::Lines
        : Protocol::Framing::Frames;
}

void ClientWindow::connectToServer()
{
    saveSettings();
    const QString host = m_hostEdit->text().trimmed();
    const quint16 port = quint16(m_portSpinBox->value());
    m_connection->setName(m_nameEdit->text());
    m_connection->setFraming(selectedFraming());
    m_connection->setAutoReconnect(m_autoReconnectCheck->isChecked());
    m_connection->setTlsEnabled(m_tlsCheck->isChecked());
    // The certificate pinned for this run, or the one the user trusted for
    // this host and port.
    QString pin = m_pinnedFingerprint;
    if (pin.isEmpty())
        pin = settings().value(trustedCertificateKey(hostPort(host, port))).toString();
    m_connection->setTlsPinnedFingerprint(pin);
    m_connection->setPassword(m_passwordEdit->text());
    m_certificateBar->hide();
    m_connection->connectToHost(host, port);
}

void ClientWindow::showRejectedCertificate()
{
    m_rejectedFingerprint = m_connection->rejectedFingerprint();
    m_rejectedPeer = m_connection->peerLabel();
    // One arg() call: neither text may be read for placeholders.
    m_certificateReasonLabel->setText(
        tr("The certificate of %1 was not accepted: %2. Trust it only if its fingerprint is the one the "
           "server's operator gave you.")
            .arg(m_rejectedPeer, m_connection->rejectedReason()));
    m_certificateFingerprintEdit->setText(m_rejectedFingerprint);
    // Opened at its start, which is what one compares first (setText()
    // leaves the cursor, and so the view, at the end).
    m_certificateFingerprintEdit->setCursorPosition(0);
    m_certificateBar->show();
}

void ClientWindow::trustRejectedCertificate()
{
    if (m_rejectedFingerprint.isEmpty())
        return;
    settings().setValue(trustedCertificateKey(m_rejectedPeer), m_rejectedFingerprint);
    m_log->append(tr("Trusting the certificate of %1 from now on (SHA-256 %2)")
                      .arg(m_rejectedPeer, m_rejectedFingerprint));
    // The user's choice outranks a pin of this run that named another.
    if (m_pinnedFingerprint != m_rejectedFingerprint)
        m_pinnedFingerprint.clear();
    m_rejectedFingerprint.clear();
    m_certificateBar->hide();
    m_tlsCheck->setChecked(true);
    connectToServer();
}

void ClientWindow::retractRejectedCertificate()
{
    // Nothing is left to trust: not even a click that reached the hidden
    // button (a shortcut, an accessibility tool) stores a fingerprint.
    m_rejectedFingerprint.clear();
    m_rejectedPeer.clear();
    m_certificateBar->hide();
}

ClientConnection::LineEnding ClientWindow::selectedLineEnding() const
{
    const QString ending = m_lineEndingCombo->currentData().toString();
    if (ending == QLatin1String("crlf"))
        return ClientConnection::LineEnding::CrLf;
    if (ending == QLatin1String("none"))
        return ClientConnection::LineEnding::None;
    return ClientConnection::LineEnding::Lf;
}

bool ClientWindow::encodeMessage(const QString &text, QByteArray *bytes, QString *error) const
{
    const bool escapes = m_escapesCheck->isChecked();
    if (m_connection->framing() != Protocol::Framing::Lines) {
        if (!escapes) {
            *bytes = text.toUtf8();
            return true;
        }
        const EscapedText::Result result = EscapedText::decode(text);
        *bytes = result.bytes;
        *error = result.error;
        return result.ok();
    }
    // Lines: a line break in the box ends a line like the chosen ending
    // (with none, it stays LF); escapes name exactly their bytes.
    const ClientConnection::LineEnding ending = selectedLineEnding();
    const QByteArray lineBreak = ending == ClientConnection::LineEnding::CrLf ? QByteArray("\r\n") : QByteArray("\n");
    bytes->clear();
    qsizetype start = 0;
    while (true) {
        const qsizetype nl = text.indexOf(QLatin1Char('\n'), start);
        const QStringView line = QStringView(text).sliced(start, (nl < 0 ? text.size() : nl) - start);
        if (escapes) {
            const EscapedText::Result result = EscapedText::decode(line, start);
            if (!result.ok()) {
                *error = result.error;
                return false;
            }
            bytes->append(result.bytes);
        } else {
            bytes->append(line.toUtf8());
        }
        if (nl < 0)
            break;
        bytes->append(lineBreak);
        start = nl + 1;
    }
    return true;
}

void ClientWindow::sendMessage()
{
    if (!m_connection->isConnected())
        return; // Send is disabled; the text stays in the box.
    const QString text = m_messageEdit->toPlainText();
    if (text.isEmpty())
        return;
    bool sent = false;
    const bool lines = m_connection->framing() == Protocol::Framing::Lines;
    if (!m_escapesCheck->isChecked() && (!lines || selectedLineEnding() == ClientConnection::LineEnding::Lf)) {
        sent = m_connection->sendText(text);
    } else {
        QByteArray bytes;
        QString error;
        if (!encodeMessage(text, &bytes, &error)) {
            showMessageError(tr("Not sent: %1").arg(error));
            return;
        }
        sent = m_connection->sendBytes(bytes, selectedLineEnding());
    }
    if (sent) {
        m_messageEdit->addToHistory(text);
        m_messageEdit->clear();
    }
}

void ClientWindow::showMessageError(const QString &error)
{
    if (error == m_messageErrorLabel->text())
        return;
    m_messageErrorLabel->setText(error);
    m_messageErrorLabel->setVisible(!error.isEmpty());
}

void ClientWindow::logReceived(const Message &message)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // The client a text is from, or a notice is about (0: none).
    quint32 clientId = message.senderId;
    QString line;
    switch (message.type) {
    case Message::Type::Text:
        if (m_connection->framing() == Protocol::Framing::Frames) {
            // "#3 carol: text" (the same label a line-mode client sees from
            // the server) or "server: text", of which the log keeps a prefix.
            const QString who = message.senderId != 0
                ? LineCodec::senderLabel(message.senderId, message.name)
                : tr("server");
            m_log->appendEvent(LogEvent::message(LogEvent::Kind::Message, who, message.textUtf8(),
                                                 message.invalidUtf8, now, clientId));
            return;
        }
        line = message.text; // already carries "#3 carol: " or "* "
        // A relayed line, "#3 carol: text": a message from #3, shown as it
        // came, whose text the hex view shows as bytes.
        if (const qsizetype split = relayPrefixLength(line, &clientId); split > 0) {
            m_log->appendEvent(LogEvent::message(LogEvent::Kind::Message, line.left(split - 2),
                                                 QStringView(line).sliced(split).toUtf8(), message.invalidUtf8,
                                                 now, clientId));
            return;
        }
        // A server quotes a text line that would look like a relay or a
        // notice with one backslash (docs/protocol.md, section 3); shown
        // without it.
        if (line.startsWith(QLatin1Char('\\')))
            line.remove(0, 1);
        else
            clientId = noticeSubject(line);
        break;
    case Message::Type::Notice:
        if (message.noticeKind == Message::NoticeKind::Direct) {
            // A message the server sent this client only, not a broadcast.
            m_log->appendEvent(LogEvent::message(LogEvent::Kind::Message, tr("server, to you only"),
                                                 message.textUtf8(), message.invalidUtf8, now, clientId));
            return;
        }
        line = tr("* %1").arg(message.text);
        break;
    case Message::Type::Hello:
        // One arg() call: a name holding "%2" must stay as it is.
        line = tr("The server is %1 (protocol version %2)")
                   .arg(message.name.isEmpty() ? tr("unnamed") : message.name, QString::number(message.version));
        break;
    case Message::Type::Ping:
    case Message::Type::Pong:
        return;
    }
    if (message.invalidUtf8)
        line += tr(" [invalid UTF-8 replaced]");
    m_log->appendEvent(LogEvent::info(line, now, clientId));
}

qsizetype ClientWindow::relayPrefixLength(const QString &line, quint32 *senderId)
{
    // "#3: " or "#3 name: " (LineCodec::senderPrefix()); the name ends at
    // the first ": ".
    if (!line.startsWith(QLatin1Char('#')))
        return 0;
    qsizetype i = 1;
    while (i < line.size() && line.at(i).isDigit() && line.at(i).unicode() < 0x80)
        ++i;
    if (i == 1 || i > 11)
        return 0;
    bool ok = false;
    const quint32 id = QStringView(line).sliced(1, i - 1).toUInt(&ok);
    if (!ok || id == 0)
        return 0;
    const qsizetype colon = line.indexOf(QLatin1String(": "), i);
    if (colon < 0 || (colon > i && line.at(i) != QLatin1Char(' ')))
        return 0;
    *senderId = id;
    return colon + 2;
}

quint32 ClientWindow::noticeSubject(const QString &line)
{
    // "* joined #4: bob joined" is about client 4.
    static const QRegularExpression notice(QStringLiteral("^\\* [a-z]+ #([0-9]{1,10}): "));
    const QRegularExpressionMatch match = notice.match(line);
    return match.hasMatch() ? match.captured(1).toUInt() : 0;
}

void ClientWindow::updateCounters()
{
    const ClientConnection::Counters c = m_connection->counters();
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

void ClientWindow::updateCountdown(int)
{
    updateState();
}

void ClientWindow::updateState()
{
    const ClientConnection::State state = m_connection->state();
    const bool idle = state == ClientConnection::State::Disconnected
        || state == ClientConnection::State::WaitingToReconnect;
    const bool pending = state == ClientConnection::State::Connecting
        || state == ClientConnection::State::WaitingToReconnect;

    m_hostEdit->setEnabled(idle);
    m_portSpinBox->setEnabled(idle);
    m_nameEdit->setEnabled(idle && selectedFraming() == Protocol::Framing::Frames);
    m_framingCombo->setEnabled(idle);
    // Frames carry each message whole: no line ending.
    m_lineEndingCombo->setEnabled(selectedFraming() == Protocol::Framing::Lines);
    m_passwordEdit->setEnabled(idle);
    m_tlsCheck->setEnabled(idle);
    if (state != ClientConnection::State::Connected)
        m_tlsLabel->setStatusText(QString());
    else if (m_connection->isEncrypted())
        m_tlsLabel->setStatusText(tr("%1, server certificate SHA-256 %2")
                                      .arg(m_connection->tlsVersion(), m_connection->peerFingerprint()));
    else
        m_tlsLabel->setStatusText(tr("Not encrypted"));
    m_connectButton->setEnabled(idle);
    m_disconnectButton->setEnabled(state != ClientConnection::State::Disconnected);
    updateFormVisibility(state);
    // Several client windows are told apart by their titles: "alice @
    // 127.0.0.1:8000 — Socket Client" while connected or connecting.
    if (state == ClientConnection::State::Disconnected) {
        setWindowTitle(tr("Socket Client"));
    } else {
        const QString name = m_connection->framing() == Protocol::Framing::Frames ? m_connection->name() : QString();
        const QString who = name.isEmpty() ? m_connection->peerLabel()
                                           : tr("%1 @ %2").arg(name, m_connection->peerLabel());
        setWindowTitle(tr("%1 — Socket Client").arg(who));
    }
    m_disconnectButton->setText(pending ? tr("C&ancel") : tr("&Disconnect From Server"));
    m_sendButton->setEnabled(state == ClientConnection::State::Connected);
    if (state == ClientConnection::State::Connected) {
        if (!m_countersTimer->isActive())
            m_countersTimer->start();
    } else {
        m_countersTimer->stop();
    }
    updateCounters();

    const QString error = m_connection->lastError();
    QString status;
    switch (state) {
    case ClientConnection::State::Disconnected:
        status = error.isEmpty() ? tr("Not Connected") : tr("Not Connected — %1").arg(error);
        break;
    case ClientConnection::State::Connecting:
        status = tr("Connecting to %1…").arg(m_connection->peerLabel());
        break;
    case ClientConnection::State::Connected:
        if (m_connection->isEncrypted())
            status = tr("Connected to %1 with %2").arg(m_connection->peerLabel(), m_connection->tlsVersion());
        else
            status = tr("Connected to %1").arg(m_connection->peerLabel());
        break;
    case ClientConnection::State::WaitingToReconnect:
        status = tr("Reconnecting in %1 s… — %2").arg(QString::number(m_connection->reconnectRemaining()), error);
        break;
    }
    m_statusLabel->setStatusText(status);
}

void ClientWindow::updateFormVisibility(ClientConnection::State state)
{
    const bool folding = state != ClientConnection::State::Disconnected;
    m_serverBox->setVisible(!(folding && m_formCollapsed));
    m_connectionSetupButton->setVisible(folding);
    m_connectionSetupButton->setChecked(!m_formCollapsed);
    m_connectionSummaryLabel->setVisible(folding && m_formCollapsed);
    if (!m_connectionSummaryLabel->isVisible())
        return;
    // "alice @ 127.0.0.1:8000 · frames · TLS 1.3"
    const QString name = m_connection->framing() == Protocol::Framing::Frames ? m_connection->name() : QString();
    QStringList parts{name.isEmpty() ? m_connection->peerLabel() : tr("%1 @ %2").arg(name, m_connection->peerLabel()),
                      QLatin1String(Protocol::framingName(m_connection->framing()))};
    if (m_connection->isEncrypted())
        parts.append(m_connection->tlsVersion());
    else if (m_connection->tlsEnabled())
        parts.append(tr("TLS"));
    m_connectionSummaryLabel->setStatusText(parts.join(QStringLiteral(" · ")));
}

void ClientWindow::keyPressEvent(QKeyEvent *event)
{
    // Typing while the window, but no field, has the focus (a button, the
    // log) goes to the message box, as in a chat program: a key that no
    // control took reaches the window. The first character moves the focus,
    // so a space after it lands in the box too, not on a button.
    const Qt::KeyboardModifiers chords = Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier;
    const QString text = event->text();
    if (!text.isEmpty() && !(event->modifiers() & chords) && text.at(0).isPrint() && m_messageEdit->isEnabled()
        && !m_messageEdit->hasFocus()) {
        m_messageEdit->setFocus(Qt::OtherFocusReason);
        QKeyEvent forwarded(event->type(), event->key(), event->modifiers(), text, event->isAutoRepeat(),
                            ushort(event->count()));
        QCoreApplication::sendEvent(m_messageEdit, &forwarded);
        event->accept();
        return;
    }
    QMainWindow::keyPressEvent(event);
}

void ClientWindow::closeEvent(QCloseEvent *event)
{
    saveValue(kGeometryKey, saveGeometry());
    // Gracefully: what is queued is still written; closeFinished() follows
    // once the socket has closed (or the shutdown timeout has passed).
    m_connection->shutdown();
    QMainWindow::closeEvent(event);
}
