// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "commandline.h"

#include <QByteArray>

namespace CommandLine {

QStringList takeOptions(int &argc, char *argv[], const QList<QByteArray> &names)
{
    QStringList taken;
    int kept = 1;
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        bool match = false;
        for (const QByteArray &name : names) {
            if (arg == "--" + name || arg == "-" + name) {
                taken << QLatin1String("--") + QString::fromLatin1(name);
                if (i + 1 < argc)
                    taken << QString::fromLocal8Bit(argv[++i]);
                match = true;
            } else if (arg.startsWith("--" + name + '=')) {
                taken << QString::fromLocal8Bit(arg);
                match = true;
            }
            if (match)
                break;
        }
        if (!match)
            argv[kept++] = argv[i];
    }
    argc = kept;
    argv[argc] = nullptr;
    return taken;
}

void preferOffscreenWhenWindowless(int argc, char *argv[], const QList<QByteArray> &extraFlags)
{
    if (qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        return;
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "-platform")
            return;
        if (arg == "--help" || arg == "-h" || arg == "-?" || arg == "--help-all" || arg == "--version"
            || arg == "-v" || extraFlags.contains(arg)) {
            qputenv("QT_QPA_PLATFORM", "offscreen");
            return;
        }
    }
}

} // namespace CommandLine
