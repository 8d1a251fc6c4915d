// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// socket-client over TLS (issue 9) against a TLS server nobody here wrote,
// `openssl s_server`, with throwaway certificates that `openssl req` makes at
// test time (nothing is committed): verification against a CA file, the
// refusals and the reasons they name, fingerprint pinning, the window's
// trust prompt driven by clicks, and the program's --tls options.
#include "certificatefingerprint.h"
#include "clientconnection.h"
#include "clientui.h"
#include "testserver.h"
#include "tlsprotocolname.h"
#include "../common/testcertificate.h"

#include <QProcess>
#include <QSettings>
#include <QSslError>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace Qt::StringLiterals;
using State = ClientConnection::State;

namespace {

const QString kText = u"héllo over TLS ✓ 日本語"_s;

QSettings clientSettings()
{
    return QSettings(u"SocketHub"_s, u"socket-client"_s);
}

} // namespace

class TestClientTls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void caFileVerifiesAndExchangesLines();
    void fingerprintIsWhatOpensslPrints();
    void tlsProtocolNames();
    void certificateNotInCaFileIsRefused();
    void selfSignedIsRefusedBySystemCas();
    void hostNameMismatchIsNamed();
    void rightPinConnects_data();
    void rightPinConnects();
    void wrongPinRefuses_data();
    void wrongPinRefuses();
    void framesOverTlsHandshakeFailsAgainstPlainServer();
    void plainAfterTlsAndBack();
    void refusalsBackOffAndAreReported();
    void trustPromptInTheWindow();
    void editingTheServerRetractsThePrompt();
    void programVerifiesWithTlsCa();
    void programRefusesWrongFingerprint();
    void realServerWithPassword_data();
    void realServerWithPassword();
    void realServerRefusesPlainClient();
    void realServerWithoutTls();

private:
    // Starts the real socket-server, headless, with TLS (certificate a) and
    // the password, as m_hub on 127.0.0.1:m_hubPort, echoing what clients
    // send.
    void startSocketServer(const QString &password, bool tls = true);
    // Starts `openssl s_server` with the certificate on a free port of
    // 127.0.0.1 (m_port), retrying on another port when the one picked was
    // taken meanwhile.
    void startServer(const TestCertificate &certificate);
    // socket-client, as m_program; what it prints goes to m_programOut.
    void startProgram(const QStringList &arguments);
    QString serverOut() const { return QString::fromUtf8(m_serverOut); }

    QTemporaryDir m_dir;
    QTemporaryDir m_config;
    TestCertificate m_a;       // the server's certificate, for 127.0.0.1
    TestCertificate m_b;       // another one for 127.0.0.1
    TestCertificate m_other;   // one for 127.0.0.2

    // What the processes print: members, since a process may print (and be
    // read) until cleanup() has ended it.
    std::unique_ptr<QProcess> m_server;
    QByteArray m_serverOut;
    QByteArray m_serverErr;
    quint16 m_port = 0;
    std::unique_ptr<QProcess> m_program;
    QByteArray m_programOut;
    std::unique_ptr<QProcess> m_hub;
    QByteArray m_hubOut;
    quint16 m_hubPort = 0;
};

void TestClientTls::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qRegisterMetaType<Message>();
    QVERIFY(m_dir.isValid());
    QVERIFY(m_config.isValid());
    QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend");
    m_a = TestCertificate::make(m_dir.path(), u"a"_s);
    QVERIFY2(m_a.isValid(), qPrintable(m_a.error));
    m_b = TestCertificate::make(m_dir.path(), u"b"_s);
    QVERIFY2(m_b.isValid(), qPrintable(m_b.error));
    m_other = TestCertificate::make(m_dir.path(), u"other"_s, u"127.0.0.2"_s);
    QVERIFY2(m_other.isValid(), qPrintable(m_other.error));
    QVERIFY(m_a.sha256 != m_b.sha256);
}

void TestClientTls::init()
{
    clientSettings().clear();
}

void TestClientTls::cleanup()
{
    for (std::unique_ptr<QProcess> *process : {&m_server, &m_program, &m_hub}) {
        if (*process) {
            (*process)->kill();
            (*process)->waitForFinished(5000);
            process->reset();
        }
    }
    m_serverOut.clear();
    m_serverErr.clear();
    m_programOut.clear();
    m_hubOut.clear();
    m_port = 0;
    m_hubPort = 0;
}

