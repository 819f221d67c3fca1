#!/usr/bin/env bash
# Class simulation: N students at once, each in its own sandbox, each running the Part A scenario
# suite R times against one ApiDojo with its window open under Xvfb. Reports failures,
# cross-talk between sandboxes, API latency, server memory and the window's event-loop stalls.
# --memory instead fills 200 sandboxes to 1,000 users and removes them, measuring RSS.
# See bench/README.md ("Class simulation") for what is measured and how to read the output.
set -euo pipefail
export LC_ALL=C

usage() {
    cat <<'EOF'
Usage: bench/class-sim.sh [options] [APIDOJO_BIN]

Default binary: build/release/src/app/apidojo (relative to the repository root). Build it with:
  cmake --preset release && cmake --build build/release --target apidojo

Class mode (the default): starts apidojo with its window on an Xvfb display (or --headless),
then N students at once, each with its own keep-alive connection from its own address
(127.0.0.2, 127.0.0.3, ...) and its own sandbox (/s/student-01 ..., or X-Sandbox: for every
other student), each running the Part A suite R times: positive, negative, boundary and
cross-talk tests, each after its own POST /reset.

Memory mode (--memory): fills S sandboxes to U users each through POST /s/<name>/users (the
seeded 2 count: U - 2 creates, then one more that must answer 409 SANDBOX_FULL), removes them
all with DELETE /_dojo/sandboxes/<name>, and does it again (--cycles); the server's VmRSS
before, full and after each removal. Headless, then with the window (--headless: headless only).

Options:
  -n, --students N       students at once (default 30; 1..200: the server's default sandbox
                         limit, which the window does not change)
  -r, --rounds R         rounds of the suite per student (default 20)
      --address MODE     how students name their sandbox: path (/s/<name>), header
                         (X-Sandbox) or mixed (every other student; default)
      --headless         no window: apidojo --headless (no stall figures)
      --memory           the memory measurement instead of the class
      --sandboxes S      memory: sandboxes to fill (default 200)
      --users U          memory: users per sandbox, the limit (default 1000)
      --cycles C         memory: fill-and-remove cycles (default 2)
      --display :N       X display for Xvfb (default :98)
      --log-dir DIR      keep the server's output, the client's figures and the stall report
      --check            exit 3 when a goal does not hold
  -h, --help             this text

Goals (class mode): 0 failures, 0 cross-talk, API p99 < 10 ms (client side), GUI stall p99
< 30 ms. Exit status: 0 ran (goals printed), 1 setup failure, 2 bad usage, 3 a goal not met
(with --check only).
EOF
}

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bench_script=class-sim.sh # the prefix of lib.sh's messages
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$bench_dir/lib.sh"
repo_root=$(cd "$bench_dir/.." && pwd)
client="$bench_dir/class_sim.py"

students=30
rounds=20
address=mixed
headless=0
memory=0
sandboxes=200
users=1000
cycles=2
display=:98
log_dir=""
check=0
positional=()

while (($#)); do
    case $1 in
    -n | --students) students=${2-}; shift 2 || { usage >&2; exit 2; } ;;
    -r | --rounds) rounds=${2-}; shift 2 || { usage >&2; exit 2; } ;;
    --address) address=${2-}; shift 2 || { usage >&2; exit 2; } ;;
    --headless) headless=1; shift ;;
    --memory) memory=1; shift ;;
    --sandboxes) sandboxes=${2-}; shift 2 || { usage >&2; exit 2; } ;;
    --users) users=${2-}; shift 2 || { usage >&2; exit 2; } ;;
    --cycles) cycles=${2-}; shift 2 || { usage >&2; exit 2; } ;;
    --display) display=${2-}; shift 2 || { usage >&2; exit 2; } ;;
    --log-dir) log_dir=${2-}; shift 2 || { usage >&2; exit 2; } ;;
    --check) check=1; shift ;;
    -h | --help) usage; exit 0 ;;
    --) shift; positional+=("$@"); break ;;
    -*) echo "class-sim.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) positional+=("$1"); shift ;;
    esac
