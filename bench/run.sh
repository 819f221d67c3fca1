#!/usr/bin/env bash
# Load benchmark: ApiDojo headless against a bare QHttpServer baseline, measured with wrk.
# See bench/README.md for what is measured and how to read the output.
set -euo pipefail
export LC_ALL=C

usage() {
    cat <<'EOF'
Usage: bench/run.sh [options] [APIDOJO_BIN [BASELINE_BIN]]

Defaults: build/release/src/app/apidojo and build/release/bench/apidojo_bench_baseline
(relative to the repository root). Build them with:
  cmake --preset release && cmake --build --preset release

Options:
  -d, --duration S       seconds measured per case (default 10, env BENCH_DURATION)
  -w, --warmup S         seconds of unmeasured warm-up before each case, 0 = none
                         (default 2, env BENCH_WARMUP)
  -c, --connections LIST connection counts, space or comma separated (default "1 32")
      --only SERVER      run only "apidojo" or only "baseline" (no ratios then)
      --store-sizes LIST also measure ApiDojo's POST /login and POST+DELETE /users with
                         this many users in the store, e.g. "10000 50000" (filled through
                         POST /users after the other cases; default none)
      --build            run the release preset's configure and build first
      --log-dir DIR      keep each server's stdout (ApiDojo's request log) in DIR
                         instead of discarding it
      --csv FILE         also write the results as CSV
      --check            exit 3 when the goal does not hold
  -h, --help             this text

Exit status: 0 measured cleanly, 1 setup failure or a case with errors / non-2xx answers,
2 bad usage, 3 goal not met (with --check only).
EOF
}

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bench_script=run.sh # the prefix of lib.sh's messages
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$bench_dir/lib.sh"
repo_root=$(cd "$bench_dir/.." && pwd)
lua_dir="$bench_dir/lua"
client="$bench_dir/bench_client.py"

duration=${BENCH_DURATION:-10}
warmup=${BENCH_WARMUP:-2}
connections="1 32"
store_sizes=""
only=""
build=0
log_dir=""
csv=""
check=0
positional=()

while (($#)); do
    case $1 in
    -d | --duration) duration=${2-}; shift 2 || { usage >&2; exit 2; } ;;
    -w | --warmup) warmup=${2-}; shift 2 || { usage >&2; exit 2; } ;;
    -c | --connections) connections=${2-}; shift 2 || { usage >&2; exit 2; } ;;
    --only) only=${2-}; shift 2 || { usage >&2; exit 2; } ;;
    --store-sizes) store_sizes=${2-}; shift 2 || { usage >&2; exit 2; } ;;
    --build) build=1; shift ;;
    --log-dir) log_dir=${2-}; shift 2 || { usage >&2; exit 2; } ;;
    --csv) csv=${2-}; shift 2 || { usage >&2; exit 2; } ;;
    --check) check=1; shift ;;
    -h | --help) usage; exit 0 ;;
    --) shift; positional+=("$@"); break ;;
    -*) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) positional+=("$1"); shift ;;
    esac
