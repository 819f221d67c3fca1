# shellcheck shell=bash
# shellcheck disable=SC2034,SC2154 # variables shared with the scripts that source this file
# Helpers shared by the bench scripts (run.sh, gui-load.sh, delayed-load.sh, class-sim.sh). Not
# run on its own: each script sources it, right after it sets bench_dir, with
# `source "$bench_dir/lib.sh"`.
#
# The caller sets, before calling into it:
#   bench_script  the script's name ("run.sh", "gui-load.sh"): the prefix of every message
#   tmp           the script's temporary directory (FIFOs and throwaway settings homes go there)
#   result        an associative array (declare -A), for bench_result_read / bench_result_tally
#   invalid       0, set to 1 by bench_result_tally when a wrk run is not valid
# and, for the ApiDojo helpers below (gui-load.sh, class-sim.sh):
#   apidojo_bin   the absolute path of the apidojo binary
#   log_dir       the directory that keeps the logs, or empty (out_file)
#   display       the Xvfb display ":N", or empty for the first free one from :90 up (start_xvfb)
#   app_pid, drain_pid, xvfb_pid
#                 empty at the start; the helpers set and empty them, and the caller's exit trap
#                 stops what they name with stop_app and stop_xvfb
#
# Functions:
#   die MESSAGE...            "$bench_script: MESSAGE" on stderr, exit 1
#   bad_usage MESSAGE...      the same, exit 2
#   stop_group PID            stops the process group led by PID (started with setsid): TERM, up
#                             to 5 s, then KILL, then reaps it; nothing when PID is empty
#   stop_drain                stops and reaps the stdout drain that launch_server left in
#                             drain_pid, and empties drain_pid
#   fresh_home NAME           makes $tmp/home-NAME/{config,data,cache,runtime} and prints the
#                             XDG_*_HOME / XDG_RUNTIME_DIR assignments for `env`, one a line
#   launch_server NAME LABEL OUT ERR COMMAND...
#                             starts COMMAND (QT_QPA_PLATFORM=offscreen, a fresh_home NAME) in its
#                             own process group with stdout on a FIFO and stderr in ERR; reads its
#                             "listening on http://HOST:PORT" line within 10 s, then drains the
#                             rest of its stdout into OUT (a log file or /dev/null) in the
#                             background. Sets server_pid, server_host, server_port and drain_pid.
#                             On failure says why (naming LABEL), shows what the server printed,
#                             stops it and exits 1.
#   ms MICROSECONDS           prints the value in milliseconds with 3 decimals
#   bench_result_read KEY LINE
#                             stores each key=value of a wrk "BENCH_RESULT ..." LINE (bench/lua/
#                             common.lua) as result[KEY|key]
#   bench_result_tally KEY ROUTE
#                             from those fields sets result[KEY|bad] (non-2xx answers: wrk's own
#                             count, or for ROUTE "create" the create/delete script's) and
#                             result[KEY|errors] (socket errors and timeouts); sets invalid=1 when
#                             either is non-zero or the run made no requests
#
# ApiDojo with or without its window:
#   out_file NAME             prints $log_dir/NAME when there is a log directory, else $tmp/NAME
#   start_headless [ARG...]   `apidojo --headless --port 0 ARG...` with launch_server (its stdout in
#                             $log_dir/headless.stdout.log or dropped, its stderr in out_file
#                             headless.stderr.log). Sets app_pid and app_port.
#   stop_app                  stops the server of app_pid (and its drain), empties app_pid
#   free_port                 prints a TCP port free on 127.0.0.1 at the time
#   health_ok PORT            true when GET /health on 127.0.0.1:PORT answers 200 within a second
#   display_in_use :N         true when the X lock file or socket of display :N exists
#   start_xvfb                starts Xvfb (1600x1000x24, its output in out_file xvfb.log) on
#                             $display, or on the first free display from :90 up when display is
#                             empty (and sets display); exits 1 when it is in use or not up in 10 s.
#                             Sets xvfb_pid.
#   stop_xvfb                 stops it, empties xvfb_pid
#   start_window NAME REPORT [ARG...]
#                             `apidojo --port P --bind 127.0.0.1 ARG... --stall-report FILE` with
#                             its window on $display (QT_QPA_PLATFORM=xcb, a fresh_home NAME, P a
#                             free port), stdout and stderr in out_file NAME.stdout.log and
#                             NAME.stderr.log, FILE out_file REPORT; waits up to 20 s for GET
#                             /health, else shows its stderr and exits 1. Sets app_pid, app_port,
#                             stall_report (FILE) and window_err (its stderr file).
#   stop_window               SIGTERM, which closes the window like its close button and makes it
#                             write the stall report; up to 30 s for it to exit, then exits 1;
#                             exits 1 when it wrote no stall report. Empties app_pid.
#   stall_report_read FILE    reads a stall report (samples, interval_ms, worst/p99/p50_stall_ms,
#                             requests_seen, newest_exchange_id, log_rows, newest_logged_id) into
#                             the global associative array report[KEY]; non-zero, saying why on
#                             stderr, when a field is missing or not a number

