// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// hostile: the hostile-client tool of bench/run_hostile.sh.
//
// It plays the clients a server meets on a bad day, over loopback, each
// scenario bounded in connections and in time, and reports what the server
// did with them: which connections it closed, when (counted from each
// connection's open) and with what notice; its memory (VmRSS from
// /proc/PID/status with --server-pid); and whether a real client (a line
// client, and a frames client doing magic + hello + a text) still gets its
// welcome meanwhile.
//
//   slowloris  silent connections; connections holding the frames magic and
//              3 bytes of a frame header; connections dripping a line one
//              byte at a time (never its LF). Held for --duration.
//   partial    connections each holding one message but its last byte: a
//              line without its LF, or (--framing frames) a text frame whose
//              header claims one byte more than is sent. Held until the
//              server closes them or --duration ends.
//   churn      connect/close cycles of four kinds: closed at once; a line,
//              the welcome, a clean close; magic + hello, the welcome, half
//              a frame, a reset (SO_LINGER 0); half a line and a reset.
//              The server's RSS at the start, after --mark cycles, at the end.
//   idle       frames clients that send magic + hello and then nothing, and
//              never answer a ping; line clients that never send (for
//              comparison). Whether and when the server pings and closes.
//   probe      only the real clients, once.
//
// One thread, one epoll loop, plain non-blocking POSIX sockets; no Qt.
// Results go to stdout: Markdown table rows ("| scenario | what | result |")
// and one "result scenario=... key=value ..." line per scenario. Progress
// goes to stderr. Exit status: 0 when the scenario ran (whatever the server
// did), 1 when it could not run (no server, connect failures), 2 on a usage
// error.

#include <algorithm>
#include <cerrno>
#include <cinttypes>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "benchtool.h"

namespace {

using namespace benchtool;

// ---------------------------------------------------------------- utilities

double nsToSeconds(uint64_t ns)
{
    return double(ns) / 1e9;
}

std::string format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
std::string format(const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    std::vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return buf;
}

// 12345678 -> "12,345,678"
std::string grouped(uint64_t v)
{
    std::string s = std::to_string(v);
    for (int i = int(s.size()) - 3; i > 0; i -= 3)
        s.insert(size_t(i), ",");
    return s;
}

// The server's side of its connections (local port `port`), from
// /proc/net/tcp: how many it has not closed (ESTABLISHED or CLOSE_WAIT),
// how many of those the peer has closed while the server has not
// (CLOSE_WAIT), and the bytes that arrived on them that the server has not
// read yet. -1 when unknown.
struct PortSockets {
    long count = -1;
    long closeWait = -1;
    long long unread = -1;
};

PortSockets portSockets(int port)
{
    PortSockets p;
    FILE *f = std::fopen("/proc/net/tcp", "r");
    if (!f)
        return p;
    char line[512];
    if (std::fgets(line, sizeof line, f)) { // the heading
        p = PortSockets { 0, 0, 0 };
        while (std::fgets(line, sizeof line, f)) {
            unsigned localPort = 0, state = 0;
            unsigned long txQueue = 0, rxQueue = 0;
            if (std::sscanf(line, " %*d: %*8[0-9A-Fa-f]:%x %*8[0-9A-Fa-f]:%*x %x %lx:%lx", &localPort, &state,
                            &txQueue, &rxQueue)
                    != 4
                || int(localPort) != port || state == 0x0A) // 0A: the listening socket
                continue;
            p.unread += (long long)rxQueue;
            if (state != 0x01 && state != 0x08)
                continue; // closed by the server already: TIME_WAIT, FIN_WAIT...
            ++p.count;
            p.closeWait += state == 0x08 ? 1 : 0;
        }
    }
    std::fclose(f);
    return p;
}

// Decimal megabytes, as docs/benchmarks.md gives RSS.
std::string mb(long kb)
{
    if (kb < 0)
        return "?";
    return format("%.1f MB", double(kb) * 1024.0 / 1e6);
}

// ------------------------------------------------------------- the protocol

constexpr unsigned char kMagic[4] = { 0xFF, 0x53, 0x4D, 0x48 };
constexpr uint8_t kHello = 1, kText = 2, kNotice = 3, kPing = 4;
constexpr uint8_t kNoticeWelcome = 1, kNoticeDisconnect = 2;

std::string frameHeader(uint32_t length, uint8_t type)
{
    std::string h;
    appendBe32(h, length);
    h.push_back(char(type));
    return h;
}

std::string helloFrame(const std::string &name)
{
    std::string f = frameHeader(uint32_t(3 + name.size()), kHello);
    f.push_back(0);
    f.push_back(1); // version 1
    f.push_back(char(name.size()));
    f += name;
    return f;
}

std::string textFrame(const std::string &text)
{
    std::string f = frameHeader(uint32_t(5 + text.size()), kText);
    f.append(5, '\0'); // sender id 0, no name
    f += text;
    return f;
}

std::string magic()
{
    return std::string(reinterpret_cast<const char *>(kMagic), 4);
}

// ------------------------------------------------------------------ options

struct Options {
    std::string host = "127.0.0.1";
    std::string source;    // the hostile connections' own address (not the real clients')
    int port = -1;
    int serverPid = 0;
    std::string scenario;
    std::string label;
    // slowloris
    uint32_t silent = 500;
    uint32_t magicHolders = 500;
    uint32_t drippers = 500;
    double dripInterval = 5;
    // partial
    bool frames = false;
    uint32_t conns = 300;
    uint64_t size = 1048575;
    // churn
    uint64_t cycles = 20000;
    uint64_t mark = 5000;
    uint32_t parallel = 32;
    // idle
    uint32_t idleFrames = 100;
    uint32_t idleLines = 10;
    // every scenario
    double duration = 70;
    double probeTimeout = 5;
    double letGo = 10;
    bool echo = false;
};

const char kUsage[] = R"(usage: hostile --port PORT --scenario NAME [options]

  --host ADDRESS         server address (default 127.0.0.1)
  --source ADDRESS       bind the hostile connections (not the real clients)
                         to this address, e.g. 127.0.0.2
  --server-pid PID       read the server's VmRSS and VmHWM from /proc
  --label TEXT           the first column of the rows printed
  --duration SEC         how long the scenario holds its connections, or
                         its time limit (default 70)
  --probe-timeout SEC    how long a real client waits for its welcome
                         (default 5)
  --echo                 the server echoes (--client-messages echo): a real
                         client waits for its text to come back too

Scenarios:
  slowloris  --silent N (500) --magic N (500) --drip N (500)
             --drip-interval SEC (5)
  partial    --conns N (300) --size BYTES (1048575) [--frames]
             --let-go SEC (10): after --duration, how long to wait for the
             server to close the connections we closed
  churn      --cycles N (20000) --mark N (5000) --parallel P (32)
  idle       --idle-frames N (100) --idle-lines N (10)
  probe      a line client and a frames client, once
)";

