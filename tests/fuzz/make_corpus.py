#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
# SPDX-License-Identifier: MIT
"""Writes the seed corpora under tests/fuzz/corpus/<target>/ (run it again
after changing a seed; the files are committed). Every input starts with the
target's option bytes (see the comment at the top of each target), then the
stream. Frame examples are the ones in docs/protocol.md, section 9."""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
MAGIC = b"\xffSMH"


def frame(ftype, payload):
    return struct.pack(">IB", len(payload), ftype) + payload


def hello(name, version=1):
    n = name.encode()
    return frame(1, struct.pack(">HB", version, len(n)) + n)


def text(body, sender=0, name=""):
    n = name.encode()
    return frame(2, struct.pack(">IB", sender, len(n)) + n + body.encode())


def notice(kind, body, subject=0):
    return frame(3, struct.pack(">BI", kind, subject) + body.encode())


def ping(data=b"17"):
    return frame(4, data)


def pong(data=b"17"):
    return frame(5, data)


# Section 9's blocks, byte for byte.
SPEC_HELLO = bytes.fromhex("00000008 01 0001 05616c696365".replace(" ", ""))
SPEC_TEXT = bytes.fromhex("0000000b 02 00000000 00 686920e29c93".replace(" ", ""))
SPEC_RELAYED = bytes.fromhex("0000000f 02 00000003 05616c696365 68656c6c6f".replace(" ", ""))
SPEC_WELCOME = bytes.fromhex("00000015 03 01 00000003 57656c636f6d6520636c69656e742033".replace(" ", ""))
SPEC_PING = bytes.fromhex("00000002043137")
SPEC_PONG = bytes.fromhex("00000002053137")
SPEC_LINE = bytes.fromhex("2333 20616c696365 3a20 68656c6c6f 0a".replace(" ", ""))
SPEC_TOO_LARGE = bytes.fromhex("ffffffff02")
assert SPEC_HELLO == hello("alice") and SPEC_TEXT == text("hi ✓")
assert SPEC_RELAYED == text("hello", 3, "alice") and SPEC_WELCOME == notice(1, "Welcome client 3", 3)

M_DEFAULT = 7  # Fuzz::maxMessageSize(7) = 1 MiB; 3 = 16 bytes, 2 = 5 bytes

