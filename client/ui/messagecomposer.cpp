// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "messagecomposer.h"

#include "clientprofile.h"
#include "escapedtext.h"
#include "messageedit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

MessageComposer::MessageComposer(ClientController *controller, ClientProfile *profile, QWidget *parent)
    : QGroupBox(tr("Message To Server"), parent)
    , m_controller(controller)
    , m_profile(profile)
{
    auto *sendLayout = new QVBoxLayout(this);
    auto *editRow = new QHBoxLayout;
    m_messageEdit = new MessageEdit(this);
    m_messageEdit->setObjectName(QStringLiteral("messageEdit"));
    m_messageEdit->setAccessibleName(tr("Message to send"));
    m_messageEdit->setPlaceholderText(tr("Enter sends, Shift+Enter inserts a newline, Up recalls"));
    m_messageEdit->setMaximumHeight(m_messageEdit->fontMetrics().lineSpacing() * 5);
    // A paste past the largest message is refused, not laid out.
    m_messageEdit->setSizeLimit([controller] { return controller->maxMessageSize(); });
    m_sendButton = new QPushButton(tr("&Send Message"), this);
    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    editRow->addWidget(m_messageEdit, 1);
    editRow->addWidget(m_sendButton, 0, Qt::AlignTop);
    sendLayout->addLayout(editRow);
    auto *optionsRow = new QHBoxLayout;
    m_escapesCheck = new QCheckBox(tr("Hex/&escapes"), this);
    m_escapesCheck->setObjectName(QStringLiteral("escapesCheck"));
    m_escapesCheck->setAccessibleName(tr("Send escapes as bytes"));
    m_escapesCheck->setToolTip(tr("\\r, \\n, \\t, \\\\ and \\xNN (two hex digits) in the message are sent "
                                  "as the bytes they name, for devices: \\x02STATUS\\x03"));
    m_lineEndingCombo = new QComboBox(this);
    m_lineEndingCombo->setObjectName(QStringLiteral("lineEndingCombo"));
    m_lineEndingCombo->addItem(tr("LF"), QStringLiteral("lf"));
    m_lineEndingCombo->addItem(tr("CR LF"), QStringLiteral("crlf"));
    m_lineEndingCombo->addItem(tr("None"), QStringLiteral("none"));
    m_lineEndingCombo->setAccessibleName(tr("Line ending"));
    m_lineEndingCombo->setToolTip(tr("Lines framing: what ends each line sent (a line break in the message "
                                     "too; with None, a line break stays LF)"));
    auto *lineEndingLabel = new QLabel(tr("Line endin&g:"), this);
    lineEndingLabel->setBuddy(m_lineEndingCombo);
    optionsRow->addWidget(m_escapesCheck);
    optionsRow->addSpacing(12);
    optionsRow->addWidget(lineEndingLabel);
    optionsRow->addWidget(m_lineEndingCombo);
    optionsRow->addStretch();
    sendLayout->addLayout(optionsRow);
    // Why the text was not taken (a paste too large) or not sent (a bad
    // escape); gone with the next edit.
    m_messageErrorLabel = new QLabel(this);
    m_messageErrorLabel->setObjectName(QStringLiteral("messageErrorLabel"));
    m_messageErrorLabel->setAccessibleName(tr("Message problem"));
    m_messageErrorLabel->setTextFormat(Qt::PlainText);
    m_messageErrorLabel->setWordWrap(true);
    m_messageErrorLabel->hide();
    sendLayout->addWidget(m_messageErrorLabel);

    connect(m_sendButton, &QPushButton::clicked, this, &MessageComposer::sendMessage);
    connect(m_messageEdit, &MessageEdit::submitted, this, &MessageComposer::sendMessage);
    connect(m_messageEdit, &MessageEdit::inputRefused, this, &MessageComposer::showMessageError);
    connect(m_messageEdit, &QPlainTextEdit::textChanged, this, [this] { showMessageError(QString()); });
}

void MessageComposer::loadSettings()
{
    // Once, when the window starts.
    m_escapesCheck->setChecked(m_profile->load(ClientProfile::kEscapesKey, false).toBool());
    m_lineEndingCombo->setCurrentIndex(
        qMax(0, m_lineEndingCombo->findData(m_profile->load(ClientProfile::kLineEndingKey, QString()).toString())));
    // After loading: restoring them saves nothing.
    connect(m_escapesCheck, &QCheckBox::toggled, this,
            [this](bool on) { m_profile->save(ClientProfile::kEscapesKey, on); });
    connect(m_lineEndingCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_profile->save(ClientProfile::kLineEndingKey, m_lineEndingCombo->currentData().toString());
    });
}

void MessageComposer::setState(bool connected, Protocol::Framing selectedFraming)
{
    // Frames carry each message whole: no line ending.
    m_lineEndingCombo->setEnabled(selectedFraming == Protocol::Framing::Lines);
    m_sendButton->setEnabled(connected);
}

ClientController::LineEnding MessageComposer::selectedLineEnding() const
{
    const QString ending = m_lineEndingCombo->currentData().toString();
    if (ending == QLatin1String("crlf"))
        return ClientController::LineEnding::CrLf;
    if (ending == QLatin1String("none"))
        return ClientController::LineEnding::None;
    return ClientController::LineEnding::Lf;
}

bool MessageComposer::encodeMessage(const QString &text, QByteArray *bytes, QString *error) const
{
    const bool escapes = m_escapesCheck->isChecked();
    if (m_controller->framing() != Protocol::Framing::Lines) {
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
    const ClientController::LineEnding ending = selectedLineEnding();
    const QByteArray lineBreak = ending == ClientController::LineEnding::CrLf ? QByteArray("\r\n") : QByteArray("\n");
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

void MessageComposer::sendMessage()
{
    if (!m_controller->isConnected())
        return; // Send is disabled; the text stays in the box.
    const QString text = m_messageEdit->toPlainText();
    if (text.isEmpty())
        return;
    bool sent = false;
    const bool lines = m_controller->framing() == Protocol::Framing::Lines;
    if (!m_escapesCheck->isChecked() && (!lines || selectedLineEnding() == ClientController::LineEnding::Lf)) {
        sent = m_controller->sendText(text);
    } else {
        QByteArray bytes;
        QString error;
        if (!encodeMessage(text, &bytes, &error)) {
            showMessageError(tr("Not sent: %1").arg(error));
            return;
        }
        sent = m_controller->sendBytes(bytes, selectedLineEnding());
    }
    if (sent) {
        m_messageEdit->addToHistory(text);
        m_messageEdit->clear();
    }
}

void MessageComposer::showMessageError(const QString &error)
{
    if (error == m_messageErrorLabel->text())
        return;
    m_messageErrorLabel->setText(error);
    m_messageErrorLabel->setVisible(!error.isEmpty());
}
