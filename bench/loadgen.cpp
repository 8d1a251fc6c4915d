// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// loadgen: the load generator and checker of the load benchmark
// (bench/run_load_bench.sh, docs/benchmarks.md).
//
// It drives socket-server, or any relay that passes each client's lines to
// every other client (bench/reference_relay, ncat --broker), with N receivers
// and S senders, and checks that every receiver gets every sender's messages
// exactly once and in order. It also opens many idle clients (--connect-only)
// and churns connections (--churn). One thread, one epoll loop, plain
// non-blocking POSIX sockets; no Qt, so that it is never the bottleneck.
// With --tls every client speaks TLS through OpenSSL directly (no
// certificate verification: a benchmark, not a client), and "connected"
// means the handshake has ended. With --framing websocket every client
// opens with the HTTP upgrade of docs/protocol.md section 10 (the page's
// own Origin) and speaks its JSON messages in masked frames
// (websocketwire.h).
//
// Every message text is "s<sender> <seq> <send-time> <padding>", padded to
// --size bytes: seq and send time (nanoseconds since loadgen started) are 16
// digits each, so a text is at least 36 bytes. With --no-spaces the
// separators are '.' and the padding has no spaces.
//
// Results go to stdout as one line:
//   result mode=run ... deliveries_per_s=... p99_us=... errors=0
// Diagnostics go to stderr. Exit status: 0 when the run completed with no
// error, 1 otherwise, 2 on a usage error.

#include <algorithm>
#include <cerrno>
#include <cinttypes>
#include <csignal>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "benchtool.h"
#include "websocketwire.h"

namespace {

using namespace benchtool;

// ---------------------------------------------------------------- utilities

// Message numbers are 16 decimal digits, fixed width, so that a receiver
// parses them eight at a time instead of digit by digit (at tens of millions
// of messages per second, the digit loop was a third of loadgen's time).
constexpr size_t kNumberWidth = 16;

void writeNumber(char *p, uint64_t v)
{
    for (size_t i = kNumberWidth; i-- > 0; v /= 10)
        p[i] = char('0' + v % 10);
}

// Eight ASCII digits at p, or false: SWAR, as in simdjson
// (is_made_of_eight_digits_fast, parse_eight_digits_unrolled).
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "eightDigits() reads little-endian words");
bool eightDigits(const char *p, uint64_t &out)
{
    uint64_t v;
    std::memcpy(&v, p, 8);
    if (((v & 0xF0F0F0F0F0F0F0F0u) | (((v + 0x0606060606060606u) & 0xF0F0F0F0F0F0F0F0u) >> 4))
        != 0x3333333333333333u)
        return false;
    v = (v & 0x0F0F0F0F0F0F0F0Fu) * 2561 >> 8;
    v = (v & 0x00FF00FF00FF00FFu) * 6553601 >> 16;
    out = ((v & 0x0000FFFF0000FFFFu) * 42949672960001u >> 32) & 0xFFFFFFFFu;
    return true;
}

bool parseNumber(const char *p, uint64_t &out)
{
    uint64_t high = 0, low = 0;
    if (!eightDigits(p, high) || !eightDigits(p + 8, low))
        return false;
    out = high * 100000000u + low;
    return true;
}

double processCpuSeconds()
{
    rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    return double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec)
        + double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

// Latencies in nanoseconds: 64 buckets per power of two (under 1.6% error),
// exact below 64 ns, and the exact maximum.
class Histogram {
public:
    void record(uint64_t v)
    {
        ++m_buckets[bucketOf(v)];
        ++m_count;
        m_max = std::max(m_max, v);
    }
    uint64_t count() const { return m_count; }
    uint64_t max() const { return m_max; }
    // The value below which a fraction p of the samples lie (midpoint of
    // its bucket, never above the maximum).
    uint64_t percentile(double p) const
    {
        if (m_count == 0)
            return 0;
        const uint64_t rank = std::max<uint64_t>(1, uint64_t(p * double(m_count) + 0.5));
        uint64_t seen = 0;
        for (size_t i = 0; i < kBuckets; ++i) {
            seen += m_buckets[i];
            if (seen >= rank)
                return std::min(m_max, midpoint(i));
        }
        return m_max;
    }

private:
    static constexpr unsigned kSubBits = 6;
    static constexpr size_t kSub = size_t(1) << kSubBits;
    static constexpr size_t kBuckets = kSub * (64 - kSubBits + 1);

    static size_t bucketOf(uint64_t v)
    {
        if (v < kSub)
            return size_t(v);
        const unsigned msb = 63u - unsigned(__builtin_clzll(v));
        const unsigned shift = msb - kSubBits;
        return size_t(shift + 1) * kSub + size_t((v >> shift) - kSub);
    }
    static uint64_t midpoint(size_t i)
    {
        if (i < kSub)
            return i;
        const unsigned shift = unsigned(i / kSub) - 1;
        const uint64_t low = uint64_t(i % kSub + kSub) << shift;
        return low + ((uint64_t(1) << shift) >> 1);
    }

    std::vector<uint64_t> m_buckets = std::vector<uint64_t>(kBuckets, 0);
    uint64_t m_count = 0;
    uint64_t m_max = 0;
};

// ------------------------------------------------------------------ options

enum class Framing { Lines, Frames, WebSocket };

const char *framingName(Framing f)
{
    switch (f) {
    case Framing::Lines: return "lines";
    case Framing::Frames: return "frames";
    case Framing::WebSocket: return "websocket";
    }
    return "lines";
}
enum class Prefix { Auto, Yes, No };

struct Options {
    std::string host = "127.0.0.1";
    int port = -1;
    Framing framing = Framing::Lines;
    uint32_t receivers = 1;
    uint32_t senders = 1;
    uint64_t messages = 1000;
    size_t size = 64;
    uint64_t window = 256;
    double rate = 0;
    double timeout = 60;
    double welcomeTimeout = 2;
    double settle = 0;
    double syncTimeout = 20;
    double drain = 2;
    Prefix prefix = Prefix::Auto;
    bool noSpaces = false;
    uint32_t connectOnly = 0;
    double hold = 0;
    int serverPid = 0;
    uint32_t nonReaders = 0;
    double nonReaderWait = 0;
    uint64_t churn = 0;
    uint32_t churnParallel = 32;
    uint64_t churnWarmup = 0;
    double churnTime = 0;
    bool tls = false;
    std::vector<int> receiverPorts; // receivers spread over these (S11)
};

const char kUsage[] = R"(usage: loadgen --port PORT [options]

Load:
  --host ADDRESS           server address (default 127.0.0.1)
  --framing lines|frames|websocket
                           what the clients speak (default lines); websocket:
                           an HTTP upgrade to /ws with the page's own Origin,
                           then JSON text messages in masked frames
                           (docs/protocol.md section 10)
  --receivers N            clients that only receive and check (default 1)
  --receiver-ports P1,P2,...
                           receiver i connects to port P(i mod n) on --host,
                           the senders to --port: a federation's instances
                           (docs/federation.md); default: all to --port
  --senders S              clients that send (default 1)
  --messages M             messages per sender (default 1000)
  --size BYTES             text of each message, without "\n" or frame
                           header; at least 36 are used (default 64)
  --window W               closed loop: at most W messages of a sender ahead
                           of its slowest receiver (default 256)
  --rate R                 paced: R messages/s from all senders together
                           (the window still applies); latency counts from
                           the scheduled send time
  --no-spaces              texts without spaces ('.' separators)
  --expect-prefix auto|yes|no
                           relayed lines carry "#N name: " (yes), never (no),
                           or strip it when a line starts with '#' (auto)
  --welcome-timeout SEC    wait this long for each receiver's welcome (a "* "
                           line or the server's hello) before the senders
                           start; 0 for servers that send none (default 2)
  --sync-timeout SEC       then the first sender sends "sync" texts until
                           every receiver has one, for at most SEC (default
                           20): only then does the measured run start
  --settle SEC             wait this long more before the senders connect
                           (default 0); in --churn mode: before the server's
                           memory is read
  --drain SEC              end the run when everything is sent and nothing
                           arrived for SEC (default 2)
  --timeout SEC            hard cap on the whole run; exit 1 if not complete
                           (default 60)
  --non-reader K           K more clients that connect and never read
  --non-reader-wait SEC    after the run, wait up to SEC for the server to cut
                           them, then read what they hold to see if it did
  --tls                    every client speaks TLS (OpenSSL, no verification);
                           not with --churn or --non-reader (with websocket:
                           wss, Origin https://)

Other modes:
  --connect-only N         open N idle clients at once, report the connect
                           time, hold them --hold SEC, then close
  --churn N                N connect/disconnect cycles, alternately a clean
                           close and a reset (SO_LINGER 0), in two halves;
                           the server's RSS growth is reported for each
  --churn-parallel P       cycles in flight at once (default 32)
  --churn-warmup N         cycles before the server's memory is first read
  --churn-time SEC         start no new cycle after SEC, SEC/2 per half
                           (report what ran)

  --server-pid PID         report the server's VmRSS, VmHWM and CPU time
)";

