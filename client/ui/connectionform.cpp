// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "connectionform.h"

#include "clientprofile.h"
#include "elidedlabel.h"
#include "portspinbox.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>

ConnectionForm::ConnectionForm(ClientProfile *profile, QWidget *parent)
    : QGroupBox(tr("Server"), parent)
    , m_profile(profile)
{
    setObjectName(QStringLiteral("serverBox"));
    auto *form = new QFormLayout(this);
    m_hostEdit = new QLineEdit(QStringLiteral("127.0.0.1"), this);
    m_hostEdit->setObjectName(QStringLiteral("hostEdit"));
    m_hostEdit->setPlaceholderText(tr("IPv4, IPv6 or host name"));
    form->addRow(tr("Server &IP Address:"), m_hostEdit);

    // The server's port box: 99999 is refused with a reason, not turned
    // into 9999 without a word.
    m_portSpinBox = new PortSpinBox(this);
    m_portSpinBox->setObjectName(QStringLiteral("portSpinBox"));
    m_portSpinBox->setRange(1, 65535);
    m_portSpinBox->setValue(Protocol::kDefaultPort);
    form->addRow(tr("Server &Port:"), m_portSpinBox);
    m_portErrorLabel = new QLabel(this);
    m_portErrorLabel->setObjectName(QStringLiteral("portErrorLabel"));
    m_portErrorLabel->setAccessibleName(tr("Port problem"));
    m_portErrorLabel->setTextFormat(Qt::PlainText); // it quotes what was typed
    m_portErrorLabel->setWordWrap(true);
    m_portErrorLabel->hide();
    form->addRow(m_portErrorLabel);

    m_nameEdit = new QLineEdit(this);
    m_nameEdit->setObjectName(QStringLiteral("nameEdit"));
    m_nameEdit->setMaxLength(Protocol::kMaxNameSize);
    form->addRow(tr("Your &Name:"), m_nameEdit);

    m_framingCombo = new QComboBox(this);
    m_framingCombo->setObjectName(QStringLiteral("framingCombo"));
    m_framingCombo->addItem(tr("Frames (socket-server)"), QStringLiteral("frames"));
    m_framingCombo->addItem(tr("Lines (any text service)"), QStringLiteral("lines"));
    form->addRow(tr("&Framing:"), m_framingCombo);

    // Never saved; SOCKETHUB_PASSWORD fills it in.
    m_passwordEdit = new QLineEdit(this);
    m_passwordEdit->setObjectName(QStringLiteral("passwordEdit"));
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_passwordEdit->setPlaceholderText(tr("only for a server that asks for one"));
    form->addRow(tr("Pass&word:"), m_passwordEdit);

    auto *securityRow = new QHBoxLayout;
    m_tlsCheck = new QCheckBox(tr("T&LS"), this);
    m_tlsCheck->setObjectName(QStringLiteral("tlsCheck"));
    m_tlsCheck->setToolTip(tr("Encrypt the connection and verify the server's certificate"));
    m_tlsLabel = new ElidedLabel(this);
    m_tlsLabel->setObjectName(QStringLiteral("tlsLabel"));
    m_tlsLabel->setAccessibleName(tr("Encryption"));
    securityRow->addWidget(m_tlsCheck);
    securityRow->addWidget(m_tlsLabel, 1);
    form->addRow(tr("Security:"), securityRow);

    // The trust prompt is about the server the form named: editing it
    // retracts the offer.
    connect(m_hostEdit, &QLineEdit::textEdited, this, &ConnectionForm::serverEdited);
    connect(m_portSpinBox, &QSpinBox::valueChanged, this, &ConnectionForm::serverEdited);
    connect(m_portSpinBox, &PortSpinBox::inputRefused, this, [this](const QString &text) {
        m_portErrorLabel->setText(m_portSpinBox->refusalText(text));
        m_portErrorLabel->show();
    });
    connect(m_portSpinBox, &QSpinBox::textChanged, m_portErrorLabel, &QWidget::hide);
    for (QLineEdit *edit : { m_hostEdit, m_nameEdit, m_passwordEdit })
        connect(edit, &QLineEdit::returnPressed, this, &ConnectionForm::submitted);
    // The name is sent in the hello: lines have none.
    connect(m_framingCombo, &QComboBox::currentIndexChanged, this, &ConnectionForm::framingChanged);
}