corpora = {
    "fuzz_linecodec": {
        "lines": bytes([M_DEFAULT, 0]) + b"hello\nworld\r\n",
        "lines-bytewise": bytes([M_DEFAULT, 1]) + b"hello\nworld\r\n\n",
        "spec-relayed-line": bytes([M_DEFAULT, 9]) + SPEC_LINE,
        "unterminated-last": bytes([M_DEFAULT, 2]) + b"a\nb\r",
        "cr-inside": bytes([M_DEFAULT, 13]) + b"a\rb\r\r\nc\r\n",
        "utf8-mixed": bytes([M_DEFAULT, 21]) + "hi ✓\n".encode() + b"\xff\xfe\n\xed\xa0\x80\nx\xe2\x9cy\n\xc0\x80\n\xf0\x9f\x98\x80\n",
        "exactly-m": bytes([2, 1]) + b"abcde\r\nfghij\n",
        "too-long": bytes([3, 5]) + b"0123456789abcdef\n0123456789abcdefX\n",
        "too-long-unterminated": bytes([3, 0]) + b"ok\n" + b"x" * 40,
        "empty-lines": bytes([M_DEFAULT, 0]) + b"\n\r\n\n",
    },
    "fuzz_framecodec": {
        "spec-session": bytes([M_DEFAULT, 0]) + MAGIC + SPEC_HELLO + SPEC_TEXT + SPEC_RELAYED + SPEC_WELCOME + SPEC_PING + SPEC_PONG,
        "spec-session-bytewise": bytes([M_DEFAULT, 1]) + MAGIC + SPEC_HELLO + SPEC_TEXT + SPEC_PING,
        "spec-session-chunked": bytes([M_DEFAULT, 29]) + MAGIC + SPEC_HELLO + SPEC_RELAYED + SPEC_WELCOME + SPEC_PONG,
        "spec-too-large": bytes([M_DEFAULT, 0]) + MAGIC + SPEC_TOO_LARGE,
        "too-large-small-m": bytes([3, 3]) + MAGIC + text("0123456789abcdef"),
        "unknown-type": bytes([M_DEFAULT, 0]) + MAGIC + frame(9, b""),
        "bad-magic": bytes([M_DEFAULT, 0]) + b"GET / HTTP/1.0\r\n\r\n",
        "partial-magic": bytes([M_DEFAULT, 0]) + b"\xffS",
        "hello-version-2": bytes([M_DEFAULT, 0]) + MAGIC + hello("bob", 2),
        "truncated-hello": bytes([M_DEFAULT, 0]) + MAGIC + frame(1, b"\x00\x01\x09ab"),
        "short-text": bytes([M_DEFAULT, 0]) + MAGIC + frame(2, b"\x00\x00\x00\x01\x05ab"),
        "ping-too-long": bytes([M_DEFAULT, 0]) + MAGIC + ping(b"p" * 65),
        "ends-inside-frame": bytes([M_DEFAULT, 0]) + MAGIC + SPEC_HELLO + SPEC_TEXT[:7],
        "notice-kinds": bytes([M_DEFAULT, 5]) + MAGIC + notice(2, "bye", 3) + notice(4, "left", 3) + notice(200, "?", 1),
        "invalid-utf8": bytes([M_DEFAULT, 0]) + MAGIC + frame(1, b"\x00\x01\x03\xff\xfeA") + frame(2, b"\x00\x00\x00\x02\x02\xc0\x80\xed\xa0\x80z"),
    },
    # o0: mode | framing << 2 | grace0 << 4 | M << 5; o1: chunking;
    # o2: budget | no-welcome << 2 | full << 3 | observer << 4 | observer-frames << 5
    "fuzz_server_session": {
        "frames-echo": bytes([0xE1, 0, 0x03]) + MAGIC + hello("alice") + text("hi ✓") + ping() + text("two\nlines"),
        "frames-show-bytewise": bytes([0xE0, 1, 0x03]) + MAGIC + hello("alice") + text("hello") + ping(b""),
        "frames-relay-frames-observer": bytes([0xE2, 7, 0x33]) + MAGIC + hello("alice") + text("hello") + text("a\r\nb"),
        "frames-relay-line-observer": bytes([0xE2, 0, 0x13]) + MAGIC + hello("al\x01ice") + text("hello") + text("x\ny"),
        "lines-echo": bytes([0xE1, 0, 0x03]) + b"hello\nworld\r\nlast",
        "lines-relay-small-budget": bytes([0xE2, 9, 0x30]) + b"one\ntwo\n\xff\n",
        "lines-show-grace0": bytes([0xF0, 0, 0x03]) + b"hello\n",
        "forced-frames-gets-lines": bytes([0xE8, 0, 0x03]) + b"hello\n",
        "forced-lines-gets-magic": bytes([0xE5, 0, 0x03]) + MAGIC + hello("alice"),
        "frame-too-large": bytes([0xE1, 0, 0x03]) + MAGIC + hello("alice") + SPEC_TOO_LARGE,
        "hello-version-2": bytes([0xE1, 0, 0x03]) + MAGIC + hello("bob", 2),
        "unknown-type": bytes([0xE1, 3, 0x01]) + MAGIC + hello("bob") + frame(7, b"xx"),
        "line-too-long": bytes([0x61, 0, 0x03]) + b"short\n" + b"y" * 40 + b"\n",
        "partial-magic-eof": bytes([0xE0, 0, 0x03]) + b"\xffSM",
        "ends-inside-frame": bytes([0xE1, 0, 0x03]) + MAGIC + hello("a") + SPEC_TEXT[:8],
        "server-full": bytes([0xE1, 0, 0x0B]) + MAGIC + hello("alice") + text("hi"),
        "server-full-lines-grace0": bytes([0xF1, 0, 0x1B]) + b"hi\n",
        "silent": bytes([0xE1, 0, 0x03]),
        "ping-flood": bytes([0xE0, 4, 0x02]) + MAGIC + hello("p") + ping(b"x" * 64) * 20,
    },
    # o0: frames | M << 1; o1: chunking
    "fuzz_client_connection": {
        "frames-session": bytes([0x0F, 0]) + MAGIC + hello("socket-server") + SPEC_WELCOME + SPEC_RELAYED + SPEC_PING + text("from server") + notice(2, "server stopped listening", 3),
        "frames-session-bytewise": bytes([0x0F, 1]) + MAGIC + hello("socket-server") + SPEC_WELCOME + SPEC_PING,
        "frames-chunked": bytes([0x0F, 37]) + MAGIC + hello("socket-server") + notice(1, "Welcome client 7", 7) + text("x" * 300, 2, "bob"),
        "frames-bad-magic": bytes([0x0F, 0]) + b"* Welcome client 1\n",
        "frames-hello-version-2": bytes([0x0F, 0]) + MAGIC + hello("socket-server", 2),
        "frames-no-hello": bytes([0x0F, 0]) + MAGIC + SPEC_TEXT,
        "frames-too-large": bytes([0x0F, 0]) + MAGIC + hello("socket-server") + SPEC_TOO_LARGE,
        "frames-small-m": bytes([0x07, 0]) + MAGIC + hello("socket-server") + text("0123456789abcdefg"),
        "frames-magic-only": bytes([0x0F, 0]) + MAGIC,
        "frames-ends-inside-frame": bytes([0x0F, 0]) + MAGIC + hello("socket-server") + SPEC_TEXT[:6],
        "lines-session": bytes([0x0E, 0]) + b"* Welcome client 3\n#3 alice: hello\nplain\r\n",
        "lines-too-long": bytes([0x06, 2]) + b"ok\n" + b"z" * 40,
        "lines-invalid-utf8": bytes([0x0E, 0]) + b"\xff\xfe\n\xed\xa0\x80\n",
    },
    # o0: suite (0 AES-128-GCM, 1 AES-256-GCM, 2 ChaCha20-Poly1305); then
    # operations: kind (0 raw, 1 seal and open, 2 key update, 3 altered),
    # length, bytes (for 1 and 3 the last byte is the inner type)
    "fuzz_tlsrecords": {
        "aes128-texts": b"\x00" + b"\x01\x07hello\n\x17" + b"\x01\x03\x01\x00\x15" + b"\x02\x00" + b"\x01\x06again\x17",
        "aes256-keyupdate": b"\x01" + b"\x01\x06\x18\x00\x00\x01\x01\x16" + b"\x02\x00" + b"\x01\x04abc\x17",
        "chacha-padding": b"\x02" + b"\x01\x05ab\x17\x00\x00" + b"\x01\x03\x00\x00\x00" + b"\x01\x02x\x05",
        "raw-and-altered": b"\x00" + b"\x00\x16\x17\x03\x03\x00\x11" + b"\x00" * 17 + b"\x03\x05text\x17",
    },
}

for target, seeds in corpora.items():
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    for old in os.listdir(d):
        os.remove(os.path.join(d, old))
    for name, data in seeds.items():
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)
    print(f"{target}: {len(seeds)} seeds")