Options parseOptions(int argc, char **argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string name = argv[i];
        std::string inlineValue;
        bool hasInline = false;
        if (const size_t eq = name.find('='); name.rfind("--", 0) == 0 && eq != std::string::npos) {
            inlineValue = name.substr(eq + 1);
            name.resize(eq);
            hasInline = true;
        }
        const auto value = [&]() -> const char * {
            if (hasInline)
                return inlineValue.c_str();
            if (i + 1 >= argc)
                usageError(name + " needs a value");
            return argv[++i];
        };
        const auto flag = [&] {
            if (hasInline)
                usageError(name + " takes no value");
        };
        constexpr uint64_t kBig = uint64_t(1) << 40;
        if (name == "--help" || name == "-h") {
            std::fputs(kUsage, stdout);
            std::exit(0);
        } else if (name == "--host") {
            o.host = value();
        } else if (name == "--port") {
            o.port = int(parseCount(name, value(), 1, 65535));
        } else if (name == "--receiver-ports") {
            const std::string v = value();
            size_t start = 0;
            while (start <= v.size()) {
                const size_t comma = std::min(v.find(',', start), v.size());
                o.receiverPorts.push_back(int(parseCount(name, v.substr(start, comma - start).c_str(), 1, 65535)));
                start = comma + 1;
            }
        } else if (name == "--framing") {
            const std::string v = value();
            if (v == "lines")
                o.framing = Framing::Lines;
            else if (v == "frames")
                o.framing = Framing::Frames;
            else if (v == "websocket")
                o.framing = Framing::WebSocket;
            else
                usageError("--framing must be lines, frames or websocket");
        } else if (name == "--receivers") {
            o.receivers = uint32_t(parseCount(name, value(), 0, 1000000));
        } else if (name == "--senders") {
            o.senders = uint32_t(parseCount(name, value(), 1, 100000));
        } else if (name == "--messages") {
            o.messages = parseCount(name, value(), 1, kBig);
        } else if (name == "--size") {
            o.size = size_t(parseCount(name, value(), 1, 64 * 1024 * 1024));
        } else if (name == "--window") {
            o.window = parseCount(name, value(), 1, 1u << 24);
        } else if (name == "--rate") {
            o.rate = parseSeconds(name, value());
        } else if (name == "--timeout") {
            o.timeout = parseSeconds(name, value());
        } else if (name == "--welcome-timeout") {
            o.welcomeTimeout = parseSeconds(name, value());
        } else if (name == "--sync-timeout") {
            o.syncTimeout = parseSeconds(name, value());
        } else if (name == "--settle") {
            o.settle = parseSeconds(name, value());
        } else if (name == "--drain") {
            o.drain = parseSeconds(name, value());
        } else if (name == "--expect-prefix") {
            const std::string v = value();
            if (v == "auto")
                o.prefix = Prefix::Auto;
            else if (v == "yes")
                o.prefix = Prefix::Yes;
            else if (v == "no")
                o.prefix = Prefix::No;
            else
                usageError("--expect-prefix must be auto, yes or no");
        } else if (name == "--no-spaces") {
            flag();
            o.noSpaces = true;
        } else if (name == "--connect-only") {
            o.connectOnly = uint32_t(parseCount(name, value(), 1, 1000000));
        } else if (name == "--hold") {
            o.hold = parseSeconds(name, value());
        } else if (name == "--server-pid") {
            o.serverPid = int(parseCount(name, value(), 1, 1u << 30));
        } else if (name == "--non-reader") {
            o.nonReaders = uint32_t(parseCount(name, value(), 0, 100000));
        } else if (name == "--non-reader-wait") {
            o.nonReaderWait = parseSeconds(name, value());
        } else if (name == "--churn") {
            o.churn = parseCount(name, value(), 1, kBig);
        } else if (name == "--churn-parallel") {
            o.churnParallel = uint32_t(parseCount(name, value(), 1, 100000));
        } else if (name == "--churn-warmup") {
            o.churnWarmup = parseCount(name, value(), 0, kBig);
        } else if (name == "--churn-time") {
            o.churnTime = parseSeconds(name, value());
        } else if (name == "--tls") {
            flag();
            o.tls = true;
        } else {
            usageError("unknown option " + name);
        }
    }
    if (o.port < 0)
        usageError("--port is required");
    if (o.connectOnly && o.churn)
        usageError("--connect-only and --churn are separate modes");
    if (!o.connectOnly && !o.churn && o.receivers == 0 && o.nonReaders > 0)
        usageError("--non-reader needs at least one receiver");
    if (o.tls && (o.churn || o.nonReaders > 0))
        usageError("--tls is for load and --connect-only runs, without --non-reader");
    // A WebSocket client sends its hello only after reading the 101 (RFC
    // 6455 4.1), which a non-reader never does.
    if (o.framing == Framing::WebSocket && o.nonReaders > 0)
        usageError("--non-reader is for lines and frames");
    return o;
}

// ---------------------------------------------------------------- the load

constexpr unsigned char kMagic[4] = { 0xFF, 'S', 'M', 'H' };
enum FrameType : uint8_t { kHello = 1, kText = 2, kNotice = 3, kPing = 4, kPong = 5 };
constexpr uint8_t kWelcome = 1; // notice kind
constexpr uint32_t kMaxFrame = 64 * 1024 * 1024;
constexpr size_t kOutHigh = 64 * 1024;        // a sender writes more once below this
constexpr size_t kTlsReadAhead = 64 * 1024;  // --tls: what one read of a client may take
constexpr uint32_t kTlsOpening = 64;          // --tls --connect-only: connects waiting to say hello
constexpr uint64_t kTimerTag = ~uint64_t(0);   // epoll tag of the pacing timer
constexpr int kMaxEvents = 1024;
constexpr uint64_t kReportLimit = 5;          // messages printed per kind of error

enum class Role : uint8_t { Receiver, Sender, NonReader, Idle, Churn };

const char *roleName(Role r)
{
    switch (r) {
    case Role::Receiver: return "receiver";
    case Role::Sender: return "sender";
    case Role::NonReader: return "non-reader";
    case Role::Idle: return "client";
    case Role::Churn: return "churn client";
    }
    return "client";
}

// --tls: a socket BIO that also tells whether its last read took less than
// it asked for. The kernel had no more then, so a client's read loop can
// stop once OpenSSL holds nothing either, as the plain loop stops at a short
// recv(), instead of reading again only to learn EAGAIN. With OpenSSL's own
// socket BIO a 71 KB flight of records cost a receiver four reads where the
// same lines in plain cost one (strace, docs/benchmarks.md).
struct SocketReads {
    int fd = -1;
    bool shortRead = false;   // the last recv() returned less than asked
    bool eof = false;         // a recv() returned 0
};

int socketReadsRead(BIO *bio, char *data, int length)
{
    auto *s = static_cast<SocketReads *>(BIO_get_data(bio));
    BIO_clear_retry_flags(bio);
    const ssize_t n = recv(s->fd, data, size_t(length), 0);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        BIO_set_retry_read(bio);
    s->shortRead = n >= 0 && n < length;
    s->eof = n == 0;
    return int(n);
}

int socketReadsWrite(BIO *bio, const char *data, int length)
{
    auto *s = static_cast<SocketReads *>(BIO_get_data(bio));
    BIO_clear_retry_flags(bio);
    const ssize_t n = send(s->fd, data, size_t(length), MSG_NOSIGNAL);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        BIO_set_retry_write(bio);
    return int(n);
}

long socketReadsCtrl(BIO *bio, int command, long, void *)
{
    switch (command) {
    case BIO_CTRL_FLUSH: return 1;
    case BIO_CTRL_EOF: return static_cast<SocketReads *>(BIO_get_data(bio))->eof ? 1 : 0;
    default: return 0;
    }
}

int socketReadsDestroy(BIO *bio)
{
    delete static_cast<SocketReads *>(BIO_get_data(bio));
    BIO_set_data(bio, nullptr);
    return 1;
}

// A BIO over fd, which it does not close; *reads is its state, which the
// BIO owns.
BIO *newSocketReads(int fd, SocketReads **reads)
{
    static BIO_METHOD *method = [] {
        BIO_METHOD *m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "loadgen socket");
        if (!m || !BIO_meth_set_read(m, socketReadsRead) || !BIO_meth_set_write(m, socketReadsWrite)
            || !BIO_meth_set_ctrl(m, socketReadsCtrl) || !BIO_meth_set_destroy(m, socketReadsDestroy))
            die("BIO_meth_new failed");
        return m;
    }();
    BIO *bio = BIO_new(method);
    if (!bio)
        die("BIO_new failed");
    *reads = new SocketReads;
    (*reads)->fd = fd;
    BIO_set_data(bio, *reads);
    BIO_set_init(bio, 1);
    return bio;
}

struct Conn {
    int fd = -1;
    SSL *ssl = nullptr;       // --tls
    SocketReads *reads = nullptr; // --tls: its BIO's, which ssl owns
    Role role = Role::Idle;
    uint32_t index = 0;       // position among the clients of its role
    bool connected = false;
    bool closed = false;
    bool welcomed = false;    // the server showed it knows the connection
    bool magicSeen = false;   // frames: the server's magic; websocket: its 101
    bool wantOut = false;     // EPOLLOUT is registered
    bool peerClosed = false;  // non-readers: the server cut it
    bool synced = false;      // receivers: a sync text came through
    std::string in;           // received bytes not parsed yet
    size_t scanned = 0;       // lines: bytes of `in` known to hold no '\n'
    std::string out;          // bytes to send from outOff
    size_t outOff = 0;
    uint64_t bytesIn = 0;
    uint64_t cycle = 0;       // churn: which cycle this connection is
    uint64_t connectedAt = 0;
    std::string notice;       // the last notice, e.g. why the server closed it
    std::string wsAccept;     // websocket: the Sec-WebSocket-Accept expected

    size_t pending() const { return out.size() - outOff; }
};

// Texts may be sent: connected, and with websocket the 101 came (the
// hello follows it, and must come first).
bool canSend(const Conn &c)
{
    return c.connected && (c.wsAccept.empty() || c.magicSeen);
}

enum class ErrorKind { Loss, Duplicate, Reorder, Corrupt, Disconnect, Connect, Protocol, Timeout, Count };

const char *errorName(ErrorKind k)
{
    switch (k) {
    case ErrorKind::Loss: return "LOSS";
    case ErrorKind::Duplicate: return "DUPLICATE";
    case ErrorKind::Reorder: return "REORDER";
    case ErrorKind::Corrupt: return "CORRUPT";
    case ErrorKind::Disconnect: return "DISCONNECTED";
    case ErrorKind::Connect: return "CONNECT";
    case ErrorKind::Protocol: return "PROTOCOL";
    case ErrorKind::Timeout: return "TIMEOUT";
    case ErrorKind::Count: break;
    }
    return "ERROR";
}

struct SenderState {
    uint32_t conn = 0;
    uint64_t sent = 0;            // messages generated so far
    uint64_t delivered = 0;       // every receiver is past every seq below this
    bool heldBack = false;        // paced: the window or the socket stopped it
    std::vector<uint32_t> passed; // ring: receivers past seq q, at q & mask
};

class LoadGen {
public:
    explicit LoadGen(Options options);
    ~LoadGen();
    LoadGen(const LoadGen &) = delete;
    LoadGen &operator=(const LoadGen &) = delete;
    int run();

private:
    // connections
    static constexpr uint32_t kNewSlot = UINT32_MAX;
    uint32_t open(Role role, uint32_t index, uint32_t slot = kNewSlot);
    void finishConnect(Conn &c);
    void onConnected(Conn &c);
    void closeConn(Conn &c);
    void lost(Conn &c, const std::string &why);
    void updateEvents(Conn &c);
    void flush(Conn &c);
    void sendGreeting(Conn &c);
    void shakeHands(Conn &c);
    // --tls: OpenSSL's verdict on a call that returned ret <= 0: true when it
    // only waits (*wantsWrite: for writable); else the connection is lost.
    bool tlsWaits(Conn &c, int ret, const char *what, bool *wantsWrite);