void TestClientTls::startServer(const TestCertificate &certificate)
{
    const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
    QVERIFY2(!openssl.isEmpty(), "openssl is not installed (apt-get install openssl)");
    for (int attempt = 0; attempt < 5; ++attempt) {
        const quint16 port = freePort();
        QVERIFY(port != 0);
        m_server = std::make_unique<QProcess>();
        QProcess *server = m_server.get();
        // -quiet: its stdout is exactly what the client sent, and what is
        // written to its stdin goes to the client.
        connect(server, &QProcess::readyReadStandardOutput, server,
                [this, server] { m_serverOut += server->readAllStandardOutput(); });
        connect(server, &QProcess::readyReadStandardError, server,
                [this, server] { m_serverErr += server->readAllStandardError(); });
        server->start(openssl, {u"s_server"_s, u"-cert"_s, certificate.certFile, u"-key"_s, certificate.keyFile,
                                u"-accept"_s, u"127.0.0.1:%1"_s.arg(port), u"-quiet"_s});
        QVERIFY2(server->waitForStarted(10000), qPrintable(server->errorString()));
        // Ready once it accepts; if it exited, the port was taken meanwhile.
        QTRY_VERIFY_WITH_TIMEOUT(server->state() != QProcess::Running || acceptsConnections(port), 20000);
        if (server->state() == QProcess::Running) {
            m_port = port;
            return;
        }
        qWarning("openssl s_server could not listen on port %d: %s", int(port), m_serverErr.constData());
        m_server.reset();
        m_serverErr.clear();
    }
    QFAIL("openssl s_server did not start");
}

void TestClientTls::startProgram(const QStringList &arguments)
{
    m_program = std::make_unique<QProcess>();
    QProcess *program = m_program.get();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    env.insert(u"XDG_CONFIG_HOME"_s, m_config.path());
    env.remove(QLatin1String(Protocol::kPasswordEnvironmentVariable));
    program->setProcessEnvironment(env);
    connect(program, &QProcess::readyReadStandardOutput, program,
            [this, program] { m_programOut += program->readAllStandardOutput(); });
    program->start(QStringLiteral(SOCKETHUB_BINARY_DIR "/client/socket-client"), arguments);
}

// --tls --tls-ca: the server's certificate verifies, a line goes each way.
void TestClientTls::caFileVerifiesAndExchangesLines()
{
    startServer(m_a);
    if (QTest::currentTestFailed())
        return;
    ClientConnection c;
    c.setFraming(Protocol::Framing::Lines);
    c.setTlsEnabled(true);
    c.setTlsCaFile(m_a.certFile);
    QSignalSpy received(&c, &ClientConnection::messageReceived);
    QSignalSpy errors(&c, &ClientConnection::errorOccurred);
    c.connectToHost(u"127.0.0.1"_s, m_port);
    QTRY_VERIFY2_WITH_TIMEOUT(c.state() != State::Connecting, qPrintable(c.lastError()), 20000);
    QVERIFY2(c.isConnected(), qPrintable(c.lastError()));
    QVERIFY(c.isEncrypted());
    QCOMPARE(c.peerFingerprint(), m_a.sha256);
    QVERIFY2(c.tlsVersion() == u"TLS 1.3"_s || c.tlsVersion() == u"TLS 1.2"_s, qPrintable(c.tlsVersion()));
    QVERIFY(c.rejectedFingerprint().isEmpty());

    QVERIFY(c.sendText(kText));
    QTRY_COMPARE_WITH_TIMEOUT(m_serverOut, (kText + u'\n').toUtf8(), 10000);
    m_server->write(u"from s_server ✓\n"_s.toUtf8());
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, 10000);
    QCOMPARE(received.at(0).at(0).value<Message>().text, u"from s_server ✓"_s);
    QVERIFY(errors.isEmpty());

    c.disconnectFromHost();
    QCOMPARE(c.state(), State::Disconnected);
    QVERIFY(!c.isEncrypted());
    QVERIFY(c.peerFingerprint().isEmpty());
    QVERIFY(c.tlsVersion().isEmpty());
}

