#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
# SPDX-License-Identifier: MIT
# The load benchmark in one command: builds in Release into build-release/,
# then runs scenarios S1..S14 (docs/benchmarks.md) against three servers
#   socket-server   the real server, its window offscreen, relay mode
#   floor           bench/reference_relay: a bare single-threaded epoll relay
#   ncat            ncat --broker (select-based; no more than ~1,000 clients);
#                   with --ssl for the TLS scenarios (S13, S4/S5 TLS)
# S12 (WebSocket clients against line clients) runs socket-server only; S11
# runs three socket-servers federated through a redis-server it starts.
# and prints a Markdown table for docs/benchmarks.md on stdout. Progress goes
# to stderr; every server's and loadgen's output stays in the log directory
# it names.
#
# usage: bench/run_load_bench.sh [--no-build] [--build-dir DIR] [--server PATH]
#                                [--only S1,S3,...] [--quick]
#   --no-build     use what DIR holds (default build-release)
#   --server PATH  the socket-server to measure (default DIR/server/socket-server)
#   --only LIST    run only these scenarios (S6 comes with S1)
#   --quick        a tenth of the messages and clients: a smoke test, not figures
#   S11_ROUNDS=N   interleaved rounds of S11 (default 3)
#   S12_ROUNDS=N   interleaved rounds of S12 (default 3)
#   S13_ROUNDS=N   interleaved rounds of S13 (default 3)
#   S14_ROUNDS="3 2"  rounds of S14 at 1 and at 10 million lines (default 3 and 2)
#
# Loopback only. Every scenario has a time limit; all servers are stopped on
# exit. Needs ncat (apt-get install ncat) for the ncat column.
set -uo pipefail
self=$(readlink -f "$0")
cd "$(dirname "$self")/.." || exit 1
root=$PWD

build_dir="build-release"
build=1
server=
only=
quick=0
while [ $# -gt 0 ]; do
    case $1 in
        --no-build) build=0 ;;
        --build-dir) build_dir=$2; shift ;;
        --server) server=$2; shift ;;
        --only) only=",$2," ; shift ;;
        --quick) quick=1 ;;
        -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$self"; exit 0 ;;
        *) echo "run_load_bench.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

say() { echo "[$(date +%H:%M:%S)] $*" >&2; }
die() { say "error: $*"; exit 1; }

# ------------------------------------------------------------------ build
if [ "$build" = 1 ]; then
    say "building in $build_dir (Release)"
    cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSOCKETHUB_BUILD_TESTS=OFF >&2 \
        || die "cmake configure failed"
    cmake --build "$build_dir" -j2 >&2 || die "build failed"
fi
server=${server:-$build_dir/server/socket-server}
loadgen=$build_dir/bench/loadgen
floor_bin=$build_dir/bench/reference_relay
for f in "$server" "$loadgen" "$floor_bin"; do
    [ -x "$f" ] || die "$f is missing (build first, or pass --build-dir/--server)"
done
have_ncat=0
command -v ncat > /dev/null && have_ncat=1

ulimit -n "$(ulimit -Hn)" 2> /dev/null || true
[ "$(ulimit -n)" -ge 10500 ] || say "warning: open files limit $(ulimit -n); 10,000 clients need about 10,100 per process"

log=$(mktemp -d /tmp/load-bench.XXXXXX)
mkdir -p "$log/home/.config"
say "logs in $log"
# The TLS scenarios' certificate: EC P-256, as tests/common/testcertificate.h
# makes (made here; none is committed).
tls_cert=$log/tls-cert.pem
tls_key=$log/tls-key.pem
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tls_key" -out "$tls_cert" \
    -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 > /dev/null 2>&1 \
    || die "openssl req failed: the TLS scenarios need a certificate"
tls_hub=(--tls-cert "$tls_cert" --tls-key "$tls_key")

# Sizes. --quick divides messages and clients by ten.
q() { if [ "$quick" = 1 ]; then echo $(( $1 / 10 > 0 ? $1 / 10 : 1 )); else echo "$1"; fi; }
s1_messages=$(q 200000)      # x 100 receivers
s2_receivers=$(q 9000)
s2_messages=$(q 2000)        # x 9,000 receivers
s3_messages=$(q 5000)        # 5 s at 1,000 msgs/s
s4_clients=$(q 10000)
s13_rounds=${S13_ROUNDS:-3}  # interleaved: TLS hub, TLS ncat, plain hub
s12_rounds=${S12_ROUNDS:-3}  # interleaved: WebSocket hub, lines hub
s7_cycles=$(q 100000)
s8_messages=$(q 100000)
s9_messages=$(q 1500)
s14_small=$(q 1000000)
s14_large=$(q 10000000)
read -r s14_rounds_small s14_rounds_large <<< "${S14_ROUNDS:-3 2}"

wanted() { [ -z "$only" ] || [[ $only == *",$1,"* ]]; }

# ---------------------------------------------------------------- servers
server_pids=()
cleanup() {
    for pid in "${server_pids[@]}"; do
        kill -TERM "$pid" 2> /dev/null
    done
    sleep 0.5
    for pid in "${server_pids[@]}"; do
        kill -KILL "$pid" 2> /dev/null
    done
    wait 2> /dev/null
}
trap cleanup EXIT
trap 'say "interrupted"; exit 130' INT TERM

# What the socket-server under test supports (the engine is being rewritten).
help_text=$(QT_QPA_PLATFORM=offscreen HOME="$log/home" "$server" --help 2> /dev/null)
has_option() { grep -q -- "$1[ ,<]" <<< "$help_text"; }
hub_options=()
has_option --max-clients && hub_options+=(--max-clients 20000)
has_option --stats && hub_options+=(--stats)
has_option --slow-consumer-timeout && hub_options+=(--slow-consumer-timeout 10000)
# Every client of a run comes from 127.0.0.1: the per-address limits against
# floods from one address (docs/security.md) would refuse the load itself
# (S13's 100 TLS receivers met --max-pending-per-address 32 and
# --connect-rate 20), so a run lifts them, as it lifts --max-clients.
has_option --max-per-address && hub_options+=(--max-per-address 0)
has_option --max-pending-per-address && hub_options+=(--max-pending-per-address 0)
has_option --connect-rate && hub_options+=(--connect-rate 0)
has_stats=0
has_option --stats && has_stats=1

srv_pid=
srv_port=
srv_out=
starts=0