    // the loop
    void poll(uint64_t deadline);
    bool loopUntil(const std::function<bool()> &done, uint64_t deadline);
    void handle(Conn &c, uint32_t events);
    void readFrom(Conn &c);
    void consume(Conn &c, const char *data, size_t len);
    size_t parseLines(Conn &c, const char *p, size_t len, size_t scanFrom);
    size_t parseFrames(Conn &c, const unsigned char *p, size_t len);
    void onLine(Conn &c, std::string_view line);
    void onFrame(Conn &c, uint8_t type, const unsigned char *p, uint32_t len);
    void onText(Conn &c, std::string_view body);
    size_t parseWebSocket(Conn &c, const unsigned char *p, size_t len);
    bool onUpgradeResponse(Conn &c, std::string_view head);
    void onWebSocketMessage(Conn &c, std::string_view json);
    void appendWebSocketText(Conn &c, std::string_view text);
    void markWelcomed(Conn &c);

    // messages
    void appendMessage(Conn &c, uint32_t sender, uint64_t seq, uint64_t stamp);
    void appendText(Conn &c, std::string_view text);
    void pump(uint32_t sender);
    void pumpDirty();
    void markDirty(uint32_t sender);
    void record(uint32_t receiver, uint32_t sender, uint64_t seq, uint64_t stamp, size_t bytes);
    void advance(uint32_t sender, uint64_t from, uint64_t to);
    uint64_t scheduled(uint32_t sender, uint64_t seq) const;
    void armTimer(uint64_t at);
    bool allSent() const;
    uint64_t countLoss();

    void error(ErrorKind kind, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
    uint64_t errorTotal() const;
    std::string errorFields() const;

    int runLoad();
    int runConnectOnly();
    int runChurn();
    void drainNonReaders();
    void printResult(const std::string &fields);
    // Ends a run: "complete=" and the error counts after fields, the result
    // line printed, every connection closed; returns the exit code.
    int finishRun(std::string fields, bool complete, bool ok);
    std::string serverFields(const ProcSample &before, const ProcSample &after, double seconds) const;

    Options m_o;
    SSL_CTX *m_tls = nullptr;
    sockaddr_in m_addr {};
    int m_epoll = -1;
    int m_timer = -1;
    uint64_t m_timerAt = 0;
    uint64_t m_deadline = 0;      // --timeout, from the start
    uint64_t m_start = 0;
    uint64_t m_epoch = nowNs();      // time stamps in texts count from here
    uint64_t m_ringMask = 0;         // the window ring: a power of two >= W
    bool m_timedOut = false;

    std::vector<Conn> m_conns;
    std::vector<uint32_t> m_receiverConn;
    std::vector<uint32_t> m_nonReaderConn;
    std::vector<SenderState> m_senders;
    std::vector<uint32_t> m_dirty;   // senders whose window moved
    std::vector<char> m_isDirty;
    std::vector<char> m_buffer = std::vector<char>(256 * 1024);
    // websocket
    std::string m_hostPort;          // the Host header (and the Origin's host)
    uint64_t m_rng = 0x9E3779B97F4A7C15u; // keys and masks
    std::string m_json;              // a message being built or unescaped
    std::string m_text;              // a text being built
    uint32_t m_connected = 0;        // connections established so far
    uint32_t m_connectFailed = 0;
    uint32_t m_connecting = 0;       // connects not completed (nor failed) yet
    uint32_t m_welcomed = 0;
    uint32_t m_synced = 0;           // receivers that got a sync text
    uint32_t m_reconnects = 0;       // receivers connected again during sync
    uint64_t m_lastConnectAt = 0;
    uint64_t m_readAt = 0;           // when the current read returned
    bool m_running = false;          // senders are sending
    bool m_ending = false;           // the run is over: closes are expected

    // checking
    std::vector<uint64_t> m_next;    // receiver * S + sender: next expected seq
    std::map<uint64_t, std::set<uint64_t>> m_gaps; // skipped seqs, same key
    uint64_t m_gapCount = 0;
    uint64_t m_pairsDone = 0;        // (receiver, sender) with every seq seen
    uint64_t m_deliveries = 0;
    uint64_t m_deliveredBytes = 0;
    uint64_t m_lastProgress = 0;     // last send or delivery (for --drain)
    uint64_t m_lastDelivery = 0;
    Histogram m_latency;
    Histogram m_sendLag;             // paced: how late each message left
    std::string m_padding;           // what follows the numbers of a text
    char m_sep = ' ';
    uint64_t m_errors[size_t(ErrorKind::Count)] = {};

    // churn
    uint64_t m_cyclesStarted = 0;
    uint64_t m_cyclesDone = 0;
    uint64_t m_cycleLimit = 0;
    bool m_churnStop = false;
};

// What a run left open (each connection's SSL too) and the TLS context.
LoadGen::~LoadGen()
{
    for (Conn &c : m_conns)
        closeConn(c);
    SSL_CTX_free(m_tls);
}

LoadGen::LoadGen(Options options)
    : m_o(std::move(options))
{
    m_addr.sin_family = AF_INET;
    m_addr.sin_port = htons(uint16_t(m_o.port));
    if (inet_pton(AF_INET, m_o.host.c_str(), &m_addr.sin_addr) != 1)
        usageError("--host must be an IPv4 address, such as 127.0.0.1");
    m_sep = m_o.noSpaces ? '.' : ' ';
    m_hostPort = m_o.host + ":" + std::to_string(m_o.port);
    m_rng ^= nowNs();
    if (m_o.tls) {
        m_tls = SSL_CTX_new(TLS_client_method());
        if (!m_tls)
            die("SSL_CTX_new failed");
        SSL_CTX_set_verify(m_tls, SSL_VERIFY_NONE, nullptr);
        // Writes of the growing output string: partial, and from wherever
        // the string is now.
        SSL_CTX_set_mode(m_tls, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
        SSL_CTX_set_options(m_tls, SSL_OP_IGNORE_UNEXPECTED_EOF);
        // Reads take what the kernel has, several records at a time, not a
        // record's header and then its body: the client's cost should not be
        // two system calls a record.
        SSL_CTX_set_read_ahead(m_tls, 1);
        SSL_CTX_set_default_read_buffer_len(m_tls, kTlsReadAhead);
    }
    // Padding: the separator, then letters with a space every 8 bytes (no
    // spaces with --no-spaces), long enough for any message.
    m_padding.reserve(m_o.size + 1);
    m_padding.push_back(m_sep);
    while (m_padding.size() < m_o.size) {
        const size_t i = m_padding.size();
        m_padding.push_back(m_o.noSpaces ? char('a' + i % 26) : (i % 8 == 0 ? ' ' : char('a' + i % 26)));
    }
}

void LoadGen::error(ErrorKind kind, const char *fmt, ...)
{
    const uint64_t n = ++m_errors[size_t(kind)];
    if (n > kReportLimit)
        return;
    va_list ap;
    va_start(ap, fmt);
    std::fprintf(stderr, "loadgen: %s: ", errorName(kind));
    std::vfprintf(stderr, fmt, ap);
    std::fputc('\n', stderr);
    if (n == kReportLimit)
        std::fprintf(stderr, "loadgen: %s: (further ones are only counted)\n", errorName(kind));
    va_end(ap);
}

uint64_t LoadGen::errorTotal() const
{
    uint64_t n = 0;
    for (uint64_t e : m_errors)
        n += e;
    return n;
}

std::string LoadGen::errorFields() const
{
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "errors=%" PRIu64 " loss=%" PRIu64 " dup=%" PRIu64 " reorder=%" PRIu64
                  " corrupt=%" PRIu64 " disconnects=%" PRIu64 " connect_errors=%" PRIu64,
                  errorTotal(), m_errors[size_t(ErrorKind::Loss)],
                  m_errors[size_t(ErrorKind::Duplicate)], m_errors[size_t(ErrorKind::Reorder)],
                  m_errors[size_t(ErrorKind::Corrupt)] + m_errors[size_t(ErrorKind::Protocol)],
                  m_errors[size_t(ErrorKind::Disconnect)], m_errors[size_t(ErrorKind::Connect)]);
    return buf;
}

// ------------------------------------------------------------- connections

// Opens a connection in a new slot of m_conns, or in the given one (which
// must be closed).
uint32_t LoadGen::open(Role role, uint32_t index, uint32_t slot)
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        die("socket: %s (open files limit?)", std::strerror(errno));
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

    uint32_t id = slot;
    if (slot == kNewSlot) {
        id = uint32_t(m_conns.size());
        m_conns.emplace_back();
    }
    Conn &c = m_conns[id];
    c = Conn();
    c.fd = fd;
    c.role = role;
    c.index = index;

    epoll_event ev {};
    ev.events = EPOLLOUT;
    ev.data.u64 = id;
    if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev) != 0)
        die("epoll_ctl: %s", std::strerror(errno));
    c.wantOut = true;
    sockaddr_in addr = m_addr;
    if (role == Role::Receiver && !m_o.receiverPorts.empty())
        addr.sin_port = htons(uint16_t(m_o.receiverPorts[index % m_o.receiverPorts.size()]));
    if (connect(fd, reinterpret_cast<const sockaddr *>(&addr), sizeof addr) != 0
        && errno != EINPROGRESS) {
        const int err = errno;
        error(ErrorKind::Connect, "%s %u: connect: %s", roleName(role), index, std::strerror(err));
        ++m_connectFailed;
        closeConn(c);
    } else {
        ++m_connecting;
    }
    return id;
}

void LoadGen::finishConnect(Conn &c)
{
    if (!c.ssl)
        --m_connecting; // (with --tls, called again when the handshake ends)
    int err = 0;
    socklen_t len = sizeof err;
    if (getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
        err = errno;
    if (err != 0) {
        error(ErrorKind::Connect, "%s %u: connect: %s", roleName(c.role), c.index, std::strerror(err));
        ++m_connectFailed;
        closeConn(c);
        return;
    }
    if (m_tls && !c.ssl) {
        c.ssl = SSL_new(m_tls);
        BIO *bio = newSocketReads(c.fd, &c.reads);
        SSL_set_bio(c.ssl, bio, bio);
        // A relay's receivers read a whole flight at once, as in plain
        // (--connect-only's thousands of clients keep the smaller buffer).
        if (!m_o.connectOnly)
            SSL_set_default_read_buffer_len(c.ssl, m_buffer.size());
        SSL_set_connect_state(c.ssl);
        shakeHands(c);
        return;
    }
    c.connected = true;
    c.connectedAt = nowNs();
    m_lastConnectAt = c.connectedAt;
    ++m_connected;
    onConnected(c);
}

bool LoadGen::tlsWaits(Conn &c, int ret, const char *what, bool *wantsWrite)
{
    const int e = SSL_get_error(c.ssl, ret);
    *wantsWrite = e == SSL_ERROR_WANT_WRITE;
    if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE)
        return false;
    char why[256] = "closed by the server";
    if (e == SSL_ERROR_SSL)
        ERR_error_string_n(ERR_get_error(), why, sizeof why);
    else if (e == SSL_ERROR_SYSCALL && errno != 0)
        std::snprintf(why, sizeof why, "%s", std::strerror(errno));
    ERR_clear_error();
    if (!c.connected) {
        error(ErrorKind::Connect, "%s %u: TLS handshake: %s", roleName(c.role), c.index, why);
        ++m_connectFailed;
        closeConn(c);
    } else {
        lost(c, std::string(what) + ": " + why);
    }
    return true;
}