// The fingerprint reads as `openssl x509 -fingerprint -sha256` prints it.
void TestClientTls::fingerprintIsWhatOpensslPrints()
{
    QProcess openssl;
    openssl.start(QStandardPaths::findExecutable(u"openssl"_s),
                  {u"x509"_s, u"-in"_s, m_a.certFile, u"-noout"_s, u"-fingerprint"_s, u"-sha256"_s});
    QVERIFY(openssl.waitForFinished(20000));
    const QString printed = QString::fromLatin1(openssl.readAllStandardOutput()).trimmed();
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(m_a.certFile);
    QCOMPARE(certificates.size(), 1);
    const QString fingerprint = CertificateFingerprint::of(certificates.first());
    QCOMPARE(u"sha256 Fingerprint="_s + fingerprint, printed);
    QCOMPARE(CertificateFingerprint::normalized(printed), fingerprint);
    QCOMPARE(CertificateFingerprint::normalized(fingerprint.toLower().remove(u':')), fingerprint);
    QVERIFY(CertificateFingerprint::normalized(fingerprint.left(20)).isEmpty());
    QVERIFY(CertificateFingerprint::normalized(fingerprint.left(94) + u'G').isEmpty());
}

// The names the client shows (and the server's Security column).
void TestClientTls::tlsProtocolNames()
{
    QCOMPARE(tlsProtocolName(QSsl::TlsV1_3), u"TLS 1.3"_s);
    QCOMPARE(tlsProtocolName(QSsl::TlsV1_2), u"TLS 1.2"_s);
    QCOMPARE(tlsProtocolName(QSsl::TlsV1_2OrLater), u"TLS"_s);
    QCOMPARE(tlsProtocolName(QSsl::TlsV1_3OrLater), u"TLS"_s);
    QVERIFY(tlsProtocolName(QSsl::UnknownProtocol).isEmpty());
}

// A second self-signed certificate, not in the CA file: refused, with the
// reason and the certificate named, never connected.
void TestClientTls::certificateNotInCaFileIsRefused()
{
    startServer(m_b);
    if (QTest::currentTestFailed())
        return;
    ClientConnection c;
    c.setFraming(Protocol::Framing::Lines);
    c.setTlsEnabled(true);
    c.setTlsCaFile(m_a.certFile);
    QSignalSpy connectedSpy(&c, &ClientConnection::connected);
    QSignalSpy errors(&c, &ClientConnection::errorOccurred);
    c.connectToHost(u"127.0.0.1"_s, m_port);
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, 20000);
    QCOMPARE(c.state(), State::Disconnected);
    QVERIFY(connectedSpy.isEmpty());
    const QString expected = u"Could not connect to 127.0.0.1:%1: TLS: the certificate is self-signed and not "
                             "trusted (SHA-256 %2)"_s.arg(QString::number(m_port), m_b.sha256);
    QCOMPARE(errors.at(0).at(0).toString(), expected);
    QCOMPARE(c.lastError(), expected);
    QCOMPARE(c.rejectedFingerprint(), m_b.sha256);
    QCOMPARE(c.rejectedReason(), u"the certificate is self-signed and not trusted"_s);
    QVERIFY(!c.isEncrypted());
}

// No CA file: the system CAs, which trust no self-signed certificate.
void TestClientTls::selfSignedIsRefusedBySystemCas()
{
    startServer(m_a);
    if (QTest::currentTestFailed())
        return;
    ClientConnection c;
    c.setTlsEnabled(true);
    QSignalSpy connectedSpy(&c, &ClientConnection::connected);
    QSignalSpy errors(&c, &ClientConnection::errorOccurred);
    c.connectToHost(u"127.0.0.1"_s, m_port);
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, 20000);
    QVERIFY(connectedSpy.isEmpty());
    QCOMPARE(c.state(), State::Disconnected);
    QVERIFY2(c.lastError().contains(u"TLS: the certificate is self-signed and not trusted (SHA-256 %1)"_s
                                        .arg(m_a.sha256)),
             qPrintable(c.lastError()));
    QCOMPARE(c.rejectedFingerprint(), m_a.sha256);
}

// A certificate the CA file trusts, for another address: Qt's own words.
void TestClientTls::hostNameMismatchIsNamed()
{
    startServer(m_other);
    if (QTest::currentTestFailed())
        return;
    ClientConnection c;
    c.setTlsEnabled(true);
    c.setTlsCaFile(m_other.certFile);
    QSignalSpy errors(&c, &ClientConnection::errorOccurred);
    c.connectToHost(u"127.0.0.1"_s, m_port);
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, 20000);
    QCOMPARE(c.state(), State::Disconnected);
    const QString mismatch = QSslError(QSslError::HostNameMismatch).errorString();
    QVERIFY2(c.lastError().contains(u"TLS: "_s + mismatch), qPrintable(c.lastError()));
    QVERIFY2(!c.lastError().contains(u"self-signed"_s), qPrintable(c.lastError()));
    QCOMPARE(c.rejectedFingerprint(), m_other.sha256);
}

