// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// lossy_relay: a line relay that breaks its promise on purpose, so that the
// tests can show loadgen's checks fail when they should. Every line a client
// sends goes to every other client, except that the K-th, 2K-th, ... line
// (counted over all clients) is
//   --drop-every K       not relayed at all,
//   --duplicate-every K  relayed twice,
//   --swap-every K       relayed after the line that follows it.
// Without an option it is an honest, slow relay.
//
// usage: lossy_relay [--drop-every K | --duplicate-every K | --swap-every K] PORT
// prints "listening on 127.0.0.1:PORT" once, flushed.
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

enum class Fault { None, Drop, Duplicate, Swap };

struct Client {
    std::string in;
    std::string out;
};

std::map<int, Client> clients;
int ep = -1;

void watch(int fd, bool out)
{
    epoll_event ev {};
    ev.events = EPOLLIN | (out ? uint32_t(EPOLLOUT) : 0u);
    ev.data.fd = fd;
    epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
}

void flush(int fd)
{
    std::string &out = clients[fd].out;
    while (!out.empty()) {
        const ssize_t n = send(fd, out.data(), out.size(), MSG_NOSIGNAL);
        if (n <= 0)
            break; // EAGAIN, or gone: the read side notices
        out.erase(0, size_t(n));
    }
    watch(fd, !out.empty());
}

void relay(int from, const std::string &line)
{
    for (auto &[fd, c] : clients) {
        if (fd != from)
            c.out += line;
    }
}

[[noreturn]] void usage()
{
    std::fprintf(stderr,
                 "usage: lossy_relay [--drop-every K | --duplicate-every K | --swap-every K] PORT\n");
    std::exit(2);
}

} // namespace

int main(int argc, char **argv)
{
    Fault fault = Fault::None;
    unsigned long every = 0;
    int i = 1;
    if (argc == 4) {
        const std::string option = argv[1];
        if (option == "--drop-every")
            fault = Fault::Drop;
        else if (option == "--duplicate-every")
            fault = Fault::Duplicate;
        else if (option == "--swap-every")
            fault = Fault::Swap;
        else
            usage();
        every = std::strtoul(argv[2], nullptr, 10);
        if (every == 0)
            usage();
        i = 3;
    } else if (argc != 2) {
        usage();
    }
    const long port = std::strtol(argv[i], nullptr, 10);
    if (port < 0 || port > 65535)
        usage();
    std::signal(SIGPIPE, SIG_IGN);

    const int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    const int one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr {};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(uint16_t(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t alen = sizeof addr;
    if (bind(lfd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 || listen(lfd, SOMAXCONN) != 0
        || getsockname(lfd, reinterpret_cast<sockaddr *>(&addr), &alen) != 0) {
        std::perror("lossy_relay: listen");
        return 1;
    }
    std::printf("listening on 127.0.0.1:%u\n", unsigned(ntohs(addr.sin_port)));
    std::fflush(stdout);

    ep = epoll_create1(0);
    epoll_event ev {};
    ev.events = EPOLLIN;
    ev.data.fd = lfd;
    epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
    unsigned long count = 0;
    std::string held; // --swap-every: the line waiting for the next one
    int heldFrom = -1;
    for (;;) {
        epoll_event events[64];
        const int n = epoll_wait(ep, events, 64, -1);
        for (int e = 0; e < n; ++e) {
            const int fd = events[e].data.fd;
            if (fd == lfd) {
                int cfd;
                while ((cfd = accept4(lfd, nullptr, nullptr, SOCK_NONBLOCK)) >= 0) {
                    clients[cfd];
                    ev.data.fd = cfd;
                    epoll_ctl(ep, EPOLL_CTL_ADD, cfd, &ev);
                }
                continue;
            }
            if (clients.count(fd) == 0)
                continue;
            if (events[e].events & EPOLLOUT)
                flush(fd);
            if (!(events[e].events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
                continue;
            char buf[16384];
            const ssize_t r = recv(fd, buf, sizeof buf, 0);
            if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
                clients.erase(fd);
                close(fd);
                continue;
            }
            if (r < 0)
                continue;
            std::string &in = clients[fd].in;
            in.append(buf, size_t(r));
            size_t start = 0;
            for (size_t nl; (nl = in.find('\n', start)) != std::string::npos; start = nl + 1) {
                const std::string line = in.substr(start, nl + 1 - start);
                const bool hit = fault != Fault::None && ++count % every == 0;
                if (!held.empty()) {
                    relay(fd, line);
                    relay(heldFrom, held);
                    held.clear();
                } else if (hit && fault == Fault::Swap) {
                    held = line;
                    heldFrom = fd;
                } else if (!(hit && fault == Fault::Drop)) {
                    relay(fd, line);
                    if (hit && fault == Fault::Duplicate)
                        relay(fd, line);
                }
            }
            in.erase(0, start);
            for (auto &[cfd, c] : clients) {
                if (!c.out.empty())
                    flush(cfd);
            }
        }
    }
}