// --tls: drives the handshake; the connection counts as connected once it
// has ended.
void LoadGen::shakeHands(Conn &c)
{
    ERR_clear_error();
    const int r = SSL_do_handshake(c.ssl);
    if (r == 1) {
        finishConnect(c);
        return;
    }
    bool wantsWrite = false;
    if (tlsWaits(c, r, "TLS handshake", &wantsWrite))
        return;
    epoll_event ev {};
    ev.events = wantsWrite ? EPOLLOUT : EPOLLIN;
    ev.data.u64 = uint64_t(&c - m_conns.data());
    epoll_ctl(m_epoll, EPOLL_CTL_MOD, c.fd, &ev);
}

void LoadGen::onConnected(Conn &c)
{
    sendGreeting(c);
    updateEvents(c);
    flush(c);
}

void LoadGen::sendGreeting(Conn &c)
{
    if (m_o.framing == Framing::WebSocket) {
        // The hello follows the 101 (onUpgradeResponse).
        const std::string key = websocketwire::newKey(m_rng);
        c.wsAccept = websocketwire::acceptFor(key);
        c.out += websocketwire::upgradeRequest(m_hostPort, key, m_o.tls);
        return;
    }
    if (m_o.framing != Framing::Frames)
        return;
    char name[32];
    const int n = std::snprintf(name, sizeof name, "%c%u", roleName(c.role)[0], c.index);
    c.out.append(reinterpret_cast<const char *>(kMagic), 4);
    appendBe32(c.out, uint32_t(3 + n));
    c.out.push_back(char(kHello));
    c.out.push_back(0);
    c.out.push_back(1);           // version 1
    c.out.push_back(char(n));
    c.out.append(name, size_t(n));
}

void LoadGen::updateEvents(Conn &c)
{
    if (c.closed)
        return;
    const bool wantOut = c.pending() > 0;
    uint32_t events = c.role == Role::NonReader ? uint32_t(EPOLLRDHUP) : uint32_t(EPOLLIN);
    if (!c.connected || wantOut)
        events |= EPOLLOUT;
    epoll_event ev {};
    ev.events = events;
    ev.data.u64 = uint64_t(&c - m_conns.data());
    if (epoll_ctl(m_epoll, EPOLL_CTL_MOD, c.fd, &ev) != 0)
        die("epoll_ctl: %s", std::strerror(errno));
    c.wantOut = wantOut || !c.connected;
}

void LoadGen::flush(Conn &c)
{
    while (c.ssl && !c.closed && c.pending() > 0) {
        // A record at a time; a retry offers the same bytes and no fewer.
        ERR_clear_error();
        const int n = SSL_write(c.ssl, c.out.data() + c.outOff, int(std::min<size_t>(c.pending(), 16384)));
        if (n > 0) {
            c.outOff += size_t(n);
            continue;
        }
        bool wantsWrite = false;
        if (tlsWaits(c, n, "send", &wantsWrite))
            return;
        break;
    }
    while (!c.ssl && !c.closed && c.pending() > 0) {
        const ssize_t n = send(c.fd, c.out.data() + c.outOff, c.pending(), MSG_NOSIGNAL);
        if (n > 0) {
            c.outOff += size_t(n);
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (n < 0 && errno == EINTR)
            continue;
        lost(c, std::string("send: ") + std::strerror(errno));
        return;
    }
    if (c.closed)
        return;
    if (c.pending() == 0) {
        c.out.clear();
        c.outOff = 0;
    } else if (c.outOff > (1u << 20)) {
        c.out.erase(0, c.outOff);
        c.outOff = 0;
    }
    if ((c.pending() > 0) != c.wantOut)
        updateEvents(c);
}

void LoadGen::closeConn(Conn &c)
{
    if (c.closed)
        return;
    c.closed = true;
    if (c.ssl)
        SSL_free(c.ssl);
    c.ssl = nullptr;
    c.reads = nullptr;
    if (c.fd >= 0)
        close(c.fd); // also leaves the epoll set
    c.fd = -1;
    c.in.clear();
    c.in.shrink_to_fit();
    c.out.clear();
    c.out.shrink_to_fit();
}

// The server closed a connection, or it failed.
void LoadGen::lost(Conn &c, const std::string &why)
{
    const bool expected = m_ending || c.role == Role::NonReader || c.role == Role::Churn;
    if (!expected) {
        error(ErrorKind::Disconnect, "%s %u was disconnected: %s%s%s", roleName(c.role), c.index,
              why.c_str(), c.notice.empty() ? "" : "; the server's last notice: ",
              c.notice.c_str());
    }
    if (c.role == Role::NonReader)
        c.peerClosed = true;
    closeConn(c);
}

// --------------------------------------------------------------- the loop

void LoadGen::poll(uint64_t deadline)
{
    const uint64_t now = nowNs();
    int timeoutMs = 0;
    if (deadline > now)
        timeoutMs = int(std::min<uint64_t>((deadline - now + 999999) / 1000000, 10));
    epoll_event events[kMaxEvents];
    const int n = epoll_wait(m_epoll, events, kMaxEvents, timeoutMs);
    if (n < 0) {
        if (errno == EINTR)
            return;
        die("epoll_wait: %s", std::strerror(errno));
    }
    for (int i = 0; i < n; ++i) {
        if (events[i].data.u64 == kTimerTag) {
            uint64_t expirations = 0;
            [[maybe_unused]] const ssize_t r = read(m_timer, &expirations, sizeof expirations);
            m_timerAt = 0;
            for (uint32_t s = 0; s < m_senders.size(); ++s)
                pump(s);
            continue;
        }
        Conn &c = m_conns[events[i].data.u64];
        if (!c.closed)
            handle(c, events[i].events);
    }
    pumpDirty();
}

// Runs the loop until done() or the deadline (or --timeout). True if done().
bool LoadGen::loopUntil(const std::function<bool()> &done, uint64_t deadline)
{
    deadline = std::min(deadline, m_deadline);
    while (!done()) {
        if (nowNs() >= deadline) {
            if (deadline == m_deadline)
                m_timedOut = true;
            return false;
        }
        poll(deadline);
    }
    return true;
}

void LoadGen::handle(Conn &c, uint32_t events)
{
    if (!c.connected) {
        if (c.ssl)
            shakeHands(c);
        else if (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))
            finishConnect(c);
        return;
    }
    if (c.role == Role::NonReader) {
        if (events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)) {
            // Cut by the server. Stop watching: the unread data stays.
            c.peerClosed = true;
            epoll_ctl(m_epoll, EPOLL_CTL_DEL, c.fd, nullptr);
            return;
        }
        if (events & EPOLLOUT)
            flush(c);
        return;
    }
    if (events & (EPOLLIN | EPOLLHUP | EPOLLERR | EPOLLRDHUP))
        readFrom(c);
    if (!c.closed && (events & EPOLLOUT)) {
        flush(c);
        if (c.role == Role::Sender && c.pending() < kOutHigh)
            markDirty(c.index); // room again: write more
    }
}

void LoadGen::markDirty(uint32_t sender)
{
    if (!m_isDirty[sender]) {
        m_isDirty[sender] = 1;
        m_dirty.push_back(sender);
    }
}

void LoadGen::readFrom(Conn &c)
{
    if (c.ssl) {
        // Records until the kernel and OpenSSL have no more, a buffer at a
        // time (what OpenSSL holds already is not announced by epoll again).
        size_t got = 0;
        while (!c.closed) {
            if (got == m_buffer.size()) {
                m_readAt = nowNs();
                c.bytesIn += uint64_t(got);
                consume(c, m_buffer.data(), got);
                got = 0;
                continue;
            }
            ERR_clear_error();
            const int n = SSL_read(c.ssl, m_buffer.data() + got, int(m_buffer.size() - got));
            if (n > 0) {
                got += size_t(n);
                if (c.reads->shortRead && !SSL_has_pending(c.ssl))
                    break;
                continue;
            }
            bool wantsWrite = false;
            if (SSL_get_error(c.ssl, n) == SSL_ERROR_ZERO_RETURN) {
                if (got > 0)
                    break; // said by the next read
                lost(c, "closed by the server");
                return;
            }
            if (tlsWaits(c, n, "recv", &wantsWrite))
                return;
            break;
        }
        if (got > 0 && !c.closed) {
            m_readAt = nowNs();
            c.bytesIn += uint64_t(got);
            consume(c, m_buffer.data(), got);
        }
        return;
    }
    // One read per event; a second one when the first filled the buffer.
    for (int round = 0; round < 2 && !c.closed; ++round) {
        const ssize_t n = recv(c.fd, m_buffer.data(), m_buffer.size(), 0);
        if (n > 0) {
            m_readAt = nowNs();
            c.bytesIn += uint64_t(n);
            consume(c, m_buffer.data(), size_t(n));
            if (size_t(n) < m_buffer.size())
                return;
            continue;
        }
        if (n == 0) {
            lost(c, "closed by the server");
            return;
        }
        if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
            return;
        lost(c, std::string("recv: ") + std::strerror(errno));
        return;
    }
}

// Parses straight from the read buffer when nothing is pending, and keeps
// only the incomplete tail.
void LoadGen::consume(Conn &c, const char *data, size_t len)
{
    const auto parse = [&](const char *p, size_t n, size_t scanFrom) {
        const auto *u = reinterpret_cast<const unsigned char *>(p);
        switch (m_o.framing) {
        case Framing::Frames: return parseFrames(c, u, n);
        case Framing::WebSocket: return parseWebSocket(c, u, n);
        case Framing::Lines: break;
        }
        return parseLines(c, p, n, scanFrom);
    };
    if (c.in.empty()) {
        const size_t used = parse(data, len, 0);
        if (!c.closed && used < len) {
            c.in.assign(data + used, len - used);
            c.scanned = c.in.size();
        }
        return;
    }
    c.in.append(data, len);
    const size_t used = parse(c.in.data(), c.in.size(), c.scanned);
    if (c.closed)
        return;
    c.in.erase(0, used);
    c.scanned = c.in.size();
}

size_t LoadGen::parseLines(Conn &c, const char *p, size_t len, size_t scanFrom)
{
    size_t pos = 0;
    while (pos < len) {
        const size_t from = std::max(pos, scanFrom);
        const void *nl = std::memchr(p + from, '\n', len - from);
        if (!nl)
            break;
        const size_t end = size_t(static_cast<const char *>(nl) - p);
        size_t lineEnd = end;
        if (lineEnd > pos && p[lineEnd - 1] == '\r')
            --lineEnd;
        onLine(c, std::string_view(p + pos, lineEnd - pos));
        pos = end + 1;
        if (c.closed)
            return len;
    }
    return pos;
}