void TestClientTls::rightPinConnects_data()
{
    QTest::addColumn<int>("form");
    QTest::newRow("AB:CD:…") << 0;
    QTest::newRow("abcd… (lower case, no colons)") << 1;
    QTest::newRow("as openssl prints it") << 2;
}

// A pinned self-signed certificate: accepted though no CA vouches for it.
void TestClientTls::rightPinConnects()
{
    QFETCH(int, form);
    startServer(m_a);
    if (QTest::currentTestFailed())
        return;
    const QString pins[] = {m_a.sha256, QString(m_a.sha256).remove(u':').toLower(),
                            u"sha256 Fingerprint="_s + m_a.sha256};
    ClientConnection c;
    c.setFraming(Protocol::Framing::Lines);
    c.setTlsEnabled(true);
    QVERIFY(c.setTlsPinnedFingerprint(pins[form]));
    c.connectToHost(u"127.0.0.1"_s, m_port);
    QTRY_VERIFY2_WITH_TIMEOUT(c.state() != State::Connecting, qPrintable(c.lastError()), 20000);
    QVERIFY2(c.isConnected(), qPrintable(c.lastError()));
    QCOMPARE(c.peerFingerprint(), m_a.sha256);
    QVERIFY(c.sendText(kText));
    QTRY_COMPARE_WITH_TIMEOUT(m_serverOut, (kText + u'\n').toUtf8(), 10000);
}

void TestClientTls::wrongPinRefuses_data()
{
    QTest::addColumn<bool>("withCaFile");
    QTest::newRow("the chain does not verify either") << false;
    // The pin decides even when the chain verifies.
    QTest::newRow("the chain verifies") << true;
}

void TestClientTls::wrongPinRefuses()
{
    QFETCH(bool, withCaFile);
    startServer(m_a);
    if (QTest::currentTestFailed())
        return;
    ClientConnection c;
    c.setTlsEnabled(true);
    if (withCaFile)
        c.setTlsCaFile(m_a.certFile);
    QVERIFY(c.setTlsPinnedFingerprint(m_b.sha256));
    QSignalSpy connectedSpy(&c, &ClientConnection::connected);
    QSignalSpy errors(&c, &ClientConnection::errorOccurred);
    c.connectToHost(u"127.0.0.1"_s, m_port);
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, 20000);
    QVERIFY(connectedSpy.isEmpty());
    QCOMPARE(c.state(), State::Disconnected);
    QCOMPARE(c.lastError(), u"Could not connect to 127.0.0.1:%1: TLS: the certificate does not match the pinned "
                             "fingerprint %2 (SHA-256 %3)"_s.arg(QString::number(m_port), m_b.sha256, m_a.sha256));
    QCOMPARE(c.rejectedFingerprint(), m_a.sha256);
}

// A server that does not speak TLS: the handshake fails, and says so.
void TestClientTls::framesOverTlsHandshakeFailsAgainstPlainServer()
{
    TestServer peer(Protocol::Framing::Frames);
    QVERIFY(peer.listen());
    ClientConnection c;
    c.setTlsEnabled(true);
    QSignalSpy connectedSpy(&c, &ClientConnection::connected);
    QSignalSpy errors(&c, &ClientConnection::errorOccurred);
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, 20000);
    QVERIFY(connectedSpy.isEmpty());
    // Issue 15: what the server seems to be, and the fix.
    QVERIFY2(c.lastError().startsWith(u"Could not connect to 127.0.0.1:%1: the server does not speak TLS ("_s
                                          .arg(peer.port())),
             qPrintable(c.lastError()));
    QVERIFY2(c.lastError().endsWith(u"): untick TLS"_s), qPrintable(c.lastError()));
    QVERIFY(c.rejectedFingerprint().isEmpty());
}

