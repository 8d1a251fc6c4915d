// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// What both programs do with their command line before QApplication exists.
#pragma once

#include <QStringList>

namespace CommandLine {

// Removes the options named (with their values: "--name X", "--name=X",
// "-name X") from argv and returns them, so that QApplication, which on X11
// takes "-name"/"--name" as the X resource name, leaves them to the program.
// Append the result to QCoreApplication::arguments() before parsing.
QStringList takeOptions(int &argc, char *argv[], const QList<QByteArray> &names);

// Uses the offscreen platform when the program will show no window (--help,
// --version, or one of extraFlags such as "--headless") and no platform was
// chosen, so those work without a display.
void preferOffscreenWhenWindowless(int argc, char *argv[], const QList<QByteArray> &extraFlags = {});

} // namespace CommandLine