Options parseOptions(int argc, char **argv)
{
    Options o;
    bool labelGiven = false;
    for (int i = 1; i < argc; ++i) {
        const std::string name = argv[i];
        const auto value = [&]() -> const char * {
            if (i + 1 >= argc)
                usageError(name + " needs a value");
            return argv[++i];
        };
        constexpr uint64_t kMaxConns = 20000;
        if (name == "--help" || name == "-h") {
            std::fputs(kUsage, stdout);
            std::exit(0);
        } else if (name == "--host") {
            o.host = value();
        } else if (name == "--source") {
            o.source = value();
        } else if (name == "--port") {
            o.port = int(parseCount(name, value(), 1, 65535));
        } else if (name == "--server-pid") {
            o.serverPid = int(parseCount(name, value(), 1, 1u << 30));
        } else if (name == "--scenario") {
            o.scenario = value();
        } else if (name == "--label") {
            o.label = value();
            labelGiven = true;
        } else if (name == "--duration") {
            o.duration = parseSeconds(name, value(), 3600);
        } else if (name == "--probe-timeout") {
            o.probeTimeout = parseSeconds(name, value(), 3600);
        } else if (name == "--silent") {
            o.silent = uint32_t(parseCount(name, value(), 0, kMaxConns));
        } else if (name == "--magic") {
            o.magicHolders = uint32_t(parseCount(name, value(), 0, kMaxConns));
        } else if (name == "--drip") {
            o.drippers = uint32_t(parseCount(name, value(), 0, kMaxConns));
        } else if (name == "--drip-interval") {
            o.dripInterval = parseSeconds(name, value(), 3600);
        } else if (name == "--conns") {
            o.conns = uint32_t(parseCount(name, value(), 1, kMaxConns));
        } else if (name == "--size") {
            o.size = parseCount(name, value(), 16, uint64_t(64) << 20);
        } else if (name == "--echo") {
            o.echo = true;
        } else if (name == "--let-go") {
            o.letGo = parseSeconds(name, value(), 3600);
        } else if (name == "--frames") {
            o.frames = true;
        } else if (name == "--cycles") {
            o.cycles = parseCount(name, value(), 1, 1000000);
        } else if (name == "--mark") {
            o.mark = parseCount(name, value(), 0, 1000000);
        } else if (name == "--parallel") {
            o.parallel = uint32_t(parseCount(name, value(), 1, 1000));
        } else if (name == "--idle-frames") {
            o.idleFrames = uint32_t(parseCount(name, value(), 0, kMaxConns));
        } else if (name == "--idle-lines") {
            o.idleLines = uint32_t(parseCount(name, value(), 0, kMaxConns));
        } else {
            usageError("unknown option " + name);
        }
    }
    if (o.port < 0)
        usageError("--port is required");
    if (o.scenario != "slowloris" && o.scenario != "partial" && o.scenario != "churn"
        && o.scenario != "idle" && o.scenario != "probe")
        usageError("--scenario must be slowloris, partial, churn, idle or probe");
    if (!labelGiven)
        o.label = o.scenario;
    if (o.dripInterval <= 0)
        usageError("--drip-interval must be above 0");
    if (o.mark > o.cycles)
        o.mark = o.cycles;
    return o;
}

// -------------------------------------------------------------- connections

struct Conn {
    int fd = -1;
    int group = 0;
    bool frames = false;       // what it speaks, for parsing what it gets
    bool connected = false;
    bool closed = false;       // our descriptor is closed
    bool connectFailed = false;
    bool serverClosed = false; // the server ended it: FIN or reset
    bool reset = false;        // ... by a reset
    bool wantOut = false;      // EPOLLOUT is registered
    bool magicSeen = false;
    bool welcomed = false;
    bool linesReply = false;   // a frames connection the server answered in lines
    bool echoed = false;       // real clients: their text came back (echo mode)
    uint64_t echoedAt = 0;
    std::string expect;        // real clients: the text they sent
    uint64_t openedAt = 0;     // connect() called
    uint64_t connectedAt = 0;
    uint64_t closedAt = 0;     // the server's FIN or reset arrived
    uint64_t welcomedAt = 0;
    uint64_t firstPingAt = 0;
    uint32_t pings = 0;
    uint64_t nextDripAt = 0;
    std::string out;           // bytes to send, from outOff, ...
    size_t outOff = 0;
    uint64_t fill = 0;         // ... then this many filler bytes
    uint64_t sent = 0;
    std::string in;            // received bytes not parsed yet
    std::string notice;        // the last notice other than the welcome
    std::string error;         // a connect or send error

    bool pending() const { return outOff < out.size() || fill > 0; }
    bool open() const { return connected && !closed; }
};

constexpr int kMaxEvents = 512;
constexpr size_t kMaxKept = 1u << 20;      // received bytes kept unparsed
constexpr uint32_t kMaxFrame = 16u << 20;
constexpr int kProbeGroups = 1000;           // groups from here on are real clients

class Hostile {
public:
    explicit Hostile(Options o);
    int run();

private:
    // connections
    uint32_t open(int group, bool frames, uint32_t slot = UINT32_MAX);
    // open() for many: serves the connections already open every 64, so
    // that the first ones send their bytes within the server's framing
    // grace (300 ms) even while thousands more are being opened.
    void openMany(int group, bool frames);
    uint32_t m_opened = 0;
    void handle(uint32_t id, uint32_t events);
    void finishConnect(Conn &c);
    void readFrom(Conn &c);
    void parse(Conn &c);
    void flush(Conn &c);
    void updateEvents(Conn &c);
    void serverClosed(Conn &c, bool reset);
    void closeConn(Conn &c, bool withReset = false);
    void queue(Conn &c, const std::string &bytes);

    // the loop: polls until done() or the deadline; true if done()
    bool loopUntil(const std::function<bool()> &done, uint64_t deadline);
    void sleepFor(double seconds) { loopUntil([] { return false; }, nowNs() + secondsToNs(seconds)); }

    // real clients
    struct ProbeResult {
        std::string line;
        std::string frames;
    };
    ProbeResult probe();
    std::string probeText(const Conn &c, uint64_t timeoutNs) const;

