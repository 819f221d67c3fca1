#!/usr/bin/env bash
# Delayed-load benchmark: 1,000 concurrent requests held by the fault plan's latency. Do they all
# get their answer, none early, without a thread per request, and is the rest of the API (GET
# /health, exempt from the latency) still served at speed while they wait?
# See bench/README.md ("Delayed load") for what is measured and how to read the output.
set -euo pipefail
export LC_ALL=C

usage() {
    cat <<'EOF'
Usage: bench/delayed-load.sh [options] [APIDOJO_BIN]

Default binary: build/release/src/app/apidojo (relative to the repository root). Build it with:
  cmake --preset release && cmake --build --preset release

Starts `apidojo --headless --faults PLAN` with a fixed latency on every route but /health, opens
N connections at once (from source addresses 127.0.0.2 .. 127.0.0.K+1, within the server's 64
connections per address; 127.0.0.1 is left to wrk), each sending one GET /users, and while they
are held runs wrk on
GET /health. Reports the answers and their latencies, wrk's throughput with and without the held
requests, and the server's threads and memory before, while held and after.

Options:
  -n, --clients N        concurrent delayed requests (default 1000)
      --delay MS         the plan's fixed latency (default 5000)
      --sources K        client source addresses 127.0.0.2 .. 127.0.0.K+1 (default 20)
  -d, --wrk-duration S   seconds of each wrk run on GET /health (default 3; must end while the
                         requests are held)
  -c, --connections N    wrk connections (default 32)
      --log-dir DIR      keep the server's output, wrk's and the client's in DIR
  -h, --help             this text

Exit status: 0 measured cleanly, 1 setup failure, a request unanswered or answered early, or a
wrk run with errors, 2 bad usage.
EOF
}

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bench_script=delayed-load.sh # the prefix of lib.sh's messages
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$bench_dir/lib.sh"
repo_root=$(cd "$bench_dir/.." && pwd)
lua_dir="$bench_dir/lua"
client="$bench_dir/delayed_clients.py"

clients=1000
delay_ms=5000
sources=20
wrk_seconds=3
wrk_conns=32
log_dir=""
positional=()

while (($#)); do
    case $1 in
    -n | --clients) clients=${2-}; shift 2 || { usage >&2; exit 2; } ;;
    --delay) delay_ms=${2-}; shift 2 || { usage >&2; exit 2; } ;;
    --sources) sources=${2-}; shift 2 || { usage >&2; exit 2; } ;;
    -d | --wrk-duration) wrk_seconds=${2-}; shift 2 || { usage >&2; exit 2; } ;;
    -c | --connections) wrk_conns=${2-}; shift 2 || { usage >&2; exit 2; } ;;
    --log-dir) log_dir=${2-}; shift 2 || { usage >&2; exit 2; } ;;
    -h | --help) usage; exit 0 ;;
    --) shift; positional+=("$@"); break ;;
    -*) echo "delayed-load.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) positional+=("$1"); shift ;;
    esac