die() {
    echo "$bench_script: $*" >&2
    exit 1
}

bad_usage() {
    echo "$bench_script: $*" >&2
    exit 2
}

stop_group() {
    local pid=$1 i
    [[ -n $pid ]] || return 0
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
        for ((i = 0; i < 50; i++)); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
    fi
    kill -KILL -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# The drain sees end-of-file once the server is gone; make sure anyway.
stop_drain() {
    if [[ -n $drain_pid ]]; then
        kill -TERM "$drain_pid" 2>/dev/null || true
        wait "$drain_pid" 2>/dev/null || true
        drain_pid=""
    fi
}

# A throwaway settings directory: nothing saved by a real install (port, layout, log capacity,
# JWT secret, later faults and latency) can skew the run, and the run never writes into the
# user's own settings.
fresh_home() {
    local home="$tmp/home-$1"
    mkdir -p "$home/config" "$home/data" "$home/cache" "$home/runtime"
    chmod 700 "$home/runtime"
    printf '%s\n' "XDG_CONFIG_HOME=$home/config" "XDG_DATA_HOME=$home/data" \
        "XDG_CACHE_HOME=$home/cache" "XDG_RUNTIME_DIR=$home/runtime"
}

# The drain takes the server's stdout (one line per request for ApiDojo) so that it never blocks
# the server.
launch_server() {
    local name=$1 label=$2 out=$3 err=$4
    shift 4
    local fifo="$tmp/$name.stdout" fd line="" seen="" deadline remaining
    local -a home
    mapfile -t home < <(fresh_home "$name")
    mkfifo "$fifo"
    # setsid: the server leads its own process group, so stopping it stops anything it started.
    env "${home[@]}" QT_QPA_PLATFORM=offscreen setsid "$@" >"$fifo" 2>"$err" </dev/null &
    server_pid=$!
    exec {fd}<"$fifo"
    deadline=$((SECONDS + 10))
    while :; do
        remaining=$((deadline - SECONDS))
        if ((remaining <= 0)) || ! IFS= read -r -t "$remaining" -u "$fd" line; then
            exec {fd}<&-
            if kill -0 "$server_pid" 2>/dev/null; then
                echo "$bench_script: $label did not report 'listening on http://...:<port>' within 10 s" >&2
            else
                echo "$bench_script: $label exited without reporting 'listening on http://...:<port>'" >&2
            fi
            [[ -n $seen ]] && printf '  its stdout:\n%s' "$seen" >&2
            [[ -s $err ]] && { echo "  its stderr:" >&2; tail -n 20 "$err" >&2; }
            # Stopped here: the caller's exit trap may not know server_pid.
            stop_group "$server_pid"
            server_pid=""
            exit 1
        fi
        if [[ $line =~ listening\ on\ http://([^[:space:]/]+):([0-9]+)[[:space:]]*$ ]]; then
            server_host=${BASH_REMATCH[1]}
            server_port=${BASH_REMATCH[2]}
            break
        fi
        seen+="$line"$'\n'
    done
    cat <&"$fd" >"$out" &
    drain_pid=$!
    exec {fd}<&-
    rm -f "$fifo"
}

ms() { awk -v us="$1" 'BEGIN { printf "%.3f", us / 1000 }'; }

bench_result_read() {
    local kv
    for kv in ${2#BENCH_RESULT }; do
        result[$1|${kv%%=*}]=${kv#*=}
    done
}

# shellcheck disable=SC2004 # result is the caller's associative array, not an indexed one
bench_result_tally() {
    local key=$1 non2xx errors
    non2xx=${result[$key|status]}
    if [[ $2 == create ]]; then
        non2xx=$((${result[$key|non2xx]} + ${result[$key|unparsed]}))
    fi
    errors=$((${result[$key|connect]} + ${result[$key|read]} + ${result[$key|write]} +
        ${result[$key|timeout]}))
    result[$key|bad]=$non2xx
    result[$key|errors]=$errors
    if ((non2xx > 0 || errors > 0 || ${result[$key|requests]} == 0)); then
        invalid=1
    fi
}


# --- ApiDojo with or without its window ---------------------------------------------------------

out_file() { # where a file goes: the log directory if any, else the temporary one
    if [[ -n $log_dir ]]; then echo "$log_dir/$1"; else echo "$tmp/$1"; fi
}

# Headless: launch_server (a fresh settings home, 10 s for its "listening on" line, the rest of its
# stdout, one line per request, drained).
start_headless() {
    local out=/dev/null
    [[ -n $log_dir ]] && out="$log_dir/headless.stdout.log"
    launch_server headless "apidojo --headless" "$out" "$(out_file headless.stderr.log)" \
        "$apidojo_bin" --headless --port 0 "$@"
    app_pid=$server_pid
    app_port=$server_port
}

stop_app() {
    local pid=$app_pid
    app_pid=""
    stop_group "$pid"
    stop_drain
}

free_port() {
    python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

health_ok() {
    python3 - "$1" <<'EOF' 2>/dev/null
import sys, urllib.request
try:
    with urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/health", timeout=1) as r:
        sys.exit(0 if r.status == 200 else 1)
except Exception:
    sys.exit(1)
EOF
}

display_in_use() {
    local n=${1#:}
    [[ -e /tmp/.X$n-lock || -e /tmp/.X11-unix/X$n ]]
}

start_xvfb() {
    local n log i
    if [[ -z $display ]]; then
        for ((n = 90; n < 200; n++)); do
            display_in_use ":$n" || { display=":$n"; break; }
        done
        [[ -n $display ]] || die "no free X display from :90 to :199"
    elif display_in_use "$display"; then
        n=${display#:}
        die "display $display is in use (/tmp/.X$n-lock or /tmp/.X11-unix/X$n exists); pick another with --display"
    fi
    n=${display#:}
    log=$(out_file xvfb.log)
    setsid Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp -noreset >"$log" 2>&1 </dev/null &
    xvfb_pid=$!
    for ((i = 0; i < 100; i++)); do
        [[ -S /tmp/.X11-unix/X$n ]] && return 0
        kill -0 "$xvfb_pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "$bench_script: Xvfb did not come up on $display within 10 s; its output:" >&2
    tail -n 20 "$log" >&2
    exit 1
}

stop_xvfb() {
    local pid=$xvfb_pid
    xvfb_pid=""
    stop_group "$pid"
}

start_window() {
    local name=$1 report=$2 out deadline
    shift 2
    local -a home
    out=$(out_file "$name.stdout.log")
    window_err=$(out_file "$name.stderr.log")
    stall_report=$(out_file "$report")
    rm -f "$stall_report"
    app_port=$(free_port) || die "cannot find a free port"
    mapfile -t home < <(fresh_home "$name")
    env -u WAYLAND_DISPLAY "${home[@]}" DISPLAY="$display" QT_QPA_PLATFORM=xcb \
        setsid "$apidojo_bin" --port "$app_port" --bind 127.0.0.1 "$@" \
        --stall-report "$stall_report" >"$out" 2>"$window_err" </dev/null &
    app_pid=$!
    deadline=$((SECONDS + 20))
    until health_ok "$app_port"; do
        if ! kill -0 "$app_pid" 2>/dev/null; then
            echo "$bench_script: apidojo (window) exited before GET /health answered; its stderr:" >&2
            tail -n 20 "$window_err" >&2
            exit 1
        fi
        if ((SECONDS >= deadline)); then
            echo "$bench_script: apidojo (window) did not answer GET /health on port $app_port within 20 s; its stderr:" >&2
            tail -n 20 "$window_err" >&2
            exit 1
        fi
        sleep 0.2
    done
}

stop_window() {
    local pid=$app_pid i status=0
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 300; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        echo "$bench_script: apidojo (window) did not exit within 30 s of SIGTERM; killing it" >&2
        stop_app
        exit 1
    fi
    wait "$pid" || status=$?
    app_pid=""
    ((status == 0)) || echo "$bench_script: note: apidojo (window) exited with status $status" >&2
    [[ -s $stall_report ]] || {
        echo "$bench_script: apidojo (window) wrote no stall report to $stall_report; its stderr:" >&2
        tail -n 20 "$window_err" >&2
        exit 1
    }
}

stall_report_read() {
    local text k v
    text=$(python3 - "$1" <<'EOF'
import json, sys
with open(sys.argv[1]) as f:
    doc = json.load(f)
for key in ("samples", "interval_ms", "worst_stall_ms", "p99_stall_ms", "p50_stall_ms",
            "requests_seen", "newest_exchange_id", "log_rows", "newest_logged_id"):
    value = doc.get(key)
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        sys.exit(f"stall report: {key} missing or not a number: {value!r}")
    if key not in ("worst_stall_ms", "p99_stall_ms", "p50_stall_ms"):
        if value != int(value):
            sys.exit(f"stall report: {key} is not a whole number: {value!r}")
        value = int(value)
    print(f"{key}={value}")
EOF
) || return 1
    unset report
    declare -gA report=()
    while IFS='=' read -r k v; do
        report[$k]=$v
    done <<<"$text"
    [[ -n ${report[worst_stall_ms]-} ]]
}
