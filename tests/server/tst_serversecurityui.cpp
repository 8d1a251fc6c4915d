// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The server window's security controls (issue 9), driven the way a person
// drives them: widgets found by objectName, keys typed, buttons clicked.
// Connections are real sockets on loopback; other source addresses
// (127.0.0.2) by binding the client socket before it connects. The TLS
// tests use a throwaway certificate made by `openssl req`.
#include "clientsession.h"
#include "clienttablemodel.h"
#include "eventlog.h"
#include "servercontroller.h"
#include "serversettings.h"
#include "serverwindow.h"
#include "../common/testcertificate.h"
#include "serverwindowfixture.h"
#include "testpeer.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using Protocol::Framing;

class TestServerSecurityUi : public QObject, private ServerWindowFixture
{
    Q_OBJECT

private:
    QString accessError() const { return widget<QLabel>(u"accessErrorLabel"_s)->text(); }
    bool accessErrorShown() const { return widget<QLabel>(u"accessErrorLabel"_s)->isVisible(); }
    // How the status names a dual-stack bind on port 0.
    QString anyInterface() const
    {
        return u"all interfaces (IPv4 and IPv6), port %1 (any free port)"_s.arg(port());
    }

    // Settings saved, as socket-server reads them at launch.
    static ServerOptions savedOptions()
    {
        QSettings settings;
        ServerOptions o;
        ServerSettings::load(settings, o);
        return o;
    }
    // Replaces a line edit's text by typing, then presses Enter.
    void typeInto(const QString &editName, const QString &text, Qt::Key finish = Qt::Key_Return)
    {
        auto *edit = widget<QLineEdit>(editName);
        edit->setFocus();
        QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
        if (text.isEmpty())
            QTest::keyClick(edit, Qt::Key_Delete);
        else
            QTest::keyClicks(edit, text);
        QTest::keyClick(edit, finish);
    }
    void startListening()
    {
        auto *spin = widget<QSpinBox>(u"portSpinBox"_s);
        spin->setFocus();
        QTest::keyClick(spin, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(spin, u"0"_s);
        click(u"startButton"_s);
        QTRY_VERIFY(m_core->isListening());
        QVERIFY(port() != 0);
    }
    // A lines peer from this source address (127.0.0.x), saying hello.
    TestPeer *peerFrom(const char *from, const QString &hello = u"hi"_s)
    {
        m_peers.push_back(std::make_unique<TestPeer>(Framing::Lines));
        TestPeer *p = m_peers.back().get();
        if (!p->socket()->bind(QHostAddress(QString::fromLatin1(from)), 0))
            qFatal("cannot bind to %s", from);
        p->connectTo(port());
        p->sendLine(hello);
        return p;
    }
    // A lines peer over TLS, trusting only this certificate; its line waits
    // for the handshake.
    TestPeer *tlsPeer(const TestCertificate &cert, const QString &line)
    {
        m_peers.push_back(std::make_unique<TestPeer>(Framing::Lines));
        TestPeer *p = m_peers.back().get();
        p->connectToTls(port(), QSslCertificate::fromPath(cert.certFile));
        p->sendLine(line);
        return p;
    }
    void makeCertificate(QTemporaryDir &dir, TestCertificate &cert)
    {
        QVERIFY(dir.isValid());
        cert = TestCertificate::make(dir.path());
        QVERIFY2(cert.isValid(), qPrintable(cert.error));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"SocketHub"_s);
        QCoreApplication::setApplicationName(u"socket-server-security-test"_s);
        QSettings().clear();
    }
    void init()
    {
        m_questions.clear();
        openWindow();
    }
    void cleanup() { resetFixture(); }