# Waits for "listening on ADDRESS:PORT" in $srv_out; sets srv_port.
await_port() {
    srv_port=
    for _ in $(seq 100); do
        srv_port=$(sed -n 's/^listening on .*:\([0-9][0-9]*\)$/\1/p' "$srv_out" | head -1)
        [ -n "$srv_port" ] && return 0
        kill -0 "$srv_pid" 2> /dev/null || break
        sleep 0.1
    done
    say "the server did not start; its output:"
    cat "$srv_out" "${srv_out%.out}.err" >&2
    return 1
}

# on_free_port BASE OUT COMMAND...: for a program that needs a port of its
# own choosing (ncat, redis-server), tries free ports from BASE..BASE+9999,
# with {PORT} in COMMAND's arguments replaced by the port tried, until one
# listens; sets free_pid and free_port, output to OUT and OUT's .err.
on_free_port() {
    local base=$1 out=$2 port
    shift 2
    free_pid=
    free_port=
    for _ in $(seq 20); do
        port=$((base + RANDOM % 10000))
        [ -z "$(ss -Htln "sport = :$port")" ] || continue
        "${@//"{PORT}"/$port}" > "$out" 2> "${out%.out}.err" < /dev/null &
        free_pid=$!
        server_pids+=("$free_pid")
        for _ in $(seq 30); do
            if [ -n "$(ss -Htln "sport = :$port")" ]; then
                free_port=$port
                return 0
            fi
            kill -0 "$free_pid" 2> /dev/null || break
            sleep 0.1
        done
        kill -KILL "$free_pid" 2> /dev/null
    done
    return 1
}

# start_server hub relay|show [OPTION...] | floor [--prefix] | ncat [--ssl]
start_server() {
    starts=$((starts + 1))
    srv_out=$log/server-$starts-$1.out
    case $1 in
        hub)
            local mode=$2
            shift 2
            # The window saves its options (TLS too) at exit: the TLS
            # runs keep a home of their own, so that plain runs stay plain.
            local home=$log/home
            [[ " $* " == *" --tls-cert "* ]] && home=$log/home-tls
            mkdir -p "$home/.config"
            env HOME="$home" XDG_CONFIG_HOME="$home/.config" QT_QPA_PLATFORM=offscreen \
                "$server" --listen --port 0 --client-messages "$mode" --framing auto \
                "${hub_options[@]}" "$@" > "$srv_out" 2> "${srv_out%.out}.err" &
            srv_pid=$!
            server_pids+=("$srv_pid")
            await_port
            ;;
        floor)
            shift
            "$floor_bin" "$@" 0 > "$srv_out" 2> "${srv_out%.out}.err" &
            srv_pid=$!
            server_pids+=("$srv_pid")
            await_port
            ;;
        ncat)
            # ncat needs a port of its own choosing.
            local ssl=()
            [ "${2:-}" = --ssl ] && ssl=(--ssl --ssl-cert "$tls_cert" --ssl-key "$tls_key")
            if on_free_port 20000 "$srv_out" ncat --broker --max-conns 1000 "${ssl[@]}" -l 127.0.0.1 {PORT}; then
                srv_pid=$free_pid
                srv_port=$free_port
                return 0
            fi
            say "ncat did not start"
            return 1
            ;;
    esac
}

# Stops the server (SIGTERM, then SIGKILL after 10 s); the hub prints its
# stats line on the way out. A server that is gone already is noted.
stop_server() {
    [ -n "$srv_pid" ] || return 0
    if ! kill -0 "$srv_pid" 2> /dev/null; then
        wait "$srv_pid" 2> /dev/null
        local status=$?
        notes+=("$(basename "$srv_out" .out) had exited by itself (status $status) before it was stopped; see its output in the log directory.")
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

# A field of the hub's stats line, after stop_server.
stat_of() { sed -n "s/^stats: .*\b$1=\([0-9.]*\).*/\1/p" "$srv_out" | head -1; }

# Waits until the server has used less than 2% of a CPU for a second (it
# has digested what it was sent), for at most $1 seconds.
await_idle() {
    local until=$((SECONDS + $1)) last now quiet=0
    local hz
    hz=$(getconf CLK_TCK)
    last=$(awk '{print $14 + $15}' "/proc/$srv_pid/stat" 2> /dev/null) || return 0
    while [ $SECONDS -lt "$until" ]; do
        sleep 0.5
        now=$(awk '{print $14 + $15}' "/proc/$srv_pid/stat" 2> /dev/null) || return 0
        if [ $((now - last)) -le $((hz / 100)) ]; then
            quiet=$((quiet + 1))
            [ $quiet -ge 2 ] && return 0
        else
            quiet=0
        fi
        last=$now
    done
    say "the server was still busy after $1 s"
}

hwm_kb() { sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$srv_pid/status" 2> /dev/null; }

# ---------------------------------------------------------------- loadgen
# run_lg NAME TIMEOUT [LOADGEN-OPTION...]: runs loadgen against the current
# server; its output goes to $log/NAME.out and .err.
run_lg() {
    local name=$1 limit=$2
    shift 2
    say "  $name: loadgen $*"
    timeout -k 5 $((limit + 30)) "$loadgen" --port "$srv_port" --timeout "$limit" \
        --server-pid "$srv_pid" "$@" > "$log/$name.out" 2> "$log/$name.err"
    local rc=$?
    local result
    result=$(grep '^result ' "$log/$name.out")
    if ! kill -0 "$srv_pid" 2> /dev/null; then
        echo "the server was not running at the end of the run" > "$log/$name.died"
        say "  $name: warning: the server is gone"
    fi
    say "  $name: exit $rc ${result#result }"
    if [ $rc -ne 0 ]; then
        sed -n '1,5p' "$log/$name.err" | sed 's/^/      /' >&2
        local first
        first=$(grep -m1 '^loadgen: [A-Z]*: ' "$log/$name.err" | cut -c1-220)
        notes+=("$name failed: ${first:-exit status $rc}")
    fi
    return $rc
}

# get NAME KEY: a field of NAME's result line
get() { grep '^result ' "$log/$1.out" 2> /dev/null | grep -o " $2=[^ ]*" | head -1 | cut -d= -f2; }
ok() { [ ! -f "$log/$1.died" ] && grep -q '^result .* complete=1 errors=0 ' "$log/$1.out" 2> /dev/null; }
why() {
    [ -f "$log/$1.out" ] || { echo "not run (the server did not start)"; return; }
    [ -f "$log/$1.died" ] && { echo "FAIL (the server died), see $1.err"; return; }
    local e
    e=$(grep -o 'loadgen: [A-Z]*:' "$log/$1.err" 2> /dev/null | head -1 | sed 's/loadgen: \(.*\):/\1/')
    echo "FAIL${e:+ ($e)}, see $1.err"
}

# " (loadgen-bound)" when loadgen used 90% of a core or more in run NAME:
# the figure is then a lower bound for that server.
bound() {
    local cpu
    cpu=$(get "$1" lg_cpu_pct)
    [ -n "$cpu" ] && [ "$cpu" -ge 90 ] 2> /dev/null && echo " (loadgen-bound)"
}

# Number formats.
fmt_rate() { awk -v v="$1" 'BEGIN { if (v >= 1e6) printf "%.2f M/s", v / 1e6; else printf "%.0f k/s", v / 1e3 }'; }
fmt_int() { awk -v v="$1" 'BEGIN { printf "%.0f", v }'; }
# fmt_mb KIB: decimal megabytes (the targets are in MB)
fmt_mb() { awk -v v="$1" 'BEGIN { printf "%.0f MB", v * 1024 / 1e6 }'; }
# ratio A B: A / B, or n/a
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        if (a == "" || b == "" || a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || b + 0 == 0) print "n/a";
        else printf "%.2f×", a / b }'
}
# meets VALUE OP LIMIT: yes/no (n/a without a value)
meets() {
    awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN {
        if (v == "" || v !~ /^-?[0-9.]+$/) { print "n/a"; exit }
        r = (op == "<=") ? (v + 0 <= l + 0) : (v + 0 >= l + 0); print r ? "yes" : "**no**" }'
}

