#include "serverwindow.h"

#include "accesspolicy.h"
#include "broadcastedit.h"
#include "clienttablemodel.h"
#include "controlescape.h"
#include "elidedlabel.h"
#include "logpane.h"
#include "portspinbox.h"
#include "protocol.h"
#include "quitaction.h"
#include "servercontroller.h"
#include "serversettings.h"

#include <QAction>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QMessageBox>
#include <QNetworkInterface>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QTimer>
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

// How an applied list reads in its field.
QString joinRules(const QStringList &rules)
{
    return rules.join(QStringLiteral(", "));
}

bool isAnyAddress(const QHostAddress &a)
{
    return a == QHostAddress(QHostAddress::Any) || a == QHostAddress(QHostAddress::AnyIPv4)
        || a == QHostAddress(QHostAddress::AnyIPv6);
}

} // namespace

ServerWindow::ServerWindow(ServerController *controller, QWidget *parent)
    : QMainWindow(parent)
    , m_controller(controller)
    , m_model(new ClientTableModel(this))
    , m_totalsTimer(new QTimer(this))
{
    setWindowTitle(tr("Socket Server"));
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
    m_welcomeEdit->setToolTip(tr("%1 is replaced by the client's id"));

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
    form->addRow(tr("B&ind"), m_bindCombo);
    form->addRow(tr("&Framing"), m_framingCombo);
    form->addRow(tr("Client messa&ges"), m_modeCombo);
    // No mnemonic left for it: Tab from "Client messages" reaches it.
    form->addRow(tr("Welcome"), m_welcomeEdit);
    auto *listenButtons = new QHBoxLayout;
    listenButtons->addWidget(m_startButton);
    listenButtons->addWidget(m_stopButton);
    listenButtons->addStretch();
    form->addRow(listenButtons);
    auto *serverBox = new QGroupBox(tr("Server"), central);
    serverBox->setLayout(form);

    // Security (docs/security.md): who may connect, TLS, the password.
    // Access lists apply when their field is left or Enter is pressed; the
    // TLS files at the next start; the password when its field is left or
    // Enter is pressed, for new connections.
    m_allowEdit = new QLineEdit(central);
    m_allowEdit->setObjectName(QStringLiteral("allowEdit"));
    m_allowEdit->setAccessibleName(tr("Allow"));
    m_allowEdit->setPlaceholderText(tr("Everyone, e.g. 10.0.0.0/8, ::1"));
    m_allowEdit->setToolTip(tr("Only these addresses or CIDR ranges may connect (separated by spaces or "
                               "commas; empty: everyone). Enter or leaving the field applies them."));
    m_denyEdit = new QLineEdit(central);
    m_denyEdit->setObjectName(QStringLiteral("denyEdit"));
    m_denyEdit->setAccessibleName(tr("Deny"));
    m_denyEdit->setPlaceholderText(tr("No one"));
    m_denyEdit->setToolTip(tr("These addresses or CIDR ranges may not connect, even when allowed. Enter or "
                              "leaving the field applies them."));
    m_accessErrorLabel = new QLabel(central);
    m_accessErrorLabel->setObjectName(QStringLiteral("accessErrorLabel"));
    m_accessErrorLabel->setTextFormat(Qt::PlainText); // it quotes what was typed
    m_accessErrorLabel->setWordWrap(true);
    for (QLabel *error : { m_accessErrorLabel, m_portErrorLabel }) {
        QPalette p = error->palette();
        p.setColor(QPalette::WindowText, QColor(0xb0, 0x00, 0x20));
        error->setPalette(p);
    }
    m_accessErrorLabel->hide();

    m_tlsCertEdit = new QLineEdit(central);
    m_tlsCertEdit->setObjectName(QStringLiteral("tlsCertEdit"));
    m_tlsCertEdit->setAccessibleName(tr("Certificate file"));
    m_tlsCertEdit->setPlaceholderText(tr("None: plain TCP"));
    m_tlsCertEdit->setToolTip(tr("PEM certificate file; with a key, the next start serves TLS on the same port"));
    // Two "Browse…" buttons, each beside its field (Alt+T, Alt+K, then Tab).
    m_tlsCertBrowseButton = new QPushButton(tr("Browse…"), central);
    m_tlsCertBrowseButton->setObjectName(QStringLiteral("tlsCertBrowseButton"));
    m_tlsCertBrowseButton->setAccessibleName(tr("Browse for the certificate file"));
    m_tlsKeyEdit = new QLineEdit(central);
    m_tlsKeyEdit->setObjectName(QStringLiteral("tlsKeyEdit"));
    m_tlsKeyEdit->setAccessibleName(tr("Key file"));
    m_tlsKeyEdit->setPlaceholderText(tr("PEM private key file"));
    m_tlsKeyBrowseButton = new QPushButton(tr("Browse…"), central);
    m_tlsKeyBrowseButton->setObjectName(QStringLiteral("tlsKeyBrowseButton"));
    m_tlsKeyBrowseButton->setAccessibleName(tr("Browse for the key file"));
    m_allowPlaintextCheck = new QCheckBox(tr("Allow &plain connections too"), central);
    m_allowPlaintextCheck->setObjectName(QStringLiteral("allowPlaintextCheck"));
    m_allowPlaintextCheck->setAccessibleName(tr("Allow plain connections too"));
    m_allowPlaintextCheck->setToolTip(tr("With TLS on, plain TCP clients (nc, telnet) are refused unless this is checked"));

    m_passwordEdit = new QLineEdit(central);
    m_passwordEdit->setObjectName(QStringLiteral("passwordEdit"));
    m_passwordEdit->setAccessibleName(tr("Password"));
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_passwordEdit->setToolTip(tr("New connections must give it (never saved). Enter or leaving the field "
                                  "applies it; an empty field means no password."));

    auto *securityForm = new QFormLayout;
    securityForm->addRow(tr("&Allow"), m_allowEdit);
    securityForm->addRow(tr("&Deny"), m_denyEdit);
    securityForm->addRow(m_accessErrorLabel);
    const auto fileRow = [&](const QString &label, QLineEdit *edit, QPushButton *browse) {
        auto *row = new QHBoxLayout;
        row->addWidget(edit, 1);
        row->addWidget(browse);
        auto *caption = new QLabel(label, central);
        caption->setBuddy(edit);
        securityForm->addRow(caption, row);
    };
    fileRow(tr("Cer&tificate"), m_tlsCertEdit, m_tlsCertBrowseButton);
    fileRow(tr("&Key"), m_tlsKeyEdit, m_tlsKeyBrowseButton);
    securityForm->addRow(QString(), m_allowPlaintextCheck);
    securityForm->addRow(tr("Pass&word"), m_passwordEdit);
    auto *securityBox = new QGroupBox(tr("Security"), central);
    securityBox->setObjectName(QStringLiteral("securityBox"));
    securityBox->setLayout(securityForm);

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

    // Banned addresses (model/view), and lifting a ban.
    m_bansModel = new QStandardItemModel(this);
    m_bansView = new QListView(central);
    m_bansView->setObjectName(QStringLiteral("bansView"));
    m_bansView->setModel(m_bansModel);
    m_bansView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_bansView->setMaximumHeight(m_bansView->fontMetrics().lineSpacing() * 4 + 8);
    m_bansView->setAccessibleName(tr("Banned addresses"));
    m_unbanButton = new QPushButton(tr("&Unban"), central);
    m_unbanButton->setObjectName(QStringLiteral("unbanButton"));
    m_unbanButton->setAccessibleName(tr("Unban"));
    m_unbanButton->setToolTip(tr("Lifts the ban on the selected addresses"));
    auto *bansLayout = new QHBoxLayout;
    // No mnemonic left for it: Tab from the ban's minutes reaches the list.
    auto *bansLabel = new QLabel(tr("Banned:"), central);
    bansLabel->setBuddy(m_bansView);
    bansLayout->addWidget(bansLabel);
    bansLayout->addWidget(m_bansView, 1);
    bansLayout->addWidget(m_unbanButton, 0, Qt::AlignTop);
    clientsLayout->addLayout(bansLayout);
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
    left->addWidget(securityBox);
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
    m_totalsLabel = new QLabel(this);
    m_totalsLabel->setObjectName(QStringLiteral("totalsLabel"));
    m_totalsLabel->setTextFormat(Qt::PlainText);
    statusBar()->addPermanentWidget(m_totalsLabel);
    m_totalsTimer->setInterval(kTotalsIntervalMs);
    connect(m_totalsTimer, &QTimer::timeout, this, &ServerWindow::sampleTotals);

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
    m_allowEdit->setText(joinRules(o.allow));
    m_denyEdit->setText(joinRules(o.deny));
    m_tlsCertEdit->setText(o.tlsCertFile);
    m_tlsKeyEdit->setText(o.tlsKeyFile);
    m_allowPlaintextCheck->setChecked(o.allowPlaintext);
    // Rules saved earlier that no longer parse: the core ignores them, and
    // the field says why (the list in force is what parses).
    applyAccessList(m_allowEdit);
    applyAccessList(m_denyEdit);
    // The field starts empty: a password set now came from outside the
    // window (socket-server reads SOCKETHUB_PASSWORD), and is not shown.
    updatePasswordPlaceholder();
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
    connect(m_unbanButton, &QPushButton::clicked, this, &ServerWindow::liftBan);
    connect(m_bansView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ServerWindow::updateState);
    connect(m_closeButton, &QPushButton::clicked, this, &QWidget::close);
    connect(m_logPane, &LogPane::timestampModeChanged, this, [](LogView::TimestampMode mode) {
        QSettings().setValue(QLatin1String(ServerSettings::kLogTimestampsKey), int(mode));
    });

    connect(m_modeCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (const auto mode = ServerOptions::modeFromName(m_modeCombo->currentData().toString()))
            m_controller->setMode(*mode);
        saveSettings();
    });
    connect(m_framingCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (const auto f = ServerOptions::framingSettingFromName(m_framingCombo->currentData().toString()))
            m_controller->setFramingSetting(*f);
        saveSettings();
    });
    connect(m_welcomeEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_controller->setWelcomeText(text);
        saveSettings();
    });
    connect(m_portSpin, &QSpinBox::valueChanged, this, [this](int port) {
        m_controller->setPort(quint16(port));
        saveSettings();
    });
    connect(m_portSpin, &PortSpinBox::inputRefused, this, &ServerWindow::showPortRefused);
    connect(m_portSpin, &QSpinBox::textChanged, m_portErrorLabel, &QWidget::hide);
    connect(m_bindCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_controller->setBind(m_bindCombo->currentData().toString());
        saveSettings();
    });
    connect(m_allowEdit, &QLineEdit::editingFinished, this, [this] { applyAccessList(m_allowEdit); });
    connect(m_denyEdit, &QLineEdit::editingFinished, this, [this] { applyAccessList(m_denyEdit); });
    connect(m_tlsCertEdit, &QLineEdit::editingFinished, this, &ServerWindow::applyTls);
    connect(m_tlsKeyEdit, &QLineEdit::editingFinished, this, &ServerWindow::applyTls);
    connect(m_tlsCertEdit, &QLineEdit::textChanged, this, &ServerWindow::updateState);
    connect(m_tlsKeyEdit, &QLineEdit::textChanged, this, &ServerWindow::updateState);
    connect(m_allowPlaintextCheck, &QCheckBox::toggled, this, &ServerWindow::applyTls);
    connect(m_tlsCertBrowseButton, &QPushButton::clicked, this,
            [this] { browseForTlsFile(m_tlsCertEdit, tr("Certificate File")); });
    connect(m_tlsKeyBrowseButton, &QPushButton::clicked, this,
            [this] { browseForTlsFile(m_tlsKeyEdit, tr("Private Key File")); });
    connect(m_passwordEdit, &QLineEdit::editingFinished, this, &ServerWindow::applyPassword);

    connect(controller, &ServerController::listeningChanged, this, [this](bool listening) {
        m_failure.clear();
        // Rates count from the start; stopped, there are none.
        m_lastStats = m_controller->stats();
        m_totalsClock.start();
        m_messagesInPerSecond = m_messagesOutPerSecond = m_bytesInPerSecond = m_bytesOutPerSecond = 0;
        if (listening)
            m_totalsTimer->start();
        else
            m_totalsTimer->stop();
        showTotals();
        updateState();
    });
    connect(controller, &ServerController::listenFailed, this, [this](const QString &message) {
        m_failure = message;
        updateState();
    });
    connect(controller, &ServerController::securityChanged, this, &ServerWindow::updateState);
    connect(controller, &ServerController::snapshotReady, m_model, &ClientTableModel::applySnapshot);
    connect(controller, &ServerController::snapshotReady, this, &ServerWindow::updateState);
    connect(controller, &ServerController::snapshotReady, this, &ServerWindow::showBans);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ServerWindow::updateState);

    QSettings settings;
    if (!restoreGeometry(settings.value(QLatin1String(ServerSettings::kGeometryKey)).toByteArray()))
        resize(kDefaultWidth, kDefaultHeight);
    showTotals();
    updateState(); // "None" stays until something happens, as in the original
}