// One connection object, TLS then plain then TLS again (the window's box
// toggled between connections): each attempt is what its settings say.
void TestClientTls::plainAfterTlsAndBack()
{
    startServer(m_a);
    if (QTest::currentTestFailed())
        return;
    TestServer plain(Protocol::Framing::Lines);
    QVERIFY(plain.listen());
    ClientConnection c;
    c.setFraming(Protocol::Framing::Lines);
    c.setTlsCaFile(m_a.certFile);
    for (int round = 0; round < 2; ++round) {
        c.setTlsEnabled(true);
        c.connectToHost(u"127.0.0.1"_s, m_port);
        QTRY_VERIFY2_WITH_TIMEOUT(c.state() != State::Connecting, qPrintable(c.lastError()), 20000);
        QVERIFY2(c.isEncrypted(), qPrintable(c.lastError()));
        QVERIFY(c.sendText(u"tls %1"_s.arg(round)));
        QTRY_VERIFY_WITH_TIMEOUT(serverOut().contains(u"tls %1\n"_s.arg(round)), 10000);
        c.disconnectFromHost();

        c.setTlsEnabled(false);
        c.connectToHost(u"127.0.0.1"_s, plain.port());
        QTRY_VERIFY2_WITH_TIMEOUT(c.state() != State::Connecting, qPrintable(c.lastError()), 20000);
        QVERIFY2(c.isConnected(), qPrintable(c.lastError()));
        QVERIFY(!c.isEncrypted());
        QVERIFY(c.sendText(u"plain %1"_s.arg(round)));
        // In clear text: what arrives is the line itself.
        QTRY_COMPARE_WITH_TIMEOUT(plain.raw, u"plain %1\n"_s.arg(round).toUtf8(), 20000);
        c.disconnectFromHost();
    }
}

// With automatic reconnect a refused certificate is retried on the usual
// backoff, each refusal reported: never a silent loop.
void TestClientTls::refusalsBackOffAndAreReported()
{
    startServer(m_b);
    if (QTest::currentTestFailed())
        return;
    ClientConnection c;
    c.setTlsEnabled(true);
    c.setTlsCaFile(m_a.certFile);
    c.setReconnectBaseDelay(20);
    c.setAutoReconnect(true);
    QSignalSpy connectedSpy(&c, &ClientConnection::connected);
    QSignalSpy errors(&c, &ClientConnection::errorOccurred);
    QSignalSpy scheduled(&c, &ClientConnection::reconnectScheduled);
    c.connectToHost(u"127.0.0.1"_s, m_port);
    QTRY_VERIFY_WITH_TIMEOUT(scheduled.count() >= 3, 30000);
    c.disconnectFromHost();
    QVERIFY(connectedSpy.isEmpty());
    // Every attempt that was made was reported, and the delays grew.
    QVERIFY(errors.count() >= 3);
    for (const QList<QVariant> &error : std::as_const(errors))
        QVERIFY2(error.at(0).toString().contains(u"self-signed"_s), qPrintable(error.at(0).toString()));
    QVERIFY(isJitteredDelay(scheduled.at(0).at(1).toInt(), 1 * 20));
    QVERIFY(isJitteredDelay(scheduled.at(1).at(1).toInt(), 2 * 20));
    QVERIFY(isJitteredDelay(scheduled.at(2).at(1).toInt(), 4 * 20));
}

