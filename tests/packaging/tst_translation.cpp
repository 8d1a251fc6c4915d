// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The German translation (issue 20): both windows in German show no
// English text and cuts nothing off at its default size; a German
// socket-server sends a line client the very bytes an English one sends
// (wire texts are not translated).
#include "clientwindow.h"
#include "servercontroller.h"
#include "serverwindow.h"
#include "translation.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QFile>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTableView>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <memory>

#include <signal.h>

using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 20000;

QString plain(QString text)
{
    return text.remove(u'&').trimmed();
}

// The English texts the German file translates differently.
QSet<QString> englishTexts()
{
    QFile f(QStringLiteral(SOCKETHUB_SOURCE_DIR "/resources/translations/sockethub_de.ts"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QXmlStreamReader xml(&f);
    QSet<QString> english;
    QString source;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == u"source") {
            source = xml.readElementText();
        } else if (xml.name() == u"translation" && xml.attributes().value(u"type"_s).isEmpty()) {
            const QString german = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (!german.isEmpty() && plain(german) != plain(source) && !source.contains(u'%'))
                english.insert(plain(source));
        }
    }
    return english;
}

// A line client, as nc is: what the server sends, byte for byte.
struct LineClient
{
    QTcpSocket socket;
    QByteArray received;
    LineClient()
    {
        QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [this] { received += socket.readAll(); });
    }
};

} // namespace

class TestTranslation : public QObject
{
    Q_OBJECT

    // Runs socket-server headless in language, with two line clients: a
    // welcome, a join, a relayed line, a leave, a refusal of an over-long
    // line, and the goodbye when it stops: what the first client got.
    void conversation(const QString &language, QByteArray *received)
    {
        QTemporaryDir home;
        QProcess server;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOME"_s, home.path());
        env.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u".config"_s));
        env.remove(u"LANGUAGE"_s);
        server.setProcessEnvironment(env);
        QByteArray out;
        connect(&server, &QProcess::readyReadStandardOutput, &server, [&] { out += server.readAllStandardOutput(); });
        server.start(QStringLiteral(SOCKET_SERVER_BINARY),
                     { u"--headless"_s, u"--lang"_s, language, u"--bind"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s,
                       u"--framing"_s, u"lines"_s, u"--client-messages"_s, u"relay"_s, u"--max-message-size"_s,
                       u"64"_s });
        static const QRegularExpression re(u"listening on 127\\.0\\.0\\.1:(\\d+)"_s);
        QTRY_VERIFY2_WITH_TIMEOUT(re.match(QString::fromUtf8(out)).hasMatch(), out.constData(), kWaitMs);
        const quint16 port = re.match(QString::fromUtf8(out)).captured(1).toUShort();
        LineClient a, b;
        a.socket.connectToHost(u"127.0.0.1"_s, port);
        QTRY_VERIFY_WITH_TIMEOUT(a.received.contains('\n'), kWaitMs); // the welcome
        b.socket.connectToHost(u"127.0.0.1"_s, port);
        QTRY_VERIFY_WITH_TIMEOUT(a.received.count('\n') >= 2, kWaitMs); // b joined
        b.socket.write("hello from b\n");
        QTRY_VERIFY_WITH_TIMEOUT(a.received.contains("hello from b"), kWaitMs);
        b.socket.write(QByteArray(200, 'x') + '\n'); // over the maximum: b is closed
        QTRY_VERIFY_WITH_TIMEOUT(b.socket.state() == QAbstractSocket::UnconnectedState, kWaitMs);
        ::kill(pid_t(server.processId()), SIGTERM);
        QTRY_VERIFY_WITH_TIMEOUT(a.socket.state() == QAbstractSocket::UnconnectedState, kWaitMs);
        server.waitForFinished(kWaitMs);
        *received = a.received + "\n--- b ---\n" + b.received;
    }

private Q_SLOTS:
    void germanServerSendsEnglishBytes()
    {
        QByteArray english, german;
        conversation(u"en"_s, &english);
        QVERIFY(!QTest::currentTestFailed());
        conversation(u"de"_s, &german);
        QVERIFY(!QTest::currentTestFailed());
        QVERIFY2(english.count('\n') >= 4, english.constData());
        QCOMPARE(german, english);
    }

    void serverWindowInGerman()
    {
        QCOMPARE(Translation::install(QCoreApplication::instance(), u"de"_s), u"de_DE"_s);
        ServerController controller{ ServerOptions() };
        ServerWindow window(&controller);
        checkGerman(&window, u"Verbundene Clients"_s);
    }

    void clientWindowInGerman()
    {
        QCOMPARE(Translation::install(QCoreApplication::instance(), u"de"_s), u"de_DE"_s);
        ClientWindow window(u"german"_s);
        checkGerman(&window, u"Mit Server verbinden"_s);
    }

private:
    // Every visible text of window (labels, buttons, group boxes, combo
    // items, placeholders, table headers, tooltips, the title) is German,
    // and no label or button is narrower than it needs at the default size.
    void checkGerman(QWidget *window, const QString &sample)
    {
        const QSet<QString> english = englishTexts();
        QVERIFY2(english.size() >= 100, qPrintable(QString::number(english.size())));
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));

        QStringList shown; // every visible text, with where it is
        QStringList cutOff;
        const auto check = [&](QWidget *w, const QString &text) {
            if (!plain(text).isEmpty())
                shown << w->objectName() + u": "_s + plain(text);
        };
        for (QWidget *w : window->findChildren<QWidget *>()) {
            if (!w->isVisibleTo(window))
                continue;
            if (auto *label = qobject_cast<QLabel *>(w)) {
                check(w, label->text());
                if (!label->wordWrap() && !label->text().isEmpty()
                    && label->width() < label->minimumSizeHint().width())
                    cutOff << u"label "_s + label->text();
            } else if (auto *button = qobject_cast<QAbstractButton *>(w)) {
                check(w, button->text());
                if (!button->text().isEmpty() && button->width() < button->minimumSizeHint().width())
                    cutOff << u"button "_s + button->text();
            } else if (auto *box = qobject_cast<QGroupBox *>(w)) {
                check(w, box->title());
            } else if (auto *combo = qobject_cast<QComboBox *>(w)) {
                for (int i = 0; i < combo->count(); ++i)
                    check(w, combo->itemText(i));
            } else if (auto *edit = qobject_cast<QLineEdit *>(w)) {
                check(w, edit->placeholderText());
            } else if (auto *table = qobject_cast<QTableView *>(w)) {
                for (int c = 0; c < table->model()->columnCount(); ++c)
                    check(w, table->model()->headerData(c, Qt::Horizontal).toString());
            }
            check(w, w->toolTip());
        }
        check(window, window->windowTitle());
        QVERIFY2(shown.size() >= 20, qPrintable(shown.join(u'\n')));
        QStringList untranslated;
        for (const QString &entry : shown) {
            if (english.contains(entry.section(u": "_s, 1)))
                untranslated << entry;
        }
        QVERIFY2(untranslated.isEmpty(), qPrintable(u"English in the German window:\n"_s + untranslated.join(u'\n')));
        QVERIFY2(cutOff.isEmpty(), qPrintable(u"Cut off at the default size:\n"_s + cutOff.join(u'\n')));
        QVERIFY2(shown.join(u'\n').contains(sample), qPrintable(shown.join(u'\n')));
    }
};

QTEST_MAIN(TestTranslation)
#include "tst_translation.moc"