void LoadGen::onLine(Conn &c, std::string_view line)
{
    if (line.size() >= 2 && line[0] == '*' && line[1] == ' ') {
        c.notice.assign(line.substr(2));
        markWelcomed(c);
        return;
    }
    if (c.role != Role::Receiver)
        return;
    std::string_view body = line;
    const bool prefixed = !line.empty() && line[0] == '#';
    if (m_o.prefix == Prefix::Yes && !prefixed) {
        error(ErrorKind::Corrupt, "receiver %u got a line without the \"#N: \" prefix: \"%.60s\"",
              c.index, std::string(line).c_str());
        return;
    }
    if (prefixed && m_o.prefix != Prefix::No) {
        const size_t colon = line.find(": ");
        if (colon == std::string_view::npos) {
            error(ErrorKind::Corrupt, "receiver %u got a '#' line with no \": \": \"%.60s\"",
                  c.index, std::string(line).c_str());
            return;
        }
        body = line.substr(colon + 2);
    }
    onText(c, body);
}

size_t LoadGen::parseFrames(Conn &c, const unsigned char *p, size_t len)
{
    size_t pos = 0;
    if (!c.magicSeen) {
        const size_t have = std::min<size_t>(len, 4);
        if (std::memcmp(p, kMagic, have) != 0) {
            std::string start;
            for (size_t i = 0; i < std::min<size_t>(len, 40); ++i) {
                char hex[8];
                std::snprintf(hex, sizeof hex, "\\x%02x", unsigned(p[i]));
                start += p[i] >= 0x20 && p[i] < 0x7f ? std::string(1, char(p[i])) : std::string(hex);
            }
            error(ErrorKind::Protocol, "%s %u: the server does not speak frames: it sent \"%s\" (no magic)",
                  roleName(c.role), c.index, start.c_str());
            closeConn(c);
            return len;
        }
        if (len < 4)
            return 0;
        c.magicSeen = true;
        pos = 4;
    }
    while (len - pos >= 5) {
        const uint32_t plen = readBe32(p + pos);
        const uint8_t type = p[pos + 4];
        if (plen > kMaxFrame) {
            error(ErrorKind::Protocol, "%s %u: a frame of %u bytes", roleName(c.role), c.index, plen);
            closeConn(c);
            return len;
        }
        if (len - pos - 5 < plen)
            break;
        onFrame(c, type, p + pos + 5, plen);
        pos += 5 + size_t(plen);
        if (c.closed)
            return len;
    }
    return pos;
}

void LoadGen::onFrame(Conn &c, uint8_t type, const unsigned char *p, uint32_t len)
{
    switch (type) {
    case kHello:
        markWelcomed(c);
        return;
    case kText: {
        if (c.role != Role::Receiver)
            return;
        if (len < 5 || 5u + p[4] > len) {
            error(ErrorKind::Protocol, "receiver %u: a malformed text frame", c.index);
            return;
        }
        const size_t skip = 5u + p[4];
        onText(c, std::string_view(reinterpret_cast<const char *>(p) + skip, len - skip));
        return;
    }
    case kNotice:
        if (len >= 5) {
            c.notice.assign(reinterpret_cast<const char *>(p) + 5, len - 5);
            if (p[0] == kWelcome)
                markWelcomed(c);
        }
        return;
    case kPing:
        appendBe32(c.out, len);
        c.out.push_back(char(kPong));
        c.out.append(reinterpret_cast<const char *>(p), len);
        flush(c);
        return;
    case kPong:
        return;
    default:
        error(ErrorKind::Protocol, "%s %u: a frame of unknown type %u", roleName(c.role), c.index,
              unsigned(type));
        closeConn(c);
    }
}

// websocket: first the 101 (its head up to the empty line), then the
// server's frames: unmasked, never fragmented (docs/protocol.md 10.3).
size_t LoadGen::parseWebSocket(Conn &c, const unsigned char *p, size_t len)
{
    namespace ws = websocketwire;
    size_t pos = 0;
    if (!c.magicSeen) {
        const std::string_view bytes(reinterpret_cast<const char *>(p), len);
        const size_t end = bytes.find("\r\n\r\n");
        if (end == std::string_view::npos) {
            if (len <= ws::kMaxResponseHead)
                return 0;
            error(ErrorKind::Protocol, "%s %u: no end of the HTTP response in %zu bytes", roleName(c.role),
                  c.index, len);
            closeConn(c);
            return len;
        }
        if (!onUpgradeResponse(c, bytes.substr(0, end)))
            return len;
        pos = end + 4;
    }
    while (len - pos >= 2) {
        const ws::FrameHeader h = ws::readFrameHeader(p + pos, len - pos);
        if (!h.valid || (h.headerSize && (!h.fin || h.opcode == ws::kContinuation || h.opcode == ws::kBinary
                                          || (h.opcode >= 8 && h.length > ws::kMaxControlPayload)
                                          || h.length > kMaxFrame))) {
            error(ErrorKind::Protocol, "%s %u: a WebSocket frame a server must not send (byte 0x%02x, %" PRIu64
                  " bytes)", roleName(c.role), c.index, unsigned(p[pos]), h.length);
            closeConn(c);
            return len;
        }
        if (h.headerSize == 0 || len - pos - h.headerSize < h.length)
            break;
        const char *payload = reinterpret_cast<const char *>(p) + pos + h.headerSize;
        const size_t n = size_t(h.length);
        pos += h.headerSize + n;
        switch (h.opcode) {
        case ws::kText:
            onWebSocketMessage(c, std::string_view(payload, n));
            break;
        case ws::kPing:
            ws::appendClientFrame(c.out, ws::kPong, std::string_view(payload, n), uint32_t(ws::nextRandom(m_rng)));
            flush(c);
            break;
        case ws::kPong:
            break;
        case ws::kClose: {
            const unsigned status = n >= 2 ? (unsigned(uint8_t(payload[0])) << 8) | uint8_t(payload[1]) : 0;
            lost(c, "a close frame, status " + std::to_string(status)
                     + (n > 2 ? ": " + std::string(payload + 2, n - 2) : std::string()));
            return len;
        }
        default:
            error(ErrorKind::Protocol, "%s %u: a WebSocket frame of opcode %u", roleName(c.role), c.index,
                  unsigned(h.opcode));
            closeConn(c);
            return len;
        }
        if (c.closed)
            return len;
    }
    return pos;
}

// The server's answer to the upgrade: a 101 with the right accept, then
// the client's hello (the first message must be one, section 10.4).
bool LoadGen::onUpgradeResponse(Conn &c, std::string_view head)
{
    std::string why;
    if (!websocketwire::checkUpgradeResponse(head, c.wsAccept, &why)) {
        error(ErrorKind::Protocol, "%s %u: the WebSocket handshake failed: %s", roleName(c.role), c.index,
              why.c_str());
        closeConn(c);
        return false;
    }
    c.magicSeen = true;
    if (c.role == Role::Sender)
        markDirty(c.index); // it may send now
    char name[32];
    std::snprintf(name, sizeof name, "%c%u", roleName(c.role)[0], c.index);
    m_json.assign("{\"type\":\"hello\",\"name\":");
    websocketwire::appendJsonString(m_json, name);
    m_json += ",\"version\":1}";
    websocketwire::appendClientFrame(c.out, websocketwire::kText, m_json, uint32_t(websocketwire::nextRandom(m_rng)));
    flush(c);
    return true;
}

// One JSON message from the server (section 10.4): the welcome notice
// marks the client admitted; a text goes to the checks.
void LoadGen::onWebSocketMessage(Conn &c, std::string_view json)
{
    // A receiver's usual message, a text in section 10.4's member order with
    // nothing escaped, {"type":"text"[,"from":N][,"name":"..."],"text":"..."},
    // is read in place: the name's end and the body's checks are the only
    // searches. Anything else takes the general reader below.
    if (c.role == Role::Receiver && json.size() > 2 && json.substr(json.size() - 2) == "\"}") {
        static constexpr std::string_view kStart = "{\"type\":\"text\",";
        static constexpr std::string_view kFrom = "\"from\":";
        static constexpr std::string_view kName = "\"name\":\"";
        static constexpr std::string_view kText = "\"text\":\"";
        const char *const data = json.data();
        const size_t end = json.size() - 2; // the body's end
        size_t pos = kStart.size();
        bool usual = json.substr(0, pos) == kStart;
        if (usual && json.substr(pos, kFrom.size()) == kFrom) {
            pos += kFrom.size();
            while (pos < end && data[pos] >= '0' && data[pos] <= '9')
                ++pos;
            usual = pos < end && data[pos++] == ',';
        }
        if (usual && json.substr(pos, kName.size()) == kName) {
            pos += kName.size();
            const void *quote = pos < end ? std::memchr(data + pos, '"', end - pos) : nullptr;
            const size_t nameEnd = quote ? size_t(static_cast<const char *>(quote) - data) : end;
            usual = quote && !std::memchr(data + pos, '\\', nameEnd - pos) && nameEnd + 1 < end
                && data[nameEnd + 1] == ',';
            pos = nameEnd + 2;
        }
        if (usual && json.substr(pos, kText.size()) == kText && pos + kText.size() <= end) {
            pos += kText.size();
            const size_t n = end - pos;
            if (!std::memchr(data + pos, '"', n) && !std::memchr(data + pos, '\\', n)) {
                onText(c, json.substr(pos, n));
                return;
            }
        }
    }
    std::string_view type, kind;
    websocketwire::JsonMember text;
    bool hasText = false;
    const bool object = websocketwire::forEachMember(json, [&](const websocketwire::JsonMember &m) {
        if (m.key == "type" && m.isString)
            type = m.raw;
        else if (m.key == "kind" && m.isString)
            kind = m.raw;
        else if (m.key == "text" && m.isString) {
            text = m;
            hasText = true;
        }
        return true;
    });
    if (!object || type.empty() || (type != "hello" && !hasText)) {
        error(ErrorKind::Protocol, "%s %u: a WebSocket message that is not one of section 10.4: \"%.80s\"",
              roleName(c.role), c.index, std::string(json.substr(0, 80)).c_str());
        return;
    }
    if (type == "hello")
        return;
    std::string_view body = text.raw;
    if (text.escaped) {
        if (!websocketwire::unescape(text.raw, m_json)) {
            error(ErrorKind::Protocol, "%s %u: a malformed JSON string: \"%.80s\"", roleName(c.role), c.index,
                  std::string(text.raw.substr(0, 80)).c_str());
            return;
        }
        body = m_json;
    }
    if (type == "notice") {
        c.notice.assign(body);
        if (kind == "welcome")
            markWelcomed(c);
        return;
    }
    if (type == "text" && c.role == Role::Receiver)
        onText(c, body);
}

