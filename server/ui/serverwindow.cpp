// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "serverwindow.h"

#include "banlist.h"
#include "broadcastedit.h"
#include "clienttablemodel.h"
#include "controlescape.h"
#include "elidedlabel.h"
#include "federationfield.h"
#include "federationlabel.h"
#include "listeningsummary.h"
#include "logpane.h"
#include "portspinbox.h"
#include "protocol.h"
#include "quitaction.h"
#include "securitypanel.h"
#include "servercontroller.h"
#include "serversettings.h"
#include "totalslabel.h"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkInterface>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace {

// Non-loopback first, IPv4 before IPv6 within each group.
QList<QHostAddress> machineAddresses()
{
    QList<QHostAddress> all = QNetworkInterface::allAddresses();
    std::stable_sort(all.begin(), all.end(), [](const QHostAddress &a, const QHostAddress &b) {
        const auto rank = [](const QHostAddress &x) {
            return (x.isLoopback() ? 2 : 0) + (x.protocol() == QAbstractSocket::IPv6Protocol ? 1 : 0);
        };
        return rank(a) < rank(b);
    });
    return all;
}

void selectData(QComboBox *combo, const QString &data)
{
    int i = combo->findData(data);
    if (i < 0) {
        combo->addItem(data, data);
        i = combo->count() - 1;
    }
    combo->setCurrentIndex(i);
}

} // namespace

