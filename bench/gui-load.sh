#!/usr/bin/env bash
# GUI-under-load benchmark: the same wrk load against ApiDojo headless and against ApiDojo with
# its window open under Xvfb; compares the throughput and reports the window's event-loop stalls.
# See bench/README.md ("GUI under load") for what is measured and how to read the output.
set -euo pipefail
export LC_ALL=C

usage() {
    cat <<'EOF'
Usage: bench/gui-load.sh [options] [APIDOJO_BIN]

Default binary: build/release/src/app/apidojo (relative to the repository root). Build it with:
  cmake --preset release && cmake --build --preset release

Runs two phases of the same load, one after the other: `apidojo --headless`, then apidojo with
its window open on an Xvfb display. In each, two wrk processes run at the same time for the
duration: GET /users and POST+DELETE /users (each with one thread).

Options:
  -d, --duration S       seconds of load per phase (default 30, env BENCH_DURATION)
  -c, --connections N    connections per wrk process (default 16)
      --display :N       X display for Xvfb (default: the first free one from :90 up)
      --screenshot FILE  save a PNG of the Xvfb screen about 2/3 into the window phase's load
      --log-dir DIR      keep the servers' output, wrk's output and the stall report in DIR
      --check            exit 3 when a goal does not hold
  -h, --help             this text

Exit status: 0 measured cleanly, 1 setup failure or a run with errors / non-2xx answers,
2 bad usage, 3 goal not met (with --check only).
EOF
}

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bench_script=gui-load.sh # the prefix of lib.sh's messages
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$bench_dir/lib.sh"
repo_root=$(cd "$bench_dir/.." && pwd)
lua_dir="$bench_dir/lua"
client="$bench_dir/bench_client.py"

duration=${BENCH_DURATION:-30}
connections=16
display=""
screenshot=""
log_dir=""
check=0
positional=()

while (($#)); do
    case $1 in
    -d | --duration) duration=${2-}; shift 2 || { usage >&2; exit 2; } ;;
    -c | --connections) connections=${2-}; shift 2 || { usage >&2; exit 2; } ;;
    --display) display=${2-}; shift 2 || { usage >&2; exit 2; } ;;
    --screenshot) screenshot=${2-}; shift 2 || { usage >&2; exit 2; } ;;
    --log-dir) log_dir=${2-}; shift 2 || { usage >&2; exit 2; } ;;
    --check) check=1; shift ;;
    -h | --help) usage; exit 0 ;;
    --) shift; positional+=("$@"); break ;;
    -*) echo "gui-load.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) positional+=("$1"); shift ;;
    esac