# Interleaved rounds (S12, S13): runs NAME-1 .. NAME-ROUNDS.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
spread() { sort -g | awk '{ v[NR] = $1 } END { if (NR) printf "%s–%s", v[1], v[NR] }'; }
# each ROUNDS NAME KEY: each NAME-ROUND's KEY, for the rounds that passed
each() { local r; for r in $(seq "$1"); do ok "$2-$r" && get "$2-$r" "$3"; done; }
# ratios ROUNDS A B KEY: per round that both passed, A's KEY / B's KEY
ratios() {
    local r a b
    for r in $(seq "$1"); do
        ok "$2-$r" && ok "$3-$r" || continue
        a=$(get "$2-$r" "$4"); b=$(get "$3-$r" "$4")
        awk -v a="$a" -v b="$b" 'BEGIN { if (b > 0) printf "%.2f\n", a / b }'
    done
}
# rounds_cell ROUNDS NAME: median deliveries/s, each round's, median p99
rounds_cell() {
    local m
    m=$(each "$1" "$2" deliveries_per_s | median)
    [ -n "$m" ] || { why "$2-1"; return; }
    echo "$(fmt_rate "$m") (runs $(each "$1" "$2" deliveries_per_s | awk '{ printf "%.2f ", $1 / 1e6 }' | sed 's/ $//') M/s), p99 $(each "$1" "$2" p99_us | median) µs"
}

rows=()
notes=()
# cpu_note SCENARIO RUN...: the server's and loadgen's CPU use in those runs
cpu_note() {
    local scenario=$1 run text=
    shift
    for run in "$@"; do
        [ -n "$(get "$run" lg_cpu_pct)" ] || continue
        text+="${text:+; }$run: server $(get "$run" srv_cpu_pct)%, loadgen $(get "$run" lg_cpu_pct)%"
    done
    [ -n "$text" ] && notes+=("$scenario CPU (100% = one core): $text.")
}
# row SCENARIO METRIC HUB FLOOR NCAT VS-FLOOR VS-NCAT TARGET MET
row() { rows+=("| $1 | $2 | $3 | $4 | $5 | $6 | $7 | $8 | $9 |"); }

lines_nowelcome=(--welcome-timeout 0)
started=$SECONDS
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- S1, S6
if wanted S1 || wanted S6; then
    say "S1 relay: 1 sender to 100 receivers, 64-byte lines, closed loop (window 1000)"
    s1=(--receivers 100 --senders 1 --messages "$s1_messages" --size 64 --window 1000)
    start_server hub relay && run_lg s1-hub 120 "${s1[@]}" --welcome-timeout 5
    stop_server
    s6_stall=$(stat_of max-stall-ms)
    start_server floor && run_lg s1-floor 60 "${s1[@]}" "${lines_nowelcome[@]}"
    stop_server
    # The floor again, sending the hub's bytes: "#N: " before every line.
    start_server floor --prefix && run_lg s1-floorp 60 "${s1[@]}" "${lines_nowelcome[@]}"
    stop_server
    if [ $have_ncat = 1 ]; then
        start_server ncat && run_lg s1-ncat 120 "${s1[@]}" "${lines_nowelcome[@]}"
        stop_server
    fi
    start_server hub relay && run_lg s1f-hub 120 "${s1[@]}" --framing frames --welcome-timeout 5
    stop_server

    cell() { if ok "$1"; then echo "$(fmt_rate "$(get "$1" deliveries_per_s)")$(bound "$1")"; else why "$1"; fi; }
    h=$(ok s1-hub && get s1-hub deliveries_per_s)
    f=$(ok s1-floor && get s1-floor deliveries_per_s)
    n=$(ok s1-ncat && get s1-ncat deliveries_per_s)
    row "S1 relay, lines" "deliveries/s" "$(cell s1-hub)" "$(cell s1-floor)" "$(cell s1-ncat)" \
        "$(ratio "$h" "$f")" "$(ratio "$h" "$n")" "≥ 0.8× floor, ≥ 1.0× ncat" \
        "$(meets "$(ratio "$h" "$f" | tr -d '×')" ">=" 0.8) / $(meets "$(ratio "$h" "$n" | tr -d '×')" ">=" 1.0)"
    fp=$(ok s1-floorp && get s1-floorp deliveries_per_s)
    row "S1 relay, lines, floor with the hub's bytes (--prefix)" "deliveries/s" "—" "$(cell s1-floorp)" "—" \
        "$(ratio "$h" "$fp") (hub / this floor); this floor $(ratio "$fp" "$f") the plain one" "—" "—" "—"
    cpu_note S1 s1-hub s1-floor s1-floorp s1-ncat s1f-hub
    hf=$(ok s1f-hub && get s1f-hub deliveries_per_s)
    row "S1 relay, frames" "deliveries/s" "$(cell s1f-hub)" "—" "—" "$(ratio "$hf" "$f") (of floor, lines)" "—" "—" "—"
    if [ $has_stats = 1 ]; then
        row "S6 GUI stall during S1" "max stall" "${s6_stall:-?} ms" "—" "—" "—" "—" "≤ 50 ms" "$(meets "$s6_stall" "<=" 50)"
    else
        row "S6 GUI stall during S1" "max stall" "n/a (server has no --stats)" "—" "—" "—" "—" "≤ 50 ms" "n/a"
    fi