// The window: TLS ticked, the certificate refused, the trust prompt shown;
// a click on "Trust this certificate" stores it for 127.0.0.1:port and
// reconnects; a later connection (a new window) accepts it at once.
void TestClientTls::trustPromptInTheWindow()
{
    startServer(m_a);
    if (QTest::currentTestFailed())
        return;
    const QString key = u"tls/trusted/127.0.0.1:%1"_s.arg(m_port);
    QCOMPARE(ClientWindow::trustedCertificateKey(u"127.0.0.1:%1"_s.arg(m_port)), key);
    {
        ClientWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ClientUi ui(&window);
        QVERIFY(ui.complete());
        auto *tlsCheck = window.findChild<QCheckBox *>(u"tlsCheck"_s);
        auto *tlsLabel = window.findChild<QLabel *>(u"tlsLabel"_s);
        auto *bar = window.findChild<QWidget *>(u"certificateBar"_s);
        auto *reason = window.findChild<QLabel *>(u"certificateReasonLabel"_s);
        auto *fingerprint = window.findChild<QLineEdit *>(u"certificateFingerprintEdit"_s);
        auto *trust = window.findChild<QPushButton *>(u"trustCertificateButton"_s);
        QVERIFY(tlsCheck && tlsLabel && bar && reason && fingerprint && trust);
        QVERIFY(!tlsCheck->isChecked());
        QVERIFY(bar->isHidden());
        QCOMPARE(trust->text(), u"&Trust this certificate"_s);
        QTest::mouseClick(tlsCheck, Qt::LeftButton);
        QVERIFY(tlsCheck->isChecked());

        ui.connectTo(u"127.0.0.1"_s, m_port, {}, true);
        QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), 20000);
        const QString status = ui.status->text();
        QVERIFY2(status.startsWith(u"Not Connected"_s), qPrintable(status));
        QVERIFY2(status.contains(u"TLS: the certificate is self-signed and not trusted"_s), qPrintable(status));
        QVERIFY2(reason->text().contains(u"the certificate is self-signed and not trusted"_s),
                 qPrintable(reason->text()));
        QCOMPARE(fingerprint->text(), m_a.sha256);
        // Issue 15: it opens at its start, the part compared first.
        QCOMPARE(fingerprint->cursorPosition(), 0);
        QVERIFY(!clientSettings().contains(key));
        // Never a modal dialog: the window is still the active one.
        QVERIFY(!QApplication::activeModalWidget());

        QTest::mouseClick(trust, Qt::LeftButton);
        QCOMPARE(clientSettings().value(key).toString(), m_a.sha256);
        QTRY_VERIFY2_WITH_TIMEOUT(ui.status->text().startsWith(u"Connected to 127.0.0.1:%1 with TLS 1."_s.arg(m_port)),
                                  qPrintable(ui.status->text()), 20000);
        QVERIFY(bar->isHidden());
        QVERIFY2(tlsLabel->text().contains(m_a.sha256), qPrintable(tlsLabel->text()));
        QVERIFY2(tlsLabel->text().startsWith(window.controller()->tlsVersion()), qPrintable(tlsLabel->text()));
        QTRY_VERIFY(ui.log->toPlainText().contains(u"Trusting the certificate of 127.0.0.1:%1"_s.arg(m_port)));

        // Lines both ways through the window.
        ui.type(kText);
        QTRY_COMPARE_WITH_TIMEOUT(m_serverOut, (kText + u'\n').toUtf8(), 10000);
        m_server->write(u"back ✓\n"_s.toUtf8());
        QTRY_VERIFY_WITH_TIMEOUT(ui.logLines().contains(u"back ✓"_s), 10000);

        QTest::mouseClick(ui.disconnectButton, Qt::LeftButton);
        QCOMPARE(ui.status->text(), u"Not Connected"_s);
        QCOMPARE(tlsLabel->text(), QString());
    }
    QCOMPARE(clientSettings().value(u"profiles/default/tls"_s).toBool(), true);

    // A second connection, in a new window: the TLS box is ticked again and
    // the stored certificate is accepted without a prompt.
    ClientWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ClientUi ui(&window);
    auto *tlsCheck = window.findChild<QCheckBox *>(u"tlsCheck"_s);
    auto *bar = window.findChild<QWidget *>(u"certificateBar"_s);
    QVERIFY(tlsCheck->isChecked());
    QSignalSpy errors(window.controller(), &ClientController::errorOccurred);
    ui.connectTo(u"127.0.0.1"_s, m_port, {}, true);
    QTRY_VERIFY2_WITH_TIMEOUT(ui.status->text().startsWith(u"Connected to 127.0.0.1:%1 with TLS 1."_s.arg(m_port)),
                              qPrintable(ui.status->text()), 20000);
    QVERIFY(errors.isEmpty());
    QVERIFY(bar->isHidden());
    QCOMPARE(window.controller()->peerFingerprint(), m_a.sha256);
}

// The prompt is about the server the form named: once the host or the port
// is edited it is gone, and with it what it offered, so it never stores a
// certificate under the wrong name: neither its shortcut nor a click that
// reaches the hidden button (as an accessibility tool's could) stores
// anything, or reconnects.
void TestClientTls::editingTheServerRetractsThePrompt()
{
    startServer(m_a);
    if (QTest::currentTestFailed())
        return;
    ClientWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ClientUi ui(&window);
    auto *bar = window.findChild<QWidget *>(u"certificateBar"_s);
    auto *trust = window.findChild<QPushButton *>(u"trustCertificateButton"_s);
    QVERIFY(bar && trust);
    QTest::mouseClick(ui.tls, Qt::LeftButton);
    QSignalSpy attempts(window.controller(), &ClientController::stateChanged);

    for (const bool editPort : {false, true}) {
        ui.connectTo(u"127.0.0.1"_s, m_port, {}, true);
        QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), 20000);
        QVERIFY(trust->isVisible());
        QVERIFY(ui.host->isEnabled());
        if (editPort) {
            QTest::keyClick(ui.port, Qt::Key_Up);
            QCOMPARE(ui.port->value(), m_port + 1);
        } else {
            QTest::keyClick(ui.host, Qt::Key_End);
            QTest::keyClick(ui.host, Qt::Key_Backspace);
            QCOMPARE(ui.host->text(), u"127.0.0."_s);
        }
        QVERIFY(bar->isHidden());
        QVERIFY(!trust->isVisible());

        attempts.clear();
        QTest::keyClick(&window, Qt::Key_T, Qt::AltModifier);
        trust->click();
        QVERIFY(bar->isHidden());
        QVERIFY(attempts.isEmpty());
        QCOMPARE(window.controller()->state(), State::Disconnected);
        QVERIFY2(clientSettings().allKeys().filter(u"tls/trusted"_s).isEmpty(),
                 qPrintable(clientSettings().allKeys().join(u", "_s)));
    }
}