void ConnectionForm::loadSettings()
{
    m_hostEdit->setText(m_profile->load(ClientProfile::kHostKey, QStringLiteral("127.0.0.1")).toString());
    m_portSpinBox->setValue(m_profile->load(ClientProfile::kPortKey, Protocol::kDefaultPort).toInt());
    m_nameEdit->setText(m_profile->load(ClientProfile::kNameKey, QString()).toString());
    const int framing
        = m_framingCombo->findData(m_profile->load(ClientProfile::kFramingKey, QStringLiteral("frames")).toString());
    m_framingCombo->setCurrentIndex(qMax(0, framing));
    m_tlsCheck->setChecked(m_profile->load(ClientProfile::kTlsKey, false).toBool());
}

void ConnectionForm::saveSettings(QSettings &s)
{
    m_profile->saveChoice(s, ClientProfile::kHostKey, host());
    m_profile->saveChoice(s, ClientProfile::kPortKey, m_portSpinBox->value());
    m_profile->saveChoice(s, ClientProfile::kNameKey, name());
    m_profile->saveChoice(s, ClientProfile::kFramingKey, m_framingCombo->currentData().toString());
    m_profile->saveChoice(s, ClientProfile::kTlsKey, tlsEnabled());
}

QString ConnectionForm::host() const
{
    return m_hostEdit->text().trimmed();
}

quint16 ConnectionForm::port() const
{
    return quint16(m_portSpinBox->value());
}

QString ConnectionForm::name() const
{
    return m_nameEdit->text();
}

Protocol::Framing ConnectionForm::framing() const
{
    return m_framingCombo->currentData().toString() == QLatin1String("lines") ? Protocol::Framing::Lines
                                                                              : Protocol::Framing::Frames;
}

QString ConnectionForm::password() const
{
    return m_passwordEdit->text();
}

void ConnectionForm::setPassword(const QString &password)
{
    m_passwordEdit->setText(password);
}

bool ConnectionForm::tlsEnabled() const
{
    return m_tlsCheck->isChecked();
}

void ConnectionForm::setTlsChecked(bool on)
{
    m_tlsCheck->setChecked(on);
}

void ConnectionForm::setHost(const QString &host)
{
    m_hostEdit->setText(host);
    m_profile->setRunOnly(ClientProfile::kHostKey, this->host());
}

void ConnectionForm::setPort(quint16 port)
{
    m_portSpinBox->setValue(port);
    m_profile->setRunOnly(ClientProfile::kPortKey, m_portSpinBox->value());
}

void ConnectionForm::setName(const QString &name)
{
    m_nameEdit->setText(name);
    m_profile->setRunOnly(ClientProfile::kNameKey, this->name());
}

void ConnectionForm::setFraming(Protocol::Framing framing)
{
    m_framingCombo->setCurrentIndex(m_framingCombo->findData(QLatin1String(Protocol::framingName(framing))));
    m_profile->setRunOnly(ClientProfile::kFramingKey, m_framingCombo->currentData().toString());
}

void ConnectionForm::setTlsEnabled(bool enabled)
{
    m_tlsCheck->setChecked(enabled);
    m_profile->setRunOnly(ClientProfile::kTlsKey, tlsEnabled());
}

void ConnectionForm::setIdle(bool idle)
{
    m_hostEdit->setEnabled(idle);
    m_portSpinBox->setEnabled(idle);
    m_nameEdit->setEnabled(idle && framing() == Protocol::Framing::Frames);
    m_framingCombo->setEnabled(idle);
    m_passwordEdit->setEnabled(idle);
    m_tlsCheck->setEnabled(idle);
}

void ConnectionForm::setTlsText(const QString &text)
{
    m_tlsLabel->setStatusText(text);
}