ServerWindow::ServerWindow(ServerController *controller, QWidget *parent)
    : QMainWindow(parent)
    , m_controller(controller)
    , m_model(new ClientTableModel(this))
{
    auto *central = new QWidget(this);
    // Widgets are made in the order Tab visits them: the left column top to
    // bottom (server, security, message), then the clients, the log, Quit.
    // Mnemonics: Alt+A, D, T, K, P, W are the security fields'; the log
    // pane has Alt+X, H, M, J; Alt+V, O, I, F, G, R, L, E, N, S, C, B, U,
    // 2 and Q are here.

    // Server settings (the original's top half).
    m_ipView = new QPlainTextEdit(central);
    m_ipView->setObjectName(QStringLiteral("serverIpView"));
    m_ipView->setReadOnly(true);
    m_ipView->setTabChangesFocus(true);
    m_ipView->setMaximumHeight(m_ipView->fontMetrics().lineSpacing() * 4 + 12);
    m_ipView->setAccessibleName(tr("Server IP addresses"));

    m_portSpin = new PortSpinBox(central);
    m_portSpin->setObjectName(QStringLiteral("portSpinBox"));
    m_portSpin->setAccessibleName(tr("Port"));
    m_portSpin->setToolTip(tr("Port 0 to 65535; 0 means any free port"));
    // While listening on port 0: the port it got.
    m_actualPortLabel = new QLabel(central);
    m_actualPortLabel->setObjectName(QStringLiteral("actualPortLabel"));
    m_actualPortLabel->setTextFormat(Qt::PlainText);
    m_actualPortLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_actualPortLabel->hide();
    m_webPageLabel = new QLabel(central);
    m_webPageLabel->setObjectName(QStringLiteral("webPageLabel"));
    m_webPageLabel->setTextFormat(Qt::RichText);
    m_webPageLabel->setOpenExternalLinks(true);
    m_webPageLabel->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_webPageLabel->setAccessibleName(tr("Web page address"));
    m_webPageLabel->setText(tr("not listening"));
    // Why typed text was refused ("Port 0 to 65535: “99999” is not a port").
    m_portErrorLabel = new QLabel(central);
    m_portErrorLabel->setObjectName(QStringLiteral("portErrorLabel"));
    m_portErrorLabel->setTextFormat(Qt::PlainText); // it quotes what was typed
    m_portErrorLabel->setWordWrap(true);
    m_portErrorLabel->hide();

    m_bindCombo = new QComboBox(central);
    m_bindCombo->setObjectName(QStringLiteral("bindCombo"));
    m_bindCombo->setAccessibleName(tr("Bind"));

    m_framingCombo = new QComboBox(central);
    m_framingCombo->setObjectName(QStringLiteral("framingCombo"));
    m_framingCombo->setAccessibleName(tr("Framing"));
    m_framingCombo->addItem(tr("Auto (detect per connection)"), QStringLiteral("auto"));
    m_framingCombo->addItem(tr("Lines"), QStringLiteral("lines"));
    m_framingCombo->addItem(tr("Frames"), QStringLiteral("frames"));

    m_modeCombo = new QComboBox(central);
    m_modeCombo->setObjectName(QStringLiteral("modeCombo"));
    m_modeCombo->setAccessibleName(tr("Client messages"));
    m_modeCombo->addItem(tr("Show"), QStringLiteral("show"));
    m_modeCombo->addItem(tr("Echo to the sender"), QStringLiteral("echo"));
    m_modeCombo->addItem(tr("Relay to the others"), QStringLiteral("relay"));

    m_welcomeEdit = new QLineEdit(central);
    m_welcomeEdit->setObjectName(QStringLiteral("welcomeEdit"));
    m_welcomeEdit->setAccessibleName(tr("Welcome text"));
    m_welcomeEdit->setToolTip(tr("%1 is replaced by the client's id, %% by %"));

    m_startButton = new QPushButton(tr("Sta&rt Listening"), central);
    m_startButton->setObjectName(QStringLiteral("startButton"));
    m_startButton->setAccessibleName(tr("Start Listening"));
    m_stopButton = new QPushButton(tr("Stop &Listening"), central);
    m_stopButton->setObjectName(QStringLiteral("stopButton"));
    m_stopButton->setAccessibleName(tr("Stop Listening"));

    auto *form = new QFormLayout;
    form->addRow(tr("Ser&ver IP"), m_ipView);
    auto *portRow = new QHBoxLayout;
    portRow->addWidget(m_portSpin);
    portRow->addWidget(m_actualPortLabel);
    portRow->addStretch();
    form->addRow(tr("P&ort"), portRow);
    // QFormLayout makes a label the buddy of a widget, not of a layout.
    if (auto *portLabel = qobject_cast<QLabel *>(form->labelForField(portRow)))
        portLabel->setBuddy(m_portSpin);
    form->addRow(m_portErrorLabel);
    form->addRow(tr("Web page"), m_webPageLabel);
    form->addRow(tr("B&ind"), m_bindCombo);
    form->addRow(tr("&Framing"), m_framingCombo);
    form->addRow(tr("Client messa&ges"), m_modeCombo);
    // No mnemonic left for it: Tab from "Client messages" reaches it.
    form->addRow(tr("Welcome"), m_welcomeEdit);
    form->addRow(tr("Federation"), new FederationField(controller, central)); // from the next start
    auto *listenButtons = new QHBoxLayout;
    listenButtons->addWidget(m_startButton);
    listenButtons->addWidget(m_stopButton);
    listenButtons->addStretch();
    form->addRow(listenButtons);
    auto *serverBox = new QGroupBox(tr("Server"), central);
    serverBox->setLayout(form);

    // Security (docs/security.md): who may connect, TLS, the password.
    m_securityPanel = new SecurityPanel(controller, central);
    SecurityPanel::markAsError(m_portErrorLabel);

    // The message: to everyone, or to the selected clients only (as a
    // direct message, which they see as such).
    m_broadcastEdit = new BroadcastEdit(central);
    m_broadcastEdit->setObjectName(QStringLiteral("broadcastEdit"));
    m_broadcastEdit->setAccessibleName(tr("Message"));
    m_broadcastEdit->setPlaceholderText(tr("Enter sends to all; Shift+Enter inserts a newline"));
    m_broadcastEdit->setMaximumHeight(m_broadcastEdit->fontMetrics().lineSpacing() * 4 + 12);
    m_sendButton = new QPushButton(tr("Se&nd to All"), central);
    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    m_sendButton->setAccessibleName(tr("Send to All"));
    m_sendButton->setToolTip(tr("Sends the message to every client (Enter in the message box)"));
    auto *broadcastLayout = new QHBoxLayout;
    broadcastLayout->addWidget(m_broadcastEdit, 1);
    broadcastLayout->addWidget(m_sendButton, 0, Qt::AlignTop);
    // Its mnemonic goes to the message box, its first child.
    auto *broadcastBox = new QGroupBox(tr("M&essage"), central);
    broadcastBox->setObjectName(QStringLiteral("messageBox"));
    broadcastBox->setLayout(broadcastLayout);

    // Connected clients.
    m_table = new QTableView(central);
    m_table->setObjectName(QStringLiteral("clientTable"));
    m_table->setAccessibleName(tr("Connected clients"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false); // Tab leaves the table; arrows move in it
    m_table->verticalHeader()->hide();
    fitColumns();
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_sendSelectedAction = new QAction(tr("&Send to selected"), m_table);
    m_sendSelectedAction->setObjectName(QStringLiteral("sendSelectedAction"));
    m_disconnectAction = new QAction(tr("&Disconnect"), m_table);
    m_disconnectAction->setObjectName(QStringLiteral("disconnectAction"));
    // Delete in the table kicks the selected clients (after asking).
    m_disconnectAction->setShortcut(QKeySequence::Delete);
    m_disconnectAction->setShortcutContext(Qt::WidgetShortcut);
    m_banAction = new QAction(tr("Disconnect and &ban"), m_table);
    m_banAction->setObjectName(QStringLiteral("banAction"));
    m_banAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_Delete));
    m_banAction->setShortcutContext(Qt::WidgetShortcut);
    m_filterClientAction = new QAction(tr("Show &only this client's messages"), m_table);
    m_filterClientAction->setObjectName(QStringLiteral("filterClientAction"));
    m_filterClientAction->setToolTip(tr("Filters the log to this client; the bar above the log shows all again"));
    // Enter on a row does it too (and a double-click, below).
    m_filterClientAction->setShortcuts({ QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter) });
    m_filterClientAction->setShortcutContext(Qt::WidgetShortcut);
    m_table->addAction(m_sendSelectedAction);
    m_table->addAction(m_disconnectAction);
    m_table->addAction(m_banAction);
    auto *separator = new QAction(m_table);
    separator->setSeparator(true);
    m_table->addAction(separator);
    m_table->addAction(m_filterClientAction);

    m_sendSelectedButton = new QPushButton(tr("Send to &Selected"), central);
    m_sendSelectedButton->setObjectName(QStringLiteral("sendSelectedButton"));
    m_sendSelectedButton->setAccessibleName(tr("Send to Selected"));
    m_sendSelectedButton->setToolTip(tr("Sends the message to the selected clients only, as a direct message "
                                        "(they see it as sent to them alone)"));
    m_disconnectButton = new QPushButton(tr("Dis&connect"), central);
    m_disconnectButton->setObjectName(QStringLiteral("disconnectButton"));
    m_disconnectButton->setAccessibleName(tr("Disconnect"));
    m_disconnectButton->setToolTip(tr("Disconnects the selected clients, after asking (Delete in the table)"));
    m_banButton = new QPushButton(tr("Disconnect and &Ban"), central);
    m_banButton->setObjectName(QStringLiteral("banButton"));
    m_banButton->setAccessibleName(tr("Disconnect and Ban"));
    m_banButton->setToolTip(tr("Disconnects the selected clients and refuses their addresses for the time set, "
                               "after asking (Shift+Delete in the table)"));
    m_banMinutesSpin = new QSpinBox(central);
    m_banMinutesSpin->setObjectName(QStringLiteral("banMinutesSpin"));
    m_banMinutesSpin->setRange(1, kMaxBanMinutes);
    m_banMinutesSpin->setValue(kDefaultBanMinutes);
    m_banMinutesSpin->setSuffix(tr(" min"));
    m_banMinutesSpin->setAccessibleName(tr("Ban for minutes"));
    auto *clientsLayout = new QVBoxLayout;
    clientsLayout->addWidget(m_table);
    auto *clientButtons = new QHBoxLayout;
    clientButtons->addStretch();
    clientButtons->addWidget(m_sendSelectedButton);
    clientButtons->addWidget(m_disconnectButton);
    clientButtons->addWidget(m_banButton);
    clientButtons->addWidget(m_banMinutesSpin);
    clientsLayout->addLayout(clientButtons);

    clientsLayout->addWidget(new BanList(controller, central));
    auto *clientsBox = new QGroupBox(tr("Connected Clients"), central);
    clientsBox->setLayout(clientsLayout);

    // The log.
    m_logPane = new LogPane(controller->log(), central);
    auto *logLayout = new QVBoxLayout;
    logLayout->addWidget(m_logPane);
    auto *logBox = new QGroupBox(tr("Log"), central);
    logBox->setLayout(logLayout);

    auto *splitter = new QSplitter(Qt::Vertical, central);
    splitter->addWidget(clientsBox);
    splitter->addWidget(logBox);
    splitter->setChildrenCollapsible(false);

    // While listening with TLS: the certificate's fingerprint, whole on one
    // line across the window so that it can be selected and copied as is.
    m_fingerprintCaption = new QLabel(tr("TLS certificate SHA-&256:"), central);
    m_fingerprintLabel = new QLabel(central);
    m_fingerprintLabel->setObjectName(QStringLiteral("fingerprintLabel"));
    m_fingerprintLabel->setTextFormat(Qt::PlainText);
    m_fingerprintLabel->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_fingerprintLabel->setAccessibleName(tr("TLS certificate SHA-256 fingerprint"));
    m_fingerprintCaption->setBuddy(m_fingerprintLabel);
    m_fingerprintCaption->hide();
    m_fingerprintLabel->hide();

    // Closing the window quits socket-server: the button says so.
    m_closeButton = new QPushButton(tr("&Quit"), central);
    m_closeButton->setObjectName(QStringLiteral("closeButton"));
    m_closeButton->setAccessibleName(tr("Quit"));
    m_closeButton->setToolTip(tr("Stops the server and closes the window, after asking when clients are "
                                 "connected (Ctrl+Q)"));
    QuitAction::install(this); // Ctrl+Q, as in socket-client
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_fingerprintCaption);
    bottom->addWidget(m_fingerprintLabel);
    bottom->addStretch();
    bottom->addWidget(m_closeButton);

    // Two columns: the listening settings and the message box on the left,
    // the client table and the log, which grow with the window, on the right.
    auto *left = new QVBoxLayout;
    left->addWidget(serverBox);
    left->addWidget(m_securityPanel);
    left->addWidget(broadcastBox);
    left->addStretch(1);
    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 2);
    columns->addWidget(splitter, 5);

    auto *layout = new QVBoxLayout(central);
    layout->addLayout(columns, 1);
    layout->addLayout(bottom);
    setCentralWidget(central);

    m_statusLabel = new ElidedLabel(this);
    m_statusLabel->setStatusText(tr("None"));
    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    statusBar()->addWidget(new QLabel(tr("Status Message:"), this));
    statusBar()->addWidget(m_statusLabel, 1);
    // Clients, and messages and bytes a second in and out.
    m_totalsLabel = new TotalsLabel(controller, this);
    statusBar()->addPermanentWidget(m_totalsLabel);
    statusBar()->addPermanentWidget(new FederationLabel(controller, this)); // hidden unless federated

    // Asks with a message box unless replaced (tests answer themselves).
    m_confirmPrompt = [this](const QString &question) {
        QMessageBox box(QMessageBox::Question, windowTitle(), question, QMessageBox::Yes | QMessageBox::No, this);
        box.setTextFormat(Qt::PlainText); // it names clients by what they sent
        box.setDefaultButton(QMessageBox::Yes);
        return box.exec() == QMessageBox::Yes;
    };

    // Initial values: the core's options (settings and command line merged).
    fillAddresses();
    const ServerOptions &o = controller->options();
    m_portSpin->setValue(o.port);
    selectData(m_bindCombo, o.bind);
    selectData(m_framingCombo, ServerOptions::framingSettingName(o.framing));
    selectData(m_modeCombo, ServerOptions::modeName(o.mode));
    m_welcomeEdit->setText(o.welcomeText);
    {
        // The log's timestamps as last chosen (time, date and time, hidden).
        QSettings settings;
        bool ok = false;
        const int mode = settings.value(QLatin1String(ServerSettings::kLogTimestampsKey)).toInt(&ok);
        if (ok && (mode == int(LogView::TimestampMode::Time) || mode == int(LogView::TimestampMode::DateTime)
                   || mode == int(LogView::TimestampMode::Hidden)))
            m_logPane->setTimestampMode(LogView::TimestampMode(mode));
    }

    // Wiring.
    connect(m_startButton, &QPushButton::clicked, this, &ServerWindow::startListening);
    connect(m_stopButton, &QPushButton::clicked, this, &ServerWindow::stopListening);
    connect(m_sendButton, &QPushButton::clicked, this, &ServerWindow::sendToAll);
    connect(m_broadcastEdit, &BroadcastEdit::submitted, this, &ServerWindow::sendToAll);
    connect(m_sendSelectedButton, &QPushButton::clicked, this, &ServerWindow::sendToSelected);
    connect(m_sendSelectedAction, &QAction::triggered, this, &ServerWindow::sendToSelected);
    connect(m_disconnectButton, &QPushButton::clicked, this, &ServerWindow::disconnectSelected);
    connect(m_disconnectAction, &QAction::triggered, this, &ServerWindow::disconnectSelected);
    connect(m_banButton, &QPushButton::clicked, this, &ServerWindow::banSelected);
    connect(m_banAction, &QAction::triggered, this, &ServerWindow::banSelected);
    connect(m_filterClientAction, &QAction::triggered, this, &ServerWindow::filterLogToCurrentClient);
    // Not activated(): with single-click activation (a desktop setting) a
    // click that selects a row would filter the log too.
    connect(m_table, &QAbstractItemView::doubleClicked, this, &ServerWindow::filterLogToCurrentClient);
    connect(m_closeButton, &QPushButton::clicked, this, &QWidget::close);
    connect(m_logPane, &LogPane::timestampModeChanged, this, [](LogView::TimestampMode mode) {
        QSettings().setValue(QLatin1String(ServerSettings::kLogTimestampsKey), int(mode));
    });

    connect(m_modeCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (const auto mode = ServerOptions::modeFromName(m_modeCombo->currentData().toString()))
            m_controller->setMode(*mode);
        saveSettings(ServerSettings::Field::Mode);
        updateTitle();
    });
    connect(m_framingCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (const auto f = ServerOptions::framingSettingFromName(m_framingCombo->currentData().toString()))
            m_controller->setFramingSetting(*f);
        saveSettings(ServerSettings::Field::Framing);
    });
    connect(m_welcomeEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_controller->setWelcomeText(text);
        saveSettings(ServerSettings::Field::Welcome);
    });
    connect(m_portSpin, &QSpinBox::valueChanged, this, [this](int port) {
        m_controller->setPort(quint16(port));
        saveSettings(ServerSettings::Field::Port);
        updateTitle();
    });
    connect(m_portSpin, &PortSpinBox::inputRefused, this, &ServerWindow::showPortRefused);
    connect(m_portSpin, &QSpinBox::textChanged, m_portErrorLabel, &QWidget::hide);
    connect(m_bindCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_controller->setBind(m_bindCombo->currentData().toString());
        saveSettings(ServerSettings::Field::Bind);
    });
    connect(m_securityPanel, &SecurityPanel::changed, this, &ServerWindow::updateState);

    connect(controller, &ServerController::listeningChanged, this, [this](bool listening) {
        m_failure.clear();
        m_totalsLabel->restart(listening);
        updateState();
    });
    connect(controller, &ServerController::listenFailed, this, [this](const QString &message) {
        m_failure = message;
        updateState();
    });
    connect(controller, &ServerController::securityChanged, this, &ServerWindow::updateState);
    connect(controller, &ServerController::snapshotReady, m_model, &ClientTableModel::applySnapshot);
    connect(controller, &ServerController::snapshotReady, this, &ServerWindow::updateState);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ServerWindow::updateState);

    QSettings settings;
    if (!restoreGeometry(settings.value(QLatin1String(ServerSettings::kGeometryKey)).toByteArray()))
        resize(kDefaultWidth, kDefaultHeight);
    updateState(); // "None" stays until something happens, as in the original
}

