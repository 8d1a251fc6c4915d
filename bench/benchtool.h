// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// What the benchmark's tools (loadgen, hostile) share: a monotonic clock,
// messages to stderr under the tool's name, big-endian integers, the open
// file limit, and what /proc says about the server. Plain C++17 and POSIX,
// no Qt: the tools measure the server from outside.
#pragma once

#include <cerrno>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>

#include <sys/resource.h>
#include <unistd.h>

namespace benchtool {

// The name messages start with ("loadgen: ..."), and the usage text shown
// after a bad option; set once by main().
inline const char *g_toolName = "bench";
inline const char *g_usage = "";

inline uint64_t nowNs()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return uint64_t(ts.tv_sec) * 1000000000u + uint64_t(ts.tv_nsec);
}

inline uint64_t secondsToNs(double s)
{
    return s <= 0 ? 0 : uint64_t(s * 1e9);
}

// "tool: message" on stderr.
inline void vnote(const char *fmt, va_list ap)
{
    std::fputs(g_toolName, stderr);
    std::fputs(": ", stderr);
    std::vfprintf(stderr, fmt, ap);
    std::fputc('\n', stderr);
}

inline void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
inline void note(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vnote(fmt, ap);
    va_end(ap);
}

[[noreturn]] inline void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
inline void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vnote(fmt, ap);
    va_end(ap);
    std::exit(1);
}

inline uint32_t readBe32(const unsigned char *p)
{
    return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
}

inline void appendBe32(std::string &out, uint32_t v)
{
    const char b[4] = { char(v >> 24), char(v >> 16), char(v >> 8), char(v) };
    out.append(b, 4);
}

// Raises the soft limit on open files to the hard limit (10,000+ clients).
inline void raiseFileLimit()
{
    rlimit rl {};
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
            note("cannot raise the open file limit: %s", std::strerror(errno));
    }
}

// What /proc says about the server process.
struct ProcSample {
    long rssKb = -1;
    long hwmKb = -1;
    double cpuSeconds = -1;
};

inline ProcSample sampleProcess(int pid)
{
    ProcSample s;
    if (pid <= 0)
        return s;
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%d/status", pid);
    if (FILE *f = std::fopen(path, "r")) {
        char line[256];
        while (std::fgets(line, sizeof line, f)) {
            long v = 0;
            if (std::sscanf(line, "VmRSS: %ld kB", &v) == 1)
                s.rssKb = v;
            else if (std::sscanf(line, "VmHWM: %ld kB", &v) == 1)
                s.hwmKb = v;
        }
        std::fclose(f);
    }
    std::snprintf(path, sizeof path, "/proc/%d/stat", pid);
    if (FILE *f = std::fopen(path, "r")) {
        char buf[1024];
        const size_t n = std::fread(buf, 1, sizeof buf - 1, f);
        std::fclose(f);
        buf[n] = '\0';
        // Fields after the command name, which may itself hold spaces and
        // parentheses: state is field 3, utime 14, stime 15.
        if (const char *p = std::strrchr(buf, ')')) {
            unsigned long long utime = 0, stime = 0;
            if (std::sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
                            &utime, &stime) == 2)
                s.cpuSeconds = double(utime + stime) / double(sysconf(_SC_CLK_TCK));
        }
    }
    return s;
}

// A bad command line: says what, shows the usage, exits 2.
[[noreturn]] inline void usageError(const std::string &what)
{
    std::fprintf(stderr, "%s: %s\n\n%s", g_toolName, what.c_str(), g_usage);
    std::exit(2);
}

inline uint64_t parseCount(const std::string &name, const char *v, uint64_t min, uint64_t max)
{
    char *end = nullptr;
    errno = 0;
    const unsigned long long n = std::strtoull(v, &end, 10);
    if (errno != 0 || end == v || *end != '\0' || v[0] == '-' || n < min || n > max)
        usageError(name + " must be a whole number from " + std::to_string(min) + " to "
                   + std::to_string(max));
    return n;
}

inline double parseSeconds(const std::string &name, const char *v, double max = 1e6)
{
    char *end = nullptr;
    errno = 0;
    const double d = std::strtod(v, &end);
    if (errno != 0 || end == v || *end != '\0' || !(d >= 0) || d > max)
        usageError(name + " must be a number of seconds up to " + std::to_string(uint64_t(max)));
    return d;
}

} // namespace benchtool
