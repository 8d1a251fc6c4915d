#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
# SPDX-License-Identifier: MIT
# usage: loadgen_tls_check.sh LOADGEN SOCKET-SERVER
#
# loadgen --tls through socket-server's TLS relay: loadgen_check.sh's
# honest passes (every line, in order, nothing else), with a certificate
# made here. S13 and S4/S5 TLS (bench/run_load_bench.sh) measure with this
# client, so it must not lose, repeat or stall on what TLS reads bring:
# records split across reads, several records in one read, and flights
# larger than a read.
set -euo pipefail
loadgen=$1
server=$2
here=$(cd "$(dirname "$0")" && pwd)

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$dir/key.pem" \
    -out "$dir/cert.pem" -days 1 -subj /CN=127.0.0.1 2> "$dir/openssl.err" \
    || { cat "$dir/openssl.err"; echo "FAIL: openssl req"; exit 1; }
mkdir -p "$dir/home"

# The server's settings stay in this directory (a headless run saves none).
HOME=$dir/home XDG_CONFIG_HOME=$dir/home QT_QPA_PLATFORM=offscreen LOADGEN_OPTIONS=--tls \
    bash "$here/loadgen_check.sh" ok "$loadgen" \
    "$server" --headless --bind 127.0.0.1 --client-messages relay \
    --tls-cert "$dir/cert.pem" --tls-key "$dir/key.pem" --port