ServerWindow::~ServerWindow()
{
    // Closing the window takes the focus from the field being edited, and
    // QLineEdit then says editingFinished: from QWidget's destructor, when
    // this window's own part is already gone. Nothing is applied from here.
    m_securityPanel->disconnect(this);
}

void ServerWindow::fitColumns()
{
    // Every column as wide as its header and what it usually holds; the
    // name takes the rest, so that at the default size the whole row shows
    // without a horizontal scroll bar. A longer cell is elided (its tooltip
    // has it whole), and every column can still be dragged wider.
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(ClientTableModel::NameColumn, QHeaderView::Stretch);
    const QFontMetrics fm = m_table->fontMetrics();
    const int padding = 2 * (m_table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_table) + 1) + 6;
    const auto fit = [&](int column, const QString &sample) {
        m_table->setColumnWidth(column, qMax(header->sectionSizeHint(column), fm.horizontalAdvance(sample) + padding));
    };
    const QString counter = QStringLiteral("9999999");
    fit(ClientTableModel::IdColumn, QStringLiteral("99999"));
    fit(ClientTableModel::AddressColumn, QStringLiteral("255.255.255.255:65535"));
    fit(ClientTableModel::FramingColumn, tr("detecting"));
    fit(ClientTableModel::SecurityColumn, QStringLiteral("TLS 1.3"));
    fit(ClientTableModel::ConnectedSinceColumn, QStringLiteral("00:00:00"));
    // Which server a client is on means something only in a federation.
    m_table->setColumnHidden(ClientTableModel::InstanceColumn,
                             m_controller->federationStatus().state == FederationStatus::State::Off);
    fit(ClientTableModel::MessagesInColumn, counter);
    fit(ClientTableModel::MessagesOutColumn, counter);
    fit(ClientTableModel::BytesInColumn, QStringLiteral("999999999"));
    fit(ClientTableModel::BytesOutColumn, QStringLiteral("999999999"));
}

