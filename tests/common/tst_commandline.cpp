// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "commandline.h"

#include <QtTest>

using namespace Qt::StringLiterals;

class TestCommandLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void takesNamedOptionsAndKeepsTheRest();
};

void TestCommandLine::takesNamedOptionsAndKeepsTheRest()
{
    QByteArrayList storage = { "socket-client", "--name", "alice", "-platform", "xcb",
                               "--connect", "--name=bob", "-name", "carol", "--names" };
    std::vector<char *> argv;
    for (QByteArray &a : storage)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    int argc = int(storage.size());

    const QStringList taken = CommandLine::takeOptions(argc, argv.data(), { "name" });
    QCOMPARE(taken, QStringList({ u"--name"_s, u"alice"_s, u"--name=bob"_s, u"--name"_s, u"carol"_s }));
    QCOMPARE(argc, 5);
    QCOMPARE(QByteArray(argv[0]), QByteArray("socket-client"));
    QCOMPARE(QByteArray(argv[1]), QByteArray("-platform"));
    QCOMPARE(QByteArray(argv[2]), QByteArray("xcb"));
    QCOMPARE(QByteArray(argv[3]), QByteArray("--connect"));
    QCOMPARE(QByteArray(argv[4]), QByteArray("--names"));
    QVERIFY(argv[5] == nullptr);
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