done
((${#positional[@]} <= 1)) || { usage >&2; exit 2; }

apidojo_bin=${positional[0]:-$repo_root/build/release/src/app/apidojo}

number_in() { # value low high
    [[ $1 =~ ^[0-9]+$ ]] && ((10#$1 >= $2 && 10#$1 <= $3))
}
number_in "$students" 1 200 || bad_usage "--students must be 1..200"
number_in "$rounds" 1 10000 || bad_usage "--rounds must be 1..10000"
number_in "$sandboxes" 1 200 || bad_usage "--sandboxes must be 1..200"
number_in "$users" 3 1000 || bad_usage "--users must be 3..1000 (the sandbox limit)"
number_in "$cycles" 1 10 || bad_usage "--cycles must be 1..10"
students=$((10#$students)) rounds=$((10#$rounds)) sandboxes=$((10#$sandboxes))
users=$((10#$users)) cycles=$((10#$cycles))
case $address in path | header | mixed) ;; *) bad_usage "--address takes path, header or mixed" ;; esac
[[ $display =~ ^:([0-9]+)$ ]] || bad_usage "--display takes :N, e.g. :98"

command -v python3 >/dev/null || die "python3 not found"
if ((!headless)); then
    command -v Xvfb >/dev/null || die "Xvfb not found (Debian: apt-get install xvfb)"
fi
[[ -f $apidojo_bin && -x $apidojo_bin ]] || die "ApiDojo binary not found or not executable: $apidojo_bin
  build it with: (cd $repo_root && cmake --preset release && cmake --build build/release --target apidojo)
  or pass its path: bench/class-sim.sh [APIDOJO_BIN]"
apidojo_bin=$(cd "$(dirname "$apidojo_bin")" && pwd)/$(basename "$apidojo_bin")
if [[ -n $log_dir ]]; then
    mkdir -p "$log_dir" || die "cannot create $log_dir"
    log_dir=$(cd "$log_dir" && pwd)
fi

# --- process bookkeeping: everything started here is stopped on exit, Ctrl-C included ----------

tmp=$(mktemp -d "${TMPDIR:-/tmp}/apidojo-class-sim.XXXXXX")
app_pid=""
drain_pid=""
xvfb_pid=""
control_key=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')

# stop_app, stop_xvfb and the starting helpers (out_file, start_headless, start_xvfb,
# start_window, stop_window, stall_report_read) are lib.sh's.
cleanup() {
    local status=$?
    trap - EXIT INT TERM HUP
    stop_app
    stop_xvfb
    rm -rf "$tmp"
    exit "$status"
}
trap cleanup EXIT
trap 'echo "class-sim.sh: interrupted" >&2; exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

rss_kb() { # VmRSS of a process in kB
    awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
}

hwm_kb() { # its high-water mark
    awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"
}

mb() { awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'; }

# --- class mode ------------------------------------------------------------------------------

run_class() {
    local run_json rss_before rss_end mode=window
    ((headless)) && mode=headless
    echo "ApiDojo class simulation: $students students x $rounds rounds ($mode, sandboxes by" \
        "$address), $(nproc) CPUs, $(date -u +%Y-%m-%dT%H:%M:%SZ)" >&2
    if ((headless)); then
        start_headless --control-key "$control_key"
    else
        start_xvfb
        start_window window window.stall-report.json --control-key "$control_key"
        sleep 1 # the first layout and paint; the stall monitor starts 0.5 s after start-up
    fi
    echo "$mode: pid $app_pid, http://127.0.0.1:$app_port" >&2
    rss_before=$(rss_kb "$app_pid")
    run_json=$(out_file class.json)
    python3 "$client" run "$app_port" --out "$run_json" --students "$students" \
        --rounds "$rounds" --address "$address" --server-pid "$app_pid" \
        --control-key "$control_key" || die "the class could not run"
    kill -0 "$app_pid" 2>/dev/null || die "apidojo died during the run"
    rss_end=$(rss_kb "$app_pid")
    local report_args=("$run_json")
    if ((headless)); then
        stop_app
    else
        sleep 0.5 # the window takes in the last batches of exchanges
        stop_window
        stop_xvfb
        report_args+=("$stall_report")
    fi
    echo
    ((check)) && report_args+=(--check)
    local status=0
    python3 "$client" report "${report_args[@]}" --rss-before "$rss_before" --rss-end "$rss_end" ||
        status=$?
    [[ -n $log_dir ]] && echo "figures, logs and the stall report kept in $log_dir"
    return "$status"
}

# --- memory mode -----------------------------------------------------------------------------

declare -A mem # "$phase|$step" -> "rss hwm" in kB

mem_sample() {
    mem[$1|$2]="$(rss_kb "$app_pid") $(hwm_kb "$app_pid")"
}

memory_phase() {
    local phase=$1 cycle fill_json remove_json
    if [[ $phase == headless ]]; then
        start_headless --control-key "$control_key"
    else
        start_xvfb
        start_window memory-window memory-window.stall-report.json --control-key "$control_key"
        sleep 1
    fi
    echo "$phase: pid $app_pid, http://127.0.0.1:$app_port" >&2
    mem_sample "$phase" before
    for ((cycle = 1; cycle <= cycles; cycle++)); do
        fill_json=$(out_file "memory-$phase-fill-$cycle.json")
        remove_json=$(out_file "memory-$phase-remove-$cycle.json")
        python3 "$client" fill "$app_port" --out "$fill_json" --sandboxes "$sandboxes" \
            --users "$users" || die "$phase: filling failed"
        python3 - "$fill_json" "$sandboxes" <<'EOF' || die "$phase: the fill did not go as it should"
import json, sys
stats = json.load(open(sys.argv[1]))
sys.exit(1 if stats["failures"] or stats["full_ok"] != int(sys.argv[2]) else 0)
EOF
        sleep 1
        mem_sample "$phase" "full-$cycle"
        python3 "$client" remove "$app_port" "$control_key" --out "$remove_json" ||
            die "$phase: removing failed"
        python3 - "$remove_json" "$sandboxes" <<'EOF' || die "$phase: the removal did not go as it should"
import json, sys
stats = json.load(open(sys.argv[1]))
sys.exit(1 if stats["failures"] or stats["removed"] != int(sys.argv[2]) or stats["left"] != 0 else 0)
EOF
        sleep 1
        mem_sample "$phase" "removed-$cycle"
    done
    kill -0 "$app_pid" 2>/dev/null || die "apidojo died during the run"
    if [[ $phase == headless ]]; then
        stop_app
    else
        stop_window
        stop_xvfb
        if stall_report_read "$stall_report"; then
            mem[$phase|stall]=$(awk -v w="${report[worst_stall_ms]}" -v p="${report[p99_stall_ms]}" \
                -v m="${report[p50_stall_ms]}" \
                'BEGIN { printf "worst %.1f ms, p99 %.1f ms, p50 %.1f ms", w, p, m }')
        else
            mem[$phase|stall]="(the stall report could not be read)"
        fi
    fi
}

run_memory() {
    local phases=(headless) phase step rss hwm base full_kb per_user cycle
    ((headless)) || phases+=(window)
    echo "ApiDojo sandbox memory: $sandboxes sandboxes x $users users, $cycles cycles of fill" \
        "and remove, $(nproc) CPUs, $(date -u +%Y-%m-%dT%H:%M:%SZ)" >&2
    for phase in "${phases[@]}"; do
        memory_phase "$phase"
    done
    echo
    printf '%-9s %-12s %10s %10s %12s\n' phase step "VmRSS MB" "VmHWM MB" "+RSS MB"
    for phase in "${phases[@]}"; do
        read -r base _ <<<"${mem[$phase|before]}"
        local steps=(before)
        for ((cycle = 1; cycle <= cycles; cycle++)); do
            steps+=("full-$cycle" "removed-$cycle")
        done
        for step in "${steps[@]}"; do
            read -r rss hwm <<<"${mem[$phase|$step]}"
            printf '%-9s %-12s %10s %10s %12s\n' "$phase" "$step" "$(mb "$rss")" "$(mb "$hwm")" \
                "$(mb $((rss - base)))"
        done
        read -r full_kb _ <<<"${mem[$phase|full-1]}"
        per_user=$(awk -v d=$((full_kb - base)) -v n=$((sandboxes * users)) \
            'BEGIN { printf "%.2f", d / n }')
        echo "$phase: $((sandboxes * users)) users in $sandboxes sandboxes cost" \
            "$(mb $((full_kb - base))) MB, $per_user kB a user (sandbox included)"
        [[ -n ${mem[$phase|stall]-} ]] && echo "$phase: GUI stalls during the fills: ${mem[$phase|stall]}"
    done
    [[ -n $log_dir ]] && echo "figures and logs kept in $log_dir"
    return 0
}

if ((memory)); then
    run_memory
else
    run_class
fi
