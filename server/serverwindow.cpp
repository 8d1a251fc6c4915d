#include "serverwindow.h"

#include "accesspolicy.h"
#include "broadcastedit.h"
#include "clienttablemodel.h"
#include "elidedlabel.h"
#include "logpane.h"
#include "protocol.h"
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
{
    setWindowTitle(tr("Socket Server"));
    auto *central = new QWidget(this);

    // Server settings (the original's top half).
    m_ipView = new QPlainTextEdit(central);
    m_ipView->setObjectName(QStringLiteral("serverIpView"));
    m_ipView->setReadOnly(true);
    m_ipView->setMaximumHeight(m_ipView->fontMetrics().lineSpacing() * 4 + 12);

    m_portSpin = new QSpinBox(central);
    m_portSpin->setObjectName(QStringLiteral("portSpinBox"));
    m_portSpin->setRange(0, 65535);
    m_portSpin->setToolTip(tr("0 means any free port"));

    m_bindCombo = new QComboBox(central);
    m_bindCombo->setObjectName(QStringLiteral("bindCombo"));

    m_framingCombo = new QComboBox(central);
    m_framingCombo->setObjectName(QStringLiteral("framingCombo"));
    m_framingCombo->addItem(tr("Auto (detect per connection)"), QStringLiteral("auto"));
    m_framingCombo->addItem(tr("Lines"), QStringLiteral("lines"));
    m_framingCombo->addItem(tr("Frames"), QStringLiteral("frames"));

    m_modeCombo = new QComboBox(central);
    m_modeCombo->setObjectName(QStringLiteral("modeCombo"));
    m_modeCombo->addItem(tr("Show"), QStringLiteral("show"));
    m_modeCombo->addItem(tr("Echo to the sender"), QStringLiteral("echo"));
    m_modeCombo->addItem(tr("Relay to the others"), QStringLiteral("relay"));

    m_welcomeEdit = new QLineEdit(central);
    m_welcomeEdit->setObjectName(QStringLiteral("welcomeEdit"));
    m_welcomeEdit->setToolTip(tr("%1 is replaced by the client's id"));

    m_startButton = new QPushButton(tr("Start Listening"), central);
    m_startButton->setObjectName(QStringLiteral("startButton"));
    m_stopButton = new QPushButton(tr("Stop Listening"), central);
    m_stopButton->setObjectName(QStringLiteral("stopButton"));

    auto *form = new QFormLayout;
    form->addRow(tr("Server IP"), m_ipView);
    form->addRow(tr("Port"), m_portSpin);
    form->addRow(tr("Bind"), m_bindCombo);
    form->addRow(tr("Framing"), m_framingCombo);
    form->addRow(tr("Client messages"), m_modeCombo);
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
    m_allowEdit->setPlaceholderText(tr("Everyone, e.g. 10.0.0.0/8, ::1"));
    m_allowEdit->setToolTip(tr("Only these addresses or CIDR ranges may connect (separated by spaces or "
                               "commas; empty: everyone). Enter or leaving the field applies them."));
    m_denyEdit = new QLineEdit(central);
    m_denyEdit->setObjectName(QStringLiteral("denyEdit"));
    m_denyEdit->setPlaceholderText(tr("No one"));
    m_denyEdit->setToolTip(tr("These addresses or CIDR ranges may not connect, even when allowed. Enter or "
                              "leaving the field applies them."));
    m_accessErrorLabel = new QLabel(central);
    m_accessErrorLabel->setObjectName(QStringLiteral("accessErrorLabel"));
    m_accessErrorLabel->setTextFormat(Qt::PlainText); // it quotes what was typed
    m_accessErrorLabel->setWordWrap(true);
    {
        QPalette p = m_accessErrorLabel->palette();
        p.setColor(QPalette::WindowText, QColor(0xb0, 0x00, 0x20));
        m_accessErrorLabel->setPalette(p);
    }
    m_accessErrorLabel->hide();

    m_tlsCertEdit = new QLineEdit(central);
    m_tlsCertEdit->setObjectName(QStringLiteral("tlsCertEdit"));
    m_tlsCertEdit->setPlaceholderText(tr("None: plain TCP"));
    m_tlsCertEdit->setToolTip(tr("PEM certificate file; with a key, the next start serves TLS on the same port"));
    m_tlsCertBrowseButton = new QPushButton(tr("Browse…"), central);
    m_tlsCertBrowseButton->setObjectName(QStringLiteral("tlsCertBrowseButton"));
    m_tlsCertBrowseButton->setAccessibleName(tr("Browse for the certificate file"));
    m_tlsKeyEdit = new QLineEdit(central);
    m_tlsKeyEdit->setObjectName(QStringLiteral("tlsKeyEdit"));
    m_tlsKeyEdit->setPlaceholderText(tr("PEM private key file"));
    m_tlsKeyBrowseButton = new QPushButton(tr("Browse…"), central);
    m_tlsKeyBrowseButton->setObjectName(QStringLiteral("tlsKeyBrowseButton"));
    m_tlsKeyBrowseButton->setAccessibleName(tr("Browse for the key file"));
    m_allowPlaintextCheck = new QCheckBox(tr("Allow &plain connections too"), central);
    m_allowPlaintextCheck->setObjectName(QStringLiteral("allowPlaintextCheck"));
    m_allowPlaintextCheck->setToolTip(tr("With TLS on, plain TCP clients (nc, telnet) are refused unless this is checked"));

    m_passwordEdit = new QLineEdit(central);
    m_passwordEdit->setObjectName(QStringLiteral("passwordEdit"));
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

    // Connected clients.
    m_table = new QTableView(central);
    m_table->setObjectName(QStringLiteral("clientTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->hide();
    fitColumns();
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *sendSelectedAction = new QAction(tr("Send to selected"), m_table);
    sendSelectedAction->setObjectName(QStringLiteral("sendSelectedAction"));
    auto *disconnectAction = new QAction(tr("Disconnect"), m_table);
    disconnectAction->setObjectName(QStringLiteral("disconnectAction"));
    auto *banAction = new QAction(tr("Disconnect and ban"), m_table);
    banAction->setObjectName(QStringLiteral("banAction"));
    m_table->addAction(sendSelectedAction);
    m_table->addAction(disconnectAction);
    m_table->addAction(banAction);

    m_sendSelectedButton = new QPushButton(tr("Send to Selected"), central);
    m_sendSelectedButton->setObjectName(QStringLiteral("sendSelectedButton"));
    m_disconnectButton = new QPushButton(tr("Disconnect"), central);
    m_disconnectButton->setObjectName(QStringLiteral("disconnectButton"));
    m_banButton = new QPushButton(tr("Disconnect and Ban"), central);
    m_banButton->setObjectName(QStringLiteral("banButton"));
    m_banButton->setToolTip(tr("Disconnects the selected clients and refuses their addresses for the time set"));
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
    m_unbanButton = new QPushButton(tr("Lift Ban"), central);
    m_unbanButton->setObjectName(QStringLiteral("unbanButton"));
    auto *bansLayout = new QHBoxLayout;
    auto *bansLabel = new QLabel(tr("Banned:"), central);
    bansLabel->setBuddy(m_bansView);
    bansLayout->addWidget(bansLabel);
    bansLayout->addWidget(m_bansView, 1);
    bansLayout->addWidget(m_unbanButton, 0, Qt::AlignTop);
    clientsLayout->addLayout(bansLayout);
    auto *clientsBox = new QGroupBox(tr("Connected Clients"), central);
    clientsBox->setLayout(clientsLayout);

    // Broadcast.
    m_broadcastEdit = new BroadcastEdit(central);
    m_broadcastEdit->setObjectName(QStringLiteral("broadcastEdit"));
    m_broadcastEdit->setPlaceholderText(tr("Enter sends to all; Shift+Enter inserts a newline"));
    m_broadcastEdit->setMaximumHeight(m_broadcastEdit->fontMetrics().lineSpacing() * 4 + 12);
    m_sendButton = new QPushButton(tr("Send Message"), central);
    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    auto *broadcastLayout = new QHBoxLayout;
    broadcastLayout->addWidget(m_broadcastEdit, 1);
    broadcastLayout->addWidget(m_sendButton, 0, Qt::AlignTop);
    auto *broadcastBox = new QGroupBox(tr("Broadcast Message To Clients"), central);
    broadcastBox->setLayout(broadcastLayout);

    // The log.
    m_logPane = new LogPane(controller->log(), central);
    auto *logLayout = new QVBoxLayout;
    logLayout->addWidget(m_logPane);
    auto *logBox = new QGroupBox(tr("Message Received From Clients"), central);
    logBox->setLayout(logLayout);

    auto *splitter = new QSplitter(Qt::Vertical, central);
    splitter->addWidget(clientsBox);
    splitter->addWidget(logBox);
    splitter->setChildrenCollapsible(false);

    // While listening with TLS: the certificate's fingerprint, whole on one
    // line across the window so that it can be selected and copied as is.
    m_fingerprintCaption = new QLabel(tr("TLS certificate SHA-256:"), central);
    m_fingerprintLabel = new QLabel(central);
    m_fingerprintLabel->setObjectName(QStringLiteral("fingerprintLabel"));
    m_fingerprintLabel->setTextFormat(Qt::PlainText);
    m_fingerprintLabel->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_fingerprintLabel->setAccessibleName(tr("TLS certificate SHA-256 fingerprint"));
    m_fingerprintCaption->setBuddy(m_fingerprintLabel);
    m_fingerprintCaption->hide();
    m_fingerprintLabel->hide();

    m_closeButton = new QPushButton(tr("Close"), central);
    m_closeButton->setObjectName(QStringLiteral("closeButton"));
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_fingerprintCaption);
    bottom->addWidget(m_fingerprintLabel);
    bottom->addStretch();
    bottom->addWidget(m_closeButton);

    // Two columns: the listening settings and the broadcast box on the left,
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

    // Wiring.
    connect(m_startButton, &QPushButton::clicked, this, &ServerWindow::startListening);
    connect(m_stopButton, &QPushButton::clicked, this, &ServerWindow::stopListening);
    connect(m_sendButton, &QPushButton::clicked, this, &ServerWindow::sendToAll);
    connect(m_broadcastEdit, &BroadcastEdit::submitted, this, &ServerWindow::sendToAll);
    connect(m_sendSelectedButton, &QPushButton::clicked, this, &ServerWindow::sendToSelected);
    connect(sendSelectedAction, &QAction::triggered, this, &ServerWindow::sendToSelected);
    connect(m_disconnectButton, &QPushButton::clicked, this, &ServerWindow::disconnectSelected);
    connect(disconnectAction, &QAction::triggered, this, &ServerWindow::disconnectSelected);
    connect(m_banButton, &QPushButton::clicked, this, &ServerWindow::banSelected);
    connect(banAction, &QAction::triggered, this, &ServerWindow::banSelected);
    connect(m_unbanButton, &QPushButton::clicked, this, &ServerWindow::liftBan);
    connect(m_bansView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ServerWindow::updateState);
    connect(m_closeButton, &QPushButton::clicked, this, &QWidget::close);

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

    connect(controller, &ServerController::listeningChanged, this, [this] {
        m_failure.clear();
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
    // Not modal to the application and never waited for: the choice, if
    // any, arrives through fileSelected().
    const QString current = edit->text().trimmed();
    const QString dir = current.isEmpty() ? QDir::homePath() : QFileInfo(current).absolutePath();
    auto *dialog = new QFileDialog(this, caption, dir);
    dialog->setObjectName(QStringLiteral("tlsFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setNameFilters({ tr("PEM files (*.pem *.crt *.cer *.key)"), tr("All files (*)") });
    connect(dialog, &QFileDialog::fileSelected, edit, [this, edit](const QString &file) {
        edit->setText(QDir::toNativeSeparators(file));
        applyTls();
    });
    dialog->open();
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

void ServerWindow::disconnectSelected()
{
    m_controller->disconnectClients(selectedIds());
}

void ServerWindow::banSelected()
{
    m_controller->disconnectClients(selectedIds(), m_banMinutesSpin->value());
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
    if (listening) {
        const int n = m_controller->clientCount();
        const QString clients = n == 1 ? tr("1 client") : tr("%1 clients").arg(n);
        // Says plainly when anyone can join and read along.
        if (isAnyAddress(ServerOptions::bindAddress(m_controller->options().bind)))
            m_statusLabel->setStatusText(tr("Listening on all interfaces, port %1 — %2 — %3")
                                             .arg(QString::number(m_controller->serverPort()), securitySummary(),
                                                  clients));
        else
            m_statusLabel->setStatusText(tr("Listening on %1 — %2 — %3")
                                             .arg(m_controller->listenAddressText(), securitySummary(), clients));
    } else if (!m_failure.isEmpty()) {
        m_statusLabel->setStatusText(m_failure);
    }
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