    // The controls and their starting state.
    void initialState()
    {
        QCOMPARE(widget<QLineEdit>(u"allowEdit"_s)->text(), QString());
        QCOMPARE(widget<QLineEdit>(u"denyEdit"_s)->text(), QString());
        QCOMPARE(widget<QLineEdit>(u"tlsCertEdit"_s)->text(), QString());
        QCOMPARE(widget<QLineEdit>(u"tlsKeyEdit"_s)->text(), QString());
        QCOMPARE(widget<QLineEdit>(u"passwordEdit"_s)->echoMode(), QLineEdit::Password);
        QCOMPARE(widget<QLineEdit>(u"passwordEdit"_s)->placeholderText(), u"None: no password asked"_s);
        QVERIFY(!widget<QCheckBox>(u"allowPlaintextCheck"_s)->isChecked());
        QVERIFY(!widget<QCheckBox>(u"allowPlaintextCheck"_s)->isEnabled()); // no TLS files yet
        QVERIFY(!widget<QLabel>(u"fingerprintLabel"_s)->isVisible());
        QVERIFY(!accessErrorShown());
        QVERIFY(widget<QPushButton>(u"tlsCertBrowseButton"_s)->isEnabled());
        QVERIFY(widget<QPushButton>(u"tlsKeyBrowseButton"_s)->isEnabled());
        QCOMPARE(table()->model()->headerData(ClientTableModel::SecurityColumn, Qt::Horizontal).toString(),
                 u"Security"_s);
    }

    // At the size of a first window, every column of the client table is
    // visible whole, without a horizontal scroll bar, and nothing in the
    // window is squeezed below the size it needs.
    void defaultSizeShowsEveryColumn()
    {
        QCOMPARE(m_window->size(), QSize(ServerWindow::kDefaultWidth, ServerWindow::kDefaultHeight));
        startListening(); // shows the longest status line
        TestPeer *p = peerFrom("127.0.0.1");
        QTRY_COMPARE(rows(), 1);
        QTRY_VERIFY(p->hasLine(u"* welcome #1: Welcome client 1"_s));
        QTRY_COMPARE(cell(0, ClientTableModel::FramingColumn), u"lines"_s);
        QWidget *central = m_window->centralWidget();
        QVERIFY2(central->minimumSizeHint().height() <= central->height(),
                 qPrintable(u"needs %1 px, has %2"_s.arg(central->minimumSizeHint().height()).arg(central->height())));
        QVERIFY(central->minimumSizeHint().width() <= central->width());
        QTableView *t = table();
        QVERIFY(!t->horizontalScrollBar()->isVisible());
        QHeaderView *header = t->horizontalHeader();
        for (int c = 0; c < ClientTableModel::ColumnCount; ++c) {
            const QString name = t->model()->headerData(c, Qt::Horizontal).toString();
            const int left = header->sectionViewportPosition(c);
            QVERIFY2(left >= 0 && left + header->sectionSize(c) <= t->viewport()->width(), qPrintable(name));
            // The header text is not cut.
            QVERIFY2(header->sectionSize(c) >= header->sectionSizeHint(c), qPrintable(name));
        }
        // The name has room for more than a few letters.
        QVERIFY(header->sectionSize(ClientTableModel::NameColumn) > t->fontMetrics().horizontalAdvance(u"carol-laptop"_s));
        // The row's address is not cut either.
        const int addressWidth = t->fontMetrics().horizontalAdvance(cell(0, ClientTableModel::AddressColumn));
        QVERIFY(header->sectionSize(ClientTableModel::AddressColumn) > addressWidth);
        for (const char *box : { "securityBox" }) {
            auto *b = widget<QGroupBox>(QString::fromLatin1(box));
            QVERIFY(central->rect().contains(QRect(b->mapTo(central, QPoint(0, 0)), b->size())));
        }
    }