void ServerWindow::fillAddresses()
{
    const QList<QHostAddress> addresses = machineAddresses();
    QStringList lines;
    m_bindCombo->addItem(tr("Any (IPv4 + IPv6)"), QStringLiteral("any"));
    m_bindCombo->addItem(tr("Localhost"), QStringLiteral("localhost"));
    for (const QHostAddress &a : addresses) {
        const QString text = a.toString();
        lines.append(text);
        m_bindCombo->addItem(text, text);
    }
    m_ipView->setPlainText(lines.join(QLatin1Char('\n')));
}

void ServerWindow::startListening()
{
    // What was typed and not yet applied (a field not yet left).
    m_securityPanel->applyPending();
    m_controller->setPort(quint16(m_portSpin->value()));
    m_controller->setBind(m_bindCombo->currentData().toString());
    m_controller->start();
}

void ServerWindow::stopListening()
{
    m_controller->stop();
    m_failure.clear();
    updateState();
    m_statusLabel->setStatusText(tr("Stopped"));
}

QList<quint32> ServerWindow::selectedIds() const
{
    QList<quint32> ids;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        ids.append(m_model->idAt(index.row()));
    std::sort(ids.begin(), ids.end());
    return ids;
}

void ServerWindow::sendToAll()
{
    if (m_controller->sendToAll(m_broadcastEdit->toPlainText()))
        m_broadcastEdit->clear();
}