fi

# ---------------------------------------------------------------- S13
# S1 through TLS: the sender and the 100 receivers speak TLS (loadgen --tls,
# OpenSSL, no verification), against ncat --ssl --broker and against the
# hub's own plain S1, in interleaved rounds (the machine may be shared:
# ratios within a round, then medians).
if wanted S13; then
    say "S13 TLS relay: S1 with TLS clients, $s13_rounds interleaved rounds (hub TLS, ncat --ssl, hub plain)"
    s13=(--receivers 100 --senders 1 --messages "$s1_messages" --size 64 --window 1000)
    for round in $(seq "$s13_rounds"); do
        start_server hub relay "${tls_hub[@]}" && run_lg "s13-hub-$round" 120 "${s13[@]}" --tls --welcome-timeout 5
        stop_server
        if [ $have_ncat = 1 ]; then
            start_server ncat --ssl && run_lg "s13-ncat-$round" 120 "${s13[@]}" --tls "${lines_nowelcome[@]}"
            stop_server
        fi
        start_server hub relay && run_lg "s13p-hub-$round" 120 "${s13[@]}" --welcome-timeout 5
        stop_server
    done
    n13=$s13_rounds
    vn=$(ratios "$n13" s13-hub s13-ncat deliveries_per_s | median)
    vp=$(ratios "$n13" s13-hub s13p-hub deliveries_per_s | median)
    pn=$(ratios "$n13" s13-hub s13-ncat p99_us | median)
    row "S13 TLS relay, lines" "deliveries/s, median of $n13" "$(rounds_cell "$n13" s13-hub)" "—" "$(rounds_cell "$n13" s13-ncat)" \
        "—" "${vn:-n/a}× (rounds $(ratios "$n13" s13-hub s13-ncat deliveries_per_s | spread)); p99 ${pn:-n/a}×" \
        "≥ 1.2× ncat, p99 ≤ 1.0× ncat" "$(meets "$vn" ">=" 1.2) / $(meets "$pn" "<=" 1.0)"
    row "S13 vs plain S1" "deliveries/s, TLS / plain" "$(rounds_cell "$n13" s13p-hub) plain" "—" "—" "—" "—" \
        "≥ 0.6× plain: ${vp:-n/a}× (rounds $(ratios "$n13" s13-hub s13p-hub deliveries_per_s | spread))" "$(meets "$vp" ">=" 0.6)"
    cpu_note S13 s13-hub-1 s13-ncat-1 s13p-hub-1
fi

# ---------------------------------------------------------------- S12
# S1 with browsers' framing: the sender and the 100 receivers are WebSocket
# clients (loadgen --framing websocket: the HTTP upgrade with the page's own
# Origin, then JSON texts in masked frames, docs/protocol.md section 10),
# against the hub's own S1 with line clients, in interleaved rounds (the
# machine may be shared: ratios within a round, then the median).
if wanted S12; then
    say "S12 WebSocket relay: S1 with WebSocket clients against line clients, $s12_rounds interleaved rounds"
    s12=(--receivers 100 --senders 1 --messages "$s1_messages" --size 64 --window 1000 --welcome-timeout 5)
    for round in $(seq "$s12_rounds"); do
        start_server hub relay && run_lg "s12-hub-$round" 120 "${s12[@]}" --framing websocket
        stop_server
        start_server hub relay && run_lg "s12l-hub-$round" 120 "${s12[@]}"
        stop_server
    done
    vl=$(ratios "$s12_rounds" s12-hub s12l-hub deliveries_per_s | median)
    pl=$(ratios "$s12_rounds" s12-hub s12l-hub p99_us | median)
    row "S12 WebSocket relay" "deliveries/s, median of $s12_rounds" "$(rounds_cell "$s12_rounds" s12-hub)" "—" "—" "—" "—" \
        "≥ 0.7× lines: ${vl:-n/a}× (rounds $(ratios "$s12_rounds" s12-hub s12l-hub deliveries_per_s | spread)); p99 ${pl:-n/a}×" \
        "$(meets "$vl" ">=" 0.7)"
    row "S12 vs lines S1" "deliveries/s, lines, same rounds" "$(rounds_cell "$s12_rounds" s12l-hub) lines" "—" "—" "—" "—" "—" "—"
    cpu_note S12 s12-hub-1 s12l-hub-1
fi

