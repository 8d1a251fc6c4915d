// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// What is typed on socket-server's command line is for that run only
// (issue 17, item 8; README, "Settings"): a windowed run with --tls-cert,
// --deny, --client-messages echo and --welcome saves none of them, its
// window saves what the user changed in it, and the next plain run is plain.
// A --headless run starts from the saved settings only with
// --saved-settings.
//
// The first run is the real window over the real command-line parsing
// (ServerCommandLine, as main() uses it); the later runs are the real
// socket-server, reading the same settings file.
#include "../common/testcertificate.h"
#include "servercommandline.h"
#include "serversettings.h"
#include "serverwindowfixture.h"

#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestServerSettings : public QObject, private ServerWindowFixture
{
    Q_OBJECT

    QTemporaryDir m_config;

    // The options a run with these arguments takes, as main() makes them.
    static bool optionsFor(const QStringList &arguments, ServerOptions *options, QString *error)
    {
        QCommandLineParser parser;
        const ServerCommandLine cli(parser);
        if (!parser.parse(QStringList{ u"socket-server"_s } + arguments)) {
            *error = parser.errorText();
            return false;
        }
        QSettings settings;
        return cli.options(parser, cli.usesSavedSettings(parser) ? &settings : nullptr, options, error);
    }
    // Runs the real socket-server --headless on port 0 with these extra
    // arguments, connects a line client, and returns the first line it got.
    QString firstLineFromHeadlessServer(const QStringList &arguments)
    {
        const QString binary = QStringLiteral(SOCKETHUB_BINARY_DIR "/server/socket-server");
        if (!QFileInfo::exists(binary)) {
            QTest::qFail("socket-server is not built (tst_serversettings depends on it)", __FILE__, __LINE__);
            return {};
        }
        QByteArray out; // declared before proc, which may still emit while it is destroyed
        QProcess proc;
        proc.setProgram(binary);
        proc.setArguments(QStringList{ u"--headless"_s, u"--port"_s, u"0"_s, u"--bind"_s, u"localhost"_s }
                          + arguments);
        connect(&proc, &QProcess::readyReadStandardOutput, &proc, [&] { out += proc.readAllStandardOutput(); });
        proc.start();
        if (!QTest::qWaitFor([&] { return out.contains('\n') || proc.state() == QProcess::NotRunning; }, 20000)
            || !out.contains('\n')) {
            QTest::qFail(qPrintable(u"no listening line: "_s + QString::fromLocal8Bit(proc.readAllStandardError())),
                         __FILE__, __LINE__);
            return {};
        }
        const quint16 port = QString::fromUtf8(out.left(out.indexOf('\n'))).section(u':', -1).toUShort();
        TestPeer client;
        client.connectTo(port);
        client.sendLine(u"hello"_s);
        // An empty answer fails the caller's comparison.
        const bool answered = QTest::qWaitFor([&] { return !client.lines().isEmpty(); }, 20000);
        const QString first = answered ? client.lines().constFirst() : QString();
        proc.terminate();
        if (!QTest::qWaitFor([&] { return proc.state() == QProcess::NotRunning; }, 20000))
            QTest::qFail("socket-server did not stop on SIGTERM", __FILE__, __LINE__);
        return first;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The settings of socket-server itself, in a folder of this test's:
        // the real program run below reads the same file.
        QVERIFY(m_config.isValid());
        qputenv("XDG_CONFIG_HOME", m_config.path().toLocal8Bit());
        QCoreApplication::setOrganizationName(u"SocketHub"_s);
        QCoreApplication::setApplicationName(u"socket-server"_s);
        QVERIFY(QSettings().fileName().startsWith(m_config.path()));
        QSettings().clear();
    }
    void cleanup() { resetFixture(); }

    void windowedRunWithTlsLeavesTheNextRunPlain()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const TestCertificate cert = TestCertificate::make(dir.path());
        QVERIFY2(cert.isValid(), qPrintable(cert.error));

        // A windowed run with TLS, a deny list, echo and a welcome from the
        // command line: they are in force, and the window shows them.
        ServerOptions options;
        QString error;
        QVERIFY2(optionsFor({ u"--tls-cert"_s, cert.certFile, u"--tls-key"_s, cert.keyFile, u"--deny"_s,
                              u"10.9.0.0/16"_s, u"--client-messages"_s, u"echo"_s, u"--welcome"_s,
                              u"From the command line %1"_s, u"--port"_s, u"0"_s },
                            &options, &error),
                 qPrintable(error));
        QVERIFY(options.tlsEnabled());
        openWindow(options);
        QCOMPARE(widget<QLineEdit>(u"tlsCertEdit"_s)->text(), cert.certFile);
        QCOMPARE(widget<QLineEdit>(u"denyEdit"_s)->text(), u"10.9.0.0/16"_s);
        QCOMPARE(widget<QComboBox>(u"modeCombo"_s)->currentData().toString(), u"echo"_s);
        click(u"startButton"_s);
        QTRY_VERIFY(m_core->isListening());
        TestPeer *plain = linesPeer(u"plain"_s);
        QTRY_VERIFY(plain->hasNoticeLine("disconnect", u"this server accepts TLS connections only; connect with "
                                                        "TLS (socket-client --tls)"_s));

        // The user changes one thing in the window, then quits.
        choose(u"framingCombo"_s, u"lines"_s);
        click(u"closeButton"_s);
        QTRY_VERIFY(!m_window->isVisible());

        // Saved: what the user set, and the geometry; nothing the command
        // line gave.
        {
            QSettings settings;
            QCOMPARE(settings.value(QLatin1String(ServerSettings::kFramingKey)).toString(), u"lines"_s);
            QVERIFY(settings.contains(QLatin1String(ServerSettings::kGeometryKey)));
            for (const char *key : { ServerSettings::kTlsCertKey, ServerSettings::kTlsKeyKey,
                                     ServerSettings::kAllowPlaintextKey, ServerSettings::kDenyKey,
                                     ServerSettings::kModeKey, ServerSettings::kWelcomeKey,
                                     ServerSettings::kPortKey, ServerSettings::kFederationKey })
                QVERIFY2(!settings.contains(QLatin1String(key)), key);
        }
        resetWindowOnly();

        // The next windowed run, plain: no TLS, no deny list, show mode,
        // the default welcome, and the framing the user chose.
        QVERIFY2(optionsFor({}, &options, &error), qPrintable(error));
        QVERIFY(!options.tlsEnabled());
        QVERIFY(options.deny.isEmpty());
        QCOMPARE(options.mode, ServerOptions::Mode::Show);
        QCOMPARE(options.welcomeText, ServerOptions::defaultWelcomeText());
        QCOMPARE(options.framing, ServerOptions::FramingSetting::Lines);

        // And the real program, from those settings, serves plain clients.
        QCOMPARE(firstLineFromHeadlessServer({ u"--saved-settings"_s }), u"* welcome #1: Welcome client 1"_s);
    }

    // The window's Federation field: checked as --federate is, saved for
    // the next start (a windowed one, or --headless --saved-settings), never
    // with a password.
    void federationFieldIsSavedForTheNextStartWithoutAPassword()
    {
        ServerOptions options;
        QString error;
        QVERIFY2(optionsFor({ u"--port"_s, u"0"_s }, &options, &error), qPrintable(error));
        openWindow(options);
        auto *edit = widget<QLineEdit>(u"federationEdit"_s);
        auto *note = widget<QLabel>(u"federationNoteLabel"_s);
        QVERIFY(edit->text().isEmpty());
        QVERIFY(note->isHidden());
        const auto type = [edit](const QString &text) {
            edit->setFocus();
            edit->selectAll();
            QTest::keyClick(edit, Qt::Key_Delete);
            QTest::keyClicks(edit, text);
            QTest::keyClick(edit, Qt::Key_Return);
        };
        const auto saved = [] { return QSettings().value(QLatin1String(ServerSettings::kFederationKey)); };

        type(u"redis://127.0.0.1:6390/chat"_s);
        QCOMPARE(saved().toString(), u"redis://127.0.0.1:6390/chat"_s);
        QVERIFY(note->isVisible());
        QVERIFY2(note->text().contains(u"next start"_s), qPrintable(note->text()));

        // A password is not saved, and the note says where it goes.
        type(u"redis://:s3cret@127.0.0.1:6391/chat"_s);
        QVERIFY2(note->text().contains(u"SOCKETHUB_REDIS_PASSWORD"_s), qPrintable(note->text()));
        QCOMPARE(saved().toString(), u"redis://127.0.0.1:6390/chat"_s);
        {
            QFile file(QSettings().fileName());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY(!file.readAll().contains("s3cret"));
        }
        // Nor is what --federate would refuse (HOST is an IP address).
        type(u"redis://redis.example:6379"_s);
        QVERIFY2(note->text().startsWith(u"Not saved"_s), qPrintable(note->text()));
        QCOMPARE(saved().toString(), u"redis://127.0.0.1:6390/chat"_s);
        // This run is not federated: the federation is chosen at a start.
        QCOMPARE(m_core->federationStatus().state, FederationStatus::State::Off);

        // The next windowed start joins it; --headless only when asked.
        QVERIFY2(optionsFor({}, &options, &error), qPrintable(error));
        QCOMPARE(options.federate, u"redis://127.0.0.1:6390/chat"_s);
        QVERIFY2(optionsFor({ u"--headless"_s }, &options, &error), qPrintable(error));
        QVERIFY(options.federate.isEmpty());
        QVERIFY2(optionsFor({ u"--headless"_s, u"--saved-settings"_s }, &options, &error), qPrintable(error));
        QCOMPARE(options.federate, u"redis://127.0.0.1:6390/chat"_s);

        // --federate wins for its run, and is not saved.
        QVERIFY2(optionsFor({ u"--federate"_s, u"redis://127.0.0.1:6392/other"_s }, &options, &error),
                 qPrintable(error));
        QCOMPARE(options.federate, u"redis://127.0.0.1:6392/other"_s);
        QCOMPARE(saved().toString(), u"redis://127.0.0.1:6390/chat"_s);

        // Back to what is saved: the refusal's note goes.
        type(u"redis://:s3cret@127.0.0.1:6391/chat"_s);
        QVERIFY(note->isVisible());
        type(u"redis://127.0.0.1:6390/chat"_s);
        QVERIFY(note->isHidden());

        // An empty field saves "no federation".
        type(QString());
        QVERIFY(saved().isValid());
        QVERIFY(saved().toString().isEmpty());
        QVERIFY2(optionsFor({}, &options, &error), qPrintable(error));
        QVERIFY(options.federate.isEmpty());
    }

    // --headless reads the saved settings only when asked.
    void headlessUsesSavedSettingsOnlyWithTheOption()
    {
        {
            QSettings settings; // as the window saves a welcome typed in it
            settings.setValue(QLatin1String(ServerSettings::kWelcomeKey), u"Saved welcome %1"_s);
        }
        QCOMPARE(firstLineFromHeadlessServer({}), u"* welcome #1: Welcome client 1"_s);
        QCOMPARE(firstLineFromHeadlessServer({ u"--saved-settings"_s }), u"* welcome #1: Saved welcome 1"_s);
        // The command line still wins, for its run.
        QCOMPARE(firstLineFromHeadlessServer({ u"--saved-settings"_s, u"--welcome"_s, u"Hi %1"_s }),
                 u"* welcome #1: Hi 1"_s);
        QCOMPARE(QSettings().value(QLatin1String(ServerSettings::kWelcomeKey)).toString(), u"Saved welcome %1"_s);
    }

    // --help says where the password comes from, and how --headless treats
    // the saved settings.
    void helpNamesThePasswordVariable()
    {
        QProcess proc;
        proc.start(QStringLiteral(SOCKETHUB_BINARY_DIR "/server/socket-server"), { u"--help"_s });
        QVERIFY(proc.waitForFinished(20000));
        QCOMPARE(proc.exitCode(), 0);
        const QString help = QString::fromLocal8Bit(proc.readAllStandardOutput());
        QVERIFY2(help.contains(u"comes from the SOCKETHUB_PASSWORD environment variable"_s), qPrintable(help));
        QVERIFY2(help.contains(u"--saved-settings"_s), qPrintable(help));
    }

private:
    // The window and its engine go; the settings stay.
    void resetWindowOnly()
    {
        m_peers.clear();
        m_window.reset();
        m_core.reset();
    }
};

QTEST_MAIN(TestServerSettings)
#include "tst_serversettings.moc"