void LoadGen::markWelcomed(Conn &c)
{
    if (c.welcomed)
        return;
    c.welcomed = true;
    if (c.role == Role::Receiver || c.role == Role::Idle)
        ++m_welcomed;
}

// "s<sender> <seq> <stamp>" then the padding, to --size bytes (see the top).
void LoadGen::onText(Conn &c, std::string_view body)
{
    if (body.substr(0, 5) == "sync ") {
        if (!c.synced) {
            c.synced = true;
            ++m_synced;
        }
        return;
    }
    // "s" sender, separator, 16-digit seq, separator, 16-digit stamp.
    uint32_t sender = 0;
    size_t pos = 1;
    bool ok = body.size() >= 2 && body[0] == 's';
    while (ok && pos < body.size() && pos < 11 && body[pos] >= '0' && body[pos] <= '9')
        sender = sender * 10 + uint32_t(body[pos++] - '0');
    uint64_t seq = 0, stamp = 0;
    const size_t headEnd = pos + 2 * (1 + kNumberWidth);
    ok = ok && pos > 1 && body.size() >= headEnd && body[pos] == m_sep
        && parseNumber(body.data() + pos + 1, seq) && body[pos + 1 + kNumberWidth] == m_sep
        && parseNumber(body.data() + pos + 2 + kNumberWidth, stamp);
    // What follows must be exactly the padding.
    if (ok) {
        const size_t expected = std::max(m_o.size, headEnd);
        ok = body.size() == expected
            && std::memcmp(body.data() + headEnd, m_padding.data(), body.size() - headEnd) == 0;
    }
    if (!ok) {
        error(ErrorKind::Corrupt, "receiver %u got a text that is not a loadgen message (%zu bytes): \"%.60s\"",
              c.index, body.size(), std::string(body.substr(0, 60)).c_str());
        return;
    }
    record(c.index, sender, seq, m_epoch + stamp, body.size());
}

// --------------------------------------------------------------- messages

void LoadGen::appendMessage(Conn &c, uint32_t sender, uint64_t seq, uint64_t stamp)
{
    char head[16 + 2 * (1 + kNumberWidth)];
    const int n = std::snprintf(head, sizeof head, "s%u%c", sender, m_sep);
    size_t headLen = size_t(n);
    writeNumber(head + headLen, seq);
    headLen += kNumberWidth;
    head[headLen++] = m_sep;
    writeNumber(head + headLen, stamp - m_epoch);
    headLen += kNumberWidth;
    const size_t bodyLen = std::max(m_o.size, headLen);
    if (m_o.framing == Framing::WebSocket) {
        m_text.assign(head, headLen);
        m_text.append(m_padding, 0, bodyLen - headLen);
        appendWebSocketText(c, m_text);
        return;
    }
    if (m_o.framing == Framing::Frames) {
        appendBe32(c.out, uint32_t(5 + bodyLen));
        c.out.push_back(char(kText));
        c.out.append(5, '\0'); // senderId 0, no name
    }
    c.out.append(head, headLen);
    c.out.append(m_padding, 0, bodyLen - headLen);
    if (m_o.framing == Framing::Lines)
        c.out.push_back('\n');
}

// websocket: {"type":"text","text":...} in one masked text frame.
void LoadGen::appendWebSocketText(Conn &c, std::string_view text)
{
    m_json.assign("{\"type\":\"text\",\"text\":");
    websocketwire::appendJsonString(m_json, text);
    m_json.push_back('}');
    websocketwire::appendClientFrame(c.out, websocketwire::kText, m_json, uint32_t(websocketwire::nextRandom(m_rng)));
}

void LoadGen::appendText(Conn &c, std::string_view text)
{
    if (m_o.framing == Framing::WebSocket) {
        appendWebSocketText(c, text);
        return;
    }
    if (m_o.framing == Framing::Frames) {
        appendBe32(c.out, uint32_t(5 + text.size()));
        c.out.push_back(char(kText));
        c.out.append(5, '\0');
    }
    c.out.append(text);
    if (m_o.framing == Framing::Lines)
        c.out.push_back('\n');
}

// When sender s sends its seq-th message, paced: senders take turns, so
// together they send R messages per second.
uint64_t LoadGen::scheduled(uint32_t sender, uint64_t seq) const
{
    const double index = double(seq) * double(m_o.senders) + double(sender);
    return m_start + uint64_t(index * 1e9 / m_o.rate);
}

void LoadGen::armTimer(uint64_t at)
{
    if (m_timerAt != 0 && m_timerAt <= at)
        return;
    m_timerAt = at;
    itimerspec its {};
    its.it_value.tv_sec = time_t(at / 1000000000u);
    its.it_value.tv_nsec = long(at % 1000000000u);
    if (timerfd_settime(m_timer, TFD_TIMER_ABSTIME, &its, nullptr) != 0)
        die("timerfd_settime: %s", std::strerror(errno));
}

// Writes what sender s may send now: within its window and, when paced, what
// is due. It stops when the window is full (deliveries bring it back),
// nothing more is due (the timer does), or the socket takes no more
// (EPOLLOUT does).
void LoadGen::pump(uint32_t sender)
{
    SenderState &st = m_senders[sender];
    Conn &c = m_conns[st.conn];
    const bool paced = m_o.rate > 0;
    const bool windowed = !m_receiverConn.empty();
    while (m_running && !c.closed && canSend(c) && st.sent < m_o.messages) {
        if (c.pending() >= kOutHigh) {
            flush(c);
            if (c.pending() >= kOutHigh) {
                st.heldBack = true;
                return;
            }
            continue;
        }
        if (windowed && st.sent - st.delivered >= m_o.window) {
            st.heldBack = true;
            break;
        }
        const uint64_t now = nowNs();
        uint64_t stamp = now;
        if (paced) {
            const uint64_t due = scheduled(sender, st.sent);
            if (due > now) {
                st.heldBack = false;
                armTimer(due);
                break;
            }
            // Late because the server held the sender back: the latency
            // counts from when the message was due (no coordinated
            // omission). Late only because this loop woke up late: from now.
            m_sendLag.record(now - due);
            if (st.heldBack)
                stamp = due;
        }
        appendMessage(c, sender, st.sent, stamp);
        ++st.sent;
        if (!windowed)
            st.delivered = st.sent;
        m_lastProgress = now;
    }
    flush(c);
}

void LoadGen::pumpDirty()
{
    std::vector<uint32_t> dirty;
    dirty.swap(m_dirty);
    for (uint32_t s : dirty) {
        m_isDirty[s] = 0;
        pump(s);
    }
}

bool LoadGen::allSent() const
{
    for (const SenderState &st : m_senders) {
        if (st.sent < m_o.messages || m_conns[st.conn].pending() > 0)
            return false;
    }
    return true;
}

// A receiver got message seq of sender s: check it against what that
// receiver had from s so far.
void LoadGen::record(uint32_t receiver, uint32_t sender, uint64_t seq, uint64_t stamp, size_t bytes)
{
    if (sender >= m_senders.size() || seq >= m_senders[sender].sent) {
        error(ErrorKind::Corrupt, "receiver %u got seq %" PRIu64 " of sender %u, which was never sent",
              receiver, seq, sender);
        return;
    }
    const uint64_t key = uint64_t(receiver) * m_senders.size() + sender;
    uint64_t &next = m_next[key];
    if (seq < next) {
        auto it = m_gaps.find(key);
        if (it == m_gaps.end() || it->second.erase(seq) == 0) {
            error(ErrorKind::Duplicate, "receiver %u got seq %" PRIu64 " of sender %u twice",
                  receiver, seq, sender);
            return;
        }
        --m_gapCount;
        if (it->second.empty())
            m_gaps.erase(it);
        error(ErrorKind::Reorder, "receiver %u got seq %" PRIu64 " of sender %u after seq %" PRIu64,
              receiver, seq, sender, next - 1);
    } else {
        if (seq > next) {
            // Skipped: lost, or coming later out of order.
            std::set<uint64_t> &gap = m_gaps[key];
            for (uint64_t q = next; q < seq; ++q)
                gap.insert(q);
            m_gapCount += seq - next;
        }
        advance(sender, next, seq + 1);
        next = seq + 1;
        if (next == m_o.messages)
            ++m_pairsDone;
    }
    if (m_readAt > stamp)
        m_latency.record(m_readAt - stamp);
    else
        m_latency.record(0);
    ++m_deliveries;
    m_deliveredBytes += bytes;
    m_lastProgress = m_readAt;
    m_lastDelivery = m_readAt;
}

// One receiver moved past seqs [from, to) of sender s: move the sender's
// window when every receiver has.
void LoadGen::advance(uint32_t sender, uint64_t from, uint64_t to)
{
    SenderState &st = m_senders[sender];
    const uint64_t mask = m_ringMask;
    const uint32_t receivers = uint32_t(m_receiverConn.size());
    for (uint64_t q = from; q < to; ++q)
        ++st.passed[q & mask];
    bool moved = false;
    while (st.delivered < st.sent && st.passed[st.delivered & mask] == receivers) {
        st.passed[st.delivered & mask] = 0;
        ++st.delivered;
        moved = true;
    }
    if (moved)
        markDirty(sender);
}

// Reports every (receiver, sender) that misses messages; returns how many
// are missing in all.
uint64_t LoadGen::countLoss()
{
    uint64_t total = 0;
    const uint32_t senders = uint32_t(m_senders.size());
    for (uint32_t r = 0; r < m_receiverConn.size(); ++r) {
        for (uint32_t s = 0; s < senders; ++s) {
            const uint64_t key = uint64_t(r) * senders + s;
            const auto it = m_gaps.find(key);
            const uint64_t holes = it == m_gaps.end() ? 0 : it->second.size();
            const uint64_t missing = holes + (m_o.messages - m_next[key]);
            if (missing == 0)
                continue;
            total += missing;
            const uint64_t first = holes ? *it->second.begin() : m_next[key];
            error(ErrorKind::Loss, "receiver %u is missing %" PRIu64 " of the %" PRIu64
                  " messages of sender %u (first missing: seq %" PRIu64 ")",
                  r, missing, m_o.messages, s, first);
        }
    }
    return total;
}

// ------------------------------------------------------------------ modes

std::string LoadGen::serverFields(const ProcSample &before, const ProcSample &after, double seconds) const
{
    if (m_o.serverPid <= 0)
        return {};
    char buf[256];
    double cpu = -1;
    if (before.cpuSeconds >= 0 && after.cpuSeconds >= 0 && seconds > 0)
        cpu = 100.0 * (after.cpuSeconds - before.cpuSeconds) / seconds;
    std::snprintf(buf, sizeof buf, " rss_before_kb=%ld rss_kb=%ld hwm_kb=%ld srv_cpu_pct=%.0f",
                  before.rssKb, after.rssKb, after.hwmKb, cpu);
    return buf;
}