# ---------------------------------------------------------------- S11
# S1 across a federation (docs/federation.md): a redis-server and three
# socket-servers with --federate, the sender on instance A and the 100
# receivers spread over A, B and C (loadgen --receiver-ports), against S1 on
# one instance, in interleaved rounds on the same 2 cores (Redis and the
# three servers share them). Then the cross-instance latency: 10 receivers
# on B and C only, the sender on A, 1,000 msgs/s.
redis_pid=
start_redis() {
    redis_pid=
    redis_port=
    starts=$((starts + 1))
    if on_free_port 30000 "$log/redis-$starts.out" redis-server --port {PORT} --bind 127.0.0.1 --save "" --appendonly no; then
        redis_pid=$free_pid
        redis_port=$free_port
        return 0
    fi
    say "redis-server did not start"
    return 1
}
# start_federation NAME: Redis and instances A, B, C; sets fed_pids, fed_ports
# and leaves srv_pid/srv_port on A (the sender's, whose CPU loadgen reports).
start_federation() {
    fed_pids=()
    fed_ports=()
    fed_outs=()
    start_redis || return 1
    local name
    for name in A B C; do
        start_server hub relay --federate "redis://127.0.0.1:$redis_port/$1" --instance-name "$name" || return 1
        fed_pids+=("$srv_pid")
        fed_ports+=("$srv_port")
        fed_outs+=("$srv_out")
    done
    srv_pid=${fed_pids[0]}
    srv_port=${fed_ports[0]}
    srv_out=${fed_outs[0]}
}
stop_federation() {
    local i
    for i in "${!fed_pids[@]}"; do
        srv_pid=${fed_pids[$i]}
        srv_out=${fed_outs[$i]}
        stop_server
    done
    if [ -n "$redis_pid" ]; then
        kill -TERM "$redis_pid" 2> /dev/null
        wait "$redis_pid" 2> /dev/null
        redis_pid=
    fi
}
s11_rounds=${S11_ROUNDS:-3}
if wanted S11; then
    if ! command -v redis-server > /dev/null || ! has_option --federate; then
        row "S11 federated relay" "—" "n/a (needs redis-server and a socket-server with --federate)" "—" "—" "—" "—" "≥ 0.5× one instance" "n/a"
    else
        say "S11 federated relay: S1 over 3 instances and Redis against one instance, $s11_rounds interleaved rounds"
        s11=(--receivers 100 --senders 1 --messages "$s1_messages" --size 64 --window 1000 --welcome-timeout 5)
        for round in $(seq "$s11_rounds"); do
            if start_federation "s11-$round"; then
                run_lg "s11-fed-$round" 120 "${s11[@]}" \
                    --receiver-ports "${fed_ports[0]},${fed_ports[1]},${fed_ports[2]}"
            fi
            stop_federation
            start_server hub relay && run_lg "s11-one-$round" 120 "${s11[@]}"
            stop_server
        done
        # Cross-instance latency, paced: every receiver on another instance.
        s11l=(--receivers 10 --senders 1 --messages "$s3_messages" --size 64 --rate 1000 --welcome-timeout 5)
        for round in $(seq "$s11_rounds"); do
            if start_federation "s11l-$round"; then
                run_lg "s11-lat-$round" 60 "${s11l[@]}" --receiver-ports "${fed_ports[1]},${fed_ports[2]}"
            fi
            stop_federation
        done
        vo=$(ratios "$s11_rounds" s11-fed s11-one deliveries_per_s | median)
        row "S11 federated relay, 3 instances" "deliveries/s, median of $s11_rounds" "$(rounds_cell "$s11_rounds" s11-fed)" "—" "—" "—" "—" \
            "≥ 0.5× one instance: ${vo:-n/a}× (rounds $(ratios "$s11_rounds" s11-fed s11-one deliveries_per_s | spread))" \
            "$(meets "$vo" ">=" 0.5)"
        row "S11 one instance" "deliveries/s, same rounds" "$(rounds_cell "$s11_rounds" s11-one)" "—" "—" "—" "—" "—" "—"
        lat=$(each "$s11_rounds" s11-lat p99_us | median)
        row "S11 cross-instance latency at 1,000/s" "p99, median of $s11_rounds" \
            "${lat:-$(why s11-lat-1)} µs (rounds: $(each "$s11_rounds" s11-lat p99_us | tr '\n' ' ' | sed 's/ $//'))" "—" "—" "—" "—" "reported" "—"
        cpu_note S11 s11-fed-1 s11-one-1
    fi
fi

# ---------------------------------------------------------------- S2
if wanted S2; then
    say "S2 fan-out: 1 sender to $s2_receivers receivers"
    s2=(--receivers "$s2_receivers" --senders 1 --messages "$s2_messages" --size 64 --window 1000)
    start_server hub relay && run_lg s2-hub 150 "${s2[@]}" --welcome-timeout 20
    stop_server
    start_server floor && run_lg s2-floor 90 "${s2[@]}" "${lines_nowelcome[@]}"
    stop_server
    cell() { if ok "$1"; then echo "$(fmt_rate "$(get "$1" deliveries_per_s)")$(bound "$1")"; else why "$1"; fi; }
    cpu_note S2 s2-hub s2-floor
    h=$(ok s2-hub && get s2-hub deliveries_per_s)
    f=$(ok s2-floor && get s2-floor deliveries_per_s)
    row "S2 fan-out to $s2_receivers" "deliveries/s" "$(cell s2-hub)" "$(cell s2-floor)" "n/a (select limit)" \
        "$(ratio "$h" "$f")" "—" "≥ 0.7× floor" "$(meets "$(ratio "$h" "$f" | tr -d '×')" ">=" 0.7)"
fi

# ---------------------------------------------------------------- T
# One network thread against two (--network-threads), S1 and S2 loads, the
# two taking turns twice; the better of each pair is kept.
if wanted T; then
    say "T: network threads, 1 against 2, on the S1 and S2 loads"
    t1=(--receivers 100 --senders 1 --messages "$s1_messages" --size 64 --window 1000 --welcome-timeout 5)
    t2=(--receivers "$s2_receivers" --senders 1 --messages "$s2_messages" --size 64 --window 1000 --welcome-timeout 20)
    for round in 1 2; do
        for n in 1 2; do
            start_server hub relay --network-threads "$n" && run_lg "t1-$n-$round" 120 "${t1[@]}"
            stop_server
            start_server hub relay --network-threads "$n" && run_lg "t2-$n-$round" 150 "${t2[@]}"
            stop_server
        done
    done
    best() {
        local a b
        a=$(ok "$1-1" && get "$1-1" deliveries_per_s)
        b=$(ok "$1-2" && get "$1-2" deliveries_per_s)
        printf '%s\n%s\n' "${a:-0}" "${b:-0}" | sort -g | tail -1
    }
    for load in t1 t2; do
        one=$(best "$load-1")
        two=$(best "$load-2")
        label="S1 relay, lines"
        [ $load = t2 ] && label="S2 fan-out to $s2_receivers"
        row "T $label, 2 network threads" "deliveries/s" "$(fmt_rate "$two") (1 thread: $(fmt_rate "$one"))" \
            "—" "—" "$(ratio "$two" "$one") of 1 thread" "—" "choose the default" "—"
    done
fi

