// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "securitypanel.h"

#include "accessrule.h"
#include "protocol.h"
#include "servercontroller.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>

namespace {

// How an applied list reads in its field.
QString joinRules(const QStringList &rules)
{
    return rules.join(QStringLiteral(", "));
}

} // namespace

SecurityPanel::SecurityPanel(ServerController *controller, QWidget *parent)
    : QGroupBox(parent)
    , m_controller(controller)
{
    // Made in the order Tab visits them. Mnemonics: Alt+A, D, T, K, P, W.
    m_allowEdit = new QLineEdit(this);
    m_allowEdit->setObjectName(QStringLiteral("allowEdit"));
    m_allowEdit->setAccessibleName(tr("Allow"));
    m_allowEdit->setPlaceholderText(tr("Everyone, e.g. 10.0.0.0/8, ::1"));
    m_allowEdit->setToolTip(tr("Only these addresses or CIDR ranges may connect (separated by spaces or "
                               "commas; empty: everyone). Enter or leaving the field applies them."));
    m_denyEdit = new QLineEdit(this);
    m_denyEdit->setObjectName(QStringLiteral("denyEdit"));
    m_denyEdit->setAccessibleName(tr("Deny"));
    m_denyEdit->setPlaceholderText(tr("No one"));
    m_denyEdit->setToolTip(tr("These addresses or CIDR ranges may not connect, even when allowed. Enter or "
                              "leaving the field applies them."));
    m_accessErrorLabel = new QLabel(this);
    m_accessErrorLabel->setObjectName(QStringLiteral("accessErrorLabel"));
    m_accessErrorLabel->setTextFormat(Qt::PlainText); // it quotes what was typed
    m_accessErrorLabel->setWordWrap(true);
    markAsError(m_accessErrorLabel);
    m_accessErrorLabel->hide();

    m_tlsCertEdit = new QLineEdit(this);
    m_tlsCertEdit->setObjectName(QStringLiteral("tlsCertEdit"));
    m_tlsCertEdit->setAccessibleName(tr("Certificate file"));
    m_tlsCertEdit->setPlaceholderText(tr("None: plain TCP"));
    m_tlsCertEdit->setToolTip(tr("PEM certificate file; with a key, the next start serves TLS on the same port"));
    // Two "Browse…" buttons, each beside its field (Alt+T, Alt+K, then Tab).
    m_tlsCertBrowseButton = new QPushButton(tr("Browse…"), this);
    m_tlsCertBrowseButton->setObjectName(QStringLiteral("tlsCertBrowseButton"));
    m_tlsCertBrowseButton->setAccessibleName(tr("Browse for the certificate file"));
    m_tlsKeyEdit = new QLineEdit(this);
    m_tlsKeyEdit->setObjectName(QStringLiteral("tlsKeyEdit"));
    m_tlsKeyEdit->setAccessibleName(tr("Key file"));
    m_tlsKeyEdit->setPlaceholderText(tr("PEM private key file"));
    m_tlsKeyBrowseButton = new QPushButton(tr("Browse…"), this);
    m_tlsKeyBrowseButton->setObjectName(QStringLiteral("tlsKeyBrowseButton"));
    m_tlsKeyBrowseButton->setAccessibleName(tr("Browse for the key file"));
    m_allowPlaintextCheck = new QCheckBox(tr("Allow &plain connections too"), this);
    m_allowPlaintextCheck->setObjectName(QStringLiteral("allowPlaintextCheck"));
    m_allowPlaintextCheck->setAccessibleName(tr("Allow plain connections too"));
    m_allowPlaintextCheck->setToolTip(tr("With TLS on, plain TCP clients (nc, telnet) are refused unless this is checked"));

    m_passwordEdit = new QLineEdit(this);
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
        auto *caption = new QLabel(label, this);
        caption->setBuddy(edit);
        securityForm->addRow(caption, row);
    };
    fileRow(tr("Cer&tificate"), m_tlsCertEdit, m_tlsCertBrowseButton);
    fileRow(tr("&Key"), m_tlsKeyEdit, m_tlsKeyBrowseButton);
    securityForm->addRow(QString(), m_allowPlaintextCheck);
    securityForm->addRow(tr("Pass&word"), m_passwordEdit);
    setTitle(tr("Security"));
    setObjectName(QStringLiteral("securityBox"));
    setLayout(securityForm);

    // Initial values: the core's options (settings and command line merged).
    const ServerOptions &o = controller->options();
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

    connect(m_allowEdit, &QLineEdit::editingFinished, this, [this] { applyAccessList(m_allowEdit); });
    connect(m_denyEdit, &QLineEdit::editingFinished, this, [this] { applyAccessList(m_denyEdit); });
    connect(m_tlsCertEdit, &QLineEdit::editingFinished, this, &SecurityPanel::applyTls);
    connect(m_tlsKeyEdit, &QLineEdit::editingFinished, this, &SecurityPanel::applyTls);
    connect(m_tlsCertEdit, &QLineEdit::textChanged, this, [this] { setListening(m_listening); });
    connect(m_tlsKeyEdit, &QLineEdit::textChanged, this, [this] { setListening(m_listening); });
    connect(m_allowPlaintextCheck, &QCheckBox::toggled, this, &SecurityPanel::applyTls);
    connect(m_tlsCertBrowseButton, &QPushButton::clicked, this,
            [this] { browseForTlsFile(m_tlsCertEdit, tr("Certificate File")); });
    connect(m_tlsKeyBrowseButton, &QPushButton::clicked, this,
            [this] { browseForTlsFile(m_tlsKeyEdit, tr("Private Key File")); });
    connect(m_passwordEdit, &QLineEdit::editingFinished, this, &SecurityPanel::applyPassword);
    setListening(false);
}