// The program: --tls-ca (which implies --tls) verifies, --send arrives.
void TestClientTls::programVerifiesWithTlsCa()
{
    startServer(m_a);
    if (QTest::currentTestFailed())
        return;
    startProgram({u"--host"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(m_port), u"--framing"_s, u"lines"_s,
                  u"--tls-ca"_s, m_a.certFile, u"--connect"_s, u"--send"_s, kText, u"--log"_s, u"-"_s});
    QVERIFY(m_program->waitForStarted(10000));
    QTRY_COMPARE_WITH_TIMEOUT(m_serverOut, (kText + u'\n').toUtf8(), 20000);
    // The log is written a batch at a time.
    QTRY_VERIFY_WITH_TIMEOUT(QString::fromUtf8(m_programOut).contains(u"me: "_s + kText), 10000);
    const QString log = QString::fromUtf8(m_programOut);
    QVERIFY2(log.contains(u"Connected to 127.0.0.1:%1 with TLS 1."_s.arg(m_port)), qPrintable(log));
    QVERIFY2(log.contains(u"(server certificate SHA-256 %1)"_s.arg(m_a.sha256)), qPrintable(log));
}

// The program: a --tls-fingerprint that is not the server's is refused.
void TestClientTls::programRefusesWrongFingerprint()
{
    startServer(m_a);
    if (QTest::currentTestFailed())
        return;
    startProgram({u"--host"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(m_port), u"--framing"_s, u"lines"_s,
                  u"--tls-fingerprint"_s, QString(m_b.sha256).remove(u':'), u"--connect"_s, u"--send"_s, kText,
                  u"--log"_s, u"-"_s});
    QVERIFY(m_program->waitForStarted(10000));
    const QString expected = u"TLS: the certificate does not match the pinned fingerprint %1 (SHA-256 %2)"_s
                                 .arg(m_b.sha256, m_a.sha256);
    QTRY_VERIFY2_WITH_TIMEOUT(QString::fromUtf8(m_programOut).contains(expected),
                              qPrintable(QString::fromUtf8(m_programOut)), 20000);
    QVERIFY(!QString::fromUtf8(m_programOut).contains(u"Connected to"_s));
    QVERIFY(m_serverOut.isEmpty());
}

void TestClientTls::startSocketServer(const QString &password, bool tls)
{
    m_hub = std::make_unique<QProcess>();
    QProcess *hub = m_hub.get();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    env.insert(u"XDG_CONFIG_HOME"_s, m_config.path());
    env.insert(QLatin1String(Protocol::kPasswordEnvironmentVariable), password);
    hub->setProcessEnvironment(env);
    hub->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    connect(hub, &QProcess::readyReadStandardOutput, hub, [this, hub] { m_hubOut += hub->readAllStandardOutput(); });
    QStringList arguments{u"--headless"_s, u"--port"_s, u"0"_s, u"--bind"_s, u"127.0.0.1"_s,
                          u"--client-messages"_s, u"echo"_s};
    if (tls)
        arguments << u"--tls-cert"_s << m_a.certFile << u"--tls-key"_s << m_a.keyFile;
    hub->start(QStringLiteral(SOCKETHUB_BINARY_DIR "/server/socket-server"), arguments);
    QVERIFY2(hub->waitForStarted(10000), qPrintable(hub->errorString()));
    // "listening on 127.0.0.1:PORT", with the real port.
    QTRY_VERIFY2_WITH_TIMEOUT(m_hubOut.contains('\n') || hub->state() != QProcess::Running, m_hubOut.constData(),
                              20000);
    const QByteArray prefix = "listening on 127.0.0.1:";
    QVERIFY2(m_hubOut.startsWith(prefix), m_hubOut.constData());
    m_hubPort = quint16(m_hubOut.mid(prefix.size(), m_hubOut.indexOf('\n') - prefix.size()).toUInt());
    QVERIFY(m_hubPort != 0);
}

