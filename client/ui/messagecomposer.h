// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The window's "Message To Server" panel: the message box with its history,
// Send, and the send options (escapes as bytes, the line ending for lines
// framing), which the profile keeps. A message goes to the controller as
// text, or, with escapes or another line ending, as the bytes the options
// make; the box is cleared only when the controller took it.
#pragma once

#include "clientcontroller.h"

#include <QGroupBox>

class ClientProfile;
class MessageEdit;
class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;

class MessageComposer : public QGroupBox
{
    Q_OBJECT

public:
    MessageComposer(ClientController *controller, ClientProfile *profile, QWidget *parent = nullptr);

    MessageEdit *messageEdit() const { return m_messageEdit; }
    // The saved send options.
    void loadSettings();
    // Send is enabled while connected; the line ending only for lines.
    void setState(bool connected, Protocol::Framing selectedFraming);

private:
    void sendMessage();
    ClientController::LineEnding selectedLineEnding() const;
    // The message's bytes as the send options make them (escapes, line
    // breaks); false, with error set, for a bad escape.
    bool encodeMessage(const QString &text, QByteArray *bytes, QString *error) const;
    // Shows why the message box refused input or a send (empty: hides it).
    void showMessageError(const QString &error);

    ClientController *m_controller;
    ClientProfile *m_profile;
    MessageEdit *m_messageEdit;
    QPushButton *m_sendButton;
    QCheckBox *m_escapesCheck;
    QComboBox *m_lineEndingCombo;
    QLabel *m_messageErrorLabel;
};
