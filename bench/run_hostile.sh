#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
# SPDX-License-Identifier: MIT
# Hostile clients at full scale, in one command: the slow scenarios that are
# too slow for every CI run. Builds in Release into build-hostile/ (or
# --build-dir), then runs bench/hostile (and bench/loadgen for the capacity
# figure) against socket-server --headless on 127.0.0.1, a fresh server for
# each scenario, and prints a Markdown table of what the server did on stdout.
# The server echoes (--client-messages echo), so that a real client knows
# its text was read. Progress goes to stderr; every server's and tool's
# output stays in the log directory it names.
#
#   slowloris  500 silent connections, 500 holding the frames magic and 3
#              bytes of a frame header, 500 dripping a line 1 byte every 5 s,
#              for 70 s: how many of each the server closed, and when; whether
#              a real line client and a real frames client get a welcome at
#              the start and at the end. Again with --max-clients 1000, and
#              (when the server has it) with --max-per-address 100, the
#              hostile connections from 127.0.0.2, the real ones from
#              127.0.0.1.
#   partial    300 connections each holding all but the last byte of a 1 MiB
#              message (a line without its LF; then a frame whose header
#              claims 1 MiB): the server's RSS before, while held and after,
#              and when it closes them (time limit 60 s).
#   churn      20,000 connect/close cycles (some sending a line first, some
#              reset with SO_LINGER 0 mid-frame): RSS at the start, after
#              5,000 and at the end.
#   idle       100 frames clients silent after their hello, never answering
#              a ping (and 10 silent line clients): whether and when the
#              server pings and closes them. Short ping and frames idle
#              timeouts (5 s, 15 s) when the server has options for them
#              (--ping-interval, --frames-idle-timeout), else its defaults
#              for 100 s; the line clients keep the server's default.
#   capacity   10,000 idle clients (frames, then lines: bench/loadgen
#              --connect-only) with the default limits: the server's RSS; then
#              10,000 clients each holding 100 KiB of a line (the worst case:
#              the global budget bounds what the server reads).
#
# usage: bench/run_hostile.sh [--no-build] [--build-dir DIR] [--commit REV]
#                             [--server PATH] [--only LIST] [--quick]
#   --build-dir DIR  where to build (default build-hostile)
#   --commit REV     build that commit (git archive into DIR-src), not the
#                    working tree: figures for a commit, whatever is being
#                    edited meanwhile
#   --no-build       use what DIR holds
#   --server PATH    the socket-server to measure (default DIR/server/socket-server)
#   --only LIST      some of: slowloris,partial,churn,idle,capacity
#   --quick          a fifth of the connections, shorter holds, and (when the
#                    server has the options) short handshake, message, ping
#                    and idle timeouts: a smoke test, not figures
#
# Loopback only. Every scenario is bounded in connections and in time (7
# minutes in all against a server with the timeouts, 10 against one without;
# --quick about 3), and stops by itself; every server is stopped on exit.
# Options the server does not list in --help are left out.
set -uo pipefail
self=$(readlink -f "$0")
cd "$(dirname "$self")/.." || exit 1
root=$PWD

build_dir="build-hostile"
build=1
commit=
server=
only=
quick=0
while [ $# -gt 0 ]; do
    case $1 in
        --no-build) build=0 ;;
        --build-dir) build_dir=$2; shift ;;
        --commit) commit=$2; shift ;;
        --server) server=$2; shift ;;
        --only) only=",${2//S-/}," ; shift ;;
        --quick) quick=1 ;;
        -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$self"; exit 0 ;;
        *) echo "run_hostile.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

say() { echo "[$(date +%H:%M:%S)] $*" >&2; }
die() { say "error: $*"; exit 1; }
wanted() { [ -z "$only" ] || [[ $only == *",$1,"* ]]; }

# ------------------------------------------------------------------ build
build_dir=${build_dir%/}
if [ -n "$commit" ]; then
    version=$(git -C "$root" rev-parse --short "$commit^{commit}") || die "no commit $commit"
    src="$build_dir-src"
    if [ "$build" = 1 ]; then
        say "exporting $commit ($version) into $src"
        rm -rf "$src" && mkdir -p "$src" || die "cannot make $src"
        git -C "$root" archive "$version" | tar -x -C "$src" || die "git archive failed"
    fi
else
    version=$(git -C "$root" describe --always --dirty 2> /dev/null || echo unknown)
    src=$root
fi
if [ "$build" = 1 ]; then
    say "building $src in $build_dir (Release)"
    cmake -S "$src" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSOCKETHUB_BUILD_TESTS=OFF >&2 \
        || die "cmake configure failed"
    cmake --build "$build_dir" -j2 --target socket-server hostile loadgen >&2 || die "build failed"