# ---------------------------------------------------------------- S3
if wanted S3; then
    # A p99 over 5 s moves a lot from one run to the next on a shared
    # machine: three rounds, the servers taking turns, and the median.
    say "S3 latency: 10 receivers, 1,000 msgs/s, 3 rounds"
    s3=(--receivers 10 --senders 1 --messages "$s3_messages" --size 64 --rate 1000)
    for round in 1 2 3; do
        start_server hub relay && run_lg "s3-hub-$round" 60 "${s3[@]}" --welcome-timeout 5
        stop_server
        start_server floor && run_lg "s3-floor-$round" 60 "${s3[@]}" "${lines_nowelcome[@]}"
        stop_server
        if [ $have_ncat = 1 ]; then
            start_server ncat && run_lg "s3-ncat-$round" 60 "${s3[@]}" "${lines_nowelcome[@]}"
            stop_server
        fi
    done
    # p99s of the rounds that passed, and their median
    p99s() { local r; for r in 1 2 3; do ok "$1-$r" && get "$1-$r" p99_us; done; }
    median() { sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
    cell() {
        local all m
        all=$(p99s "$1" | tr '\n' ' ')
        m=$(p99s "$1" | median)
        if [ -n "$m" ]; then echo "$m µs (rounds: ${all% })"; else why "$1-1"; fi
    }
    h=$(p99s s3-hub | median)
    f=$(p99s s3-floor | median)
    n=$(p99s s3-ncat | median)
    row "S3 latency at 1,000/s" "p99, median of 3" "$(cell s3-hub)" "$(cell s3-floor)" "$(cell s3-ncat)" \
        "$(ratio "$h" "$f")" "$(ratio "$h" "$n")" "≤ 2× floor" "$(meets "$(ratio "$h" "$f" | tr -d '×')" "<=" 2)"
fi

# ---------------------------------------------------------------- S4, S5
if wanted S4 || wanted S5; then
    say "S4/S5: $s4_clients clients connect at once, then stay idle"
    start_server hub relay && run_lg s4-hub 60 --connect-only "$s4_clients" --framing frames --welcome-timeout 20 --hold 2
    stop_server
    start_server floor && run_lg s4-floor 60 --connect-only "$s4_clients" --welcome-timeout 0 --hold 2
    stop_server
    h=$(get s4-hub ready_ms)
    hc=$(get s4-hub connect_ms)
    if ok s4-hub; then
        c="$(fmt_int "$hc") ms connected, $(fmt_int "$h") ms all welcomed"
        met=$(meets "$h" "<=" 2000)
    else
        c=$(why s4-hub)
        [ -n "$hc" ] && c="$(fmt_int "$hc") ms connected, $(get s4-hub welcomed) welcomed; $c"
        met="**no**"
    fi
    if ok s4-floor; then fc="$(fmt_int "$(get s4-floor connect_ms)") ms connected"; else fc=$(why s4-floor); fi
    row "S4 $s4_clients connect at once" "time to all" "$c" "$fc" "n/a (select limit)" "—" "—" "≤ 2,000 ms" "$met"
    # Measured even when some clients failed: say so.
    hr=$(get s4-hub rss_per_client_b)
    fr=$(get s4-floor rss_per_client_b)
    hc="${hr:+$hr B}"
    [ -n "$hr" ] && ! ok s4-hub && hc="$hc (with $(get s4-hub open) of $s4_clients open)"
    row "S5 $s4_clients idle" "RSS per client" "${hc:-$(why s4-hub)}" "${fr:+$fr B}" "n/a (select limit)" "—" "—" "≤ 8,192 B" "$(meets "$hr" "<=" 8192)"

    # The same through TLS: handshakes per second and their CPU, then the
    # memory of an idle TLS client.
    say "S4/S5 TLS: $s4_clients TLS clients connect at once, then stay idle"
    start_server hub relay "${tls_hub[@]}" && run_lg s4t-hub 60 --connect-only "$s4_clients" --tls --framing frames --welcome-timeout 20 --hold 2
    stop_server
    hc=$(get s4t-hub connect_ms)
    if [ -n "$hc" ]; then
        c="$(fmt_int "$hc") ms all handshaken ($(awk -v n="$(get s4t-hub connected)" -v ms="$hc" 'BEGIN { printf "%.0f", n * 1000 / ms }') handshakes/s), server CPU $(get s4t-hub connect_srv_cpu_s) s ($(get s4t-hub srv_cpu_per_connect_us) µs a handshake)"
        ok s4t-hub || c="$c; $(why s4t-hub)"
    else
        c=$(why s4t-hub)
    fi
    row "S4 TLS $s4_clients connect at once" "time to all handshaken" "$c" "—" "n/a (select limit)" "—" "—" "≤ 10,000 ms on 2 cores" "$(meets "$hc" "<=" 10000)"
    hr=$(get s4t-hub rss_per_client_b)
    hc="${hr:+$hr B}"
    [ -n "$hr" ] && ! ok s4t-hub && hc="$hc (with $(get s4t-hub open) of $s4_clients open)"
    row "S5 TLS $s4_clients idle" "RSS per TLS client" "${hc:-$(why s4t-hub)}" "—" "n/a (select limit)" "—" "—" "≤ 16,384 B" "$(meets "$hr" "<=" 16384)"
fi

# ---------------------------------------------------------------- S7
if wanted S7; then
    say "S7 soak: $s7_cycles connect/disconnect cycles (half clean, half reset), 60 s at most"
    # The warmup fills the server's bounded logs, a one-time step by design:
    # 10,000 lines, three a cycle (connected, named, left), but the window's
    # view takes at most 3,000 lines a second, so it needs some 4 s of churn.
    # What grows after it is what is not bounded.
    s7=(--churn "$s7_cycles" --churn-parallel 64 --churn-warmup "$(q 100000)" --churn-time 60 --settle 1)
    start_server hub relay && run_lg s7-hub 150 "${s7[@]}" --framing frames --welcome-timeout 2
    stop_server
    start_server floor && run_lg s7-floor 150 "${s7[@]}" --welcome-timeout 0
    stop_server
    cell() {
        if [ -z "$(get "$1" cycles)" ]; then why "$1"; return; fi
        local c
        c="+$(get "$1" rss_growth_kb) KiB after $(get "$1" cycles) cycles in $(get "$1" seconds) s"
        c="$c (halves: +$(get "$1" first_half_kb), +$(get "$1" second_half_kb))"
        [ "$(get "$1" truncated)" = 1 ] && c="$c (stopped at 60 s)"
        ok "$1" || c="$c; $(why "$1")"
        echo "$c"
    }
    row "S7 soak, $s7_cycles cycles" "RSS growth" "$(cell s7-hub)" "$(cell s7-floor)" "n/a" "—" "—" "≤ 2,048 KiB" \
        "$(meets "$(get s7-hub rss_growth_kb)" "<=" 2048)"
fi

# ---------------------------------------------------------------- S8
if wanted S8; then
    say "S8 burst: $s8_messages x 1 KiB lines to one reader beside one client that never reads"
    s8=(--receivers 1 --senders 1 --messages "$s8_messages" --size 1024 --window 1000 --non-reader 1)
    start_server hub relay && run_lg s8-hub 90 "${s8[@]}" --welcome-timeout 5 --non-reader-wait 15
    stop_server
    start_server floor && run_lg s8-floor 90 "${s8[@]}" "${lines_nowelcome[@]}" --non-reader-wait 0
    stop_server
    cell() {
        [ -n "$(get "$1" hwm_kb)" ] || { why "$1"; return; }
        local reader="reader got all in order"
        ok "$1" || reader="reader: $(why "$1")"
        local cut="non-reader cut"
        [ "$(get "$1" nonreaders_closed)" = 1/1 ] || cut="non-reader NOT cut"
        echo "peak $(fmt_mb "$(get "$1" hwm_kb)"); $reader; $cut"
    }
    hw=$(get s8-hub hwm_kb)
    met=$(meets "$hw" "<=" 195312) # 200 MB in KiB
    { ok s8-hub && [ "$(get s8-hub nonreaders_closed)" = 1/1 ]; } || met="**no**"
    row "S8 burst + non-reader" "peak RSS" "$(cell s8-hub)" "$(cell s8-floor)" "not run" "—" "—" "≤ 200 MB, all in order, cut" "$met"
fi

# ---------------------------------------------------------------- S9
if wanted S9; then
    say "S9 $s9_messages messages of 1,000,000 bytes"
    s9=(--senders 1 --messages "$s9_messages" --size 1000000)
    start_server hub show && run_lg s9a-hub 180 "${s9[@]}" --receivers 0 --welcome-timeout 0
    await_idle 120
    s9a_hwm=$(hwm_kb)
    stop_server
    row "S9a 1 MB messages, show" "peak RSS" "${s9a_hwm:+$(fmt_mb "$s9a_hwm")}$(ok s9a-hub || echo "; $(why s9a-hub)")" \
        "—" "—" "—" "—" "—" "—"
    s9b=("${s9[@]}" --receivers 3 --window 4)
    start_server hub relay && run_lg s9b-hub 180 "${s9b[@]}" --welcome-timeout 5
    stop_server
    start_server floor && run_lg s9b-floor 120 "${s9b[@]}" "${lines_nowelcome[@]}"
    stop_server
    if [ $have_ncat = 1 ]; then
        start_server ncat && run_lg s9b-ncat 120 "${s9b[@]}" "${lines_nowelcome[@]}"
        stop_server
    fi
    cell() {
        if ok "$1"; then echo "peak $(fmt_mb "$(get "$1" hwm_kb)"), all delivered, $(get "$1" mb_per_s) MB/s"
        else why "$1"; fi
    }
    row "S9b 1 MB messages, relay to 3" "peak RSS" "$(cell s9b-hub)" "$(cell s9b-floor)" "$(cell s9b-ncat)" \
        "$(ratio "$(get s9b-hub hwm_kb)" "$(get s9b-floor hwm_kb)")" "—" "every reader gets every message" \
        "$(ok s9b-hub && echo yes || echo "**no**")"
fi

# ---------------------------------------------------------------- S10
if wanted S10; then
    say "S10 one 1 MB line without spaces to the window (show mode)"
    start_server hub show && run_lg s10-hub 60 --receivers 0 --senders 1 --messages 1 --size 1000000 --no-spaces --welcome-timeout 0
    await_idle 60
    stop_server
    s10_stall=$(stat_of max-stall-ms)
    if [ $has_stats = 1 ]; then
        row "S10 one 1 MB line, no spaces" "max stall" "${s10_stall:-?} ms" "—" "—" "—" "—" "≤ 50 ms" "$(meets "$s10_stall" "<=" 50)"
    else
        row "S10 one 1 MB line, no spaces" "max stall" "n/a (server has no --stats)" "—" "—" "—" "—" "≤ 50 ms" "n/a"
    fi

    # The same line relayed to a socket-client window (frames).
    client_bin=$(dirname "$(dirname "$server")")/client/socket-client
    if [ -x "$client_bin" ] && "$client_bin" --help 2> /dev/null | grep -q -- '--stats'; then
        say "S10 the same line relayed to a socket-client window"
        start_server hub relay
        client_log=$log/s10-client.log
        env HOME="$log/home" XDG_CONFIG_HOME="$log/home/.config" QT_QPA_PLATFORM=offscreen \
            "$client_bin" --host 127.0.0.1 --port "$srv_port" --framing frames --connect \
            --stats --log "$client_log" > "$log/s10-client.out" 2> "$log/s10-client.err" &
        client_pid=$!
        for _ in $(seq 100); do grep -q 'Welcome client' "$client_log" 2> /dev/null && break; sleep 0.1; done
        # A receiver too, so that the sender stays connected until the line
        # is through (closing over an unread welcome is a reset, which
        # drops what the server has not read yet).
        run_lg s10c-hub 60 --receivers 1 --senders 1 --messages 1 --size 1000000 --no-spaces --welcome-timeout 5
        for _ in $(seq 100); do grep -q '\[1000000 bytes\]' "$client_log" 2> /dev/null && break; sleep 0.1; done
        kill -TERM "$client_pid" 2> /dev/null
        wait "$client_pid" 2> /dev/null
        stop_server
        c_stall=$(sed -n 's/^stats: .*max-stall-ms=\([0-9]*\).*/\1/p' "$log/s10-client.out" | head -1)
        if grep -q '\[1000000 bytes\]' "$client_log" 2> /dev/null && [ -n "$c_stall" ]; then
            row "S10 the same, to a socket-client window" "max stall" "$c_stall ms" "—" "—" "—" "—" "≤ 50 ms" "$(meets "$c_stall" "<=" 50)"
        else
            row "S10 the same, to a socket-client window" "max stall" "FAIL (the client did not show it; see s10-client.*)" "—" "—" "—" "—" "≤ 50 ms" "**no**"
        fi
    fi
fi

# ---------------------------------------------------------------- S14
# socket-client under a flood (issue 22): a real window (offscreen, --log to
# a file, --stats) in a relay while loadgen relays 64-byte lines past it to
# its own reader (closed loop, window 1000). The client keeps up or holds
# the sender back through the server's flow control. Per round, the same
# load without the client first (the hub alone: the reference, same run),
# then with it. Reported: the client's lines/s (its log's stamps, first to
# last flood line), peak RSS, max stall; median and range of the rounds.
if wanted S14; then
    client_bin=$(dirname "$(dirname "$server")")/client/socket-client
    if [ ! -x "$client_bin" ] || ! "$client_bin" --help 2> /dev/null | grep -q -- '--stats'; then
        row "S14 socket-client flood" "—" "n/a ($client_bin has no --stats)" "—" "—" "—" "—" "—" "n/a"
    else
        # ms since midnight of a log line's "hh:mm:ss.zzz" stamp
        stamp_ms() { awk '{ split($1, t, /[:.]/); print ((t[1] * 60 + t[2]) * 60 + t[3]) * 1000 + t[4] }'; }
        # median and range of numbers on stdin: "M (lo–hi)"
        mrange() { sort -g | awk '{ v[NR] = $1 } END { if (NR) printf "%s (%s–%s)", v[int((NR + 1) / 2)], v[1], v[NR] }'; }
        med() { sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
        s14_run() { # s14_run N ROUND
            local n=$1 r=$2 name="s14-$1-$2" limit=$(( $1 / 20000 + 60 ))
            start_server hub relay && run_lg "$name-ref" "$limit" --receivers 1 --senders 1 --messages "$n" \
                --size 64 --window 1000 --welcome-timeout 5
            stop_server
            start_server hub relay || return
            local clog=$log/$name.log
            env HOME="$log/home" XDG_CONFIG_HOME="$log/home/.config" QT_QPA_PLATFORM=offscreen \
                "$client_bin" --host 127.0.0.1 --port "$srv_port" --framing lines --connect \
                --stats --log "$clog" > "$log/$name.client" 2> "$log/$name.client-err" &
            local cpid=$!
            for _ in $(seq 100); do grep -q '\* welcome' "$clog" 2> /dev/null && break; sleep 0.1; done
            run_lg "$name" "$limit" --receivers 1 --senders 1 --messages "$n" --size 64 --window 1000 --welcome-timeout 5
            local lastseq
            lastseq=$(printf 's0 %016d' $((n - 1)))
            for _ in $(seq $((limit * 4))); do
                tail -c 400 "$clog" 2> /dev/null | grep -q "$lastseq" && break
                kill -0 "$cpid" 2> /dev/null || break
                sleep 0.25
            done
            local hwm
            hwm=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$cpid/status" 2> /dev/null)
            kill -TERM "$cpid" 2> /dev/null
            wait "$cpid" 2> /dev/null
            stop_server
            # Every flood line once, in order; lines/s from the log's stamps.
            local check
            check=$(awk -v n="$n" '
                / s0 [0-9]/ { for (i = 1; i <= NF; i++) if ($i == "s0") { seq = $(i + 1) + 0; break }
                    if (seq != count) bad++; if (count == 0) first = $1; count++; last = $1 }
                /closed|lost|Disconnected/ { if (count < n) ended++ }
                END { printf "%d %d %d %s %s\n", count, bad, ended, first, last }' "$clog")
            local count bad ended first last
            read -r count bad ended first last <<< "$check"
            local stall holds ms
            stall=$(sed -n 's/^stats: .*max-stall-ms=\([0-9]*\).*/\1/p' "$log/$name.client" | head -1)
            holds=$(sed -n 's/^stats: .*read-holds=\([0-9]*\).*/\1/p' "$log/$name.client" | head -1)
            ms=$(( $(echo "$last" | stamp_ms) - $(echo "$first" | stamp_ms) ))
            [ "$ms" -gt 0 ] 2> /dev/null || ms=1
            echo "$n $r count=$count bad=$bad ended=$ended rate=$(( count * 1000 / ms )) hwm_kb=$hwm stall_ms=$stall holds=$holds ref=$(ok "$name-ref" && get "$name-ref" deliveries_per_s)" \
                >> "$log/s14.txt"
            say "  $name: $(tail -1 "$log/s14.txt")"
            # The log of 10 million lines is a gigabyte: only its check is kept.
            rm -f "$clog"
        }
        say "S14 socket-client flood: $s14_small lines x $s14_rounds_small, $s14_large lines x $s14_rounds_large"
        for r in $(seq "$s14_rounds_small"); do s14_run "$s14_small" "$r"; done
        for r in $(seq "$s14_rounds_large"); do s14_run "$s14_large" "$r"; done
        field() { grep "^$1 " "$log/s14.txt" | grep -o " $2=[^ ]*" | cut -d= -f2; }
        for n in "$s14_small" "$s14_large"; do
            runs=$(grep -c "^$n " "$log/s14.txt")
            [ "$runs" -gt 0 ] || continue
            complete=yes
            while read -r c b e; do
                [ "$c" = "$n" ] && [ "$b" = 0 ] && [ "$e" = 0 ] || complete="**no**"
            done < <(paste <(field "$n" count) <(field "$n" bad) <(field "$n" ended))
            rate=$(field "$n" rate | med)
            ref=$(field "$n" ref | med)
            hwm_max=$(field "$n" hwm_kb | sort -g | tail -1)
            stall_max=$(field "$n" stall_ms | sort -g | tail -1)
            label="S14 socket-client, $(fmt_int "$n") lines of 64 B"
            row "$label" "lines/s, median (range) of $runs" "$(field "$n" rate | mrange) lines/s" \
                "hub alone: $(field "$n" ref | mrange)/s" "—" "$(ratio "$rate" "$ref") of hub alone" "—" \
                "every line logged, in order, still connected" "$complete"
            row "$label" "peak RSS, median (range)" \
                "$(field "$n" hwm_kb | awk '{ printf "%.0f\n", $1 * 1024 / 1e6 }' | mrange) MB" \
                "—" "—" "—" "—" "≤ 100 MB" "$(meets "$(awk -v v="$hwm_max" 'BEGIN { printf "%.0f", v * 1024 / 1e6 }')" "<=" 100)"
            row "$label" "max stall, median (range)" "$(field "$n" stall_ms | mrange) ms (read holds: $(field "$n" holds | mrange))" \
                "—" "—" "—" "—" "≤ 50 ms" "$(meets "$stall_max" "<=" 50)"
        done
    fi
fi

# ---------------------------------------------------------------- report
elapsed=$((SECONDS - started))
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
version=$(git -C "$root" describe --always --dirty 2> /dev/null || echo unknown)
{
    echo "### $(date -u +%Y-%m-%d), $cpu, $(nproc) cores, $(uname -sr)"
    echo
    echo "\`bench/run_load_bench.sh$([ "$quick" = 1 ] && echo " --quick")\` at $(date -u +%H:%MZ) in a tree at $version;"
    echo "server \`$server\`, built $(stat -c %y "$server" | cut -d. -f1); load average before: $load_before;"
    echo "$elapsed s of scenarios. Deliveries count (receiver, message) pairs; ratios are socket-server / other."
    [ "$quick" = 1 ] && echo "**--quick: a tenth of the load; a smoke test, not figures to publish.**"
    echo
    echo "| scenario | metric | socket-server | floor (epoll relay) | ncat --broker | vs floor | vs ncat | target | met |"
    echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    printf '%s\n' "${rows[@]}"
    if [ "${#notes[@]}" -gt 0 ]; then
        echo
        printf -- '- %s\n' "${notes[@]}"
    fi
} | tee "$log/results.md"
say "done in $elapsed s; table in $log/results.md"
