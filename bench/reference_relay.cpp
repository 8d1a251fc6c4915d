// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// reference_relay: the floor of the load benchmark. One thread, one epoll
// loop, no framing, no UI: what a client sends is written to every other
// client, through a per-client output buffer. It assumes readers that keep
// up (the buffers are unbounded). It forwards up to the last "\n" it has, so
// that lines of several senders never interleave.
//
// With --prefix it does the per-line work socket-server's protocol asks
// for: each line is sent as "#N: " and the line, N counting the clients in
// the order they connected from 1, as socket-server numbers them. The
// relayed bytes are then the hub's, and the floor costs what the cheapest
// relay of the same lines costs (docs/benchmarks.md, S1).
//
// usage: reference_relay [--prefix] PORT   (0 = any free port)
// prints "listening on 127.0.0.1:PORT" once, flushed.
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

struct Client {
    bool open = false;
    unsigned id = 0;        // --prefix: its number, from 1
    bool wantOut = false;
    size_t slot = 0;        // position in `order`
    std::string partial;    // bytes after the last "\n" received
    std::string out;        // bytes to send from outOff
    size_t outOff = 0;
};

std::vector<Client> clients; // by file descriptor
std::vector<int> order;      // the open ones
int ep = -1;
bool prefix = false;         // --prefix
unsigned nextId = 1;

void watch(int fd, bool out)
{
    epoll_event ev {};
    ev.events = EPOLLIN | (out ? uint32_t(EPOLLOUT) : 0u);
    ev.data.fd = fd;
    epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
    clients[size_t(fd)].wantOut = out;
}

void drop(int fd)
{
    Client &c = clients[size_t(fd)];
    if (!c.open)
        return;
    order[c.slot] = order.back();
    clients[size_t(order[c.slot])].slot = c.slot;
    order.pop_back();
    close(fd);
    c = Client();
}

// Writes what it can now; the rest waits for EPOLLOUT.
void flush(int fd)
{
    Client &c = clients[size_t(fd)];
    while (c.outOff < c.out.size()) {
        const ssize_t n = send(fd, c.out.data() + c.outOff, c.out.size() - c.outOff, MSG_NOSIGNAL);
        if (n > 0) {
            c.outOff += size_t(n);
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            break;
        } else {
            return drop(fd);
        }
    }
    const bool pending = c.outOff < c.out.size();
    if (!pending) {
        c.out.clear();
        c.outOff = 0;
    }
    if (pending != c.wantOut)
        watch(fd, pending);
}

void relay(int from, const char *data, size_t len)
{
    // Backwards: flush() may drop the client, which moves the last one (seen
    // already) into its place.
    for (size_t i = order.size(); i-- > 0;) {
        const int fd = order[i];
        if (fd == from)
            continue;
        Client &c = clients[size_t(fd)];
        c.out.append(data, len);
        if (!c.wantOut)
            flush(fd);
    }
}

// --prefix: the whole lines of data, each as "#N: " and the line.
const std::string &prefixed(unsigned id, const char *data, size_t len)
{
    static std::string out;
    char head[16];
    const int headLen = std::snprintf(head, sizeof head, "#%u: ", id);
    out.clear();
    const char *end = data + len;
    while (data < end) {
        const char *nl = static_cast<const char *>(std::memchr(data, '\n', size_t(end - data)));
        out.append(head, size_t(headLen));
        out.append(data, size_t(nl - data) + 1);
        data = nl + 1;
    }
    return out;
}

void relayLines(int from, const char *data, size_t len)
{
    if (!prefix)
        return relay(from, data, len);
    const std::string &lines = prefixed(clients[size_t(from)].id, data, len);
    relay(from, lines.data(), lines.size());
}

void readFrom(int fd)
{
    static char buf[64 * 1024];
    const ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
        return drop(fd);
    if (n < 0)
        return;
    Client &c = clients[size_t(fd)];
    const char *nl = static_cast<const char *>(memrchr(buf, '\n', size_t(n)));
    if (!nl) {
        c.partial.append(buf, size_t(n));
        return;
    }
    const size_t whole = size_t(nl - buf) + 1;
    if (c.partial.empty()) {
        relayLines(fd, buf, whole);
    } else {
        c.partial.append(buf, whole);
        relayLines(fd, c.partial.data(), c.partial.size());
    }
    c.partial.assign(buf + whole, size_t(n) - whole); // relay() never drops `fd`
}

} // namespace

int main(int argc, char **argv)
{
    prefix = argc == 3 && std::strcmp(argv[1], "--prefix") == 0;
    const long port = argc == 2 + int(prefix) ? std::strtol(argv[argc - 1], nullptr, 10) : -1;
    if (port < 0 || port > 65535) {
        std::fprintf(stderr, "usage: reference_relay [--prefix] PORT   (0 = any free port)\n");
        return 2;
    }
    std::signal(SIGPIPE, SIG_IGN);
    rlimit rl {};
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    const int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const int one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr {};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(uint16_t(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t alen = sizeof addr;
    if (bind(lfd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 || listen(lfd, SOMAXCONN) != 0
        || getsockname(lfd, reinterpret_cast<sockaddr *>(&addr), &alen) != 0) {
        std::perror("reference_relay: listen");
        return 1;
    }
    std::printf("listening on 127.0.0.1:%u\n", unsigned(ntohs(addr.sin_port)));
    std::fflush(stdout);

    ep = epoll_create1(EPOLL_CLOEXEC);
    epoll_event ev {};
    ev.events = EPOLLIN;
    ev.data.fd = lfd;
    epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
    epoll_event events[256];
    for (;;) {
        const int n = epoll_wait(ep, events, 256, -1);
        for (int i = 0; i < n; ++i) {
            const int fd = events[i].data.fd;
            if (fd == lfd) {
                int cfd;
                while ((cfd = accept4(lfd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
                    setsockopt(cfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    if (clients.size() <= size_t(cfd))
                        clients.resize(size_t(cfd) + 1);
                    clients[size_t(cfd)].open = true;
                    clients[size_t(cfd)].id = nextId++;
                    clients[size_t(cfd)].slot = order.size();
                    order.push_back(cfd);
                    ev.data.fd = cfd;
                    epoll_ctl(ep, EPOLL_CTL_ADD, cfd, &ev);
                }
            } else if (clients[size_t(fd)].open) {
                if (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))
                    readFrom(fd);
                if (clients[size_t(fd)].open && (events[i].events & EPOLLOUT))
                    flush(fd);
            }
        }
    }
}