fi
server_given=${server:+1}
server=${server:-$build_dir/server/socket-server}
hostile=$build_dir/bench/hostile
loadgen=$build_dir/bench/loadgen
for f in "$server" "$hostile" "$loadgen"; do
    [ -x "$f" ] || die "$f is missing (build first, or pass --build-dir/--server)"
done

ulimit -n "$(ulimit -Hn)" 2> /dev/null || true
[ "$(ulimit -n)" -ge 10500 ] || say "warning: open files limit $(ulimit -n); 10,000 clients need about 10,100 per process"

log=$(mktemp -d /tmp/hostile.XXXXXX)
mkdir -p "$log/home/.config"
say "logs in $log"

# ---------------------------------------------------------------- server
help_text=$(HOME="$log/home" XDG_CONFIG_HOME="$log/home/.config" "$server" --help 2> /dev/null)
has_option() { grep -q -- "^ *$1[ ,<]" <<< "$help_text"; }
# first_option NAME...: the first of these the server has
first_option() {
    local o
    for o in "$@"; do
        has_option "$o" && { echo "$o"; return 0; }
    done
    return 1
}
# in_unit OPTION MILLISECONDS: the value in the unit the option takes
# (<MS>, or <SEC>/<S>/<SECONDS>)
in_unit() {
    if grep -Eq -- "^ *$1 <(SEC|SECS|SECONDS|S)>" <<< "$help_text"; then
        echo $(( ($2 + 999) / 1000 ))
    else
        echo "$2"
    fi
}
opt_handshake=$(first_option --handshake-timeout)
opt_message=$(first_option --message-timeout)
opt_ping=$(first_option --ping-interval --server-ping-interval --frames-ping-interval)
opt_idle=$(first_option --frames-idle-timeout --idle-timeout)
say "server: handshake ${opt_handshake:-none}, message ${opt_message:-none}, ping ${opt_ping:-none}, idle ${opt_idle:-none}"
# timeout_opts [handshake MS] [message MS] [ping MS] [idle MS]: the options
# the server has, in its units
timeout_opts() {
    local out=() var
    while [ $# -gt 0 ]; do
        var=opt_$1
        [ -n "${!var}" ] && out+=("${!var}" "$(in_unit "${!var}" "$2")")
        shift 2
    done
    echo "${out[@]}"
}

srv_pid=
srv_port=
srv_out=
starts=0
cleanup() {
    [ -n "$srv_pid" ] && kill -KILL "$srv_pid" 2> /dev/null
    wait 2> /dev/null
}
trap cleanup EXIT
trap 'say "interrupted"; exit 130' INT TERM

# start_server NAME [OPTION...]: a fresh headless server on 127.0.0.1, any
# free port; sets srv_pid and srv_port.
start_server() {
    starts=$((starts + 1))
    srv_out=$log/server-$starts-$1.out
    shift
    say "  socket-server --headless --bind 127.0.0.1 --port 0 --client-messages echo $*"
    env HOME="$log/home" XDG_CONFIG_HOME="$log/home/.config" \
        "$server" --headless --bind 127.0.0.1 --port 0 --client-messages echo "$@" \
        > "$srv_out" 2> "${srv_out%.out}.err" &
    srv_pid=$!
    srv_port=
    for _ in $(seq 100); do
        srv_port=$(sed -n 's/^listening on .*:\([0-9][0-9]*\)$/\1/p' "$srv_out" 2> /dev/null | head -1)
        [ -n "$srv_port" ] && return 0
        kill -0 "$srv_pid" 2> /dev/null || break
        sleep 0.1
    done
    say "the server did not start; its output:"
    cat "$srv_out" "${srv_out%.out}.err" >&2
    return 1
}

# SIGTERM, then SIGKILL after 10 s. A server gone already is reported.
stop_server() {
    [ -n "$srv_pid" ] || return 0
    if ! kill -0 "$srv_pid" 2> /dev/null; then
        wait "$srv_pid" 2> /dev/null
        local status=$?
        notes+=("$(basename "$srv_out" .out) had exited by itself (status $status); see $srv_out and .err")
        say "warning: the server had exited by itself (status $status)"
        srv_pid=
        return 0
    fi
    kill -TERM "$srv_pid" 2> /dev/null
    for _ in $(seq 100); do
        kill -0 "$srv_pid" 2> /dev/null || break
        sleep 0.1
    done
    kill -KILL "$srv_pid" 2> /dev/null && say "server $srv_pid did not stop in 10 s: killed"
    wait "$srv_pid" 2> /dev/null
    srv_pid=
}

rows=()
notes=()
# run_tool NAME LIMIT-SECONDS HOSTILE-OPTION...: bench/hostile against the
# current server; its table rows join the report.
run_tool() {
    local name=$1 limit=$2
    shift 2
    say "  $name: hostile $*"
    timeout -k 5 "$limit" "$hostile" --port "$srv_port" --server-pid "$srv_pid" --echo "$@" \
        > "$log/$name.out" 2> "$log/$name.err"
    local rc=$?
    [ $rc -ne 0 ] && notes+=("$name: bench/hostile exited with status $rc; see $log/$name.err")
    mapfile -t -O "${#rows[@]}" rows < <(grep '^| ' "$log/$name.out")
    grep '^| ' "$log/$name.out" | sed 's/^/      /' >&2
}

commas() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<< "$1"; }
q() { if [ "$quick" = 1 ]; then echo "$2"; else echo "$1"; fi; }
started=$SECONDS
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# ------------------------------------------------------------- slowloris
if wanted slowloris; then
    n=$(q 500 100)
    secs=$(q 70 20)
    # --quick: short timeouts, so that their effect shows in 20 s.
    read -r -a extra <<< "$([ "$quick" = 1 ] && timeout_opts handshake 3000 message 8000)"
    say "S-slowloris: 3 × $n for $secs s${extra[*]:+ (${extra[*]})}"
    if start_server slowloris "${extra[@]}"; then
        run_tool slowloris $((secs + 60)) --scenario slowloris --silent "$n" --magic "$n" --drip "$n" \
            --duration "$secs" --label "S-slowloris, default limits${extra[*]:+, ${extra[*]}}"
    fi
    stop_server
    cap=$(q 1000 200)
    say "S-slowloris with --max-clients $cap"
    if start_server slowloris-max --max-clients "$cap" "${extra[@]}"; then
        run_tool slowloris-max $((secs + 60)) --scenario slowloris --silent "$n" --magic "$n" --drip "$n" \
            --duration "$secs" --label "S-slowloris, --max-clients $cap${extra[*]:+, ${extra[*]}}"
    fi
    stop_server
    if has_option --max-per-address; then
        per=$(q 100 20)
        say "S-slowloris from 127.0.0.2 with --max-per-address $per (the real clients from 127.0.0.1)"
        if start_server slowloris-per-address --max-per-address "$per" "${extra[@]}"; then
            run_tool slowloris-per-address $((secs + 60)) --scenario slowloris --source 127.0.0.2 \
                --silent "$n" --magic "$n" --drip "$n" --duration "$secs" \
                --label "S-slowloris from 127.0.0.2, --max-per-address $per${extra[*]:+, ${extra[*]}}"
        fi
        stop_server
    fi