done
((${#positional[@]} <= 1)) || { usage >&2; exit 2; }

apidojo_bin=${positional[0]:-$repo_root/build/release/src/app/apidojo}

[[ $clients =~ ^[0-9]+$ ]] && ((10#$clients >= 1 && 10#$clients <= 10000)) ||
    bad_usage "--clients must be 1..10000"
[[ $delay_ms =~ ^[0-9]+$ ]] && ((10#$delay_ms >= 100 && 10#$delay_ms <= 300000)) ||
    bad_usage "--delay must be 100..300000 ms"
[[ $sources =~ ^[0-9]+$ ]] && ((10#$sources >= 1 && 10#$sources <= 253)) ||
    bad_usage "--sources must be 1..253"
[[ $wrk_seconds =~ ^[0-9]+$ ]] && ((10#$wrk_seconds >= 1 && 10#$wrk_seconds <= 600)) ||
    bad_usage "--wrk-duration must be 1..600 seconds"
[[ $wrk_conns =~ ^[0-9]+$ ]] && ((10#$wrk_conns >= 1 && 10#$wrk_conns <= 1000)) ||
    bad_usage "--connections must be 1..1000"
clients=$((10#$clients)) delay_ms=$((10#$delay_ms)) sources=$((10#$sources))
wrk_seconds=$((10#$wrk_seconds)) wrk_conns=$((10#$wrk_conns))
((clients <= sources * 64)) ||
    bad_usage "$clients clients from $sources addresses exceed the server's 64 connections per address"
((wrk_seconds * 1000 + 500 < delay_ms)) ||
    bad_usage "--wrk-duration must end at least 0.5 s before the delay does"

command -v wrk >/dev/null || die "wrk not found (Debian: apt-get install wrk)"
command -v python3 >/dev/null || die "python3 not found"
[[ -f $apidojo_bin && -x $apidojo_bin ]] || die "ApiDojo binary not found or not executable: $apidojo_bin
  build it with: (cd $repo_root && cmake --preset release && cmake --build --preset release)
  or pass its path: bench/delayed-load.sh [APIDOJO_BIN]"
if [[ -n $log_dir ]]; then
    mkdir -p "$log_dir" || die "cannot create $log_dir"
    log_dir=$(cd "$log_dir" && pwd)
fi

# Every held connection is a descriptor in the server and one in the clients. The app raises its
# own soft limit at start-up; raised here too for the clients (and for builds that did not).
wanted_files=$((clients + 1024))
hard_files=$(ulimit -H -n)
if [[ $hard_files != unlimited ]] && ((hard_files < wanted_files)); then
    wanted_files=$hard_files
fi
if [[ $(ulimit -S -n) != unlimited ]] && (($(ulimit -S -n) < wanted_files)); then
    ulimit -S -n "$wanted_files"
fi

# --- process bookkeeping: everything started here is stopped on exit, Ctrl-C included ----------

tmp=$(mktemp -d "${TMPDIR:-/tmp}/apidojo-delayed-load.XXXXXX")
server_pid=""
drain_pid=""
client_pid=""

cleanup() {
    local status=$?
    trap - EXIT INT TERM HUP
    if [[ -n $client_pid ]]; then
        kill -TERM "$client_pid" 2>/dev/null || true
        wait "$client_pid" 2>/dev/null || true
    fi
    stop_group "$server_pid"
    stop_drain
    rm -rf "$tmp"
    exit "$status"
}
trap cleanup EXIT
trap 'echo "delayed-load.sh: interrupted" >&2; exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

out_file() { # the log directory if any, else the temporary one
    if [[ -n $log_dir ]]; then echo "$log_dir/$1"; else echo "$tmp/$1"; fi
}

# --- measurement ---------------------------------------------------------------------------

declare -A result # wrk: "$phase|field"; server: "$label|VmRSS" etc.
invalid=0

# The server's threads and memory from /proc/PID/status, as "$label|Threads", "$label|VmRSS" and
# "$label|VmHWM" (kB).
sample_server() {
    local label=$1 key value _ field
    while read -r key value _; do
        field=${key%:}
        case $field in
        Threads | VmRSS | VmHWM) result["$label|$field"]=$value ;;
        esac
    done <"/proc/$server_pid/status"
}

hz=$(getconf CLK_TCK)

# CPU ticks of one process (all its threads), 0 once it is gone.
process_ticks() {
    local stat
    local -a fields
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
    # Fields after the ")" that closes the name: utime is the 14th field, stime the 15th.
    read -r -a fields <<<"${stat##*) }"
    echo $((fields[11] + fields[12]))
}

# Marks the CPU state as result["$1|busy"] (the machine's busy ticks), result["$1|ours"] (the
# server, the client, the drain and this shell's finished children: wrk) and result["$1|time"].
cpu_mark() {
    local user nice system irq softirq steal kids pid ours=0
    read -r _ user nice system _ _ irq softirq steal _ </proc/stat
    for pid in "$server_pid" "$client_pid" "$drain_pid"; do
        [[ -n $pid ]] && ours=$((ours + $(process_ticks "$pid")))
    done
    times >"$tmp/times" # here: a subshell would report its own children only
    kids=$(sed -n 2p "$tmp/times")
    ours=$((ours + $(awk -v t="$kids" -v hz="$hz" 'BEGIN {
        split(t, f, /[ ms]+/); printf "%d", ((f[1] + f[3]) * 60 + f[2] + f[4]) * hz }')))
    result[$1|busy]=$((user + nice + system + irq + softirq + steal))
    result[$1|ours]=$ours
    result[$1|time]=$EPOCHREALTIME
}

# What the rest of the machine used between two marks, in % of one core.
others_between() {
    awk -v busy=$((result[$2|busy] - result[$1|busy])) -v ours=$((result[$2|ours] - result[$1|ours])) \
        -v t0="${result[$1|time]}" -v t1="${result[$2|time]}" -v hz="$hz" \
        'BEGIN { o = (busy - ours) / hz / (t1 - t0) * 100; printf "%.0f", (o > 0 ? o : 0) }'
}

# One wrk run on GET /health; its BENCH_RESULT fields go to result["$1|..."].
run_wrk() {
    local phase=$1 out line threads=$((wrk_conns < 2 ? wrk_conns : 2))
    out=$(out_file "wrk-$phase.log")
    timeout --foreground -k 5 $((wrk_seconds + 30)) wrk -t"$threads" -c"$wrk_conns" \
        -d"${wrk_seconds}s" -s "$lua_dir/health.lua" "http://127.0.0.1:$server_port/health" \
        >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed ($phase)"; }
    line=$(grep -m1 '^BENCH_RESULT ' "$out") || { cat "$out" >&2; die "wrk printed no BENCH_RESULT line"; }
    bench_result_read "$phase" "$line"
    bench_result_tally "$phase" health
}

# A field of the client's JSON result.
client_field() {
    python3 -c 'import json, sys; v = json.load(open(sys.argv[1]))[sys.argv[2]]
print(json.dumps(v) if isinstance(v, (dict, list)) else v)' "$tmp/clients.json" "$1"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)

printf '{"latency": {"enabled": true, "fixed_ms": %d, "jitter_ms": 0, "exempt_health": true}}\n' \
    "$delay_ms" >"$tmp/faults.json"
launch_server apidojo "apidojo --headless" "$(out_file apidojo.stdout.log)" \
    "$(out_file apidojo.stderr.log)" "$apidojo_bin" --headless --port 0 --faults "$tmp/faults.json"
[[ $(<"/proc/$server_pid/comm") == apidojo* ]] ||
    die "pid $server_pid is $(<"/proc/$server_pid/comm"), not the app"
echo "apidojo: pid $server_pid, http://127.0.0.1:$server_port, latency $delay_ms ms on all but /health," \
    "open files soft limit $(ulimit -S -n); $(nproc) CPUs, $(date -u +%Y-%m-%dT%H:%M:%SZ)" >&2

sample_server before
cpu_mark alone_start
run_wrk alone
cpu_mark alone_end
echo "  wrk GET /health alone: $(printf '%.0f' "${result[alone|rps]}") req/s" >&2

# The clients, in the background; they create $tmp/sent once every request is out.
python3 "$client" "$server_port" --clients "$clients" --sources "$sources" --first-source 2 \
    --timeout $((delay_ms / 1000 + 60)) --sent-file "$tmp/sent" >"$tmp/clients.json" \
    2>"$(out_file clients.stderr.log)" &
client_pid=$!
client_started=$EPOCHREALTIME
for ((i = 0; i < 600; i++)); do
    [[ -e $tmp/sent ]] && break
    kill -0 "$client_pid" 2>/dev/null || break
    sleep 0.05
done
[[ -e $tmp/sent ]] || { cat "$(out_file clients.stderr.log)" >&2; die "the clients did not send all $clients requests within 30 s"; }
sample_server held
echo "  all $clients requests sent; wrk GET /health while they are held ..." >&2
cpu_mark held_start
run_wrk held
cpu_mark held_end
wrk_ended=$(awk -v a="$client_started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }')
sample_server held_end

wait "$client_pid" || { cat "$(out_file clients.stderr.log)" >&2; client_pid=""; die "the client failed"; }
client_pid=""
[[ -n $log_dir ]] && cp "$tmp/clients.json" "$log_dir/clients.json"
sleep 1 # the server closes the answered connections
sample_server after
kill -0 "$server_pid" 2>/dev/null || die "the server died during the run"
others_alone=$(others_between alone_start alone_end)
others_held=$(others_between held_start held_end)

answered=$(client_field answered)
failures=$(client_field failures)
min_ms=$(client_field min_ms)
first_answer=$(client_field first_answer_s)
held_throughout=$(awk -v w="$wrk_ended" -v f="$first_answer" 'BEGIN { print (w < f ? "yes" : "NO") }')
early=$(awk -v m="$min_ms" -v d="$delay_ms" 'BEGIN { print (m == "None" || m < d ? 1 : 0) }')
((answered == clients && failures == 0 && early == 0)) || invalid=1
[[ $held_throughout == yes ]] || invalid=1

# --- report --------------------------------------------------------------------------------

echo
echo "$clients concurrent GET /users held $delay_ms ms (fixed latency), from 127.0.0.2 .. 127.0.0.$((sources + 1)):"
echo "  answered $answered of $clients, failures $failures, statuses $(client_field statuses)"
[[ $failures == 0 ]] || echo "  failures, e.g.: $(client_field failure_examples)"
echo "  latency ms: min $min_ms, median $(client_field median_ms), p99 $(client_field p99_ms)," \
    "max $(client_field max_ms) ($( ((early)) && echo "SOME BELOW $delay_ms" || echo ">= $delay_ms: ok"))"
echo "  all sent after $(client_field all_sent_s) s; wall $(client_field wall_s) s," \
    "$(client_field rps) req/s"
printf 'wrk GET /health, %d connections, %d s:\n' "$wrk_conns" "$wrk_seconds"
for phase in alone held; do
    printf '  %-24s %9.0f req/s  p50 %s ms  p99 %s ms  non-2xx %s  errors %s\n' \
        "$([[ $phase == alone ]] && echo "nothing held" || echo "while $clients are held")" \
        "${result[$phase|rps]}" "$(ms "${result[$phase|p50_us]}")" \
        "$(ms "${result[$phase|p99_us]}")" "${result[$phase|bad]}" "${result[$phase|errors]}"
done
echo "  wrk ended ${wrk_ended} s after the clients started, before the first answer" \
    "(${first_answer} s): $held_throughout"
echo "server process (from /proc/$server_pid/status):"
printf '  %-26s %8s %12s %12s\n' "" Threads "VmRSS kB" "VmHWM kB"
for label in before held held_end after; do
    case $label in
    before) text="before" ;;
    held) text="held (all sent)" ;;
    held_end) text="held (after wrk)" ;;
    after) text="after (answered)" ;;
    esac
    printf '  %-26s %8s %12s %12s\n' "$text" "${result[$label|Threads]}" \
        "${result[$label|VmRSS]}" "${result[$label|VmHWM]}"
done
echo "machine: other processes used ${others_alone}% of a core during the first wrk run," \
    "${others_held}% during the second; load average before the run $load_before"

if ((others_alone > 10 || others_held > 10)); then
    echo "  WARNING: other processes used more than 10 % of a core: not a quiet machine, the" \
        "throughput figures are low" >&2
fi

if ((invalid)); then
    echo "NOT VALID: see the lines above (unanswered or early answers, wrk errors, or wrk not" \
        "entirely within the hold)" >&2
    exit 1
fi