SecurityPanel::~SecurityPanel()
{
    // Closing the window takes the focus from the field being edited, and
    // QLineEdit then says editingFinished: from QWidget's destructor, when
    // this panel's own part is already gone. Nothing is applied from here.
    for (QLineEdit *edit : { m_allowEdit, m_denyEdit, m_tlsCertEdit, m_tlsKeyEdit, m_passwordEdit })
        edit->disconnect(this);
}

void SecurityPanel::markAsError(QLabel *label)
{
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, QColor(0xb0, 0x00, 0x20));
    label->setPalette(p);
}

void SecurityPanel::applyPending()
{
    applyAccessList(m_allowEdit);
    applyAccessList(m_denyEdit);
    applyPassword();
    applyTls();
}

void SecurityPanel::setListening(bool listening)
{
    m_listening = listening;
    m_tlsCertEdit->setEnabled(!listening);
    m_tlsKeyEdit->setEnabled(!listening);
    m_tlsCertBrowseButton->setEnabled(!listening);
    m_tlsKeyBrowseButton->setEnabled(!listening);
    const bool tlsSet = !m_tlsCertEdit->text().trimmed().isEmpty() || !m_tlsKeyEdit->text().trimmed().isEmpty();
    m_allowPlaintextCheck->setEnabled(!listening && tlsSet);
}

void SecurityPanel::save(ServerSettings::Fields fields) const
{
    QSettings settings;
    ServerSettings::save(settings, m_controller->options(), fields);
}

bool SecurityPanel::applyAccessList(QLineEdit *edit)
{
    const bool isAllow = edit == m_allowEdit;
    QString &error = isAllow ? m_allowError : m_denyError;
    const QStringList rules = splitRules(edit->text());
    for (qsizetype i = 0; i < rules.size(); ++i) {
        QString why;
        if (AccessRule::parse(rules.at(i), &why))
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
        save(isAllow ? ServerSettings::Field::Allow : ServerSettings::Field::Deny);
        Q_EMIT changed();
    }
    edit->setText(joinRules(rules));
    return true;
}

void SecurityPanel::showAccessErrors()
{
    QStringList errors;
    if (!m_allowError.isEmpty())
        errors.append(m_allowError);
    if (!m_denyError.isEmpty())
        errors.append(m_denyError);
    m_accessErrorLabel->setText(errors.join(QLatin1Char('\n')));
    m_accessErrorLabel->setVisible(!errors.isEmpty());
}

void SecurityPanel::applyTls()
{
    // Shown as applied and saved: absolute.
    const QString cert = ServerSettings::absolutePath(m_tlsCertEdit->text().trimmed());
    const QString key = ServerSettings::absolutePath(m_tlsKeyEdit->text().trimmed());
    for (const auto &[edit, path] : { std::pair{ m_tlsCertEdit, cert }, std::pair{ m_tlsKeyEdit, key } }) {
        if (edit->text() != path)
            edit->setText(path);
    }
    const bool allowPlaintext = m_allowPlaintextCheck->isChecked();
    const ServerOptions &o = m_controller->options();
    ServerSettings::Fields edited;
    edited.setFlag(ServerSettings::Field::TlsCert, cert != o.tlsCertFile);
    edited.setFlag(ServerSettings::Field::TlsKey, key != o.tlsKeyFile);
    edited.setFlag(ServerSettings::Field::AllowPlaintext, allowPlaintext != o.allowPlaintext);
    if (!edited)
        return;
    m_controller->setTls(cert, key, allowPlaintext);
    save(edited);
    Q_EMIT changed();
}

void SecurityPanel::browseForTlsFile(QLineEdit *edit, const QString &caption)
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

void SecurityPanel::applyPassword()
{
    // Only an edit changes it: leaving the empty field keeps a password
    // that came from the environment.
    if (!m_passwordEdit->isModified())
        return;
    m_passwordEdit->setModified(false);
    m_controller->setPassword(m_passwordEdit->text());
    updatePasswordPlaceholder();
    Q_EMIT changed();
}

void SecurityPanel::updatePasswordPlaceholder()
{
    if (m_controller->hasPassword() && m_passwordEdit->text().isEmpty())
        m_passwordEdit->setPlaceholderText(tr("Set from %1").arg(QLatin1String(Protocol::kPasswordEnvironmentVariable)));
    else
        m_passwordEdit->setPlaceholderText(tr("None: no password asked"));
}

QStringList SecurityPanel::splitRules(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[\\s,]+"));
    return text.split(separators, Qt::SkipEmptyParts);
}