void ServerWindow::sendToSelected()
{
    if (m_controller->sendTo(selectedIds(), m_broadcastEdit->toPlainText()))
        m_broadcastEdit->clear();
}

bool ServerWindow::confirm(const QString &question)
{
    if (m_confirming)
        return false; // one question at a time (a second Delete, Close)
    m_confirming = true;
    QPointer<ServerWindow> self(this);
    const bool yes = m_confirmPrompt(question);
    if (!self)
        return false;
    m_confirming = false;
    return yes;
}

QString ServerWindow::namedClients(const QList<quint32> &ids) const
{
    QStringList names;
    for (quint32 id : ids) {
        if (names.size() == kMaxNamedClients)
            break;
        QString label = m_model->labelOf(id);
        if (label.isEmpty())
            label = QLatin1Char('#') + QString::number(id);
        // What the client sent: visible, and short.
        label = ControlEscape::escaped(label);
        if (label.size() > kMaxNameInQuestion)
            label = label.left(kMaxNameInQuestion - 1) + QChar(0x2026);
        names.append(label);
    }
    const qsizetype more = ids.size() - names.size();
    if (more > 0)
        return tr("%1 and %n more", nullptr, int(more)).arg(names.join(QStringLiteral(", ")));
    if (names.size() == 1)
        return names.constFirst();
    const QString last = names.takeLast();
    return tr("%1 and %2").arg(names.join(QStringLiteral(", ")), last);
}

