// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "federationfield.h"

#include "federationaddress.h"
#include "securitypanel.h"
#include "servercontroller.h"
#include "serversettings.h"

#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QVBoxLayout>

namespace {

// An address as the field shows it: without its password.
QString shown(const QString &url)
{
    QString why;
    const std::optional<FederationAddress> address = FederationAddress::parse(url, &why);
    return address ? address->displayText() : url;
}

} // namespace

FederationField::FederationField(ServerController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_edit(new QLineEdit(this))
    , m_note(new QLabel(this))
{
    m_edit->setObjectName(QStringLiteral("federationEdit"));
    m_edit->setAccessibleName(tr("Federation"));
    m_edit->setPlaceholderText(tr("None: this server alone"));
    m_edit->setToolTip(tr("The Redis of a federation of servers, redis://HOST:PORT/NAME; "
                          "used from the next start"));
    m_note->setObjectName(QStringLiteral("federationNoteLabel"));
    m_note->setWordWrap(true);

    const QString running = m_controller->options().federate;
    m_applied = shown(running);
    m_edit->setText(m_applied);
    m_note->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit);
    layout->addWidget(m_note);

    connect(m_edit, &QLineEdit::editingFinished, this, &FederationField::apply);
}

void FederationField::apply()
{
    const QString text = m_edit->text().trimmed();
    if (text == m_applied) {
        m_note->hide(); // back to what is saved: an earlier refusal no longer holds
        return;
    }
    ServerOptions saved = m_controller->options();
    if (!text.isEmpty()) {
        QString why;
        const std::optional<FederationAddress> address = FederationAddress::parse(text, &why);
        if (!address) {
            showNote(tr("Not saved: %1").arg(why), true);
            return;
        }
        if (!address->password.isEmpty()) {
            showNote(tr("Not saved: a password would be stored in the settings file. "
                        "Leave it out here and give it in %1.")
                         .arg(QLatin1String(FederationAddress::kPasswordEnvironmentVariable)),
                     true);
            return;
        }
        saved.federate = address->displayText();
    } else {
        saved.federate.clear();
    }
    QSettings settings;
    ServerSettings::save(settings, saved, ServerSettings::Field::Federation);
    m_applied = shown(saved.federate);
    m_edit->setText(m_applied);
    const QString running = shown(m_controller->options().federate);
    if (m_applied == running)
        showNote(running.isEmpty() ? tr("Saved: no federation, as now.") : tr("Saved: the federation in use now."),
                 false);
    else if (m_applied.isEmpty())
        showNote(tr("Saved: the next start of socket-server joins no federation."), false);
    else
        showNote(tr("Saved: the next start of socket-server joins %1.").arg(m_applied), false);
}

void FederationField::showNote(const QString &text, bool error)
{
    m_note->setPalette(QPalette());
    if (error)
        SecurityPanel::markAsError(m_note);
    m_note->setText(text);
    m_note->show();
}
