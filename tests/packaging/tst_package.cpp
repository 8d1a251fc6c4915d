// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The install tree and the Debian package (issue 10): cmake --install and
// cpack -G DEB into temporary folders, then what they hold, checked with the
// tools a distribution checks them with (dpkg-deb, desktop-file-validate,
// appstreamcli, systemd-analyze). And the translation template that the
// sockethub_lupdate target writes.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QIcon>
#include <QImage>
#include <QPixmap>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace {

constexpr int kToolTimeoutMs = 240000; // a bound for a hung tool, not a timing check

const QString kBuildDir = QStringLiteral(SOCKETHUB_BINARY_DIR);
const QStringList kAppIds = { u"io.github.sockethub.SocketServer"_s, u"io.github.sockethub.SocketClient"_s };
const QStringList kQtRuntime = { u"libqt6core6"_s, u"libqt6gui6"_s, u"libqt6widgets6"_s, u"libqt6network6"_s };

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QString what;
    bool ok() const { return exitCode == 0; }
    QByteArray report() const { return (what + u"\n"_s).toUtf8() + out + err; }
};

// Runs a tool to its end. Tests may wait on a process (application code
// never does).
Run run(const QString &program, const QStringList &arguments, const QString &workingDir = QString())
{
    Run r;
    r.what = program + u' ' + arguments.join(u' ');
    QProcess p;
    if (!workingDir.isEmpty())
        p.setWorkingDirectory(workingDir);
    p.start(program, arguments);
    if (!p.waitForStarted(kToolTimeoutMs)) {
        r.err = "could not start: " + p.errorString().toUtf8();
        return r;
    }
    if (!p.waitForFinished(kToolTimeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = "did not finish";
        return r;
    }
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return r;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestPackage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_prefix; // the cmake --install tree
    QString m_deb;    // the .deb cpack made
    QString m_debTree; // its files, extracted

    QString installed(const QString &relative) const { return m_prefix + u'/' + relative; }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_prefix = m_tmp.filePath(u"prefix"_s);
        const Run install = run(QStringLiteral(SOCKETHUB_CMAKE), { u"--install"_s, kBuildDir, u"--prefix"_s, m_prefix });
        QVERIFY2(install.ok(), install.report().constData());

        const QString out = m_tmp.filePath(u"deb"_s);
        const Run cpack = run(QStringLiteral(SOCKETHUB_CPACK),
                              { u"-G"_s, u"DEB"_s, u"--config"_s, kBuildDir + u"/CPackConfig.cmake"_s, u"-B"_s, out });
        QVERIFY2(cpack.ok(), cpack.report().constData());
        const QStringList debs = QDir(out).entryList({ u"*.deb"_s }, QDir::Files);
        QVERIFY2(debs.size() == 1, qPrintable(debs.join(u", "_s)));
        m_deb = QDir(out).filePath(debs.constFirst());
        qInfo("%s: %lld bytes", qPrintable(debs.constFirst()), QFileInfo(m_deb).size());

        m_debTree = m_tmp.filePath(u"deb-tree"_s);
        const Run extract = run(u"dpkg-deb"_s, { u"-x"_s, m_deb, m_debTree });
        QVERIFY2(extract.ok(), extract.report().constData());
    }

    void installTree()
    {
        QStringList expected = { u"bin/socket-server"_s, u"bin/socket-client"_s,
                                 u"lib/systemd/system/socket-server.service"_s,
                                 u"share/doc/socket-hub/protocol.md"_s };
        for (const QString &id : kAppIds) {
            expected << u"share/applications/%1.desktop"_s.arg(id) << u"share/metainfo/%1.metainfo.xml"_s.arg(id)
                     << u"share/icons/hicolor/scalable/apps/%1.svg"_s.arg(id);
        }
        for (const QString &file : expected)
            QVERIFY2(QFileInfo(installed(file)).isFile(), qPrintable(file));
        for (const QString &program : { u"bin/socket-server"_s, u"bin/socket-client"_s })
            QVERIFY2(QFileInfo(installed(program)).isExecutable(), qPrintable(program));
    }

    void desktopFilesValidate()
    {
        for (const QString &id : kAppIds) {
            const QString file = installed(u"share/applications/%1.desktop"_s.arg(id));
            const Run v = run(u"desktop-file-validate"_s, { file });
            QVERIFY2(v.ok(), v.report().constData());
            // Not even a hint (such as two main categories).
            QVERIFY2(v.out.trimmed().isEmpty() && v.err.trimmed().isEmpty(), v.report().constData());
            const QByteArray text = readAll(file);
            QVERIFY(text.contains("\nIcon=" + id.toUtf8() + '\n'));
            const QByteArray program = id.endsWith(u"Server"_s) ? "socket-server" : "socket-client";
            QVERIFY(text.contains("\nExec=" + program + '\n'));
            QVERIFY(QFileInfo(installed(u"bin/"_s + QString::fromUtf8(program))).isExecutable());
        }
    }

    void metainfoValidates()
    {
        for (const QString &id : kAppIds) {
            const QString file = installed(u"share/metainfo/%1.metainfo.xml"_s.arg(id));
            const Run v = run(u"appstreamcli"_s, { u"validate"_s, u"--no-net"_s, u"--pedantic"_s, file });
            QVERIFY2(v.ok(), v.report().constData());

            // The id, the desktop file it launches, and the newest release
            // is this version (bump both together).
            QXmlStreamReader xml(readAll(file));
            QString componentId, launchable, newestRelease;
            while (!xml.atEnd()) {
                if (xml.readNext() != QXmlStreamReader::StartElement)
                    continue;
                if (xml.name() == u"id")
                    componentId = xml.readElementText();
                else if (xml.name() == u"launchable")
                    launchable = xml.readElementText();
                else if (xml.name() == u"release" && newestRelease.isEmpty())
                    newestRelease = xml.attributes().value(u"version"_s).toString();
            }
            QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
            QCOMPARE(componentId, id);
            QCOMPARE(launchable, id + u".desktop"_s);
            QCOMPARE(newestRelease, QStringLiteral(SOCKETHUB_PROJECT_VERSION));
        }
    }

    // Scalable icons that render (through the SVG icon engine the package
    // depends on, libqt6svg6), and are not blank.
    void iconsRender()
    {
        for (const QString &id : kAppIds) {
            const QString file = installed(u"share/icons/hicolor/scalable/apps/%1.svg"_s.arg(id));
            QXmlStreamReader xml(readAll(file));
            QVERIFY(xml.readNextStartElement());
            QCOMPARE(xml.name(), u"svg");
            const QIcon icon(file);
            for (int size : { 16, 48, 256 }) {
                const QImage image = icon.pixmap(size).toImage();
                QVERIFY2(!image.isNull(), qPrintable(u"%1 at %2 px"_s.arg(id).arg(size)));
                QCOMPARE(image.width(), size);
                QVERIFY(qAlpha(image.pixel(size / 2, size / 2)) == 255); // the middle is drawn
                QVERIFY(qAlpha(image.pixel(0, 0)) == 0);                 // the corner is not
            }
        }
    }

    void systemdUnit()
    {
        const QString unit = installed(u"lib/systemd/system/socket-server.service"_s);
        const QByteArray text = readAll(unit);
        // Its ExecStart names the socket-server of this install.
        QVERIFY2(text.contains("\nExecStart=" + installed(u"bin/socket-server"_s).toUtf8() + " --headless"),
                 text.constData());
        for (const char *line : { "\nRestart=on-failure\n", "\nDynamicUser=yes\n", "\nEnvironmentFile=" })
            QVERIFY2(text.contains(line), line);
        if (QStandardPaths::findExecutable(u"systemd-analyze"_s).isEmpty())
            QSKIP("systemd-analyze is not installed: the unit's syntax is not checked");
        const Run v = run(u"systemd-analyze"_s, { u"verify"_s, unit });
        QVERIFY2(v.ok(), v.report().constData());
        QVERIFY2(v.err.trimmed().isEmpty(), v.report().constData());
    }

    void debianPackageFiles()
    {
        const Run list = run(u"dpkg-deb"_s, { u"-c"_s, m_deb });
        QVERIFY2(list.ok(), list.report().constData());
        QStringList paths;
        for (const QByteArray &line : list.out.split('\n')) {
            const QList<QByteArray> fields = line.simplified().split(' ');
            if (fields.size() >= 6)
                paths << QString::fromUtf8(fields.at(5));
        }
        QStringList expected = { u"./usr/bin/socket-server"_s, u"./usr/bin/socket-client"_s,
                                 u"./usr/lib/systemd/system/socket-server.service"_s };
        for (const QString &id : kAppIds) {
            expected << u"./usr/share/applications/%1.desktop"_s.arg(id)
                     << u"./usr/share/metainfo/%1.metainfo.xml"_s.arg(id)
                     << u"./usr/share/icons/hicolor/scalable/apps/%1.svg"_s.arg(id);
        }
        for (const QString &path : expected)
            QVERIFY2(paths.contains(path), qPrintable(path + u" not in\n"_s + QString::fromUtf8(list.out)));
        // Only /usr, nothing of the build tree.
        for (const QString &path : paths)
            QVERIFY2(path == u"./"_s || path.startsWith(u"./usr/"_s), qPrintable(path));

        // In the package the unit names /usr/bin/socket-server.
        const QByteArray unit = readAll(m_debTree + u"/usr/lib/systemd/system/socket-server.service"_s);
        QVERIFY2(unit.contains("\nExecStart=/usr/bin/socket-server --headless"), unit.constData());
        // The programs are stripped: no debug sections.
        const Run sections = run(u"readelf"_s, { u"-S"_s, m_debTree + u"/usr/bin/socket-server"_s });
        if (sections.exitCode != -1)
            QVERIFY2(!sections.out.contains(".debug_info"), "socket-server in the package has debug info");
    }

    void debianPackageControl()
    {
        const Run control =
            run(u"dpkg-deb"_s, { u"-f"_s, m_deb, u"Package"_s, u"Version"_s, u"Architecture"_s, u"Depends"_s });
        QVERIFY2(control.ok(), control.report().constData());
        const QString text = QString::fromUtf8(control.out);
        QVERIFY2(text.contains(u"Package: socket-hub\n"_s), qPrintable(text));
        QVERIFY2(text.contains(u"Version: %1\n"_s.arg(QStringLiteral(SOCKETHUB_PROJECT_VERSION))), qPrintable(text));
        const QRegularExpressionMatch depends =
            QRegularExpression(u"^Depends: (.*)$"_s, QRegularExpression::MultilineOption).match(text);
        QVERIFY2(depends.hasMatch(), qPrintable(text));
        QStringList names;
        for (const QString &alternatives : depends.captured(1).split(u',')) {
            for (const QString &dependency : alternatives.split(u'|'))
                names << dependency.trimmed().section(u' ', 0, 0);
        }
        for (const QString &name : kQtRuntime + QStringList{ u"qt6-qpa-plugins"_s, u"libqt6svg6"_s, u"libc6"_s })
            QVERIFY2(names.contains(name), qPrintable(name + u" not in Depends: "_s + depends.captured(1)));
    }

    // lintian, as Debian checks a package: no error and no warning
    // (informational tags are allowed).
    void lintianClean()
    {
        if (QStandardPaths::findExecutable(u"lintian"_s).isEmpty())
            QFAIL("lintian is not installed (apt-get install lintian; .ci/build lists it)");
        const Run l = run(u"lintian"_s, { u"--tag-display-limit"_s, u"0"_s, m_deb });
        const QString report = QString::fromUtf8(l.out + l.err);
        QStringList problems;
        for (const QString &line : report.split(u'\n')) {
            if (line.startsWith(u"E: "_s) || line.startsWith(u"W: "_s))
                problems << line;
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QVERIFY2(l.exitCode == 0, l.report().constData());
    }

    // The manual pages, compressed, the copyright file and the changelog;
    // every option --help lists is in its program's page, and man renders
    // the page without a warning.
    void manualPages()
    {
        for (const QString &doc : { u"./usr/share/doc/socket-hub/copyright"_s, u"./usr/share/doc/socket-hub/changelog.gz"_s })
            QVERIFY2(QFileInfo(m_debTree + doc.mid(1)).isFile(), qPrintable(doc));
        for (const QString &program : { u"socket-server"_s, u"socket-client"_s }) {
            const QString page = m_debTree + u"/usr/share/man/man1/%1.1.gz"_s.arg(program);
            QVERIFY2(QFileInfo(page).isFile(), qPrintable(page));
            const Run help = run(installed(u"bin/"_s + program), { u"--help"_s });
            QVERIFY2(help.ok(), help.report().constData());
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            QProcess man;
            env.insert(u"MANWIDTH"_s, u"80"_s);
            env.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
            man.setProcessEnvironment(env);
            man.start(u"man"_s, { u"--warnings"_s, u"-l"_s, page });
            QVERIFY(man.waitForFinished(kToolTimeoutMs));
            QCOMPARE(man.exitCode(), 0);
            const QString text = QString::fromUtf8(man.readAllStandardOutput());
            const QByteArray warnings = man.readAllStandardError();
            QVERIFY2(warnings.trimmed().isEmpty(), warnings.constData());
            for (const QString &section : { u"ENVIRONMENT"_s, u"SOCKETHUB_PASSWORD"_s, u"FILES"_s, u"SIGNALS"_s,
                                            u"EXIT STATUS"_s, u"EXAMPLES"_s })
                QVERIFY2(text.contains(section), qPrintable(program + u": no "_s + section));
            const QRegularExpression option(u"(?:^|[ ,])(--[a-z][a-z-]*)"_s, QRegularExpression::MultilineOption);
            int options = 0;
            for (const QString &line : QString::fromUtf8(help.out).split(u'\n')) {
                if (!line.startsWith(u"  -"_s))
                    continue; // an option's description, not its name
                auto it = option.globalMatch(line.section(u"  "_s, 1, 1));
                while (it.hasNext()) {
                    const QString name = it.next().captured(1);
                    ++options;
                    QVERIFY2(QRegularExpression(u"(^|\\s)"_s + QRegularExpression::escape(name) + u"\\b"_s,
                                                QRegularExpression::MultilineOption).match(text).hasMatch(),
                             qPrintable(program + u": "_s + name + u" is in --help but not in the manual page"_s));
                }
            }
            QVERIFY2(options >= 15, qPrintable(program + u": "_s + QString::number(options)));
        }
    }

    // The sockethub_lupdate target writes the template from the sources of
    // both programs; plural forms (tr("%n ...", nullptr, n)) are numerus.
    void translationTemplate()
    {
#if !SOCKETHUB_HAS_LUPDATE
        QFAIL("no sockethub_lupdate target: Qt6 LinguistTools was not found (apt-get install qt6-tools-dev "
              "qt6-l10n-tools, then configure again)");
#else
        const QString ts = QStringLiteral(SOCKETHUB_TS_FILE);
        QFile::remove(ts);
        const Run lupdate =
            run(QStringLiteral(SOCKETHUB_CMAKE), { u"--build"_s, kBuildDir, u"--target"_s, u"sockethub_lupdate"_s });
        QVERIFY2(lupdate.ok(), lupdate.report().constData());
        QVERIFY2(QFileInfo::exists(ts), qPrintable(ts));

        QXmlStreamReader xml(readAll(ts));
        QString context;
        QSet<QString> contexts;
        QStringList sources;
        int messages = 0;
        int numerus = 0;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (xml.name() == u"name") {
                context = xml.readElementText();
                contexts.insert(context);
            } else if (xml.name() == u"message") {
                ++messages;
                if (xml.attributes().value(u"numerus"_s) == u"yes")
                    ++numerus;
            } else if (xml.name() == u"source") {
                sources << context + u": "_s + xml.readElementText();
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        qInfo("%s: %d messages in %lld contexts, %d with plural forms", qPrintable(QFileInfo(ts).fileName()),
              messages, qlonglong(contexts.size()), numerus);
        QVERIFY2(messages >= 100, qPrintable(QString::number(messages)));
        QVERIFY2(numerus >= 1, "no numerus entries");
        // Both programs' windows and both command lines.
        for (const QString &c : { u"ServerWindow"_s, u"ClientWindow"_s, u"ServerCore"_s, u"main"_s })
            QVERIFY2(contexts.contains(c), qPrintable(c));
        QVERIFY(sources.contains(u"main: Run without a window (implies --listen), from the defaults and this command line only."_s)); // socket-server
        QVERIFY(sources.contains(u"main: Connect at launch."_s));                       // socket-client
#endif
    }
};

QTEST_MAIN(TestPackage)
#include "tst_package.moc"
