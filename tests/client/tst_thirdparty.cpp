// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The client window in lines mode against servers nobody here wrote: socat
// (an echo server) and ncat --broker (a chat hub) with a second line peer.
// Multi-byte UTF-8 must arrive intact both ways.
#include "clientui.h"
#include "testserver.h"

#include <QProcess>
#include <QSettings>
#include <QtTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString kText = u"héllo wörld ✓ 日本語"_s;

} // namespace

class TestThirdParty : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void socatEcho();
    void ncatBroker();

private:
    bool start(const QString &program, const QStringList &arguments);

    std::unique_ptr<QProcess> m_process;
    std::unique_ptr<ClientWindow> m_window;
};

void TestThirdParty::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings(u"SocketHub"_s, u"socket-client"_s).clear();
}

void TestThirdParty::init()
{
    QSettings(u"SocketHub"_s, u"socket-client"_s).clear();
    m_window = std::make_unique<ClientWindow>();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestThirdParty::cleanup()
{
    m_window.reset();
    if (m_process) {
        m_process->kill();
        m_process->waitForFinished(5000);
        m_process.reset();
    }
}

bool TestThirdParty::start(const QString &program, const QStringList &arguments)
{
    const QString path = QStandardPaths::findExecutable(program);
    if (path.isEmpty()) {
        qWarning("%s is not installed (apt-get install %s)", qPrintable(program), qPrintable(program));
        return false;
    }
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process->start(path, arguments);
    return m_process->waitForStarted(5000);
}

void TestThirdParty::socatEcho()
{
    const quint16 port = freePort();
    QVERIFY(start(u"socat"_s, {u"TCP-LISTEN:%1,bind=127.0.0.1,reuseaddr,fork"_s.arg(port), u"EXEC:cat"_s}));
    QTRY_VERIFY_WITH_TIMEOUT(acceptsConnections(port), 10000);

    ClientUi ui(m_window.get());
    QVERIFY(ui.complete());
    ui.connectTo(u"127.0.0.1"_s, port, u"alice"_s, true);
    QTRY_COMPARE(ui.status->text(), u"Connected to 127.0.0.1:%1"_s.arg(port));

    ui.type(kText);
    // Sent, and echoed back byte for byte.
    QTRY_COMPARE(ui.logLines().count(kText), 1);
    QVERIFY(ui.logLines().contains(u"me: "_s + kText));

    // A two-line message comes back as two lines.
    ClientUi::typeText(ui.message, u"ünïcode"_s);
    QTest::keyClick(ui.message, Qt::Key_Return, Qt::ShiftModifier);
    ClientUi::typeText(ui.message, u"二行目"_s);
    QTest::keyClick(ui.message, Qt::Key_Return);
    QTRY_VERIFY(ui.logLines().contains(u"二行目"_s));
    QVERIFY(ui.logLines().contains(u"ünïcode"_s));
}

void TestThirdParty::ncatBroker()
{
    const quint16 port = freePort();
    QVERIFY(start(u"ncat"_s, {u"--broker"_s, u"-l"_s, u"127.0.0.1"_s, QString::number(port)}));
    QTRY_VERIFY_WITH_TIMEOUT(acceptsConnections(port), 10000);

    // The second line peer: a plain socket. What it receives is declared
    // first, so it outlives the socket and the connection the socket bounds.
    QByteArray peerReceived;
    QTcpSocket peer;
    connect(&peer, &QTcpSocket::readyRead, &peer, [&peer, &peerReceived] { peerReceived += peer.readAll(); });
    peer.connectToHost(QHostAddress::LocalHost, port);
    QTRY_COMPARE(peer.state(), QAbstractSocket::ConnectedState);

    ClientUi ui(m_window.get());
    ui.connectTo(u"127.0.0.1"_s, port, {}, true);
    QTRY_COMPARE(ui.status->text(), u"Connected to 127.0.0.1:%1"_s.arg(port));

    // Once the broker relays the peer's line to the window, both are in.
    peer.write(u"ready ✓\n"_s.toUtf8());
    QTRY_VERIFY(ui.logLines().contains(u"ready ✓"_s));

    ui.type(kText);
    QTRY_COMPARE(peerReceived, (kText + u'\n').toUtf8());

    peer.write(u"日本語 from the peer — ok\n"_s.toUtf8());
    QTRY_VERIFY(ui.logLines().contains(u"日本語 from the peer — ok"_s));
}

QTEST_MAIN(TestThirdParty)
#include "tst_thirdparty.moc"