    // Deny typed (reached with its mnemonic, Alt+D), Enter applies it at
    // once while listening: 127.0.0.2 is refused without a byte, 127.0.0.1
    // still admitted; emptied, 127.0.0.2 is admitted again.
    void denyTypedRefusesThatAddress()
    {
        startListening();
        QTest::keyClick(m_window.get(), Qt::Key_D, Qt::AltModifier);
        auto *deny = widget<QLineEdit>(u"denyEdit"_s);
        QTRY_VERIFY(deny->hasFocus());
        QTest::keyClicks(deny, u"127.0.0.2"_s);
        QTest::keyClick(deny, Qt::Key_Return);
        QCOMPARE(m_core->options().deny, QStringList{ u"127.0.0.2"_s });

        TestPeer *denied = peerFrom("127.0.0.2");
        TestPeer *honest = peerFrom("127.0.0.1", u"honest"_s);
        QTRY_VERIFY(denied->isClosed());
        QCOMPARE(denied->raw(), QByteArray());
        QTRY_VERIFY(logText().contains(u"(127.0.0.1:%1): honest"_s.arg(honest->localPort())));
        QTRY_COMPARE(rows(), 1);
        QTRY_VERIFY(logText().contains(u"Refused a connection from 127.0.0.2:"_s));
        QVERIFY(!accessErrorShown());

        typeInto(u"denyEdit"_s, QString());
        QCOMPARE(m_core->options().deny, QStringList());
        TestPeer *again = peerFrom("127.0.0.2", u"back"_s);
        QTRY_COMPARE(rows(), 2);
        QTRY_VERIFY(logText().contains(u"(127.0.0.2:%1): back"_s.arg(again->localPort())));
        QVERIFY(again->isConnected());
    }

    // An allow list, applied by leaving the field (Tab): only what it
    // covers may connect. Ranges and several entries, separated by commas
    // or spaces, read back in one form.
    void allowTypedAdmitsOnlyWhatItCovers()
    {
        startListening();
        auto *allow = widget<QLineEdit>(u"allowEdit"_s);
        allow->setFocus();
        QTest::keyClicks(allow, u"127.0.0.2/32 ,::1  fd00::/8"_s);
        QTest::keyClick(allow, Qt::Key_Tab);
        QTRY_VERIFY(!allow->hasFocus());
        QCOMPARE(m_core->options().allow, (QStringList{ u"127.0.0.2/32"_s, u"::1"_s, u"fd00::/8"_s }));
        QCOMPARE(allow->text(), u"127.0.0.2/32, ::1, fd00::/8"_s);

        TestPeer *outside = peerFrom("127.0.0.1");
        TestPeer *inside = peerFrom("127.0.0.2", u"inside"_s);
        QTRY_VERIFY(outside->isClosed());
        QCOMPARE(outside->raw(), QByteArray());
        QTRY_VERIFY(logText().contains(u"(127.0.0.2:%1): inside"_s.arg(inside->localPort())));
        QTRY_COMPARE(rows(), 1);
        QCOMPARE(cell(0, ClientTableModel::AddressColumn), u"127.0.0.2:%1"_s.arg(inside->localPort()));
        // With an allow list, the status no longer says open to anyone.
        QTRY_VERIFY2(status().contains(u"no TLS, no password"_s), qPrintable(status()));
        QVERIFY2(!status().contains(u"open"_s), qPrintable(status()));
    }

