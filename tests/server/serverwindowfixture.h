// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// What the tests of the server window share: a ServerWindow over its own
// ServerController, its widgets found by objectName, a prompt that records
// every question the window asks and answers it (no message box, ever), and
// TestPeers. A test class derives from QObject first, then from this; its
// cleanup() calls resetFixture().
#pragma once

#include "servercontroller.h"
#include "serverwindow.h"
#include "testpeer.h"
#include "translation.h"

#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTest>

#include <functional>
#include <memory>
#include <vector>

class ServerWindowFixture
{
public:
    // The English plural forms, as the programs load them ("1 client").
    ServerWindowFixture() { Translation::installPluralForms(QCoreApplication::instance()); }
    virtual ~ServerWindowFixture() = default;

protected:
    std::unique_ptr<ServerController> m_core;
    std::unique_ptr<ServerWindow> m_window;
    std::vector<std::unique_ptr<TestPeer>> m_peers;
    // What the window asked (kick, ban, quit), and the answer it gets.
    QStringList m_questions;
    bool m_answer = true;
    std::function<void()> m_whileAsked; // runs while a question is open

    template<typename T>
    T *widget(const QString &name) const
    {
        T *w = m_window->findChild<T *>(name);
        if (!w)
            qFatal("no widget %s", qPrintable(name));
        return w;
    }
    QString status() const { return widget<QLabel>(QStringLiteral("statusLabel"))->text(); }
    QString logText() const { return widget<QPlainTextEdit>(QStringLiteral("logView"))->toPlainText(); }
    QTableView *table() const { return widget<QTableView>(QStringLiteral("clientTable")); }
    int rows() const { return table()->model()->rowCount(); }
    QString cell(int row, int column) const { return table()->model()->index(row, column).data().toString(); }
    quint16 port() const { return m_core->serverPort(); }

    // A window (made anew) over a controller made from these options, at
    // the size a first window has (no geometry saved).
    void openWindow(const ServerOptions &options = {})
    {
        m_window.reset();
        m_core = std::make_unique<ServerController>(options);
        m_window = std::make_unique<ServerWindow>(m_core.get());
        answerQuestions();
        m_window->show();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }
    void answerQuestions()
    {
        m_window->setConfirmPrompt([this](const QString &question) {
            m_questions.append(question);
            if (m_whileAsked)
                std::exchange(m_whileAsked, {})();
            return m_answer;
        });
    }
    // Chooses a combo box's item by its data, with the keyboard.
    void choose(const QString &comboName, const QString &data)
    {
        auto *combo = widget<QComboBox>(comboName);
        const int target = combo->findData(data);
        QVERIFY(target >= 0);
        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_Home);
        for (int i = 0; i < target; ++i)
            QTest::keyClick(combo, Qt::Key_Down);
        QCOMPARE(combo->currentData().toString(), data);
    }
    TestPeer *peer(Protocol::Framing framing = Protocol::Framing::Lines, const QString &name = {})
    {
        m_peers.push_back(std::make_unique<TestPeer>(framing, name));
        TestPeer *p = m_peers.back().get();
        p->connectTo(port());
        return p;
    }
    // A lines peer whose framing is known at once (it speaks first).
    TestPeer *linesPeer(const QString &first)
    {
        TestPeer *p = peer();
        p->sendLine(first);
        return p;
    }
    void click(const QString &button)
    {
        auto *b = widget<QPushButton>(button);
        QVERIFY2(b->isEnabled(), qPrintable(button));
        QTest::mouseClick(b, Qt::LeftButton);
    }
    // Peers first (their sockets), then the window and its engine; the
    // settings the test wrote go too.
    void resetFixture()
    {
        m_whileAsked = {};
        m_questions.clear();
        m_answer = true;
        m_peers.clear();
        m_window.reset();
        m_core.reset();
        QSettings().clear();
    }
};
