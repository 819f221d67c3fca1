# shellcheck shell=bash
# shellcheck disable=SC2034,SC2154 # variables shared with the scripts that source this file
# Helpers shared by bench/run.sh and bench/gui-load.sh. Not run on its own: both scripts source it,
# right after they set bench_dir, with `source "$bench_dir/lib.sh"`.
#
# The caller sets, before calling into it:
#   bench_script  the script's name ("run.sh", "gui-load.sh"): the prefix of every message
#   tmp           the script's temporary directory (FIFOs and throwaway settings homes go there)
#   result        an associative array (declare -A), for bench_result_read / bench_result_tally
#   invalid       0, set to 1 by bench_result_tally when a wrk run is not valid
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