    // An entry that is not a rule: the message names the list, the entry
    // and why, and the list in force stays as it was (here: none), in the
    // engine and in the saved settings. Fixed, it applies and the message
    // goes.
    void invalidRuleShowsWhyAndIsNotApplied()
    {
        startListening();
        typeInto(u"denyEdit"_s, u"127.0.0.3"_s);
        QCOMPARE(m_core->options().deny, QStringList{ u"127.0.0.3"_s });

        typeInto(u"denyEdit"_s, u"127.0.0.2 10.0.0.300"_s);
        QVERIFY(accessErrorShown());
        QCOMPARE(accessError(), u"Deny, entry 2: 10.0.0.300 is not an address or a CIDR range (not applied)"_s);
        QCOMPARE(m_core->options().deny, QStringList{ u"127.0.0.3"_s });
        QCOMPARE(widget<QLineEdit>(u"denyEdit"_s)->text(), u"127.0.0.2 10.0.0.300"_s); // kept to be fixed
        QCOMPARE(savedOptions().deny, QStringList{ u"127.0.0.3"_s });
        TestPeer *notDenied = peerFrom("127.0.0.2", u"still in"_s);
        QTRY_VERIFY(logText().contains(u"(127.0.0.2:%1): still in"_s.arg(notDenied->localPort())));

        // A host name, in the allow list: both messages show.
        typeInto(u"allowEdit"_s, u"example.org"_s);
        QCOMPARE(accessError(), u"Allow, entry 1: example.org is not an address or a CIDR range (not applied)\n"
                                u"Deny, entry 2: 10.0.0.300 is not an address or a CIDR range (not applied)"_s);
        QCOMPARE(m_core->options().allow, QStringList());
        typeInto(u"allowEdit"_s, QString());
        QCOMPARE(accessError(), u"Deny, entry 2: 10.0.0.300 is not an address or a CIDR range (not applied)"_s);
        // A range with a bad prefix.
        typeInto(u"denyEdit"_s, u"10.0.0.0/33"_s);
        QCOMPARE(accessError(), u"Deny, entry 1: 10.0.0.0/33 is not an address or a CIDR range (not applied)"_s);

        typeInto(u"denyEdit"_s, u"127.0.0.2"_s);
        QVERIFY(!accessErrorShown());
        QCOMPARE(m_core->options().deny, QStringList{ u"127.0.0.2"_s });
        TestPeer *denied = peerFrom("127.0.0.2");
        QTRY_VERIFY(denied->isClosed());
        QCOMPARE(denied->raw(), QByteArray());
    }

    // The lists are saved with the other settings and come back in a new
    // window (through socket-server's loading of them).
    void accessListsPersist()
    {
        typeInto(u"allowEdit"_s, u"10.0.0.0/8 127.0.0.1"_s);
        typeInto(u"denyEdit"_s, u"10.0.0.66"_s);
        click(u"closeButton"_s);
        QTRY_VERIFY(!m_window->isVisible());
        const ServerOptions loaded = savedOptions();
        QCOMPARE(loaded.allow, (QStringList{ u"10.0.0.0/8"_s, u"127.0.0.1"_s }));
        QCOMPARE(loaded.deny, QStringList{ u"10.0.0.66"_s });

        openWindow(loaded);
        QCOMPARE(widget<QLineEdit>(u"allowEdit"_s)->text(), u"10.0.0.0/8, 127.0.0.1"_s);
        QCOMPARE(widget<QLineEdit>(u"denyEdit"_s)->text(), u"10.0.0.66"_s);
        QVERIFY(!accessErrorShown());
    }

    // A saved rule that does not parse (an edited settings file) is shown
    // with the reason; the engine ignores it.
    void savedInvalidRuleIsShown()
    {
        ServerOptions o;
        o.deny = QStringList{ u"10.0.0.1"_s, u"010.0.0.1"_s };
        openWindow(o);
        QVERIFY(accessErrorShown());
        QCOMPARE(accessError(), u"Deny, entry 2: 010.0.0.1 is not an address or a CIDR range (not applied)"_s);
    }