done
((${#positional[@]} <= 1)) || { usage >&2; exit 2; }

apidojo_bin=${positional[0]:-$repo_root/build/release/src/app/apidojo}

[[ $duration =~ ^[0-9]+$ ]] && ((10#$duration >= 1 && 10#$duration <= 600)) ||
    bad_usage "--duration must be 1..600 seconds"
duration=$((10#$duration))
[[ $connections =~ ^[0-9]+$ ]] && ((10#$connections >= 1 && 10#$connections <= 1000)) ||
    bad_usage "--connections must be 1..1000"
connections=$((10#$connections))
if [[ -n $display ]]; then
    [[ $display =~ ^:([0-9]+)$ ]] || bad_usage "--display takes :N, e.g. :90"
fi
[[ -z $screenshot || $screenshot == *.png ]] || bad_usage "--screenshot must name a .png file"

command -v wrk >/dev/null || die "wrk not found (Debian: apt-get install wrk)"
command -v python3 >/dev/null || die "python3 not found"
command -v Xvfb >/dev/null || die "Xvfb not found (Debian: apt-get install xvfb)"
if [[ -n $screenshot ]]; then
    command -v import >/dev/null || die "import not found (Debian: apt-get install imagemagick)"
    screenshot_dir=$(cd "$(dirname "$screenshot")" 2>/dev/null && pwd) ||
        die "the directory of $screenshot does not exist"
    screenshot="$screenshot_dir/$(basename "$screenshot")"
fi
[[ -f $apidojo_bin && -x $apidojo_bin ]] || die "ApiDojo binary not found or not executable: $apidojo_bin
  build it with: (cd $repo_root && cmake --preset release && cmake --build --preset release)
  or pass its path: bench/gui-load.sh [APIDOJO_BIN]"
apidojo_bin=$(cd "$(dirname "$apidojo_bin")" && pwd)/$(basename "$apidojo_bin")
if [[ -n $log_dir ]]; then
    mkdir -p "$log_dir" || die "cannot create $log_dir"
    log_dir=$(cd "$log_dir" && pwd)
fi

# --- process bookkeeping: everything started here is stopped on exit, Ctrl-C included ----------

tmp=$(mktemp -d "${TMPDIR:-/tmp}/apidojo-gui-load.XXXXXX")
app_pid=""
drain_pid=""
xvfb_pid=""
shot_pid=""
wrk_pids=()

# stop_app, stop_xvfb and the starting helpers (out_file, start_headless, start_xvfb,
# start_window, stop_window, stall_report_read) are lib.sh's.
cleanup() {
    local status=$? pid
    trap - EXIT INT TERM HUP
    for pid in "${wrk_pids[@]}" "$shot_pid"; do
        stop_group "$pid"
    done
    stop_app
    stop_xvfb
    rm -rf "$tmp"
    exit "$status"
}
trap cleanup EXIT
trap 'echo "gui-load.sh: interrupted" >&2; exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# A CPU snapshot: the CPU time (clock ticks) of every thread of the given processes as
# "pid/tid name ticks" lines (thread names are Qt's QThread::objectName, the process name for
# the main thread), the machine's busy ticks, the CPU time of this shell's finished children (wrk
# through timeout, the screenshot) and the time.
cpu_snapshot() {
    local pid task stat comm user nice system irq softirq steal kids
    local -a fields
    for pid in "$@"; do
        for task in /proc/"$pid"/task/*; do
            { stat=$(<"$task/stat") && comm=$(<"$task/comm"); } 2>/dev/null || continue
            # Fields after the ")" that closes the name: utime is the 14th field, stime the 15th.
            read -r -a fields <<<"${stat##*) }"
            printf '%s/%s %s %d\n' "$pid" "${task##*/}" "${comm// /_}" $((fields[11] + fields[12]))
        done
    done
    read -r _ user nice system _ _ irq softirq steal _ </proc/stat
    echo "machine busy $((user + nice + system + irq + softirq + steal))"
    times >"$tmp/times" # in this shell: a subshell would report its own children only
    kids=$(sed -n 2p "$tmp/times")
    echo "children all $(awk -v t="$kids" -v hz="$hz" 'BEGIN {
        split(t, f, /[ ms]+/); printf "%d", ((f[1] + f[3]) * 60 + f[2] + f[4]) * hz }')"
    echo "clock now $EPOCHREALTIME"
}
hz=$(getconf CLK_TCK)

# Summarises two cpu_snapshot files, in % of one core over the time between them: first line,
# the threads that used CPU (the app's main thread is its GUI thread in the window phase);
# second line, what the rest of the machine used (busy minus the threads, wrk and the screenshot).
cpu_summary() {
    awk -v hz="$hz" -v app="$3" '
        NR == FNR { before[$1] = $3; next }
        $1 == "machine" { busy = $3 - before[$1]; next }
        $1 == "children" { kids = $3 - before[$1]; next }
        $1 == "clock" { secs = $3 - before[$1]; next }
        { delta[$1] = $3 - before[$1]; name[$1] = $2; order[++k] = $1 }
        END {
            for (i = 1; i <= k; i++) {
                t = order[i]
                ours += delta[t]
                used = delta[t] / hz / secs * 100
                if (used < 0.5) continue
                split(t, id, "/")
                label = name[t]
                if (id[1] == app && id[1] == id[2]) label = label " (main)"
                else if (id[1] != app) label = label " (pid " id[1] ")"
                printf "%s%s %.0f%%", (n++ ? ", " : ""), label, used
            }
            print (n ? "" : "nothing measurable")
            others = (busy - ours - kids) / hz / secs * 100
            printf "%.0f\n", (others > 0 ? others : 0)
        }' "$1" "$2"
}

# --- measurement ---------------------------------------------------------------------------

routes=(users create)
declare -A route_script=([users]=get_users.lua [create]=create_delete.lua)
declare -A route_label=([users]="GET /users" [create]="POST+DELETE /users")
declare -A result # "$phase|$route|field" -> value, "$phase|cpu" -> text
invalid=0
run_tag="gui-$(date +%s)-$$"

# Runs the two wrk processes at the same time against port $2 and records their BENCH_RESULT
# lines; with a window, also takes the screenshot and measures the CPU of the app and Xvfb.
run_load() {
    local phase=$1 port=$2 token before after route i pid status line out
    token=$(python3 "$client" token "$port") || die "$phase: cannot log in as admin"
    python3 "$client" probe "$port" users >/dev/null || die "$phase: the GET /users probe failed"
    python3 "$client" probe-create "$port" "$token" "$run_tag-$phase" ||
        die "$phase: the create/delete probe failed"

    local watched=("$app_pid")
    [[ -n $drain_pid ]] && watched+=("$drain_pid")
    [[ $phase == window && -n $xvfb_pid ]] && watched+=("$xvfb_pid")
    before="$tmp/$phase.ticks.before"
    after="$tmp/$phase.ticks.after"
    cpu_snapshot "${watched[@]}" >"$before"
    wrk_pids=()
    for route in "${routes[@]}"; do
        out=$(out_file "$phase.wrk-$route.log")
        local args=(-t1 -c"$connections" -d"${duration}s" -s "$lua_dir/${route_script[$route]}"
            "http://127.0.0.1:$port/users")
        [[ $route == create ]] && args+=(-- "$token" "$run_tag-$phase")
        # timeout leads its own process group; stop_group ends it and wrk with it.
        timeout -k 5 $((duration + 30)) wrk "${args[@]}" >"$out" 2>&1 </dev/null &
        wrk_pids+=($!)
    done
    if [[ $phase == window && -n $screenshot ]]; then
        (
            sleep "$(awk -v d="$duration" 'BEGIN { printf "%.1f", d * 2 / 3 }')"
            timeout 20 import -window root -display "$display" "$screenshot"
        ) >"$tmp/screenshot.log" 2>&1 &
        shot_pid=$!
    fi
    for i in "${!routes[@]}"; do
        pid=${wrk_pids[$i]}
        status=0
        wait "$pid" || status=$?
        route=${routes[$i]}
        out=$(out_file "$phase.wrk-$route.log")
        if ((status != 0)); then
            cat "$out" >&2
            die "$phase: wrk for ${route_label[$route]} failed (status $status)"
        fi
        line=$(grep -m1 '^BENCH_RESULT ' "$out") ||
            { cat "$out" >&2; die "$phase: wrk for ${route_label[$route]} printed no BENCH_RESULT line"; }
        bench_result_read "$phase|$route" "$line"
    done
    wrk_pids=()
    if [[ -n $shot_pid ]]; then
        wait "$shot_pid" && echo "screenshot: $screenshot" >&2 ||
            { echo "gui-load.sh: warning: the screenshot failed:" >&2; cat "$tmp/screenshot.log" >&2; }
        shot_pid=""
    fi
    cpu_snapshot "${watched[@]}" >"$after"
    local summary
    summary=$(cpu_summary "$before" "$after" "$app_pid")
    result[$phase|cpu]=$(sed -n 1p <<<"$summary")
    result[$phase|others]=$(sed -n 2p <<<"$summary")

    for route in "${routes[@]}"; do
        # Non-2xx: wrk's own count (status >= 400) for GET /users; the create/delete script counts
        # every status other than 201/200 itself, and a 201 without an id.
        bench_result_tally "$phase|$route" "$route"
        printf '  %-8s %-19s %10.0f req/s  p50 %s ms  p99 %s ms  non-2xx %s  errors %s\n' \
            "$phase" "${route_label[$route]}" "${result[$phase|$route|rps]}" \
            "$(ms "${result[$phase|$route|p50_us]}")" "$(ms "${result[$phase|$route|p99_us]}")" \
            "${result[$phase|$route|bad]}" "${result[$phase|$route|errors]}" >&2
    done
    echo "  $phase CPU during the load (% of one core): ${result[$phase|cpu]};" \
        "other processes ${result[$phase|others]}%" >&2
}

echo "ApiDojo GUI-under-load benchmark: ${duration} s per phase, 2 wrk processes" \
    "(GET /users, POST+DELETE /users) x ${connections} connections x 1 thread, $(nproc) CPUs," \
    "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >&2

# Phase 1: headless.
# shellcheck disable=SC2119 # lib.sh's start_headless: no extra arguments for the server
start_headless
echo "headless: pid $app_pid, http://127.0.0.1:$app_port ($apidojo_bin)" >&2
run_load headless "$app_port"
kill -0 "$app_pid" 2>/dev/null || die "apidojo --headless died during the run"
stop_app

# Phase 2: the window under Xvfb.
start_xvfb
start_window window stall-report.json
echo "window: pid $app_pid on $display (Xvfb pid $xvfb_pid), http://127.0.0.1:$app_port" >&2
sleep 2 # let the window finish its first layout and paint before the load starts
run_load window "$app_port"
kill -0 "$app_pid" 2>/dev/null || die "apidojo (window) died during the run"
# One second for the window to take in the last batches (they come every 25 ms at most); a
# window that is seconds behind shows up as "requests seen" below wrk's count.
sleep 1
stop_window
stop_xvfb

stall_report_read "$stall_report" || die "cannot read the stall report $stall_report"

# --- report --------------------------------------------------------------------------------

goal=MET
verdict() { # value op limit -> "ok" or "FAIL"
    awk -v a="$1" -v op="$2" -v b="$3" 'BEGIN {
        ok = (op == ">=") ? a >= b : a < b
        print ok ? "ok" : "FAIL" }'
}

echo
printf '%-24s %10s %10s %7s  %s\n' "" headless window ratio "goal (window/headless >= 0.80)"
total_h=0
total_w=0
for route in "${routes[@]}"; do
    h=${result[headless|$route|rps]}
    w=${result[window|$route|rps]}
    total_h=$(awk -v a="$total_h" -v b="$h" 'BEGIN { print a + b }')
    total_w=$(awk -v a="$total_w" -v b="$w" 'BEGIN { print a + b }')
    ratio=$(awk -v a="$w" -v b="$h" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    v=$(verdict "$ratio" ">=" 0.80)
    [[ $v == ok ]] || goal="NOT MET"
    printf '%-24s %10.0f %10.0f %7s  %s\n' "${route_label[$route]} req/s" "$h" "$w" "$ratio" "$v"
done
ratio=$(awk -v a="$total_w" -v b="$total_h" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
v=$(verdict "$ratio" ">=" 0.80)
[[ $v == ok ]] || goal="NOT MET"
printf '%-24s %10.0f %10.0f %7s  %s\n' "both routes req/s" "$total_h" "$total_w" "$ratio" "$v"
for route in "${routes[@]}"; do
    printf '%-24s %10s %10s\n' "${route_label[$route]} p99 ms" \
        "$(ms "${result[headless|$route|p99_us]}")" "$(ms "${result[window|$route|p99_us]}")"
done
for phase in headless window; do
    for route in "${routes[@]}"; do
        if ((${result[$phase|$route|bad]} > 0 || ${result[$phase|$route|errors]} > 0)); then
            printf '%-24s %s: non-2xx %s, errors %s: NOT VALID\n' "${route_label[$route]}" \
                "$phase" "${result[$phase|$route|bad]}" "${result[$phase|$route|errors]}"
        fi
    done
done

echo
w=$(verdict "${report[worst_stall_ms]}" "<" 100)
p=$(verdict "${report[p99_stall_ms]}" "<" 30)
[[ $w == ok && $p == ok ]] || goal="NOT MET"
printf 'window event loop (%s samples of a %s ms timer from 0.5 s after start-up to the end):\n' \
    "${report[samples]}" "${report[interval_ms]}"
printf '  worst stall %8.1f ms   (goal < 100 ms: %s)\n' "${report[worst_stall_ms]}" "$w"
printf '  p99 stall   %8.1f ms   (goal < 30 ms: %s)\n' "${report[p99_stall_ms]}" "$p"
printf '  p50 stall   %8.1f ms\n' "${report[p50_stall_ms]}"

wrk_total=$((${result[window|users|requests]} + ${result[window|create|requests]}))
newest=no
if ((${report[newest_logged_id]} > 0 && ${report[newest_logged_id]} == ${report[newest_exchange_id]})); then
    newest=yes
fi
kept_up=no
((${report[requests_seen]} >= wrk_total)) && kept_up=yes
[[ $newest == yes && $kept_up == yes ]] || goal="NOT MET"
printf 'log shows the newest request: %s (newest logged id %s, newest exchange id %s, %s rows)\n' \
    "$newest" "${report[newest_logged_id]}" "${report[newest_exchange_id]}" "${report[log_rows]}"
printf 'requests seen by the window: %s, completed by wrk: %s (%+d: %s)\n' \
    "${report[requests_seen]}" "$wrk_total" $((${report[requests_seen]} - wrk_total)) \
    "$([[ $kept_up == yes ]] && echo "set-up requests and answers wrk stopped counting; kept up" ||
        echo "the window was BEHIND the server when it closed")"
echo
echo "CPU during the load (% of one core, $(nproc) cores; wrk not listed):"
quiet=yes
for phase in headless window; do
    printf '  %-9s %s\n' "$phase:" "${result[$phase|cpu]}"
    printf '  %-9s other processes %s%%\n' "" "${result[$phase|others]}"
    ((${result[$phase|others]} <= 10)) || quiet=no
done
if [[ $quiet == no ]]; then
    echo "  WARNING: other processes used more than 10 % of a core during a phase: the machine" \
        "was not quiet, the throughput ratio is disturbed; run again"
fi
[[ -n $log_dir ]] && echo "logs, wrk output and the stall report kept in $log_dir"

if ((invalid)); then
    goal="NOT MET (errors or non-2xx answers invalidate the run)"
fi
echo
echo "Goal (window >= 0.80x headless req/s, stalls worst < 100 ms and p99 < 30 ms, log current): $goal"

if ((invalid)); then
    echo "gui-load.sh: a wrk run had errors, non-2xx answers or no requests: its figures are not valid" >&2
    exit 1
fi
if ((check)) && [[ $goal != MET ]]; then
    exit 3
fi
exit 0