void TestClientTls::realServerWithPassword_data()
{
    QTest::addColumn<bool>("lines");
    QTest::newRow("frames") << false;
    QTest::newRow("lines") << true;
}

// socket-client against socket-server with TLS and a password, end to end:
// the right password is taken (an echo comes back), a wrong one is refused
// with the server's reason.
void TestClientTls::realServerWithPassword()
{
    QFETCH(bool, lines);
    const QString password = u"pässword ✓"_s;
    startSocketServer(password);
    if (QTest::currentTestFailed())
        return;
    const Protocol::Framing framing = lines ? Protocol::Framing::Lines : Protocol::Framing::Frames;

    ClientConnection c;
    c.setFraming(framing);
    c.setTlsEnabled(true);
    c.setTlsCaFile(m_a.certFile);
    c.setPassword(password);
    QSignalSpy received(&c, &ClientConnection::messageReceived);
    QSignalSpy passwordSent(&c, &ClientConnection::passwordSent);
    c.connectToHost(u"127.0.0.1"_s, m_hubPort);
    QTRY_VERIFY2_WITH_TIMEOUT(c.state() != State::Connecting, qPrintable(c.lastError()), 20000);
    QVERIFY2(c.isConnected(), qPrintable(c.lastError()));
    QCOMPARE(c.peerFingerprint(), m_a.sha256);
    QVERIFY(c.sendText(kText));
    const auto echoed = [&received] {
        for (const QList<QVariant> &args : received) {
            const Message m = args.at(0).value<Message>();
            if (m.type == Message::Type::Text && m.textString() == kText)
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(echoed(), 20000);
    // Asked for in the server's hello (frames) or by its prompt (lines).
    QCOMPARE(passwordSent.count(), 1);
    QVERIFY(c.isConnected());

    ClientConnection wrong;
    wrong.setFraming(framing);
    wrong.setTlsEnabled(true);
    QVERIFY(wrong.setTlsPinnedFingerprint(m_a.sha256));
    wrong.setPassword(u"nope"_s);
    QSignalSpy errors(&wrong, &ClientConnection::errorOccurred);
    wrong.connectToHost(u"127.0.0.1"_s, m_hubPort);
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, 20000);
    QVERIFY2(errors.at(0).at(0).toString().endsWith(u"closed by the server: wrong password"_s),
             qPrintable(errors.at(0).at(0).toString()));
}

// A plain client of a server that takes TLS only hears why.
void TestClientTls::realServerRefusesPlainClient()
{
    startSocketServer(u"x"_s);
    if (QTest::currentTestFailed())
        return;
    ClientConnection c;
    QSignalSpy errors(&c, &ClientConnection::errorOccurred);
    c.connectToHost(u"127.0.0.1"_s, m_hubPort);
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, 20000);
    QVERIFY2(errors.at(0).at(0).toString().contains(u"closed by the server: "_s), qPrintable(c.lastError()));
    QVERIFY2(errors.at(0).at(0).toString().contains(u"--tls"_s), qPrintable(c.lastError()));
}

// A TLS client of a server without a certificate: the server closes at
// once, and the client says that the server does not speak TLS.
void TestClientTls::realServerWithoutTls()
{
    startSocketServer(QString(), false);
    if (QTest::currentTestFailed())
        return;
    ClientConnection c;
    c.setTlsEnabled(true);
    QSignalSpy connectedSpy(&c, &ClientConnection::connected);
    QSignalSpy errors(&c, &ClientConnection::errorOccurred);
    c.connectToHost(u"127.0.0.1"_s, m_hubPort);
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, 20000);
    QVERIFY(connectedSpy.isEmpty());
    QVERIFY2(c.lastError().startsWith(u"Could not connect to 127.0.0.1:%1: the server does not speak TLS ("_s
                                          .arg(m_hubPort)),
             qPrintable(c.lastError()));
    QVERIFY2(c.lastError().endsWith(u"): untick TLS"_s), qPrintable(c.lastError()));
}

QTEST_MAIN(TestClientTls)
#include "tst_clienttls.moc"