    // reporting
    struct GroupReport {
        uint32_t total = 0;
        uint32_t connected = 0;
        uint32_t failed = 0;
        uint32_t closed = 0;
        uint32_t resets = 0;
        std::string text;      // "closed 500 of 500: at ... s; ..."
    };
    GroupReport reportGroup(int group, uint64_t heldNs) const;
    void row(const std::string &what, const std::string &result);
    long rss() const { return sampleProcess(m_o.serverPid).rssKb; }
    bool serverAlive() const;
    void closeAll();

    int slowloris();
    int partial();
    int churn();
    int idle();
    int probeOnly();

    Options m_o;
    sockaddr_in m_addr {};
    sockaddr_in m_source {};
    bool m_hasSource = false;
    int m_epoll = -1;
    std::vector<Conn> m_conns;
    std::vector<char> m_buffer = std::vector<char>(64 * 1024);
    std::string m_filler = std::string(64 * 1024, 'a');
    std::function<void()> m_onTick;        // called on every pass of the loop
    std::function<void(Conn &)> m_onConnected;
    bool m_firstRow = true;
    int m_probeGroup = kProbeGroups; // each probe() has a group of its own
};

Hostile::Hostile(Options o)
    : m_o(std::move(o))
{
    m_addr.sin_family = AF_INET;
    m_addr.sin_port = htons(uint16_t(m_o.port));
    if (inet_pton(AF_INET, m_o.host.c_str(), &m_addr.sin_addr) != 1)
        usageError("--host must be an IPv4 address, such as 127.0.0.1");
    if (!m_o.source.empty()) {
        m_source.sin_family = AF_INET;
        if (inet_pton(AF_INET, m_o.source.c_str(), &m_source.sin_addr) != 1)
            usageError("--source must be an IPv4 address, such as 127.0.0.2");
        m_hasSource = true;
    }
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    if (m_epoll < 0)
        die("epoll_create1: %s", std::strerror(errno));
}

uint32_t Hostile::open(int group, bool frames, uint32_t slot)
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        die("socket: %s (open files limit?)", std::strerror(errno));
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    uint32_t id = slot;
    if (slot == UINT32_MAX) {
        id = uint32_t(m_conns.size());
        m_conns.emplace_back();
    }
    Conn &c = m_conns[id];
    c = Conn();
    c.fd = fd;
    c.group = group;
    c.frames = frames;
    c.openedAt = nowNs();
    epoll_event ev {};
    ev.events = EPOLLOUT | EPOLLIN | EPOLLRDHUP;
    ev.data.u32 = id;
    if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev) != 0)
        die("epoll_ctl: %s", std::strerror(errno));
    c.wantOut = true;
    if (m_hasSource && group < kProbeGroups
        && bind(fd, reinterpret_cast<const sockaddr *>(&m_source), sizeof m_source) != 0)
        die("bind to %s: %s", m_o.source.c_str(), std::strerror(errno));
    if (connect(fd, reinterpret_cast<const sockaddr *>(&m_addr), sizeof m_addr) != 0 && errno != EINPROGRESS) {
        c.error = std::string("connect: ") + std::strerror(errno);
        c.connectFailed = true;
        closeConn(c);
    }
    return id;
}

void Hostile::openMany(int group, bool frames)
{
    open(group, frames);
    if (++m_opened % 64 == 0) {
        epoll_event events[kMaxEvents];
        const int n = epoll_wait(m_epoll, events, kMaxEvents, 0);
        for (int i = 0; i < n; ++i)
            handle(events[i].data.u32, events[i].events);
    }
}

void Hostile::handle(uint32_t id, uint32_t events)
{
    Conn &c = m_conns[id];
    if (c.closed)
        return;
    if (!c.connected) {
        if (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))
            finishConnect(c);
        if (c.closed || !c.connected)
            return;
    }
    if (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))
        readFrom(c);
    if (!c.closed && (events & EPOLLOUT))
        flush(c);
}

