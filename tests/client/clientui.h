// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Finds a ClientWindow's widgets by objectName (the UI contract) and drives
// them the way a person would: typing, clicking, pressing keys.
#pragma once

#include "clientwindow.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>

#include <memory>
#include <vector>

// A new window, shown and exposed, kept in windows (which the test clears
// in its cleanup()).
inline ClientWindow *showNewWindow(std::vector<std::unique_ptr<ClientWindow>> &windows)
{
    windows.push_back(std::make_unique<ClientWindow>());
    ClientWindow *w = windows.back().get();
    w->show();
    if (!QTest::qWaitForWindowExposed(w))
        qWarning("window not exposed");
    return w;
}

struct ClientUi
{
    explicit ClientUi(ClientWindow *window)
        : w(window)
        , host(window->findChild<QLineEdit *>(QStringLiteral("hostEdit")))
        , port(window->findChild<QSpinBox *>(QStringLiteral("portSpinBox")))
        , name(window->findChild<QLineEdit *>(QStringLiteral("nameEdit")))
        , framing(window->findChild<QComboBox *>(QStringLiteral("framingCombo")))
        , password(window->findChild<QLineEdit *>(QStringLiteral("passwordEdit")))
        , tls(window->findChild<QCheckBox *>(QStringLiteral("tlsCheck")))
        , connectButton(window->findChild<QPushButton *>(QStringLiteral("connectButton")))
        , disconnectButton(window->findChild<QPushButton *>(QStringLiteral("disconnectButton")))
        , autoReconnect(window->findChild<QCheckBox *>(QStringLiteral("autoReconnectCheck")))
        , message(window->findChild<QPlainTextEdit *>(QStringLiteral("messageEdit")))
        , sendButton(window->findChild<QPushButton *>(QStringLiteral("sendButton")))
        , log(window->findChild<QPlainTextEdit *>(QStringLiteral("logView")))
        , clearButton(window->findChild<QPushButton *>(QStringLiteral("clearButton")))
        , closeButton(window->findChild<QPushButton *>(QStringLiteral("closeButton")))
        , status(window->findChild<QLabel *>(QStringLiteral("statusLabel")))
    {
    }

    bool complete() const
    {
        return host && port && name && framing && password && tls && connectButton && disconnectButton && autoReconnect
            && message && sendButton && log && clearButton && closeButton && status;
    }

    // Like QTest::keyClicks, but also for text beyond Latin-1 (which
    // keyClicks cannot map to keys): such characters go as key events that
    // carry the text, as an input method delivers them.
    static void typeText(QWidget *widget, const QString &text)
    {
        for (qsizetype i = 0; i < text.size(); ++i) {
            const QChar c = text.at(i);
            if (c.unicode() < 0x80) {
                QTest::keyClick(widget, char(c.unicode()));
                continue;
            }
            QString chunk(c);
            if (c.isHighSurrogate() && i + 1 < text.size())
                chunk += text.at(++i);
            QTest::sendKeyEvent(QTest::Click, widget, Qt::Key_unknown, chunk, Qt::NoModifier);
        }
    }

    static void retype(QWidget *edit, const QString &text)
    {
        QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(edit, Qt::Key_Delete);
        typeText(edit, text);
    }

    // Fills in the form and clicks "Connect To Server".
    void connectTo(const QString &hostText, quint16 portNumber, const QString &nameText = {},
                   bool lines = false)
    {
        retype(host, hostText);
        retype(port, QString::number(portNumber));
        // The framing first: the name is only editable for frames.
        QTest::keyClick(framing, lines ? Qt::Key_End : Qt::Key_Home);
        if (!lines)
            retype(name, nameText);
        QTest::mouseClick(connectButton, Qt::LeftButton);
    }

    // Types a message and presses Enter.
    void type(const QString &text)
    {
        typeText(message, text);
        QTest::keyClick(message, Qt::Key_Return);
    }

    // Log lines without their "hh:mm:ss.zzz " stamps.
    QStringList logLines() const
    {
        QStringList out;
        const QStringList lines = log->toPlainText().split(QLatin1Char('\n'));
        for (const QString &line : lines)
            out.append(line.mid(13));
        return out;
    }

    ClientWindow *w;
    QLineEdit *host;
    QSpinBox *port;
    QLineEdit *name;
    QComboBox *framing;
    QLineEdit *password;
    QCheckBox *tls;
    QPushButton *connectButton;
    QPushButton *disconnectButton;
    QCheckBox *autoReconnect;
    QPlainTextEdit *message;
    QPushButton *sendButton;
    QPlainTextEdit *log;
    QPushButton *clearButton;
    QPushButton *closeButton;
    QLabel *status;
};