void ServerWindow::disconnectSelected()
{
    // The ids asked about are the ids kicked, however the rows move (or
    // the selection changes) while the question is open.
    const QList<quint32> ids = selectedIds();
    if (ids.isEmpty())
        return;
    const QString question = ids.size() <= kMaxNamedClients
        ? tr("Disconnect %1?").arg(namedClients(ids))
        : tr("Disconnect %n clients: %1?", nullptr, int(ids.size())).arg(namedClients(ids));
    if (!confirm(question))
        return;
    m_controller->disconnectClients(ids);
}

void ServerWindow::banSelected()
{
    const QList<quint32> ids = selectedIds();
    if (ids.isEmpty())
        return;
    const int minutes = m_banMinutesSpin->value();
    QStringList hosts;
    for (quint32 id : ids) {
        const QString host = m_model->hostOf(id);
        if (!host.isEmpty() && !hosts.contains(host))
            hosts.append(host);
    }
    const QString clients = ids.size() <= kMaxNamedClients
        ? namedClients(ids)
        : tr("%n clients (%1)", nullptr, int(ids.size())).arg(namedClients(ids));
    // "Disconnect #3 alice and ban 127.0.0.1 for 10 minute(s)?"
    const QString question = tr("Disconnect %1 and ban %2 for %n minute(s)?", nullptr, minutes)
                                 .arg(clients, hosts.join(QStringLiteral(", ")));
    if (!confirm(question))
        return;
    m_controller->disconnectClients(ids, minutes);
}