fi

# --------------------------------------------------------------- partial
if wanted partial; then
    n=$(q 300 60)
    secs=$(q 60 20)
    read -r -a extra <<< "$([ "$quick" = 1 ] && timeout_opts handshake 3000 message 5000)"
    for framing in lines frames; do
        say "S-partial ($framing): $n × 1 MiB - 1 byte, up to $secs s"
        flag=()
        [ $framing = frames ] && flag=(--frames)
        if start_server "partial-$framing" "${extra[@]}"; then
            run_tool "partial-$framing" $((secs + 60)) --scenario partial --conns "$n" --size 1048575 \
                "${flag[@]}" --duration "$secs" --label "S-partial, $framing${extra[*]:+, ${extra[*]}}"
        fi
        stop_server
    done
fi

# ----------------------------------------------------------------- churn
if wanted churn; then
    cycles=$(q 20000 4000)
    mark=$(q 5000 1000)
    say "S-churn: $cycles cycles"
    if start_server churn; then
        run_tool churn 300 --scenario churn --cycles "$cycles" --mark "$mark" --parallel 32 \
            --duration "$(q 180 60)" --label "S-churn"
    fi
    stop_server
fi

# ------------------------------------------------------------------ idle
if wanted idle; then
    frames=$(q 100 20)
    lines=$(q 10 5)
    if [ -n "$opt_ping" ] && [ -n "$opt_idle" ]; then
        ping_ms=$(q 5000 2000)
        idle_ms=$(q 15000 6000)
        read -r -a extra <<< "$(timeout_opts ping "$ping_ms" idle "$idle_ms")"
        secs=$(( idle_ms / 1000 + 10 ))
    else
        extra=()
        secs=$(q 100 15)
    fi
    say "S-idle: $frames frames and $lines line clients, up to $secs s${extra[*]:+ (${extra[*]})}"
    if start_server idle "${extra[@]}"; then
        run_tool idle $((secs + 60)) --scenario idle --idle-frames "$frames" --idle-lines "$lines" \
            --duration "$secs" --label "S-idle${extra[*]:+, ${extra[*]}}"
    fi
    stop_server