    // The password applies at once and is never written to the settings,
    // not even as its digest, nor to the log.
    void passwordIsNeverSaved()
    {
        const QString secret = u"s3cret-Passw0rd!"_s;
        startListening();
        QTest::keyClick(m_window.get(), Qt::Key_W, Qt::AltModifier); // Pass&word
        auto *edit = widget<QLineEdit>(u"passwordEdit"_s);
        QTRY_VERIFY(edit->hasFocus());
        QTest::keyClicks(edit, secret);
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY(m_core->hasPassword());
        QCOMPARE(m_core->options().passwordDigest, ServerOptions::digestPassword(secret));
        QCOMPARE(edit->displayText().contains(u's'), false); // dots, not the text
        typeInto(u"denyEdit"_s, u"10.9.9.9"_s); // saves the settings again
        click(u"closeButton"_s);
        QTRY_VERIFY(!m_window->isVisible());

        QSettings settings;
        settings.sync();
        QFile file(settings.fileName());
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(settings.fileName()));
        const QByteArray saved = file.readAll();
        QVERIFY(saved.contains("10.9.9.9")); // it is the settings file
        const QByteArray digest = ServerOptions::digestPassword(secret);
        for (const QByteArray &needle : { secret.toUtf8(), QByteArray("s3cret"), digest.toHex(), digest.toHex().toUpper(),
                                          digest.toBase64() })
            QVERIFY2(!saved.contains(needle), needle.constData());
        for (const QString &key : settings.allKeys())
            QVERIFY2(!key.contains(u"password"_s, Qt::CaseInsensitive), qPrintable(key));
        QVERIFY(!m_core->log()->lines().join(u'\n').contains(u"s3cret"_s));
    }

    // The status line says plainly that anyone can join, until a password
    // is set (while listening; at once, for new connections), and again
    // when it is removed.
    void statusSaysOpenUntilAPasswordIsSet()
    {
        startListening();
        QCOMPARE(status(), u"Listening on %1 — open: no password, no TLS — 0 clients"_s.arg(anyInterface()));
        typeInto(u"passwordEdit"_s, u"letmein"_s);
        QVERIFY(m_core->hasPassword());
        QCOMPARE(status(), u"Listening on %1 — no TLS, password required — 0 clients"_s.arg(anyInterface()));
        QVERIFY(!status().contains(u"open"_s));
        typeInto(u"passwordEdit"_s, QString());
        QVERIFY(!m_core->hasPassword());
        QCOMPARE(widget<QLineEdit>(u"passwordEdit"_s)->placeholderText(), u"None: no password asked"_s);
        QVERIFY(status().contains(u"open: no password, no TLS"_s));
    }

    // A password typed while listening applies at once to new
    // connections: a line client is asked for it and is not a client (not
    // in the table) until it gives it; one already connected stays.
    void passwordTypedAppliesToNewConnections()
    {
        startListening();
        TestPeer *before = peerFrom("127.0.0.1", u"before"_s);
        QTRY_COMPARE(rows(), 1);
        typeInto(u"passwordEdit"_s, u"letmein"_s);
        TestPeer *asked = peerFrom("127.0.0.1", u"letmein"_s);
        TestPeer *wrong = peerFrom("127.0.0.1", u"guess"_s);
        QTRY_VERIFY(asked->hasNoticeLine("info", ClientSession::passwordPromptText()));
        QTRY_VERIFY(asked->hasNoticeLine("welcome", u"Welcome client 2"_s)
                    || asked->hasNoticeLine("welcome", u"Welcome client 3"_s));
        QTRY_VERIFY(wrong->hasNoticeLine("disconnect", u"wrong password"_s));
        QTRY_VERIFY(wrong->isClosed());
        QTRY_COMPARE(rows(), 2);
        QVERIFY(before->isConnected());
        QVERIFY(!logText().contains(u"letmein"_s));
    }

    // Bound to one address, the status names it and does not say open to
    // anyone (only that machine's users can connect).
    void statusOnLocalhostIsNotOpen()
    {
        ServerOptions o;
        o.bind = u"localhost"_s;
        openWindow(o);
        startListening();
        QCOMPARE(status(), u"Listening on 127.0.0.1:%1 (any free port) — no TLS, no password — 0 clients"_s.arg(port()));
    }

    // socket-server sets the password from SOCKETHUB_PASSWORD before the
    // window exists: the field stays empty and says where it came from,
    // and leaving it empty keeps it.
    void passwordFromTheEnvironmentIsNotShown()
    {
        ServerOptions o;
        o.port = 0;
        m_window.reset();
        m_core = std::make_unique<ServerController>(o);
        m_core->setPassword(u"from-env"_s);
        m_window = std::make_unique<ServerWindow>(m_core.get());
        answerQuestions();
        m_window->show();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        auto *edit = widget<QLineEdit>(u"passwordEdit"_s);
        QCOMPARE(edit->text(), QString());
        QCOMPARE(edit->placeholderText(), u"Set from SOCKETHUB_PASSWORD"_s);
        edit->setFocus();
        QTest::keyClick(edit, Qt::Key_Return);
        QTest::keyClick(edit, Qt::Key_Tab);
        QTRY_VERIFY(!edit->hasFocus());
        QVERIFY(m_core->hasPassword());
        QCOMPARE(m_core->options().passwordDigest, ServerOptions::digestPassword(u"from-env"_s));
        click(u"startButton"_s);
        QTRY_VERIFY(m_core->isListening());
        QVERIFY(m_core->hasPassword());
        QVERIFY2(status().contains(u"password required"_s), qPrintable(status()));
    }

    void securityColumnSaysPlain()
    {
        startListening();
        TestPeer *p = peerFrom("127.0.0.1");
        QTRY_COMPARE(rows(), 1);
        QTRY_VERIFY(p->hasLine(u"* welcome #1: Welcome client 1"_s));
        QCOMPARE(cell(0, ClientTableModel::SecurityColumn), u"plain"_s);
    }

    // The TLS fields: typed paths (never file contents) and the
    // allow-plaintext choice persist; the fields are locked while listening,
    // since they apply at a start.
    void tlsSettingsPersist()
    {
        QVERIFY(!widget<QCheckBox>(u"allowPlaintextCheck"_s)->isEnabled());
        typeInto(u"tlsCertEdit"_s, u"/etc/sockethub/server.crt"_s);
        QVERIFY(widget<QCheckBox>(u"allowPlaintextCheck"_s)->isEnabled());
        typeInto(u"tlsKeyEdit"_s, u"/etc/sockethub/server.key"_s, Qt::Key_Tab);
        auto *check = widget<QCheckBox>(u"allowPlaintextCheck"_s);
        QTest::keyClick(m_window.get(), Qt::Key_P, Qt::AltModifier); // Allow &plain connections too
        QTRY_VERIFY(check->isChecked());
        QCOMPARE(m_core->options().tlsCertFile, u"/etc/sockethub/server.crt"_s);
        QCOMPARE(m_core->options().tlsKeyFile, u"/etc/sockethub/server.key"_s);
        QVERIFY(m_core->options().allowPlaintext);
        const ServerOptions saved = savedOptions();
        QCOMPARE(saved.tlsCertFile, u"/etc/sockethub/server.crt"_s);
        QCOMPARE(saved.tlsKeyFile, u"/etc/sockethub/server.key"_s);
        QVERIFY(saved.allowPlaintext);

        openWindow(saved);
        QCOMPARE(widget<QLineEdit>(u"tlsCertEdit"_s)->text(), u"/etc/sockethub/server.crt"_s);
        QCOMPARE(widget<QLineEdit>(u"tlsKeyEdit"_s)->text(), u"/etc/sockethub/server.key"_s);
        QVERIFY(widget<QCheckBox>(u"allowPlaintextCheck"_s)->isChecked());
    }

    // Certificate and key paths are applied and saved absolute (issue 15):
    // a relative one is taken from the current folder, "~/" from the home
    // folder, and the field shows the path that was saved, so a later start
    // from another folder finds the same files.
    void tlsPathsAreSavedAbsolute()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString before = QDir::currentPath();
        QVERIFY(QDir::setCurrent(dir.path()));
        const QString here = QDir::currentPath();
        typeInto(u"tlsCertEdit"_s, u"certs/../hub.crt"_s);
        typeInto(u"tlsKeyEdit"_s, u"~/keys/hub.key"_s);
        QVERIFY(QDir::setCurrent(before));
        const QString cert = here + u"/hub.crt"_s;
        const QString key = QDir::homePath() + u"/keys/hub.key"_s;
        QCOMPARE(widget<QLineEdit>(u"tlsCertEdit"_s)->text(), cert);
        QCOMPARE(widget<QLineEdit>(u"tlsKeyEdit"_s)->text(), key);
        QCOMPARE(m_core->options().tlsCertFile, cert);
        QCOMPARE(m_core->options().tlsKeyFile, key);
        const ServerOptions saved = savedOptions();
        QCOMPARE(saved.tlsCertFile, cert);
        QCOMPARE(saved.tlsKeyFile, key);
    }

    // Browse… opens a file dialog that blocks nothing: the window takes
    // input while it is open, and a file chosen in it (typed, Enter) fills
    // the field and applies.
    void browseDialogIsNotModal()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"hub.crt"_s);
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("not checked before the start\n");
        }
        // The dialog opens where the field's file is.
        typeInto(u"tlsCertEdit"_s, dir.filePath(u"old.crt"_s));
        click(u"tlsCertBrowseButton"_s);
        QFileDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<QFileDialog *>(u"tlsFileDialog"_s)) && dialog->isVisible());
        QCOMPARE(dialog->windowModality(), Qt::NonModal);
        QVERIFY(!dialog->isModal());
        QCOMPARE(QApplication::activeModalWidget(), nullptr);

        // The window, brought forward, is used meanwhile.
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTest::keyClick(m_window.get(), Qt::Key_D, Qt::AltModifier);
        auto *deny = widget<QLineEdit>(u"denyEdit"_s);
        QTRY_VERIFY(deny->hasFocus());
        QTest::keyClicks(deny, u"127.0.0.9"_s);
        QTest::keyClick(deny, Qt::Key_Return);
        QCOMPARE(m_core->options().deny, QStringList{ u"127.0.0.9"_s });
        QVERIFY(dialog->isVisible());

        // Back in the dialog: the file's name typed, Enter.
        QCOMPARE(QDir(dialog->directory()).absolutePath(), QDir(dir.path()).absolutePath());
        dialog->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(dialog));
        auto *name = dialog->findChild<QLineEdit *>(u"fileNameEdit"_s);
        QVERIFY(name);
        name->setFocus();
        QTest::keyClicks(name, u"hub.crt"_s);
        QTest::keyClick(name, Qt::Key_Return);
        QTRY_COMPARE(widget<QLineEdit>(u"tlsCertEdit"_s)->text(), path);
        QCOMPARE(m_core->options().tlsCertFile, path);
        QCOMPARE(savedOptions().tlsCertFile, path);
    }

    // --- With the engine's TLS ------------------------------------------

    // A certificate that cannot be read fails the start; the status says
    // which file.
    void missingCertificateFailsTheStart()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString missing = dir.filePath(u"nothere.crt"_s);
        typeInto(u"tlsCertEdit"_s, missing);
        typeInto(u"tlsKeyEdit"_s, dir.filePath(u"nothere.key"_s));
        auto *spin = widget<QSpinBox>(u"portSpinBox"_s);
        spin->setFocus();
        QTest::keyClick(spin, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(spin, u"0"_s);
        click(u"startButton"_s);
        QTRY_VERIFY2(status().contains(missing), qPrintable(status()));
        QVERIFY(!m_core->isListening());
        QVERIFY(widget<QPushButton>(u"startButton"_s)->isEnabled());
        QVERIFY(widget<QLineEdit>(u"tlsCertEdit"_s)->isEnabled());
    }

    // Listening with TLS: the fingerprint is shown, selectable, while it
    // lasts; the status says TLS; a TLS client's row says "TLS 1.3".
    void fingerprintAndTlsClient()
    {
        QTemporaryDir dir;
        TestCertificate cert;
        makeCertificate(dir, cert);
        if (QTest::currentTestFailed())
            return;
        typeInto(u"tlsCertEdit"_s, cert.certFile);
        typeInto(u"tlsKeyEdit"_s, cert.keyFile);
        startListening();
        auto *fingerprint = widget<QLabel>(u"fingerprintLabel"_s);
        QTRY_COMPARE(fingerprint->text(), cert.sha256);
        QVERIFY(fingerprint->isVisible());
        QVERIFY(fingerprint->textInteractionFlags() & Qt::TextSelectableByMouse);
        // Whole on screen, not cut.
        QVERIFY(fingerprint->width() >= fingerprint->sizeHint().width());
        // Even at the narrowest the window goes: a label, never scrolled, so
        // its start shows as well as its end (issue 15).
        const QSize size = m_window->size();
        m_window->resize(1, 1);
        QTRY_VERIFY(m_window->width() < size.width());
        QTRY_COMPARE(fingerprint->visibleRegion().boundingRect(), fingerprint->rect());
        QVERIFY(fingerprint->width() >= fingerprint->sizeHint().width());
        m_window->resize(size);
        QTRY_COMPARE(status(), u"Listening on %1 — TLS, no password — 0 clients"_s.arg(anyInterface()));
        QVERIFY(!widget<QLineEdit>(u"tlsCertEdit"_s)->isEnabled());
        QVERIFY(!widget<QPushButton>(u"tlsCertBrowseButton"_s)->isEnabled());

        TestPeer *tls = tlsPeer(cert, u"over tls"_s);
        QTRY_VERIFY_WITH_TIMEOUT(tls->sslSocket()->isEncrypted(), 20000);
        QTRY_COMPARE(rows(), 1);
        QTRY_COMPARE(cell(0, ClientTableModel::SecurityColumn), u"TLS 1.3"_s);
        QTRY_VERIFY(logText().contains(u"): over tls"_s));

        typeInto(u"passwordEdit"_s, u"pw"_s);
        QCOMPARE(status(), u"Listening on %1 — TLS, password required — 1 client"_s.arg(anyInterface()));

        click(u"stopButton"_s);
        QTRY_VERIFY(!m_core->isListening());
        QVERIFY(!fingerprint->isVisible());
        QVERIFY(widget<QLineEdit>(u"tlsCertEdit"_s)->isEnabled());
    }

    // TLS with plain connections allowed too: one table, a row for each,
    // each with its security; the status says both are served.
    void tlsAndPlainSideBySide()
    {
        QTemporaryDir dir;
        TestCertificate cert;
        makeCertificate(dir, cert);
        if (QTest::currentTestFailed())
            return;
        typeInto(u"tlsCertEdit"_s, cert.certFile);
        typeInto(u"tlsKeyEdit"_s, cert.keyFile);
        auto *check = widget<QCheckBox>(u"allowPlaintextCheck"_s);
        QTest::mouseClick(check, Qt::LeftButton, Qt::NoModifier, QPoint(8, check->height() / 2));
        QVERIFY(check->isChecked());
        startListening();
        QTRY_VERIFY(!widget<QLabel>(u"fingerprintLabel"_s)->text().isEmpty());
        QTRY_VERIFY2(status().contains(u"— TLS or plain, no password —"_s), qPrintable(status()));

        TestPeer *tls = tlsPeer(cert, u"secure"_s);
        QTRY_VERIFY_WITH_TIMEOUT(tls->sslSocket()->isEncrypted(), 20000);
        QTRY_COMPARE(rows(), 1);
        TestPeer *plain = peerFrom("127.0.0.1", u"plain one"_s);
        QTRY_COMPARE(rows(), 2);
        QTRY_VERIFY(logText().contains(u"(127.0.0.1:%1): plain one"_s.arg(plain->localPort())));
        QTRY_COMPARE(cell(0, ClientTableModel::SecurityColumn), u"TLS 1.3"_s);
        QCOMPARE(cell(1, ClientTableModel::SecurityColumn), u"plain"_s);
    }
};

QTEST_MAIN(TestServerSecurityUi)
#include "tst_serversecurityui.moc"