void LoadGen::printResult(const std::string &fields)
{
    std::printf("result %s\n", fields.c_str());
    std::fflush(stdout);
}

int LoadGen::run()
{
    std::signal(SIGPIPE, SIG_IGN);
    raiseFileLimit();
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    m_timer = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    if (m_epoll < 0 || m_timer < 0)
        die("epoll/timerfd: %s", std::strerror(errno));
    epoll_event ev {};
    ev.events = EPOLLIN;
    ev.data.u64 = kTimerTag;
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_timer, &ev);
    m_start = nowNs();
    m_deadline = m_start + secondsToNs(m_o.timeout);
    if (m_o.churn)
        return runChurn();
    if (m_o.connectOnly)
        return runConnectOnly();
    return runLoad();
}

int LoadGen::runLoad()
{
    const ProcSample before = sampleProcess(m_o.serverPid);
    const uint32_t receivers = m_o.receivers;
    const uint32_t senders = m_o.senders;
    m_conns.reserve(size_t(receivers) + m_o.nonReaders + senders);
    m_next.assign(size_t(receivers) * senders, 0);

    // 1. Receivers and non-readers connect, all at once.
    const uint64_t t0 = nowNs();
    for (uint32_t r = 0; r < receivers; ++r)
        m_receiverConn.push_back(open(Role::Receiver, r));
    for (uint32_t k = 0; k < m_o.nonReaders; ++k)
        m_nonReaderConn.push_back(open(Role::NonReader, k));
    const uint32_t first = receivers + m_o.nonReaders;
    loopUntil([&] { return m_connected + m_connectFailed >= first; }, UINT64_MAX);
    const double connectMs = first ? double(m_lastConnectAt - t0) / 1e6 : 0;
    if (m_connectFailed || m_connected < first) {
        note("only %u of %u clients connected", m_connected, first);
        printResult("mode=run complete=0 " + errorFields());
        return 1;
    }

    // 2. Their welcome (the server knows their framing), or a timeout for
    //    servers that send none.
    loopUntil([&] { return m_welcomed >= receivers || errorTotal() > 0; },
              nowNs() + secondsToNs(m_o.welcomeTimeout));
    double readyMs = m_welcomed >= receivers ? double(nowNs() - t0) / 1e6 : -1;
    if (m_welcomed > 0 && m_welcomed < receivers) {
        // The server greets clients, but not all of these: the rest would
        // miss messages. That is the finding, not a loss to count.
        error(ErrorKind::Connect, "only %u of %u receivers were welcomed within %.1f s "
              "(the server did not accept or greet the others)", m_welcomed, receivers, m_o.welcomeTimeout);
        printResult("mode=run complete=0 welcomed=" + std::to_string(m_welcomed) + " " + errorFields());
        return 1;
    }
    if (m_o.welcomeTimeout > 0 && m_welcomed == 0 && receivers > 0)
        note("no welcome within %.1f s: going on as with a server that sends none", m_o.welcomeTimeout);
    loopUntil([] { return false; }, nowNs() + secondsToNs(m_o.settle));

    // 3. Senders connect.
    m_senders.resize(senders);
    m_isDirty.assign(senders, 0);
    size_t ring = 1;
    while (ring < m_o.window)
        ring *= 2;
    m_ringMask = ring - 1;
    for (uint32_t s = 0; s < senders; ++s) {
        m_senders[s].passed.assign(ring, 0);
        m_senders[s].conn = open(Role::Sender, s);
    }
    const uint64_t connectedBefore = m_connected;
    loopUntil([&] { return m_connected + m_connectFailed >= connectedBefore + senders; }, UINT64_MAX);
    if (m_connectFailed) {
        printResult("mode=run complete=0 " + errorFields());
        return 1;
    }

    // 4. Sync: the first sender sends "sync N" texts until every receiver
    //    has one, so that the server relays to all of them (a connection
    //    the kernel completed may not be accepted yet, and a server with no
    //    welcome gives no other sign).
    //    A server with a short listen queue (ncat: 10) may never learn of a
    //    receiver the kernel completed with a SYN cookie: a receiver that
    //    sends nothing stays unknown to it. With such servers (no welcome),
    //    a receiver with no sync text after a second connects again.
    if (receivers > 0) {
        Conn &syncer = m_conns[m_senders[0].conn];
        const bool retry = m_welcomed == 0;
        uint64_t next = 0;
        uint64_t retryAt = nowNs() + 1000000000u;
        uint32_t count = 0;
        const bool synced = loopUntil(
            [&] {
                if (m_synced >= receivers || syncer.closed || errorTotal() > 0)
                    return true;
                const uint64_t now = nowNs();
                if (now >= next && canSend(syncer)) {
                    appendText(syncer, "sync " + std::to_string(++count));
                    flush(syncer);
                    next = now + 20000000u; // every 20 ms
                }
                if (retry && now >= retryAt) {
                    for (uint32_t r = 0; r < receivers; ++r) {
                        Conn &c = m_conns[m_receiverConn[r]];
                        if (!c.synced && c.connected) {
                            closeConn(c);
                            open(Role::Receiver, r, m_receiverConn[r]);
                            ++m_reconnects;
                        }
                    }
                    retryAt = now + 1000000000u;
                }
                return false;
            },
            nowNs() + secondsToNs(m_o.syncTimeout));
        if (!synced || m_synced < receivers) {
            error(ErrorKind::Connect, "only %u of %u receivers got a sync text within %.1f s "
                  "(the server did not accept or relay to the others)", m_synced, receivers, m_o.syncTimeout);
            printResult("mode=run complete=0 synced=" + std::to_string(m_synced) + " " + errorFields());
            return 1;
        }
        if (readyMs < 0)
            readyMs = double(nowNs() - t0) / 1e6;
    }
    m_running = true;
    const uint64_t start = nowNs();
    const ProcSample atStart = sampleProcess(m_o.serverPid);
    const double cpuAtStart = processCpuSeconds();
    m_start = start; // the pacing schedule starts now
    m_lastProgress = start;
    for (uint32_t s = 0; s < senders; ++s)
        pump(s);

    // 5. The run: until every receiver has every message, or nothing moves
    //    any more.
    const uint64_t expectedPairs = uint64_t(receivers) * senders;
    const uint64_t drainNs = secondsToNs(m_o.drain);
    const bool complete = loopUntil(
        [&] {
            if (m_errors[size_t(ErrorKind::Disconnect)] + m_errors[size_t(ErrorKind::Protocol)]
                    + m_errors[size_t(ErrorKind::Connect)] > 0)
                return true; // a receiver or sender is gone: the run cannot complete
            if (receivers == 0)
                return allSent();
            if (m_pairsDone == expectedPairs && m_gapCount == 0)
                return true;
            return allSent() && nowNs() - m_lastProgress > drainNs;
        },
        UINT64_MAX);
    const uint64_t loopEnd = nowNs();
    const uint64_t end = receivers ? std::max(m_lastDelivery, start) : loopEnd;
    const double seconds = double(end - start) / 1e9;
    const double wall = double(loopEnd - start) / 1e9; // for CPU shares
    const double lgCpu = processCpuSeconds() - cpuAtStart;
    const ProcSample after = sampleProcess(m_o.serverPid);
    m_ending = true;
    m_running = false;

    // 6. The non-readers: were they cut?
    uint32_t nonReadersClosed = 0;
    uint64_t nonReaderBytes = 0;
    if (m_o.nonReaders) {
        drainNonReaders();
        for (uint32_t id : m_nonReaderConn) {
            nonReadersClosed += m_conns[id].peerClosed ? 1 : 0;
            nonReaderBytes += m_conns[id].bytesIn;
        }
    }

    if (m_timedOut)
        error(ErrorKind::Timeout, "the run did not complete within --timeout %.1f s", m_o.timeout);
    const uint64_t lost = receivers ? countLoss() : 0;
    const uint64_t expected = expectedPairs * m_o.messages;
    uint64_t sent = 0;
    for (const SenderState &st : m_senders)
        sent += st.sent;
    const bool ok = complete && errorTotal() == 0 && lost == 0;

    char buf[1024];
    std::snprintf(buf, sizeof buf,
                  "mode=run framing=%s receivers=%u senders=%u messages=%" PRIu64 " size=%zu"
                  " window=%" PRIu64 " rate=%.0f sent=%" PRIu64 " deliveries=%" PRIu64
                  " expected=%" PRIu64 " seconds=%.3f deliveries_per_s=%.0f mb_per_s=%.1f"
                  " p50_us=%.1f p99_us=%.1f p999_us=%.1f max_us=%.1f connect_ms=%.1f ready_ms=%.1f"
                  " welcomed=%u reconnects=%u send_lag_p99_us=%.1f lg_cpu_pct=%.0f",
                  framingName(m_o.framing), receivers, senders,
                  m_o.messages, m_o.size, m_o.window, m_o.rate, sent, m_deliveries, expected,
                  seconds, seconds > 0 ? double(m_deliveries) / seconds : 0,
                  seconds > 0 ? double(m_deliveredBytes) / seconds / 1e6 : 0,
                  double(m_latency.percentile(0.50)) / 1e3, double(m_latency.percentile(0.99)) / 1e3,
                  double(m_latency.percentile(0.999)) / 1e3, double(m_latency.max()) / 1e3,
                  connectMs, readyMs, m_welcomed, m_reconnects, double(m_sendLag.percentile(0.99)) / 1e3,
                  wall > 0 ? 100.0 * lgCpu / wall : 0);
    std::string fields = buf;
    if (m_o.nonReaders) {
        std::snprintf(buf, sizeof buf, " nonreaders_closed=%u/%u nonreader_mb=%.1f", nonReadersClosed,
                      m_o.nonReaders, double(nonReaderBytes) / 1e6);
        fields += buf;
    }
    fields += serverFields(atStart, after, wall);
    if (m_o.serverPid > 0 && before.rssKb >= 0) {
        std::snprintf(buf, sizeof buf, " rss_idle_kb=%ld", before.rssKb);
        fields += buf;
    }
    return finishRun(std::move(fields), ok, ok);
}