fi

# -------------------------------------------------------------- capacity
if wanted capacity; then
    n=$(q 10000 2000)
    # Frames clients from bench/hostile, which serves the first connections
    # while it opens the rest (loadgen opens all first: under load some of
    # its magics come after the 300 ms framing grace, and those clients are
    # taken for line clients).
    say "S-capacity: $n idle frames clients, default limits"
    if start_server capacity-frames; then
        run_tool capacity-frames 120 --scenario idle --idle-frames "$n" --idle-lines 0 --duration 8 \
            --label "S-capacity, default limits"
    fi
    stop_server
    say "S-capacity: $n idle line clients, default limits"
    if start_server capacity-lines; then
        name=capacity-lines
        timeout -k 5 120 "$loadgen" --port "$srv_port" --server-pid "$srv_pid" --connect-only "$n" \
            --framing lines --welcome-timeout 30 --hold 3 --timeout 60 \
            > "$log/$name.out" 2> "$log/$name.err"
        rc=$?
        result=$(grep '^result ' "$log/$name.out")
        say "  $name: exit $rc ${result#result }"
        field() { grep -o " $1=[^ ]*" <<< "$result" | head -1 | cut -d= -f2; }
        if [ -n "$result" ]; then
            text=$(awk -v b="$(field rss_before_kb)" -v r="$(field rss_kb)" -v h="$(field hwm_kb)" \
                -v n="$n" -v w="$(field welcomed)" -v o="$(field open)" 'BEGIN {
                printf "%s of %s welcomed, %s open after 3 s; RSS %.1f MB before, **%.1f MB** with them (%.1f KiB per client); VmHWM %.1f MB",
                    c(w), c(n), c(o), b * 1024 / 1e6, r * 1024 / 1e6, (r - b) / n, h * 1024 / 1e6 }
                function c(v,   s) { s = sprintf("%d", v); while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s); return s }')
        else
            text="FAIL (no result; see $log/$name.err)"
        fi
        rows+=("|  | $(commas "$n") idle line clients (bench/loadgen --connect-only, silent, welcomed after the grace) | $text |")
        [ $rc -ne 0 ] && notes+=("$name: loadgen exited with status $rc: $(grep -m1 'loadgen: ' "$log/$name.err" | cut -c1-200)")
    fi
    stop_server
    # The worst case: every client the default limit allows holding part of
    # a message. The global budget (--max-buffered) bounds what the server
    # reads, plus at most one read (--read-budget) per connection.
    say "S-capacity: $n clients each holding 100 KiB of a line, default limits"
    if start_server capacity-partial; then
        run_tool capacity-partial 240 --scenario partial --conns "$n" --size 102400 \
            --duration "$(q 100 45)" --let-go "$(q 60 20)" --label ""
    fi
    stop_server
fi

# ---------------------------------------------------------------- report
elapsed=$((SECONDS - started))
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
{
    echo "### $(date -u +%Y-%m-%d), $cpu, $(nproc) cores, $(uname -sr)"
    echo
    echo "\`bench/run_hostile.sh$([ "$quick" = 1 ] && echo " --quick")${only:+ --only ${only:1:-1}}\` at $(date -u +%H:%MZ), tree at $version;"
    echo "server \`$server\`${server_given:+ (given with --server, not built from that tree)}, built $(stat -c %y "$server" | cut -d. -f1); load average before: $load_before;"
    echo "$elapsed s of scenarios. Times count from each connection's open; RSS is VmRSS in MB (10^6 bytes)."
    echo "Server options for the hostile ones: handshake ${opt_handshake:-none}, message ${opt_message:-none}, ping ${opt_ping:-none}, idle ${opt_idle:-none}."
    [ "$quick" = 1 ] && echo "**--quick: fewer connections, shorter holds, short timeouts: a smoke test, not figures.**"
    echo
    echo "| scenario | clients | what the server did |"
    echo "| --- | --- | --- |"
    printf '%s\n' "${rows[@]}"
    if [ "${#notes[@]}" -gt 0 ]; then
        echo
        printf -- '- %s\n' "${notes[@]}"
    fi
} | tee "$log/results.md"
say "done in $elapsed s; table in $log/results.md"