void ServerWindow::filterLogToCurrentClient()
{
    // The row clicked last (the current one) if it is selected, else the
    // first selected one.
    const QModelIndex current = m_table->currentIndex();
    quint32 id = 0;
    if (current.isValid() && m_table->selectionModel()->isRowSelected(current.row(), {}))
        id = m_model->idAt(current.row());
    else if (const QList<quint32> ids = selectedIds(); !ids.isEmpty())
        id = ids.constFirst();
    if (id != 0)
        m_logPane->setClientFilter(id, m_model->labelOf(id));
}

void ServerWindow::showPortRefused(const QString &text)
{
    m_portErrorLabel->setText(m_portSpin->refusalText(text));
    m_portErrorLabel->show();
}

void ServerWindow::updateTitle()
{
    // "Socket Server — port 8000, relay": two servers look different.
    const quint16 port = m_controller->isListening() ? m_controller->serverPort() : quint16(m_portSpin->value());
    const QString place = port == 0 ? tr("any free port") : tr("port %1").arg(QString::number(port));
    setWindowTitle(tr("Socket Server — %1, %2").arg(place, ServerOptions::modeName(m_controller->options().mode)));
}

void ServerWindow::updateState()
{
    const bool listening = m_controller->isListening();
    updateTitle();
    m_startButton->setEnabled(!listening);
    m_stopButton->setEnabled(listening);
    m_portSpin->setEnabled(!listening);
    m_bindCombo->setEnabled(!listening);
    m_securityPanel->setListening(listening);
    const QString fingerprint = listening ? m_controller->tlsFingerprint() : QString();
    if (m_fingerprintLabel->text() != fingerprint) // keeps a selection
        m_fingerprintLabel->setText(fingerprint);
    m_fingerprintLabel->setVisible(!fingerprint.isEmpty());
    m_fingerprintCaption->setVisible(!fingerprint.isEmpty());
    const bool selected = m_table->selectionModel()->hasSelection();
    m_sendSelectedButton->setEnabled(selected);
    m_disconnectButton->setEnabled(selected);
    m_banButton->setEnabled(selected);
    m_sendSelectedAction->setEnabled(selected);
    m_disconnectAction->setEnabled(selected);
    m_banAction->setEnabled(selected);
    m_filterClientAction->setEnabled(selected);
    // Port 0 asks for any free port: while listening, which one it got.
    const bool anyPort = listening && m_controller->options().port == 0 && m_controller->serverPort() != 0;
    if (anyPort)
        m_actualPortLabel->setText(tr("now %1").arg(QString::number(m_controller->serverPort())));
    m_actualPortLabel->setVisible(anyPort);
    const QString page = listening
        ? QStringLiteral("<a href=\"%1\">%1</a>")
              .arg(ListeningSummary::webPage(*m_controller).toString().toHtmlEscaped())
        : tr("not listening");
    if (m_webPageLabel->text() != page)
        m_webPageLabel->setText(page);
    if (listening) {
        m_statusLabel->setStatusText(ListeningSummary::text(*m_controller));
    } else if (!m_failure.isEmpty()) {
        m_statusLabel->setStatusText(m_failure);
    }
}

void ServerWindow::saveSettings(ServerSettings::Fields fields) const
{
    QSettings settings;
    ServerSettings::save(settings, m_controller->options(), fields);
}

void ServerWindow::closeEvent(QCloseEvent *event)
{
    // Clients would be cut off: ask first (the Quit button, Ctrl+Q and the
    // window manager's close all come here).
    const int clients = m_controller->isListening() ? m_controller->clientCount() : 0;
    if (clients > 0
        && !confirm(tr("%n client(s) connected: stop the server and quit?", nullptr, clients))) {
        event->ignore();
        return;
    }
    // As in the original form, closing the window stops the server: every
    // client gets its "server stopped listening" notice now, while the event
    // loop still runs to flush it (socket-server then waits for the
    // connections to close before it quits).
    m_controller->shutDown();
    // Only the geometry: each field was saved when the user changed it, and
    // what the command line gave is for this run only.
    QSettings settings;
    settings.setValue(QLatin1String(ServerSettings::kGeometryKey), saveGeometry());
    QMainWindow::closeEvent(event);
}