ServerWindow::~ServerWindow()
{
    // Closing the window takes the focus from the field being edited, and
    // QLineEdit then says editingFinished: from QWidget's destructor, when
    // this window's own part is already gone. Nothing is applied from here.
    for (QLineEdit *edit : { m_allowEdit, m_denyEdit, m_tlsCertEdit, m_tlsKeyEdit, m_passwordEdit })
        edit->disconnect(this);
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

QStringList ServerWindow::splitRules(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[\\s,]+"));
    return text.split(separators, Qt::SkipEmptyParts);
}

bool ServerWindow::applyAccessList(QLineEdit *edit)
{
    const bool isAllow = edit == m_allowEdit;
    QString &error = isAllow ? m_allowError : m_denyError;
    const QStringList rules = splitRules(edit->text());
    for (qsizetype i = 0; i < rules.size(); ++i) {
        QString why;
        if (AccessPolicy::Rule::parse(rules.at(i), &why))
            continue;
        // "Deny, entry 2: 10.0.0.300 is not an address or a CIDR range"
        error = isAllow ? tr("Allow, entry %1: %2 (not applied)").arg(QString::number(i + 1), why)
                        : tr("Deny, entry %1: %2 (not applied)").arg(QString::number(i + 1), why);
        showAccessErrors();
        return false;
    }
    error.clear();
    showAccessErrors();
    // Copies: setAccessRules() writes the options they would refer to.
    const QStringList allow = isAllow ? rules : m_controller->options().allow;
    const QStringList deny = isAllow ? m_controller->options().deny : rules;
    if (allow != m_controller->options().allow || deny != m_controller->options().deny) {
        m_controller->setAccessRules(allow, deny);
        saveSettings();
        updateState();
    }
    edit->setText(joinRules(rules));
    return true;
}

void ServerWindow::showAccessErrors()
{
    QStringList errors;
    if (!m_allowError.isEmpty())
        errors.append(m_allowError);
    if (!m_denyError.isEmpty())
        errors.append(m_denyError);
    m_accessErrorLabel->setText(errors.join(QLatin1Char('\n')));
    m_accessErrorLabel->setVisible(!errors.isEmpty());
}

void ServerWindow::applyTls()
{
    const QString cert = m_tlsCertEdit->text().trimmed();
    const QString key = m_tlsKeyEdit->text().trimmed();
    const bool allowPlaintext = m_allowPlaintextCheck->isChecked();
    const ServerOptions &o = m_controller->options();
    if (cert == o.tlsCertFile && key == o.tlsKeyFile && allowPlaintext == o.allowPlaintext)
        return;
    m_controller->setTls(cert, key, allowPlaintext);
    saveSettings();
    updateState();
}

void ServerWindow::browseForTlsFile(QLineEdit *edit, const QString &caption)
{
    // Never waited for: the choice, if any, arrives through fileSelected().
    const QString current = edit->text().trimmed();
    const QString dir = current.isEmpty() ? QDir::homePath() : QFileInfo(current).absolutePath();
    auto *dialog = new QFileDialog(this, caption, dir);
    dialog->setObjectName(QStringLiteral("tlsFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // One at a time: a second Browse… replaces the first.
    if (m_fileDialog)
        m_fileDialog->close();
    m_fileDialog = dialog;
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setNameFilters({ tr("PEM files (*.pem *.crt *.cer *.key)"), tr("All files (*)") });
    connect(dialog, &QFileDialog::fileSelected, edit, [this, edit](const QString &file) {
        edit->setText(QDir::toNativeSeparators(file));
        applyTls();
    });
    // Not even modal to this window (QDialog::open() would be): the server
    // window stays usable while the dialog is open.
    dialog->setWindowModality(Qt::NonModal);
    dialog->show();
}

void ServerWindow::applyPassword()
{
    // Only an edit changes it: leaving the empty field keeps a password
    // that came from the environment.
    if (!m_passwordEdit->isModified())
        return;
    m_passwordEdit->setModified(false);
    m_controller->setPassword(m_passwordEdit->text());
    updatePasswordPlaceholder();
    updateState();
}

void ServerWindow::updatePasswordPlaceholder()
{
    if (m_controller->hasPassword() && m_passwordEdit->text().isEmpty())
        m_passwordEdit->setPlaceholderText(tr("Set from %1").arg(QLatin1String(Protocol::kPasswordEnvironmentVariable)));
    else
        m_passwordEdit->setPlaceholderText(tr("None: no password asked"));
}

QString ServerWindow::securitySummary() const
{
    const ServerOptions &o = m_controller->options();
    const bool tls = !m_controller->tlsFingerprint().isEmpty();
    const bool password = m_controller->hasPassword();
    if (!tls && !password && o.allow.isEmpty() && isAnyAddress(ServerOptions::bindAddress(o.bind)))
        return tr("open: no password, no TLS");
    const QString tlsText = !tls ? tr("no TLS") : o.allowPlaintext ? tr("TLS or plain") : tr("TLS");
    const QString passwordText = password ? tr("password required") : tr("no password");
    return tr("%1, %2").arg(tlsText, passwordText);
}

QString ServerWindow::listeningPlace() const
{
    const QHostAddress bind = ServerOptions::bindAddress(m_controller->options().bind);
    const QString port = QString::number(m_controller->serverPort());
    QString place;
    // QHostAddress::Any is both IPv4 and IPv6; AnyIPv6 ("::") IPv6 only.
    if (bind == QHostAddress(QHostAddress::Any))
        place = tr("all interfaces (IPv4 and IPv6), port %1").arg(port);
    else if (bind == QHostAddress(QHostAddress::AnyIPv4))
        place = tr("all IPv4 interfaces, port %1").arg(port);
    else if (bind == QHostAddress(QHostAddress::AnyIPv6))
        place = tr("all IPv6 interfaces, port %1").arg(port);
    else
        place = m_controller->listenAddressText();
    if (m_controller->options().port == 0)
        place = tr("%1 (any free port)").arg(place);
    return place;
}

void ServerWindow::startListening()
{
    // What was typed and not yet applied (a field not yet left).
    applyAccessList(m_allowEdit);
    applyAccessList(m_denyEdit);
    applyPassword();
    applyTls();
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

void ServerWindow::liftBan()
{
    const QModelIndexList rows = m_bansView->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows)
        m_controller->unban(row.data(Qt::UserRole).toString());
}

void ServerWindow::showBans(const ServerSnapshot &snapshot)
{
    if (!snapshot.bansChanged)
        return;
    m_bansModel->clear();
    for (const ServerSnapshot::Ban &ban : snapshot.bans) {
        const QString until = QDateTime::fromMSecsSinceEpoch(ban.untilMsecsSinceEpoch).toString(QStringLiteral("HH:mm"));
        auto *item = new QStandardItem(tr("%1 (until %2)").arg(ban.address, until));
        item->setData(ban.address, Qt::UserRole);
        m_bansModel->appendRow(item);
    }
    updateState();
}

void ServerWindow::updateState()
{
    const bool listening = m_controller->isListening();
    m_startButton->setEnabled(!listening);
    m_stopButton->setEnabled(listening);
    m_portSpin->setEnabled(!listening);
    m_bindCombo->setEnabled(!listening);
    // The TLS files apply at a start.
    m_tlsCertEdit->setEnabled(!listening);
    m_tlsKeyEdit->setEnabled(!listening);
    m_tlsCertBrowseButton->setEnabled(!listening);
    m_tlsKeyBrowseButton->setEnabled(!listening);
    const bool tlsSet = !m_tlsCertEdit->text().trimmed().isEmpty() || !m_tlsKeyEdit->text().trimmed().isEmpty();
    m_allowPlaintextCheck->setEnabled(!listening && tlsSet);
    const QString fingerprint = listening ? m_controller->tlsFingerprint() : QString();
    if (m_fingerprintLabel->text() != fingerprint) // keeps a selection
        m_fingerprintLabel->setText(fingerprint);
    m_fingerprintLabel->setVisible(!fingerprint.isEmpty());
    m_fingerprintCaption->setVisible(!fingerprint.isEmpty());
    const bool selected = m_table->selectionModel()->hasSelection();
    m_sendSelectedButton->setEnabled(selected);
    m_disconnectButton->setEnabled(selected);
    m_banButton->setEnabled(selected);
    m_unbanButton->setEnabled(m_bansView->selectionModel()->hasSelection());
    m_sendSelectedAction->setEnabled(selected);
    m_disconnectAction->setEnabled(selected);
    m_banAction->setEnabled(selected);
    m_filterClientAction->setEnabled(selected);
    // Port 0 asks for any free port: while listening, which one it got.
    const bool anyPort = listening && m_controller->options().port == 0 && m_controller->serverPort() != 0;
    if (anyPort)
        m_actualPortLabel->setText(tr("now %1").arg(QString::number(m_controller->serverPort())));
    m_actualPortLabel->setVisible(anyPort);
    if (listening) {
        const int n = m_controller->clientCount();
        const QString clients = n == 1 ? tr("1 client") : tr("%1 clients").arg(n);
        // Says plainly when anyone can join and read along.
        m_statusLabel->setStatusText(tr("Listening on %1 — %2 — %3").arg(listeningPlace(), securitySummary(), clients));
    } else if (!m_failure.isEmpty()) {
        m_statusLabel->setStatusText(m_failure);
    }
}

void ServerWindow::sampleTotals()
{
    const ServerSnapshot::Stats now = m_controller->stats();
    const qint64 ms = m_totalsClock.restart();
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

void ServerWindow::showTotals()
{
    const QLocale locale;
    const auto rate = [&locale](quint64 bytes) {
        return tr("%1/s").arg(locale.formattedDataSize(qint64(qMin<quint64>(bytes, INT64_MAX)), 1));
    };
    const int clients = m_controller->isListening() ? m_controller->clientCount() : 0;
    // "Clients: 3 · In: 12 msg/s, 1.2 KiB/s · Out: 36 msg/s, 3.5 KiB/s"
    const QString text = tr("Clients: %1 · In: %2 msg/s, %3 · Out: %4 msg/s, %5")
                             .arg(locale.toString(clients), locale.toString(m_messagesInPerSecond),
                                  rate(m_bytesInPerSecond), locale.toString(m_messagesOutPerSecond),
                                  rate(m_bytesOutPerSecond));
    if (m_totalsLabel->text() != text)
        m_totalsLabel->setText(text);
    const ServerSnapshot::Stats total = m_controller->stats();
    m_totalsLabel->setToolTip(
        tr("Messages from clients and messages delivered to clients (one per recipient) a second, and the "
           "bytes read and written a second. In all: %1 messages in, %2 out, %3 in, %4 out.")
            .arg(locale.toString(total.messagesIn), locale.toString(total.deliveries),
                 locale.formattedDataSize(qint64(qMin<quint64>(total.bytesIn, INT64_MAX)), 1),
                 locale.formattedDataSize(qint64(qMin<quint64>(total.bytesOut, INT64_MAX)), 1)));
}

void ServerWindow::saveSettings() const
{
    QSettings settings;
    ServerOptions o = m_controller->options();
    o.port = quint16(m_portSpin->value());
    o.bind = m_bindCombo->currentData().toString();
    ServerSettings::save(settings, o);
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
    QSettings settings;
    saveSettings();
    settings.setValue(QLatin1String(ServerSettings::kGeometryKey), saveGeometry());
    QMainWindow::closeEvent(event);
}