// After the run: give the server --non-reader-wait to cut the non-readers,
// then read what each holds. A cut one ends in EOF or a reset once its
// data is read; one that was not cut keeps getting data, then goes quiet.
void LoadGen::drainNonReaders()
{
    const auto allCut = [&] {
        for (uint32_t id : m_nonReaderConn) {
            if (!m_conns[id].peerClosed)
                return false;
        }
        return true;
    };
    loopUntil(allCut, nowNs() + secondsToNs(m_o.nonReaderWait));
    const uint64_t until = nowNs() + secondsToNs(5);
    uint64_t quietSince = nowNs();
    std::vector<char> done(m_nonReaderConn.size(), 0);
    size_t remaining = m_nonReaderConn.size();
    while (remaining > 0 && nowNs() < until && nowNs() - quietSince < 300000000u) {
        bool any = false;
        for (size_t k = 0; k < m_nonReaderConn.size(); ++k) {
            Conn &c = m_conns[m_nonReaderConn[k]];
            if (done[k])
                continue;
            const ssize_t n = recv(c.fd, m_buffer.data(), m_buffer.size(), 0);
            if (n > 0) {
                c.bytesIn += uint64_t(n);
                any = true;
            } else if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
                c.peerClosed = true;
                done[k] = 1;
                --remaining;
            }
        }
        if (any)
            quietSince = nowNs();
        else
            usleep(1000);
    }
    for (size_t k = 0; k < m_nonReaderConn.size(); ++k) {
        Conn &c = m_conns[m_nonReaderConn[k]];
        if (!done[k])
            c.peerClosed = false; // data ran dry without an end: still open
    }
}

int LoadGen::runConnectOnly()
{
    const ProcSample before = sampleProcess(m_o.serverPid);
    const uint32_t n = m_o.connectOnly;
    m_conns.reserve(n);
    const uint64_t t0 = nowNs();
    // Plain: all at once. With --tls a client sends its ClientHello as soon
    // as it is connected, but this one thread makes each one's key share in
    // turn (10,000 take about a second): connections opened all at once
    // waited their turn longer than the server's framing grace (300 ms) and
    // were taken for silent plain clients. So at most kTlsOpening wait to
    // send theirs at any time; the next opens as one sends.
    uint32_t opened = 0;
    const auto openMore = [&] {
        while (opened < n && (!m_tls || m_connecting < kTlsOpening))
            open(Role::Idle, opened++);
    };
    openMore();
    loopUntil(
        [&] {
            openMore();
            return m_connected + m_connectFailed >= n;
        },
        UINT64_MAX);
    // The server's CPU for the connects (with --tls, the handshakes).
    const ProcSample connected = sampleProcess(m_o.serverPid);
    const double connectMs = double(m_lastConnectAt - t0) / 1e6;
    double readyMs = -1;
    if (m_o.welcomeTimeout > 0) {
        if (loopUntil([&] { return m_welcomed >= m_connected; }, nowNs() + secondsToNs(m_o.welcomeTimeout)))
            readyMs = double(nowNs() - t0) / 1e6;
        else if (m_welcomed > 0)
            error(ErrorKind::Connect, "only %u of %u clients were welcomed within %.1f s", m_welcomed,
                  m_connected, m_o.welcomeTimeout);
    }
    loopUntil([] { return false; }, nowNs() + secondsToNs(m_o.hold));
    const ProcSample after = sampleProcess(m_o.serverPid);
    uint32_t stillOpen = 0;
    for (const Conn &c : m_conns)
        stillOpen += c.closed ? 0 : 1;
    m_ending = true;
    if (m_timedOut)
        error(ErrorKind::Timeout, "not all clients connected within --timeout %.1f s", m_o.timeout);
    const bool ok = errorTotal() == 0 && stillOpen == n;

    char buf[512];
    std::snprintf(buf, sizeof buf,
                  "mode=connect framing=%s clients=%u connected=%u open=%u welcomed=%u connect_ms=%.1f"
                  " ready_ms=%.1f",
                  framingName(m_o.framing), n, m_connected, stillOpen,
                  m_welcomed, connectMs, readyMs);
    std::string fields = buf;
    fields += serverFields(before, after, double(nowNs() - t0) / 1e9);
    if (m_o.serverPid > 0 && before.rssKb >= 0 && after.rssKb >= 0) {
        std::snprintf(buf, sizeof buf, " rss_per_client_b=%.0f",
                      double(after.rssKb - before.rssKb) * 1024.0 / double(n));
        fields += buf;
    }
    if (m_o.serverPid > 0 && before.cpuSeconds >= 0 && connected.cpuSeconds >= 0 && m_connected > 0) {
        const double cpu = connected.cpuSeconds - before.cpuSeconds;
        std::snprintf(buf, sizeof buf, " tls=%d connect_srv_cpu_s=%.2f srv_cpu_per_connect_us=%.0f", m_o.tls ? 1 : 0,
                      cpu, cpu * 1e6 / double(m_connected));
        fields += buf;
    }
    return finishRun(std::move(fields), ok, ok);
}

// Connect, wait for the welcome when one is expected, then close: even
// cycles cleanly, odd ones with a reset.
int LoadGen::runChurn()
{
    const uint32_t parallel = uint32_t(std::min<uint64_t>(m_o.churnParallel, m_o.churn + m_o.churnWarmup));
    m_conns.reserve(parallel);
    const uint64_t welcomeNs = secondsToNs(m_o.welcomeTimeout);
    uint64_t noWelcome = 0;
    uint64_t resets = 0;
    uint64_t serverClosed = 0;

    const auto startCycle = [&](uint32_t slot) {
        const uint64_t cycle = m_cyclesStarted++;
        const uint32_t id = open(Role::Churn, slot, slot < m_conns.size() ? slot : kNewSlot);
        m_conns[id].cycle = cycle;
    };
    const auto endCycle = [&](Conn &c) {
        if (!c.closed) {
            // Read what the server sent, so that a clean close is a FIN.
            while (recv(c.fd, m_buffer.data(), m_buffer.size(), 0) > 0) {
            }
            if (c.cycle % 2 == 1) {
                const linger lin { 1, 0 };
                setsockopt(c.fd, SOL_SOCKET, SO_LINGER, &lin, sizeof lin);
                ++resets;
            }
            closeConn(c);
        } else if (c.connected) {
            ++serverClosed;
        }
        ++m_cyclesDone;
        if (!m_churnStop && m_cyclesStarted < m_cycleLimit)
            startCycle(c.index);
    };
    // One sweep over the slots: finish the cycles that are ready to end.
    const auto sweep = [&] {
        const uint64_t now = nowNs();
        for (uint32_t slot = 0; slot < m_conns.size(); ++slot) {
            Conn &c = m_conns[slot];
            if (c.cycle == UINT64_MAX)
                continue; // this slot is finished
            const bool failed = c.closed;
            const bool ready = c.connected && (welcomeNs == 0 || c.welcomed);
            const bool late = welcomeNs > 0 && c.connected && !c.welcomed && now - c.connectedAt > welcomeNs;
            if (late)
                ++noWelcome;
            if (failed || ready || late) {
                const bool last = m_churnStop || m_cyclesStarted >= m_cycleLimit;
                endCycle(c);
                if (last)
                    c.cycle = UINT64_MAX;
            }
        }
    };
    const auto churn = [&](uint64_t cycles, double budget) {
        m_cycleLimit = m_cyclesStarted + cycles;
        m_churnStop = false;
        const uint64_t target = m_cyclesDone + cycles;
        const uint64_t stopAt = budget > 0 ? nowNs() + secondsToNs(budget) : UINT64_MAX;
        for (uint32_t slot = 0; slot < parallel && m_cyclesStarted < m_cycleLimit; ++slot)
            startCycle(slot);
        while (m_cyclesDone < target && nowNs() < m_deadline) {
            poll(m_deadline);
            if (nowNs() >= stopAt)
                m_churnStop = true;
            sweep();
            if (m_churnStop) {
                bool busy = false;
                for (const Conn &c : m_conns)
                    busy = busy || (c.cycle != UINT64_MAX && !c.closed);
                if (!busy)
                    break;
            }
        }
        for (Conn &c : m_conns) {
            closeConn(c);
            c.cycle = 0;
        }
    };

    if (m_o.churnWarmup)
        churn(m_o.churnWarmup, 0);
    // No connection is open between the phases: this lets the server
    // finish the last closes before its memory is read.
    const auto settle = [&] {
        const uint64_t end = nowNs() + secondsToNs(m_o.settle);
        while (nowNs() < end)
            usleep(10000);
    };
    const uint64_t warmupDone = m_cyclesDone;
    settle();
    const ProcSample before = sampleProcess(m_o.serverPid);
    m_cyclesDone = 0;
    m_cyclesStarted = 0;
    resets = 0;
    noWelcome = 0;
    serverClosed = 0;
    // In two halves, so that steady growth (a leak) can be told from a
    // one-time step (caches, allocator arenas).
    uint64_t t0 = nowNs();
    churn(m_o.churn / 2, m_o.churnTime / 2);
    double seconds = double(nowNs() - t0) / 1e9;
    settle();
    const ProcSample middle = sampleProcess(m_o.serverPid);
    t0 = nowNs();
    churn(m_o.churn - m_cyclesDone, m_o.churnTime / 2);
    seconds += double(nowNs() - t0) / 1e9;
    const bool truncated = m_cyclesDone < m_o.churn;
    if (truncated && nowNs() >= m_deadline)
        error(ErrorKind::Timeout, "%" PRIu64 " of %" PRIu64 " cycles within --timeout %.1f s",
              m_cyclesDone, m_o.churn, m_o.timeout);
    settle();
    const ProcSample after = sampleProcess(m_o.serverPid);

    char buf[512];
    std::snprintf(buf, sizeof buf,
                  "mode=churn framing=%s cycles=%" PRIu64 " requested=%" PRIu64 " warmup=%" PRIu64
                  " resets=%" PRIu64 " server_closed=%" PRIu64 " no_welcome=%" PRIu64
                  " seconds=%.3f cycles_per_s=%.0f truncated=%d",
                  framingName(m_o.framing), m_cyclesDone, m_o.churn,
                  warmupDone, resets, serverClosed, noWelcome, seconds,
                  seconds > 0 ? double(m_cyclesDone) / seconds : 0, truncated ? 1 : 0);
    std::string fields = buf;
    fields += serverFields(before, after, seconds);
    if (m_o.serverPid > 0 && before.rssKb >= 0 && middle.rssKb >= 0 && after.rssKb >= 0) {
        std::snprintf(buf, sizeof buf, " rss_growth_kb=%ld first_half_kb=%ld second_half_kb=%ld",
                      after.rssKb - before.rssKb, middle.rssKb - before.rssKb, after.rssKb - middle.rssKb);
        fields += buf;
    }
    const bool ok = errorTotal() == 0;
    return finishRun(std::move(fields), ok && !truncated, ok);
}

int LoadGen::finishRun(std::string fields, bool complete, bool ok)
{
    fields += " complete=" + std::string(complete ? "1 " : "0 ") + errorFields();
    printResult(fields);
    for (Conn &c : m_conns)
        closeConn(c);
    return ok ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    benchtool::g_toolName = "loadgen";
    benchtool::g_usage = kUsage;
    LoadGen gen(parseOptions(argc, argv));
    return gen.run();
}
