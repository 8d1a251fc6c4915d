#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
# SPDX-License-Identifier: MIT
# usage: loadgen_check.sh EXPECT LOADGEN RELAY [RELAY-OPTION...]
#
# Starts RELAY on a free port and runs LOADGEN through it: one sender, three
# receivers, lines. EXPECT is "ok" (exit 0, no error of any kind; also runs
# a paced pass, a two-sender pass and one with windows of 1 MB) or the one
# kind of error LOADGEN must report, LOSS, DUPLICATE or REORDER: exit 1, that
# message on stderr, that counter above 0 on the result line and every other
# counter at 0.
# LOADGEN_OPTIONS (words) are given to every loadgen run.
set -euo pipefail
expect=$1
loadgen=$2
shift 2

dir=$(mktemp -d)
relay_pid=
cleanup() {
    if [ -n "$relay_pid" ]; then
        kill "$relay_pid" 2>/dev/null || true
        wait "$relay_pid" 2>/dev/null || true
    fi
    rm -rf "$dir"
}
trap cleanup EXIT

# The file exists before the relay starts: the shell that runs it opens it,
# and may do so after the loop below first reads it.
: > "$dir/relay.out"
"$@" 0 >> "$dir/relay.out" 2>&1 &
relay_pid=$!
port=
for _ in $(seq 50); do
    port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$dir/relay.out")
    [ -n "$port" ] && break
    sleep 0.1
done
if [ -z "$port" ]; then
    echo "FAIL: the relay did not print its port:"; cat "$dir/relay.out"
    exit 1
fi

# Runs loadgen; its exit status goes to $rc, its output to $dir/out, $dir/err.
run() {
    set +e
    # shellcheck disable=SC2086
    timeout 20 "$loadgen" --port "$port" --receivers 3 --welcome-timeout 0 \
        --drain 0.5 --timeout 10 ${LOADGEN_OPTIONS:-} "$@" > "$dir/out" 2> "$dir/err"
    rc=$?
    set -e
    echo "--- loadgen $*: exit $rc"
    cat "$dir/out" "$dir/err"
}
field() { grep '^result ' "$dir/out" | grep -o " $1=[0-9]*" | cut -d= -f2; }
fail() { echo "FAIL: $*"; exit 1; }

if [ "$expect" = ok ]; then
    for args in "--messages 3001 --window 64" "--messages 3001 --senders 2" \
                "--messages 300 --rate 3000" "--messages 3001 --window 1000 --size 1000"; do
        # shellcheck disable=SC2086
        run $args
        [ "$rc" -eq 0 ] || fail "exit $rc against an honest relay"
        grep -q '^result .* complete=1 errors=0 ' "$dir/out" || fail "no clean result line"
        [ "$(field deliveries)" = "$(field expected)" ] || fail "deliveries != expected"
    done
    echo PASS
    exit 0
fi

run --messages 3001 --window 64
[ "$rc" -eq 1 ] || fail "exit $rc, expected 1"
grep -q "^loadgen: $expect: " "$dir/err" || fail "no \"$expect:\" message"
declare -A counter=([LOSS]=loss [DUPLICATE]=dup [REORDER]=reorder)
for kind in LOSS DUPLICATE REORDER; do
    n=$(field "${counter[$kind]}")
    [ -n "$n" ] || fail "no ${counter[$kind]}= on the result line"
    if [ "$kind" = "$expect" ]; then
        [ "$n" -gt 0 ] || fail "${counter[$kind]}=$n, expected more than 0"
    else
        [ "$n" -eq 0 ] || fail "${counter[$kind]}=$n: a $expect relay reported as $kind too"
    fi
done
for other in corrupt disconnects connect_errors; do
    [ "$(field $other)" = 0 ] || fail "$other=$(field $other)"
done
echo PASS
