// What both programs do with their command line before QApplication exists.
#pragma once

#include <QStringList>

namespace CommandLine {

// The arguments as given. Taken before QApplication, which on X11 consumes
// some options of its own (such as "--name", the X resource name) and
// removes them from argv.
QStringList arguments(int argc, char *argv[]);

// Uses the offscreen platform when the program will show no window (--help,
// --version, or one of extraFlags such as "--headless") and no platform was
// chosen, so those work without a display.
void preferOffscreenWhenWindowless(int argc, char *argv[], const QList<QByteArray> &extraFlags = {});

} // namespace CommandLine