void Hostile::finishConnect(Conn &c)
{
    int err = 0;
    socklen_t len = sizeof err;
    if (getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
        err = errno;
    if (err != 0) {
        c.error = std::string("connect: ") + std::strerror(err);
        c.connectFailed = true;
        closeConn(c);
        return;
    }
    c.connected = true;
    c.connectedAt = nowNs();
    if (m_onConnected && c.group < kProbeGroups)
        m_onConnected(c);
    updateEvents(c);
    flush(c);
}

void Hostile::queue(Conn &c, const std::string &bytes)
{
    if (c.closed)
        return;
    c.out += bytes;
    if (c.connected)
        flush(c);
}

void Hostile::updateEvents(Conn &c)
{
    if (c.closed)
        return;
    const bool wantOut = !c.connected || c.pending();
    if (wantOut == c.wantOut)
        return;
    epoll_event ev {};
    ev.events = EPOLLIN | EPOLLRDHUP | (wantOut ? uint32_t(EPOLLOUT) : 0u);
    ev.data.u32 = uint32_t(&c - m_conns.data());
    if (epoll_ctl(m_epoll, EPOLL_CTL_MOD, c.fd, &ev) != 0)
        die("epoll_ctl: %s", std::strerror(errno));
    c.wantOut = wantOut;
}

void Hostile::flush(Conn &c)
{
    while (!c.closed && c.pending()) {
        const char *data;
        size_t len;
        if (c.outOff < c.out.size()) {
            data = c.out.data() + c.outOff;
            len = c.out.size() - c.outOff;
        } else {
            data = m_filler.data();
            len = size_t(std::min<uint64_t>(c.fill, m_filler.size()));
        }
        const ssize_t n = send(c.fd, data, len, MSG_NOSIGNAL);
        if (n > 0) {
            c.sent += uint64_t(n);
            if (c.outOff < c.out.size())
                c.outOff += size_t(n);
            else
                c.fill -= uint64_t(n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        c.error = std::string("send: ") + std::strerror(errno);
        serverClosed(c, true);
        return;
    }
    if (c.closed)
        return;
    if (c.outOff >= c.out.size()) {
        c.out.clear();
        c.outOff = 0;
    }
    updateEvents(c);
}

void Hostile::readFrom(Conn &c)
{
    for (int round = 0; round < 8 && !c.closed; ++round) {
        const ssize_t n = recv(c.fd, m_buffer.data(), m_buffer.size(), 0);
        if (n > 0) {
            if (c.in.size() < kMaxKept)
                c.in.append(m_buffer.data(), size_t(n));
            parse(c);
            continue;
        }
        if (n == 0) {
            serverClosed(c, false);
            return;
        }
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return;
        c.error = std::string("recv: ") + std::strerror(errno);
        serverClosed(c, true);
        return;
    }
}

// Notes welcomes, notices and pings; keeps only the incomplete tail.
void Hostile::parse(Conn &c)
{
    size_t pos = 0;
    const std::string &in = c.in;
    if (!c.frames) {
        while (true) {
            const size_t nl = in.find('\n', pos);
            if (nl == std::string::npos)
                break;
            std::string_view line(in.data() + pos, nl - pos);
            if (!line.empty() && line.back() == '\r')
                line.remove_suffix(1);
            if (line.rfind("* ", 0) == 0) {
                line.remove_prefix(2);
                if (!c.welcomed && line.find("Welcome") != std::string_view::npos) {
                    c.welcomed = true;
                    c.welcomedAt = nowNs();
                } else {
                    c.notice.assign(line.substr(0, 200));
                }
            } else if (!c.expect.empty() && !c.echoed && line.find(c.expect) != std::string_view::npos) {
                c.echoed = true;
                c.echoedAt = nowNs();
            }
            pos = nl + 1;
        }
    } else {
        if (!c.magicSeen) {
            if (in.size() < 4)
                return;
            if (std::memcmp(in.data(), kMagic, 4) != 0) {
                c.linesReply = true; // read the rest as lines
                c.frames = false;
                parse(c);
                return;
            }
            c.magicSeen = true;
            pos = 4;
        }
        while (in.size() - pos >= 5) {
            const auto *p = reinterpret_cast<const unsigned char *>(in.data() + pos);
            const uint32_t len = readBe32(p);
            if (len > kMaxFrame) {
                c.notice = format("a frame of %u bytes from the server", len);
                pos = in.size();
                break;
            }
            if (in.size() - pos < 5 + size_t(len))
                break;
            const uint8_t type = p[4];
            const unsigned char *payload = p + 5;
            if (type == kNotice && len >= 5) {
                const std::string text(reinterpret_cast<const char *>(payload + 5), std::min<size_t>(len - 5, 200));
                if (payload[0] == kNoticeWelcome && !c.welcomed) {
                    c.welcomed = true;
                    c.welcomedAt = nowNs();
                } else {
                    c.notice = text;
                }
                (void)kNoticeDisconnect;
            } else if (type == kText && len >= 5 && !c.expect.empty() && !c.echoed) {
                const size_t skip = 5 + size_t(payload[4]);
                const std::string_view text = len >= skip
                    ? std::string_view(reinterpret_cast<const char *>(payload + skip), len - skip)
                    : std::string_view();
                if (text.find(c.expect) != std::string_view::npos) {
                    c.echoed = true;
                    c.echoedAt = nowNs();
                }
            } else if (type == kPing) {
                if (c.pings++ == 0)
                    c.firstPingAt = nowNs();
            }
            pos += 5 + size_t(len);
        }
    }
    c.in.erase(0, pos);
}

void Hostile::serverClosed(Conn &c, bool reset)
{
    if (c.closed)
        return;
    c.serverClosed = true;
    c.reset = reset;
    c.closedAt = nowNs();
    closeConn(c);
}

void Hostile::closeConn(Conn &c, bool withReset)
{
    if (c.closed)
        return;
    if (withReset) {
        const linger l { 1, 0 };
        setsockopt(c.fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    }
    c.closed = true;
    close(c.fd); // also leaves the epoll set
    c.fd = -1;
    c.in.clear();
    c.in.shrink_to_fit();
    c.out.clear();
    c.out.shrink_to_fit();
    c.fill = 0;
}

bool Hostile::loopUntil(const std::function<bool()> &done, uint64_t deadline)
{
    epoll_event events[kMaxEvents];
    while (true) {
        if (m_onTick)
            m_onTick();
        if (done())
            return true;
        const uint64_t now = nowNs();
        if (now >= deadline)
            return false;
        const int timeoutMs = int(std::min<uint64_t>((deadline - now + 999999) / 1000000, 20));
        const int n = epoll_wait(m_epoll, events, kMaxEvents, timeoutMs);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            die("epoll_wait: %s", std::strerror(errno));
        }
        for (int i = 0; i < n; ++i)
            handle(events[i].data.u32, events[i].events);
    }
}

bool Hostile::serverAlive() const
{
    if (m_o.serverPid <= 0)
        return true;
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%d/status", m_o.serverPid);
    FILE *f = std::fopen(path, "r");
    if (!f)
        return false;
    char line[256];
    bool zombie = false;
    while (std::fgets(line, sizeof line, f))
        if (std::strncmp(line, "State:", 6) == 0 && std::strchr(line, 'Z'))
            zombie = true;
    std::fclose(f);
    return !zombie;
}

void Hostile::closeAll()
{
    for (Conn &c : m_conns)
        closeConn(c);
}

// ------------------------------------------------------------ real clients

// A line client that sends a line, and a frames client that sends magic,
// hello and a text, at once; each waits for its welcome.
Hostile::ProbeResult Hostile::probe()
{
    const int group = m_probeGroup++;
    const uint32_t line = open(group, false);
    const uint32_t frames = open(group, true);
    m_conns[line].expect = "hello from a real line client";
    m_conns[frames].expect = "hello from a real frames client";
    queue(m_conns[line], m_conns[line].expect + "\n");
    queue(m_conns[frames], magic() + helloFrame("real-client") + textFrame(m_conns[frames].expect));
    const uint64_t timeout = secondsToNs(m_o.probeTimeout);
    // Welcomed, and with --echo its text back; or closed.
    const auto settled = [&](uint32_t id) {
        const Conn &c = m_conns[id];
        return (c.welcomed && (!m_o.echo || c.echoed)) || c.closed;
    };
    loopUntil([&] { return settled(line) && settled(frames); }, nowNs() + timeout);
    ProbeResult r { probeText(m_conns[line], timeout), probeText(m_conns[frames], timeout) };
    closeConn(m_conns[line]);
    closeConn(m_conns[frames]);
    return r;
}

std::string Hostile::probeText(const Conn &c, uint64_t timeoutNs) const
{
    if (c.linesReply)
        return "**answered in lines, not frames**: "
            + (c.welcomed ? format("taken for a line client, welcomed after %.0f ms",
                                   double(c.welcomedAt - c.openedAt) / 1e6)
                          : c.notice.empty() ? std::string("no notice") : "\"* " + c.notice + "\"");
    if (c.welcomed && !m_o.echo)
        return format("welcomed in %.0f ms", double(c.welcomedAt - c.openedAt) / 1e6);
    if (c.welcomed && c.echoed)
        return format("welcomed in %.0f ms, echo in %.0f ms", double(c.welcomedAt - c.openedAt) / 1e6,
                      double(c.echoedAt - c.openedAt) / 1e6);
    if (c.welcomed)
        return format("welcomed in %.0f ms, **no echo within %.0f s**", double(c.welcomedAt - c.openedAt) / 1e6,
                      nsToSeconds(timeoutNs));
    if (c.connectFailed)
        return "**cannot connect** (" + c.error + ")";
    if (c.serverClosed)
        return "**refused**: " + (c.notice.empty() ? std::string(c.reset ? "reset" : "closed") + ", no notice"
                                                   : "\"" + c.notice + "\"");
    return format("**no welcome within %.0f s**%s", nsToSeconds(timeoutNs), c.connected ? "" : " (not even connected)");
}

// --------------------------------------------------------------- reporting

void Hostile::row(const std::string &what, const std::string &result)
{
    std::printf("| %s | %s | %s |\n", m_firstRow ? m_o.label.c_str() : "", what.c_str(), result.c_str());
    std::fflush(stdout);
    m_firstRow = false;
}

// A notice as a reason to count: without a line notice's "kind #N: " and
// with the counts that differ between connections ("1048575 bytes",
// "2 of the 4") as N.
std::string reasonKey(const std::string &notice)
{
    std::string t = notice;
    if (const size_t colon = t.find(": "); colon != std::string::npos && colon < 24
        && t.find_first_not_of("abcdefghijklmnopqrstuvwxyz #0123456789") >= colon)
        t.erase(0, colon + 2);
    std::string out;
    for (size_t i = 0; i < t.size();) {
        if (t[i] < '0' || t[i] > '9') {
            out.push_back(t[i++]);
            continue;
        }
        size_t j = i;
        while (j < t.size() && t[j] >= '0' && t[j] <= '9')
            ++j;
        const std::string_view rest(t.data() + j, t.size() - j);
        if (rest.rfind(" byte", 0) == 0 || rest.rfind(" of ", 0) == 0)
            out += "N";
        else
            out.append(t, i, j - i);
        i = j;
    }
    return out;
}

// "closed 500 of 500 (12 by reset): \"reason\" 500 at 10.0 / 10.1 / 10.3 s"
// Times count from each connection's open; min / median / max per reason.
Hostile::GroupReport Hostile::reportGroup(int group, uint64_t heldNs) const
{
    GroupReport g;
    std::map<std::string, std::vector<double>> byReason;
    std::string firstError;
    for (const Conn &c : m_conns) {
        if (c.group != group)
            continue;
        ++g.total;
        if (c.connectFailed) {
            ++g.failed;
            if (firstError.empty())
                firstError = c.error;
            continue;
        }
        if (!c.connected)
            continue;
        ++g.connected;
        if (!c.serverClosed)
            continue;
        ++g.closed;
        g.resets += c.reset ? 1 : 0;
        const std::string reason = c.notice.empty() ? (c.reset ? "reset, no notice" : "closed, no notice")
                                                    : "\"" + reasonKey(c.notice) + "\"";
        byReason[reason].push_back(nsToSeconds(c.closedAt - c.connectedAt));
    }
    std::string &t = g.text;
    if (g.closed == 0) {
        t = format("**none closed**: %s of %s held for %.0f s", grouped(g.connected).c_str(),
                   grouped(g.total).c_str(), nsToSeconds(heldNs));
    } else {
        t = format("closed %s of %s", grouped(g.closed).c_str(), grouped(g.connected).c_str());
        if (g.resets)
            t += format(" (%s by a reset)", grouped(g.resets).c_str());
        t += ", after (min / median / max)";
        // The most frequent reasons first; at most three.
        std::vector<std::pair<std::string, std::vector<double>>> reasons(byReason.begin(), byReason.end());
        std::sort(reasons.begin(), reasons.end(),
                  [](const auto &a, const auto &b) { return a.second.size() > b.second.size(); });
        size_t shown = 0;
        for (auto &[reason, times] : reasons) {
            if (shown++ == 3) {
                t += "; others";
                break;
            }
            std::sort(times.begin(), times.end());
            t += format("%s %s: %.1f / %.1f / %.1f s, %s", shown > 1 ? ";" : "", grouped(times.size()).c_str(),
                        times.front(), times[times.size() / 2], times.back(), reason.c_str());
        }
        if (g.closed < g.connected)
            t += format("; %s still open after %.0f s", grouped(g.connected - g.closed).c_str(), nsToSeconds(heldNs));
    }
    if (g.failed)
        t += format("; %s could not connect (%s)", grouped(g.failed).c_str(), firstError.c_str());
    return g;
}

// ---------------------------------------------------------------- scenarios

int Hostile::run()
{
    if (m_o.scenario == "slowloris")
        return slowloris();
    if (m_o.scenario == "partial")
        return partial();
    if (m_o.scenario == "churn")
        return churn();
    if (m_o.scenario == "idle")
        return idle();
    return probeOnly();
}

int Hostile::probeOnly()
{
    const ProbeResult p = probe();
    row("real line client", p.line);
    row("real frames client", p.frames);
    std::printf("result scenario=probe line_welcomed=%d frames_welcomed=%d\n",
                p.line.rfind("welcomed", 0) == 0, p.frames.rfind("welcomed", 0) == 0);
    return 0;
}

int Hostile::slowloris()
{
    enum { Silent = 0, MagicHolder = 1, Dripper = 2 };
    const uint64_t dripNs = secondsToNs(m_o.dripInterval);
    const uint32_t counts[3] = { m_o.silent, m_o.magicHolders, m_o.drippers };
    const uint32_t total = counts[0] + counts[1] + counts[2];
    const long rssBefore = rss();

    // Each dripper sends its first byte at once (it speaks lines from then
    // on) and one more every interval, staggered so that they do not all
    // arrive in the same millisecond.
    uint32_t dripIndex = 0;
    m_onConnected = [&](Conn &c) {
        if (c.group == MagicHolder) {
            c.out = magic();
            c.out.append(3, '\0'); // 3 of a frame header's 5 bytes
        } else if (c.group == Dripper) {
            c.out = "x";
            c.nextDripAt = c.connectedAt + dripNs * (dripIndex++ % 100 + 1) / 100;
        }
    };
    m_onTick = [&] {
        const uint64_t now = nowNs();
        for (Conn &c : m_conns) {
            if (c.group == Dripper && c.open() && c.nextDripAt && now >= c.nextDripAt) {
                c.nextDripAt += dripNs;
                queue(c, "x");
            }
        }
    };

    note("slowloris: opening %u silent, %u magic + 3 header bytes, %u dripping", counts[0], counts[1], counts[2]);
    const uint64_t t0 = nowNs();
    m_conns.reserve(total + 16);
    // Interleaved, so that a server with a client limit meets every kind.
    for (uint32_t i = 0; i < std::max({ counts[0], counts[1], counts[2] }); ++i)
        for (int g = 0; g < 3; ++g)
            if (i < counts[g])
                openMany(g, g == MagicHolder);
    const auto allConnected = [&] {
        for (uint32_t i = 0; i < total; ++i)
            if (!m_conns[i].connected && !m_conns[i].connectFailed)
                return false;
        return true;
    };
    loopUntil(allConnected, t0 + secondsToNs(15));
    const double openS = nsToSeconds(nowNs() - t0);
    sleepFor(1); // past the framing grace: the silent ones are line clients now
    const long rssHeld = rss();
    note("slowloris: open in %.1f s; real clients, at the start", openS);
    const ProbeResult atStart = probe();
    note("slowloris: holding until %.0f s", m_o.duration);
    loopUntil([] { return false; }, t0 + secondsToNs(m_o.duration));
    note("slowloris: real clients, at the end");
    const ProbeResult atEnd = probe();
    const uint64_t heldNs = nowNs() - t0;
    const long rssEnd = rss();
    const bool alive = serverAlive();

    const char *names[3] = { "silent (connect, send nothing)", "magic + 3 bytes of a frame header",
                             "dripping a line, 1 byte every %.0f s" };
    uint32_t closed[3] = {};
    for (int g = 0; g < 3; ++g) {
        if (!counts[g])
            continue;
        const GroupReport r = reportGroup(g, heldNs);
        closed[g] = r.closed;
        row(grouped(counts[g]) + " " + format(names[g], m_o.dripInterval), r.text);
    }
    row("real line client, at the start / at the end", atStart.line + " / " + atEnd.line);
    row("real frames client, at the start / at the end", atStart.frames + " / " + atEnd.frames);
    row("server RSS: before / all held / at the end",
        mb(rssBefore) + " / " + mb(rssHeld) + " / " + mb(rssEnd) + (alive ? "" : " **(the server is gone)**"));
    std::printf("result scenario=slowloris silent=%u magic=%u drip=%u seconds=%.0f closed_silent=%u"
                " closed_magic=%u closed_drip=%u rss_before_kb=%ld rss_held_kb=%ld rss_end_kb=%ld alive=%d\n",
                counts[0], counts[1], counts[2], nsToSeconds(heldNs), closed[0], closed[1], closed[2], rssBefore,
                rssHeld, rssEnd, alive);
    m_onTick = nullptr;
    closeAll();
    return alive ? 0 : 1;
}

int Hostile::partial()
{
    const uint32_t n = m_o.conns;
    const ProcSample before = sampleProcess(m_o.serverPid);
    // Lines: size bytes without LF. Frames: magic, hello, then a text frame
    // whose header claims size + 1 payload bytes (sender id, name length,
    // text) of which size are sent.
    m_onConnected = [&](Conn &c) {
        if (m_o.frames) {
            c.out = magic() + helloFrame(format("partial%u", uint32_t(&c - m_conns.data())))
                + frameHeader(uint32_t(m_o.size + 1), kText);
            c.out.append(5, '\0');
            c.fill = m_o.size - 5;
        } else {
            c.fill = m_o.size;
        }
    };
    long rssPeak = -1;
    uint64_t nextSample = 0, nextNote = 0, start = nowNs();
    m_onTick = [&] {
        const uint64_t now = nowNs();
        if (now >= nextSample) {
            rssPeak = std::max(rssPeak, rss());
            nextSample = now + 250000000u;
        }
        if (now >= nextNote) { // a time series in the log, every 5 s
            uint32_t open = 0;
            for (uint32_t i = 0; i < n && i < m_conns.size(); ++i)
                open += m_conns[i].open() ? 1 : 0;
            const PortSockets p = portSockets(m_o.port);
            note("partial: %5.1f s: %u of ours open; the server holds %ld (%ld in CLOSE_WAIT), %lld bytes unread; "
                 "RSS %s",
                 nsToSeconds(now - start), open, p.count, p.closeWait, p.unread, mb(rss()).c_str());
            nextNote = now + secondsToNs(5);
        }
    };
    note("partial: %u connections, each sending %s bytes of one %s", n, grouped(m_o.size).c_str(),
         m_o.frames ? "frame" : "line");
    const uint64_t t0 = nowNs();
    const uint64_t deadline = t0 + secondsToNs(m_o.duration);
    m_conns.reserve(n + 16);
    for (uint32_t i = 0; i < n; ++i)
        openMany(0, m_o.frames);

    // Sending: until every byte is in the kernel's hands, or no byte went
    // for 3 s (the server reads no more), or the server closed them all.
    uint64_t lastSent = 0, lastProgress = nowNs();
    const auto totalSent = [&] {
        uint64_t s = 0;
        for (uint32_t i = 0; i < n; ++i)
            s += m_conns[i].sent;
        return s;
    };
    const auto sendingDone = [&] {
        bool allDone = true;
        for (uint32_t i = 0; i < n; ++i) {
            const Conn &c = m_conns[i];
            if (!c.closed && (!c.connected || c.pending()))
                allDone = false;
        }
        if (allDone)
            return true;
        const uint64_t s = totalSent();
        if (s != lastSent) {
            lastSent = s;
            lastProgress = nowNs();
        }
        return nowNs() - lastProgress > secondsToNs(3);
    };
    loopUntil(sendingDone, deadline);
    const double sendS = nsToSeconds(nowNs() - t0);
    uint32_t complete = 0;
    for (uint32_t i = 0; i < n; ++i)
        complete += m_conns[i].connected && m_conns[i].fill == 0 && m_conns[i].outOff == 0 ? 1 : 0;
    const uint64_t sentBytes = totalSent();
    note("partial: %s bytes sent in %.1f s; %u of %u connections sent all theirs", grouped(sentBytes).c_str(),
         sendS, complete, n);

    sleepFor(2);
    const long rssHeld = rss();
    const long long unread = portSockets(m_o.port).unread;
    note("partial: held, RSS %s, %lld bytes not read by the server; real clients", mb(rssHeld).c_str(), unread);
    const ProbeResult whileHeld = probe();

    const auto allClosed = [&] {
        for (uint32_t i = 0; i < n; ++i)
            if (m_conns[i].open())
                return false;
        return true;
    };
    note("partial: waiting up to %.0f s (from the start) for the server to close them", m_o.duration);
    const bool serverClosedAll = loopUntil(allClosed, deadline);
    const uint64_t heldNs = nowNs() - t0;
    const GroupReport r = reportGroup(0, heldNs);
    long rssAfterServer = -1, rssAtLimit = -1;
    if (serverClosedAll) {
        sleepFor(2);
        rssAfterServer = rss();
    } else {
        rssAtLimit = rss();
    }
    closeAll();
    // Until the server has let go of every connection (none left open on
    // its port), for at most --let-go; then 1 s for its memory to settle.
    const uint64_t closedAt = nowNs();
    PortSockets left;
    loopUntil([&] { left = portSockets(m_o.port); return left.count == 0; }, closedAt + secondsToNs(m_o.letGo));
    const double letGoS = nsToSeconds(nowNs() - closedAt);
    m_onTick = nullptr;
    sleepFor(1);
    const ProcSample after = sampleProcess(m_o.serverPid);
    note("partial: real clients, after");
    const ProbeResult afterwards = probe();
    const bool alive = serverAlive();

    row(format("%s × %s bytes of one %s", grouped(n).c_str(), grouped(m_o.size).c_str(),
               m_o.frames ? "frame (its header claims 1 byte more)" : "line (no LF)"),
        format("%s of %s sent every byte (%s bytes in %.2f s)", grouped(complete).c_str(), grouped(n).c_str(),
               grouped(sentBytes).c_str(), sendS)
            + (complete < n ? " (the rest could not be sent)" : "")
            + (unread >= 0 ? format("; 2 s later the server had read all but %s bytes",
                                    grouped(uint64_t(unread)).c_str())
                           : ""));
    row("what the server did with them", r.text);
    std::string mem = "before " + mb(before.rssKb) + "; held " + mb(rssHeld) + " (peak " + mb(rssPeak) + ")";
    if (serverClosedAll)
        mem += "; 2 s after it closed them " + mb(rssAfterServer);
    else if (left.count == 0)
        mem += "; still held at the limit " + mb(rssAtLimit) + "; we closed them, the server let go of them in "
            + format("%.1f s", letGoS) + ", then " + mb(after.rssKb);
    else
        mem += "; still held at the limit " + mb(rssAtLimit) + "; we closed them, **" + format("%.0f", m_o.letGo)
            + " s later the server still had " + grouped(uint64_t(left.count)) + " of them open** ("
            + grouped(uint64_t(std::max(0L, left.closeWait))) + " in CLOSE_WAIT), RSS " + mb(after.rssKb);
    mem += "; VmHWM " + mb(after.hwmKb);
    row("server RSS", mem + (alive ? "" : " **(the server is gone)**"));
    row("real line client: while held / afterwards", whileHeld.line + " / " + afterwards.line);
    row("real frames client: while held / afterwards", whileHeld.frames + " / " + afterwards.frames);
    std::printf("result scenario=partial framing=%s conns=%u size=%" PRIu64 " sent_bytes=%" PRIu64
                " complete=%u send_s=%.1f unread=%lld closed=%u resets=%u rss_before_kb=%ld rss_held_kb=%ld rss_peak_kb=%ld"
                " rss_after_server_close_kb=%ld rss_at_limit_kb=%ld rss_after_kb=%ld hwm_kb=%ld left_open=%ld alive=%d\n",
                m_o.frames ? "frames" : "lines", n, m_o.size, sentBytes, complete, sendS, unread, r.closed, r.resets,
                before.rssKb, rssHeld, rssPeak, rssAfterServer, rssAtLimit, after.rssKb, after.hwmKb, left.count, alive);
    return alive ? 0 : 1;
}

int Hostile::churn()
{
    // Kinds, in turn:
    //   0  connect, close at once (clean)
    //   1  send a line, wait for the welcome, close cleanly
    //   2  magic + hello, wait for the welcome, half a text frame, reset
    //   3  half a line (no LF), reset at once
    const uint32_t parallel = uint32_t(std::min<uint64_t>(m_o.parallel, m_o.cycles));
    std::vector<int> kind(parallel, 0);
    std::vector<char> busy(parallel, 0);
    std::vector<uint64_t> waitUntil(parallel, 0);
    uint64_t started = 0, done = 0, connectFailed = 0, noWelcome = 0, closedByServer = 0;
    uint64_t limit = 0; // start no cycle past this (the mark, then all)
    const uint64_t welcomeNs = secondsToNs(m_o.probeTimeout);
    m_conns.reserve(parallel + 16);
    m_conns.resize(parallel);
    for (Conn &c : m_conns)
        c.closed = true;

    const auto startCycle = [&](uint32_t slot) {
        kind[slot] = int(started % 4);
        ++started;
        busy[slot] = 1;
        open(0, kind[slot] == 2, slot);
    };
    const auto endCycle = [&](uint32_t slot, bool reset) {
        Conn &c = m_conns[slot];
        if (c.connectFailed)
            ++connectFailed;
        else if (c.serverClosed)
            ++closedByServer;
        closeConn(c, reset);
        busy[slot] = 0;
        ++done;
        if (started < limit)
            startCycle(slot);
    };
    m_onConnected = [&](Conn &c) {
        const uint32_t slot = uint32_t(&c - m_conns.data());
        switch (kind[slot]) {
        case 1: c.out = format("churn line %" PRIu64 "\n", started); break;
        case 2: c.out = magic() + helloFrame("churn"); break;
        case 3: c.out = "half a line, never ended"; break;
        default: break;
        }
        waitUntil[slot] = nowNs() + welcomeNs;
    };
    // The tick moves each cycle on.
    m_onTick = [&] {
        const uint64_t now = nowNs();
        for (uint32_t slot = 0; slot < parallel; ++slot) {
            if (!busy[slot])
                continue;
            Conn &c = m_conns[slot];
            if (c.closed) { // the connect failed, or the server closed it
                endCycle(slot, false);
                continue;
            }
            if (!c.connected || c.pending())
                continue;
            switch (kind[slot]) {
            case 0: endCycle(slot, false); break;
            case 3: endCycle(slot, true); break;
            default:
                if (c.welcomed || now >= waitUntil[slot]) {
                    if (!c.welcomed)
                        ++noWelcome;
                    if (kind[slot] == 2) {
                        // 3 of a text frame's 5 header bytes, and no more.
                        const std::string half = frameHeader(64, kText).substr(0, 3);
                        [[maybe_unused]] const ssize_t n = send(c.fd, half.data(), half.size(), MSG_NOSIGNAL);
                    }
                    endCycle(slot, kind[slot] == 2);
                }
                break;
            }
        }
    };

    const uint64_t t0 = nowNs();
    const uint64_t deadline = t0 + secondsToNs(m_o.duration);
    const long rssStart = rss();
    note("churn: %s cycles, %u at a time; RSS at the start %s", grouped(m_o.cycles).c_str(), parallel,
         mb(rssStart).c_str());
    const auto runTo = [&](uint64_t count) {
        limit = count;
        for (uint32_t s = 0; s < parallel && started < limit; ++s)
            if (!busy[s])
                startCycle(s);
        loopUntil([&] { return done >= started && started >= limit; }, deadline);
        limit = started; // past the deadline: start no more
    };
    runTo(m_o.mark);
    sleepFor(2);
    const long rssMark = rss();
    const uint64_t atMark = done;
    note("churn: %s cycles done; RSS %s", grouped(atMark).c_str(), mb(rssMark).c_str());
    runTo(m_o.cycles);
    const double seconds = nsToSeconds(nowNs() - t0);
    sleepFor(2);
    const long rssEnd = rss();
    note("churn: %s cycles done in %.1f s; RSS %s", grouped(done).c_str(), seconds, mb(rssEnd).c_str());
    m_onTick = nullptr;
    m_onConnected = nullptr;
    for (uint32_t s = 0; s < parallel; ++s)
        closeConn(m_conns[s]);
    const ProbeResult after = probe();
    const bool alive = serverAlive();

    std::string what = format("%s cycles, %u at a time: closed at once / a line, welcome, close / "
                              "hello, welcome, half a frame, reset / half a line, reset",
                              grouped(m_o.cycles).c_str(), parallel);
    std::string result = format("%s done in %.1f s", grouped(done).c_str(), seconds);
    if (done < m_o.cycles)
        result += format(" (**stopped at the %.0f s limit**)", m_o.duration);
    result += format("; %s could not connect; %s without a welcome within %.0f s; %s closed by the server first",
                     grouped(connectFailed).c_str(), grouped(noWelcome).c_str(), m_o.probeTimeout,
                     grouped(closedByServer).c_str());
    row(what, result);
    const auto delta = [](long a, long b) {
        if (a < 0 || b < 0)
            return std::string("?");
        return format("%+ld KiB", b - a);
    };
    row(format("server RSS: start / after %s / end", grouped(atMark).c_str()),
        mb(rssStart) + " / " + mb(rssMark) + " / " + mb(rssEnd) + " (" + delta(rssStart, rssMark) + ", then "
            + delta(rssMark, rssEnd) + ")" + (alive ? "" : " **(the server is gone)**"));
    row("real line client / frames client, after", after.line + " / " + after.frames);
    std::printf("result scenario=churn cycles=%" PRIu64 " done=%" PRIu64 " seconds=%.1f connect_failed=%" PRIu64
                " no_welcome=%" PRIu64 " closed_by_server=%" PRIu64 " rss_start_kb=%ld rss_mark_kb=%ld"
                " mark=%" PRIu64 " rss_end_kb=%ld alive=%d\n",
                m_o.cycles, done, seconds, connectFailed, noWelcome, closedByServer, rssStart, rssMark, atMark,
                rssEnd, alive);
    return alive && connectFailed == 0 ? 0 : 1;
}

int Hostile::idle()
{
    enum { Frames = 0, Lines = 1 };
    m_onConnected = [&](Conn &c) {
        if (c.group == Frames)
            c.out = magic() + helloFrame(format("idle%u", uint32_t(&c - m_conns.data())));
    };
    const long rssBefore = rss();
    note("idle: %u frames clients silent after their hello (never answering a ping), %u silent line clients",
         m_o.idleFrames, m_o.idleLines);
    const uint64_t t0 = nowNs();
    m_conns.reserve(m_o.idleFrames + m_o.idleLines + 16);
    for (uint32_t i = 0; i < m_o.idleFrames; ++i)
        openMany(Frames, true);
    for (uint32_t i = 0; i < m_o.idleLines; ++i)
        openMany(Lines, false);
    const uint32_t total = m_o.idleFrames + m_o.idleLines;
    const auto framesGone = [&] {
        for (uint32_t i = 0; i < total; ++i) {
            const Conn &c = m_conns[i];
            if (c.group == Frames && (c.open() || (!c.connected && !c.connectFailed)))
                return false;
        }
        return true;
    };
    // Until every frames client is closed (and a little more, for the
    // line clients), or the duration.
    const uint64_t deadline = t0 + secondsToNs(m_o.duration);
    if (loopUntil(framesGone, deadline))
        loopUntil([] { return false; }, std::min(deadline, nowNs() + secondsToNs(2)));
    const uint64_t heldNs = nowNs() - t0;
    const long rssEnd = rss();
    const ProbeResult after = probe();
    const bool alive = serverAlive();

    std::vector<double> pingAt;
    std::vector<uint32_t> pingCount;
    uint32_t welcomed = 0;
    for (uint32_t i = 0; i < total; ++i) {
        const Conn &c = m_conns[i];
        if (c.group != Frames)
            continue;
        welcomed += c.welcomed ? 1 : 0;
        if (c.pings) {
            pingAt.push_back(nsToSeconds(c.firstPingAt - c.connectedAt));
            pingCount.push_back(c.pings);
        }
    }
    std::sort(pingAt.begin(), pingAt.end());
    std::sort(pingCount.begin(), pingCount.end());
    if (m_o.idleFrames) {
        std::string pinged;
        if (pingAt.empty())
            pinged = format("**no ping** in %.0f s", nsToSeconds(heldNs));
        else
            pinged = format("%s of %s pinged; first ping after %.1f / %.1f / %.1f s (min / median / max); "
                            "%u to %u pings each",
                            grouped(pingAt.size()).c_str(), grouped(m_o.idleFrames).c_str(), pingAt.front(),
                            pingAt[pingAt.size() / 2], pingAt.back(), pingCount.front(), pingCount.back());
        row(format("%s frames clients: magic + hello (%s welcomed), then silent, no pong",
                   grouped(m_o.idleFrames).c_str(), grouped(welcomed).c_str()),
            pinged);
        row("... closed by the server", reportGroup(Frames, heldNs).text);
    }
    if (m_o.idleLines)
        row(format("%s line clients, silent (for comparison)", grouped(m_o.idleLines).c_str()),
            reportGroup(Lines, heldNs).text);
    row("real line client / frames client, at the end", after.line + " / " + after.frames);
    row("server RSS: before / at the end", mb(rssBefore) + " / " + mb(rssEnd) + (alive ? "" : " **(gone)**"));
    std::printf("result scenario=idle frames=%u lines=%u seconds=%.0f pinged=%zu closed_frames=%u closed_lines=%u"
                " alive=%d\n",
                m_o.idleFrames, m_o.idleLines, nsToSeconds(heldNs), pingAt.size(), reportGroup(Frames, heldNs).closed,
                reportGroup(Lines, heldNs).closed, alive);
    closeAll();
    return alive ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    benchtool::g_toolName = "hostile";
    benchtool::g_usage = kUsage;
    Options o = parseOptions(argc, argv);
    raiseFileLimit();
    Hostile h(std::move(o));
    return h.run();
}