done
((${#positional[@]} <= 2)) || { usage >&2; exit 2; }

apidojo_bin=${positional[0]:-$repo_root/build/release/src/app/apidojo}
baseline_bin=${positional[1]:-$repo_root/build/release/bench/apidojo_bench_baseline}

[[ $duration =~ ^[0-9]+$ ]] && ((10#$duration >= 1 && 10#$duration <= 600)) ||
    bad_usage "--duration must be 1..600 seconds"
[[ $warmup =~ ^[0-9]+$ ]] && ((10#$warmup <= 60)) || bad_usage "--warmup must be 0..60 seconds"
read -r -a conn_list <<<"${connections//,/ }"
((${#conn_list[@]} >= 1)) || bad_usage "--connections is empty"
for c in "${conn_list[@]}"; do
    [[ $c =~ ^[0-9]+$ ]] && ((10#$c >= 1 && 10#$c <= 1000)) || bad_usage "bad connection count: $c"
done
read -r -a size_list <<<"${store_sizes//,/ }"
for n in "${size_list[@]}"; do
    [[ $n =~ ^[0-9]+$ ]] && ((10#$n >= 3 && 10#$n <= 1000000)) || bad_usage "bad store size: $n"
done
case $only in
"") servers=(baseline apidojo) ;;
apidojo | baseline) servers=("$only") ;;
*) bad_usage "--only takes apidojo or baseline" ;;
esac

command -v wrk >/dev/null || die "wrk not found (Debian: apt-get install wrk)"
command -v python3 >/dev/null || die "python3 not found"

if ((build)); then
    (cd "$repo_root" && cmake --preset release && cmake --build --preset release) ||
        die "build failed"
fi

declare -A server_bin=([apidojo]=$apidojo_bin [baseline]=$baseline_bin)
declare -A server_label=([apidojo]=ApiDojo [baseline]=baseline)
for s in "${servers[@]}"; do
    bin=${server_bin[$s]}
    [[ -f $bin && -x $bin ]] || die "${server_label[$s]} binary not found or not executable: $bin
  build it with: (cd $repo_root && cmake --preset release && cmake --build --preset release)
  or pass its path: bench/run.sh [APIDOJO_BIN [BASELINE_BIN]]"
done
if [[ -n $log_dir ]]; then
    mkdir -p "$log_dir" || die "cannot create $log_dir"
    log_dir=$(cd "$log_dir" && pwd)
fi

# --- process bookkeeping: every server is stopped on exit, Ctrl-C included -------------------

tmp=$(mktemp -d "${TMPDIR:-/tmp}/apidojo-bench.XXXXXX")
server_pid=""
drain_pid=""

stop_server() {
    local pid=$server_pid
    server_pid=""
    stop_group "$pid"
    stop_drain
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM HUP
    stop_server
    rm -rf "$tmp"
    exit "$status"
}
trap cleanup EXIT
trap 'echo "run.sh: interrupted" >&2; exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Starts a server with lib.sh's launch_server (a fresh settings home, 10 s for its "listening on"
# line, the rest of its stdout drained into $log_dir or /dev/null). Sets server_pid and
# server_port.
start_server() {
    local name=$1 out=/dev/null
    shift
    if [[ -n $log_dir ]]; then
        out="$log_dir/$name.stdout.log"
    fi
    launch_server "$name" "$name" "$out" "$tmp/$name.stderr" "$@"
    case $server_host in
    127.0.0.1 | 0.0.0.0 | localhost | \[::\]) ;;
    *) echo "run.sh: note: $name listens on $server_host; the benchmark uses 127.0.0.1" >&2 ;;
    esac
}

# --- measurement ---------------------------------------------------------------------------

declare -A route_script=([users]=get_users.lua [login]=login.lua [create]=create_delete.lua)
declare -A route_path=([users]=/users [login]=/login [create]=/users)
declare -A route_label=([users]="GET /users" [login]="POST /login" [create]="POST+DELETE /users")
declare -A result        # "$server|$route|$conns|field" -> value
cases=()                 # "$server|$route|$conns|$users" in run order (users: in the store)
invalid=0
run_tag="$(date +%s)-$$"
admin_token=""

# Runs wrk once in the foreground (not in a command substitution, so that Ctrl-C reaches this
# shell's trap); leaves its BENCH_RESULT line in $tmp/wrk.result or fails with wrk's output.
run_wrk() {
    local seconds=$1 conns=$2 route=$3 port=$4 tag=$5
    local threads=$((conns < 2 ? conns : 2))
    local args=(-t"$threads" -c"$conns" -d"${seconds}s" -s "$lua_dir/${route_script[$route]}"
        "http://127.0.0.1:$port${route_path[$route]}")
    if [[ $route == create ]]; then
        args+=(-- "$admin_token" "$tag")
    fi
    local out="$tmp/wrk.out"
    if ! timeout --foreground -k 5 $((seconds + 30)) wrk "${args[@]}" >"$out" 2>&1; then
        cat "$out" >&2
        die "wrk failed"
    fi
    grep -m1 '^BENCH_RESULT ' "$out" >"$tmp/wrk.result" ||
        { cat "$out" >&2; die "wrk printed no BENCH_RESULT line"; }
}

# Deletes what a create/delete run left behind (users in flight when wrk stopped).
cleanup_created() {
    python3 "$client" cleanup "$1" "$admin_token" "$2"
}

run_case() {
    local server=$1 route=$2 conns=$3 port=$4 users=${5:-2} line leftovers=0
    local key="$1|$2|$3|$users"
    if ((warmup > 0)); then
        run_wrk "$warmup" "$conns" "$route" "$port" "$run_tag-w$conns-u$users"
        if [[ $route == create ]]; then
            cleanup_created "$port" "$run_tag-w$conns-u$users" >/dev/null
        fi
    fi
    run_wrk "$duration" "$conns" "$route" "$port" "$run_tag-m$conns-u$users"
    line=$(<"$tmp/wrk.result")
    if [[ $route == create ]]; then
        leftovers=$(cleanup_created "$port" "$run_tag-m$conns-u$users")
    fi
    bench_result_read "$key" "$line"
    result[$key|leftovers]=$leftovers
    # Non-2xx: wrk's own count (status >= 400) for the static scripts; the create/delete script
    # counts every status other than 201/200 itself, and a 201 without an id.
    bench_result_tally "$key" "$route"
    cases+=("$key")
    printf '  %-8s %-19s c=%-4s users=%-6s %10.0f req/s  p50 %s ms  p99 %s ms  non-2xx %s  errors %s\n' \
        "${server_label[$server]}" "${route_label[$route]}" "$conns" "$users" "${result[$key|rps]}" \
        "$(ms "${result[$key|p50_us]}")" "$(ms "${result[$key|p99_us]}")" \
        "${result[$key|bad]}" "${result[$key|errors]}" >&2
    if ((${result[$key|bad]} > 0 || ${result[$key|errors]} > 0)); then
        echo "    ^ not valid: ${line#BENCH_RESULT }" >&2
    fi
}

bench_server() {
    local server=$1 bin=${server_bin[$1]} port size_users size_login before after c route
    local routes=(users login)
    if [[ $server == apidojo ]]; then
        routes+=(create)
        start_server apidojo "$bin" --headless --port 0
    else
        start_server baseline "$bin" --port 0
    fi
    port=$server_port
    echo "${server_label[$server]}: pid $server_pid, http://127.0.0.1:$port ($bin)" >&2

    size_users=$(python3 "$client" probe "$port" users) || die "${server_label[$server]} failed the GET /users probe"
    size_login=$(python3 "$client" probe "$port" login) || die "${server_label[$server]} failed the POST /login probe"
    result[$server|size_users]=$size_users
    result[$server|size_login]=$size_login
    if [[ $server == apidojo ]]; then
        admin_token=$(python3 "$client" token "$port") || die "cannot log in as admin"
        before=$(python3 "$client" snapshot "$port") || die "GET /users failed"
        python3 "$client" probe-create "$port" "$admin_token" "$run_tag" ||
            die "ApiDojo failed the create/delete probe"
    fi

    for route in "${routes[@]}"; do
        for c in "${conn_list[@]}"; do
            run_case "$server" "$route" "$c" "$port"
        done
    done

    if [[ $server == apidojo ]]; then
        after=$(python3 "$client" snapshot "$port") || die "GET /users failed"
        if [[ $before == "$after" ]]; then
            result[apidojo|store]="restored (same users as before the run)"
        else
            result[apidojo|store]="CHANGED: before $before, after $after"
            invalid=1
        fi
        for size in "${size_list[@]}"; do
            echo "ApiDojo: filling the store to $size users through POST /users" >&2
            python3 "$client" fill "$port" "$admin_token" "$run_tag" "$size" >/dev/null ||
                die "could not fill the store to $size users"
            for route in login create; do
                for c in "${conn_list[@]}"; do
                    run_case "$server" "$route" "$c" "$port" "$size"
                done
            done
        done
    fi
    kill -0 "$server_pid" 2>/dev/null || die "${server_label[$server]} died during the run"
    stop_server
}

echo "ApiDojo benchmark: ${duration} s per case after ${warmup} s warm-up, connections ${conn_list[*]}," \
    "wrk threads min(2, connections), $(nproc) CPUs, $(date -u +%Y-%m-%dT%H:%M:%SZ)" >&2
for s in "${servers[@]}"; do
    bench_server "$s"
done

# --- report --------------------------------------------------------------------------------

echo
printf '%-9s %-19s %5s %6s %11s %9s %9s %8s %7s\n' server route conns users "req/s" "p50 ms" \
    "p99 ms" non-2xx errors
for key in "${cases[@]}"; do
    IFS='|' read -r server route conns users <<<"$key"
    printf '%-9s %-19s %5s %6s %11.0f %9s %9s %8s %7s\n' "${server_label[$server]}" \
        "${route_label[$route]}" "$conns" "$users" "${result[$key|rps]}" \
        "$(ms "${result[$key|p50_us]}")" \
        "$(ms "${result[$key|p99_us]}")" "${result[$key|bad]}" "${result[$key|errors]}"
done
echo
for s in "${servers[@]}"; do
    echo "${server_label[$s]} body sizes: GET /users ${result[$s|size_users]} B," \
        "POST /login ${result[$s|size_login]} B"
done
for key in "${cases[@]}"; do
    [[ $key == apidojo\|create\|* ]] || continue
    IFS='|' read -r _ _ conns users <<<"$key"
    echo "ApiDojo create/delete c=$conns users=$users: ${result[$key|created]} created," \
        "${result[$key|deleted]} deleted by the script, ${result[$key|leftovers]} in flight at" \
        "the end deleted afterwards"
done
if [[ -n ${result[apidojo|store]-} ]]; then
    echo "ApiDojo store after the run: ${result[apidojo|store]}"
fi

if [[ -n $csv ]]; then
    {
        echo "server,route,connections,users,requests,duration_s,rps,p50_ms,p90_ms,p99_ms,max_ms,non2xx,errors"
        for key in "${cases[@]}"; do
            IFS='|' read -r server route conns users <<<"$key"
            printf '%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n' "$server" "${route_label[$route]}" \
                "$conns" "$users" "${result[$key|requests]}" \
                "$(awk -v us="${result[$key|duration_us]}" 'BEGIN { printf "%.2f", us / 1e6 }')" \
                "${result[$key|rps]}" "$(ms "${result[$key|p50_us]}")" \
                "$(ms "${result[$key|p90_us]}")" "$(ms "${result[$key|p99_us]}")" \
                "$(ms "${result[$key|max_us]}")" "${result[$key|bad]}" "${result[$key|errors]}"
        done
    } >"$csv"
    echo "CSV written to $csv"
fi

# Goal: at 32 connections ApiDojo >= 0.8x the baseline's req/s on GET /users and POST /login,
# with ApiDojo's p99 under 2 ms and at most 2x the baseline's on both, and no errors in any case.
goal="not evaluated"
if [[ -z $only ]] && [[ " ${conn_list[*]} " == *" 32 "* ]]; then
    goal=MET
    echo
    for route in users login; do
        a="apidojo|$route|32|2"
        b="baseline|$route|32|2"
        verdict=$(awk -v a="${result[$a|rps]}" -v b="${result[$b|rps]}" -v p99="${result[$a|p99_us]}" \
            -v bp99="${result[$b|p99_us]}" '
            BEGIN {
                ratio = b > 0 ? a / b : 0
                printf "%.2f %s %.3f %s %.2f", ratio, (ratio >= 0.8 ? "ok" : "FAIL"), p99 / 1000,
                       (p99 < 2000 && p99 <= 2 * bp99 ? "ok" : "FAIL"), (bp99 > 0 ? p99 / bp99 : 0)
            }')
        read -r ratio ratio_ok p99 p99_ok p99_ratio <<<"$verdict"
        printf '%-12s c=32: ApiDojo/baseline = %s (>= 0.80: %s), ApiDojo p99 = %s ms = %sx the baseline'"'"'s (< 2 ms and <= 2x: %s)\n' \
            "${route_label[$route]}" "$ratio" "$ratio_ok" "$p99" "$p99_ratio" "$p99_ok"
        [[ $ratio_ok == ok && $p99_ok == ok ]] || goal="NOT MET"
    done
    if ((invalid)); then
        goal="NOT MET (errors or non-2xx answers invalidate the run)"
    fi
elif [[ -z $only ]]; then
    goal="not evaluated (needs 32 in --connections)"
else
    goal="not evaluated (--only $only)"
fi
echo "Goal (ApiDojo >= 0.8x baseline, p99 < 2 ms and <= 2x baseline, at 32 connections): $goal"

# Store-size goal: with many users, login and create keep their p50 and p99 within 2x of the
# figures with the two seeded users, at every connection count.
size_goal="not evaluated"
if ((${#size_list[@]})) && [[ $only != baseline ]]; then
    size_goal=MET
    echo
    for size in "${size_list[@]}"; do
        for route in login create; do
            for c in "${conn_list[@]}"; do
                a="apidojo|$route|$c|$size"
                b="apidojo|$route|$c|2"
                verdict=$(awk -v p50="${result[$a|p50_us]}" -v p99="${result[$a|p99_us]}" \
                    -v b50="${result[$b|p50_us]}" -v b99="${result[$b|p99_us]}" '
                    BEGIN {
                        r50 = b50 > 0 ? p50 / b50 : 99; r99 = b99 > 0 ? p99 / b99 : 99
                        printf "%.2f %.2f %s", r50, r99, (r50 <= 2 && r99 <= 2 ? "ok" : "FAIL")
                    }')
                read -r r50 r99 ok <<<"$verdict"
                printf '%-19s c=%-3s %6s users: p50 %s ms = %sx, p99 %s ms = %sx the 2-user figures (<= 2x: %s)\n' \
                    "${route_label[$route]}" "$c" "$size" "$(ms "${result[$a|p50_us]}")" "$r50" \
                    "$(ms "${result[$a|p99_us]}")" "$r99" "$ok"
                [[ $ok == ok ]] || size_goal="NOT MET"
            done
        done
    done
    echo "Store-size goal (login and create latency within 2x of 2 users): $size_goal"
fi

if ((invalid)); then
    echo "run.sh: some cases had errors, non-2xx answers or no requests: their figures are not valid" >&2
    exit 1
fi
if ((check)) && { [[ $goal != MET ]] || [[ $size_goal == "NOT MET" ]]; }; then
    exit 3
fi
exit 0
