#!/usr/bin/env python3
"""Many concurrent clients, one request each, for bench/delayed-load.sh (standard library only).

  delayed_clients.py PORT [--clients N] [--path PATH] [--sources K] [--first-source F]
                     [--timeout S] [--sent-file FILE]

Opens N connections to 127.0.0.1:PORT at once, spread round-robin over the K source addresses
127.0.0.F, 127.0.0.F+1, ... (the server allows 64 connections per client address), sends one
`GET PATH` on each as soon as it is connected, and reads each answer whole (Content-Length).
When every request has been sent it creates --sent-file (empty), so that the caller can measure
while they are held. Prints one JSON object: answered, failures, statuses, latencies (ms, from
sending a request to having its whole answer), wall time and requests per second.
Raises its own RLIMIT_NOFILE soft limit to what N connections need (up to the hard limit).
"""

import argparse
import asyncio
import json
import resource
import statistics
import sys
import time


def raise_file_limit(needed):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY or soft >= needed:
        return
    target = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
    resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    if target < needed:
        sys.exit(f"RLIMIT_NOFILE hard limit {hard} is below the {needed} descriptors needed")


async def one_request(port, source, request, clock, sent):
    """Returns (status, latency_ms, answered_at); raises on a failed connection or a short
    answer."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port, local_addr=(source, 0))
    try:
        started = clock()
        writer.write(request)
        await writer.drain()
        sent()
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        length = 0
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
        await reader.readexactly(length)
        return status, (clock() - started) * 1000.0, clock()
    finally:
        writer.close()


async def run(args):
    request = (f"GET {args.path} HTTP/1.1\r\nHost: 127.0.0.1:{args.port}\r\n"
               "Connection: close\r\n\r\n").encode()
    clock = time.monotonic
    start = clock()
    count = {"sent": 0}
    sent_at = {}

    def sent():
        count["sent"] += 1
        if count["sent"] == args.clients:
            sent_at["t"] = clock() - start
            if args.sent_file:
                open(args.sent_file, "w").close()

    sources = [f"127.0.0.{args.first_source + i}" for i in range(args.sources)]
    tasks = [
        asyncio.create_task(
            one_request(args.port, sources[i % len(sources)], request, clock, sent))
        for i in range(args.clients)
    ]
    done, pending = await asyncio.wait(tasks, timeout=args.timeout)
    for task in pending:
        task.cancel()
    results, failures = [], []
    for task in done:
        if task.exception() is not None:
            failures.append(repr(task.exception()))
        else:
            results.append(task.result())
    failures += ["timed out"] * len(pending)
    end = max((r[2] for r in results), default=clock())
    latencies = sorted(r[1] for r in results)
    statuses = {}
    for status, _, _ in results:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    wall = end - start
    return {
        "clients": args.clients,
        "sources": args.sources,
        "answered": len(results),
        "failures": len(failures),
        "failure_examples": sorted(set(failures))[:5],
        "statuses": statuses,
        "all_sent_s": round(sent_at.get("t", -1.0), 3),
        "first_answer_s": round(min((r[2] for r in results), default=start) - start, 3),
        "min_ms": round(latencies[0], 1) if latencies else None,
        "median_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1], 1) if latencies else None,
        "max_ms": round(latencies[-1], 1) if latencies else None,
        "wall_s": round(wall, 3),
        "rps": round(len(results) / wall, 1) if wall > 0 else None,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("port", type=int)
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--path", default="/users")
    parser.add_argument("--sources", type=int, default=20)
    parser.add_argument("--first-source", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--sent-file")
    args = parser.parse_args()
    if not (1 <= args.first_source and args.first_source + args.sources - 1 <= 254
            and args.clients >= 1):
        sys.exit("source addresses must stay within 127.0.0.1 .. 127.0.0.254, clients >= 1")
    raise_file_limit(args.clients + 64)
    print(json.dumps(asyncio.run(run(args))), flush=True)


if __name__ == "__main__":
    main()
