#!/usr/bin/env python3
"""A class of students against one ApiDojo, for bench/class-sim.sh (standard library only).

  class_sim.py run PORT --out FILE [--students N] [--rounds R] [--prefix P]
                        [--address path|header|mixed] [--server-pid PID] [--control-key KEY]
      N students at once, each in its own sandbox (P-01, P-02, ...) over its own keep-alive
      connection from its own source address (127.0.0.2, 127.0.0.3, ...; the server allows 64
      connections per address), each running the Part A scenario suite R times. Prints
      progress and the first failures on stderr, writes the figures as JSON to FILE. Exit 0
      when it ran (failures are in the figures), 1 when it could not.
  class_sim.py report RUN.json [STALL.json] [--rss-before KB] [--rss-end KB] [--check]
      Prints the report and the goals; with --check exits 3 when a goal is not met.
  class_sim.py fill PORT --out FILE [--sandboxes S] [--users U] [--prefix P] [--workers W]
      Fills S sandboxes to U users each (U - 2 creates on top of the two seeded users) through
      POST /s/<name>/users with the sandbox's admin token, then checks that one more create
      answers 409 SANDBOX_FULL and GET /users counts U.
  class_sim.py remove PORT KEY --out FILE
      DELETE /_dojo/sandboxes/<name> for every sandbox the control API lists; checks that none
      is left.
  class_sim.py rss PID
      Prints VmRSS and VmHWM (kB) of PID from /proc/PID/status.

HTTP helpers of bench_client.py are reused for the one-off requests (the GET /health probe,
the shared API's user list); the students speak HTTP/1.1 themselves on non-blocking sockets
driven by asyncio, so that hundreds of them share one process without a thread each, and read
the kernel's receive timestamp of every answer (SO_TIMESTAMPNS) so that the latency does not
include this process's own scheduling.
"""

import argparse
import asyncio
import json
import os
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_client  # noqa: E402  (next to this file)

TIMEOUT_S = 10
SEEDED_EMAILS = {"admin@example.com", "john@example.com"}
RSS_SAMPLE_S = 0.25
FILL_BATCH = 50  # requests a filling connection sends at once
SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)  # Linux's value; not in every Python
ANCILLARY_SPACE = socket.CMSG_SPACE(16)  # one struct timespec


def read_rss(pid):
    """(VmRSS, VmHWM) in kB, or (None, None) when the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            fields = dict(line.split(":", 1) for line in f if ":" in line)
        return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])
    except (OSError, KeyError, ValueError):
        return None, None


def thread_ticks(pid):
    """{"tid name": CPU clock ticks} of every thread of pid (utime + stime)."""
    ticks = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return ticks
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        ticks[f"{tid} {name}"] = int(fields[11]) + int(fields[12])
    return ticks


def thread_cpu(before, after, seconds, main_tid):
    """The threads that used at least 1 % of a core between two thread_ticks, as text."""
    hz = os.sysconf("SC_CLK_TCK")
    used = []
    for key, ticks in after.items():
        share = (ticks - before.get(key, 0)) / hz / seconds * 100 if seconds > 0 else 0
        if share >= 1:
            tid, name = key.split(" ", 1)
            used.append((share, name + (" (main)" if tid == str(main_tid) else "")))
    return ", ".join(f"{name} {share:.0f}%" for share, name in sorted(used, reverse=True))


def percentile(sorted_values, fraction):
    """The value that `fraction` of the samples stay at or under (the stall monitor's rule)."""
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, int(fraction * len(sorted_values)))]


# --- a tiny HTTP/1.1 client over one keep-alive connection -------------------------------------

class Connection:
    """One keep-alive connection from a source address of its own. Every request's latency is
    recorded twice: `latencies_ms`, from just before send() to having parsed the whole answer
    (what the student's code sees, this process's own scheduling included), and `arrival_ms`,
    from the same instant to the kernel's receive timestamp (SO_TIMESTAMPNS) of the last packet
    of the answer: the server and the machine, without the wait for this event loop to get
    round to the socket."""

    def __init__(self, port, source):
        self.port = port
        self.source = source
        self.sock = None
        self.buffer = bytearray()
        self.arrived_ns = 0
        self.latencies_ms = []
        self.arrival_ms = []

    async def open(self):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.setblocking(False)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
            sock.bind((self.source, 0))
            await asyncio.wait_for(
                asyncio.get_running_loop().sock_connect(sock, ("127.0.0.1", self.port)),
                TIMEOUT_S)
        except BaseException:
            sock.close()
            raise
        self.sock = sock
        self.buffer.clear()

    def close(self):
        if self.sock is not None:
            self.sock.close()
            self.sock = None

    def encode(self, method, path, body=None, token=None, headers=None, raw_body=None):
        if raw_body is None and body is not None:
            raw_body = json.dumps(body).encode()
        lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{self.port}"]
        if raw_body is not None:
            lines += ["Content-Type: application/json", f"Content-Length: {len(raw_body)}"]
        if token:
            lines.append(f"Authorization: Bearer {token}")
        for name, value in (headers or {}).items():
            lines.append(f"{name}: {value}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + (raw_body or b"")

    async def send(self, data):
        if self.sock is None:
            await self.open()
        await asyncio.wait_for(asyncio.get_running_loop().sock_sendall(self.sock, data),
                               TIMEOUT_S)

    async def request(self, method, path, body=None, token=None, headers=None, raw_body=None):
        """Returns (status, parsed JSON or None, raw body). Reconnects when the server closed."""
        data = self.encode(method, path, body, token, headers, raw_body)
        if self.sock is None:
            await self.open()
        sent_ns = time.time_ns()  # the clock of the kernel's receive timestamps
        started = time.perf_counter()
        await self.send(data)
        answer = await self.answer()
        self.latencies_ms.append((time.perf_counter() - started) * 1000.0)
        self.arrival_ms.append(max(0, self.arrived_ns - sent_ns) / 1e6)
        return answer

    async def pipeline(self, method, path, bodies, token=None):
        """Sends one request per body at once (HTTP/1.1 pipelining), then reads the answers in
        order. For filling a store fast: their latencies are not recorded."""
        await self.send(b"".join(self.encode(method, path, b, token) for b in bodies))
        return [await self.answer() for _ in bodies]

    async def receive(self):
        """Appends what the socket has (waiting for it if need be) to the buffer and notes the
        kernel's receive time of it."""
        while True:
            try:
                data, ancillary, _, _ = self.sock.recvmsg(65536, ANCILLARY_SPACE)
                break
            except BlockingIOError:
                loop = asyncio.get_running_loop()
                readable = loop.create_future()
                fd = self.sock.fileno()
                loop.add_reader(fd, lambda: readable.done() or readable.set_result(None))
                try:
                    await asyncio.wait_for(readable, TIMEOUT_S)
                finally:
                    loop.remove_reader(fd)
        if not data:
            raise ConnectionError("the server closed the connection")
        for level, kind, value in ancillary:
            if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS and len(value) >= 16:
                seconds, nanoseconds = struct.unpack("qq", value[:16])
                self.arrived_ns = seconds * 1_000_000_000 + nanoseconds
        self.buffer += data

    async def answer(self):
        while (head_end := self.buffer.find(b"\r\n\r\n")) < 0:
            await self.receive()
        head_lines = self.buffer[:head_end].decode("latin-1").split("\r\n")
        status = int(head_lines[0].split(" ", 2)[1])
        length, close = 0, False
        for line in head_lines[1:]:
            name, _, value = line.partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value.strip())
            elif name == "connection" and value.strip().lower() == "close":
                close = True
        end = head_end + 4 + length
        while len(self.buffer) < end:
            await self.receive()
        payload = bytes(self.buffer[head_end + 4:end])
        del self.buffer[:end]
        if close:
            self.close()
        try:
            doc = json.loads(payload) if payload else None
        except ValueError:
            doc = None
        return status, doc, payload


# --- one student -------------------------------------------------------------------------------

class Student:
    def __init__(self, index, args, neighbour):
        self.name = f"{args.prefix}-{index + 1:02d}"
        self.neighbour = neighbour
        by_header = args.address == "header" or (args.address == "mixed" and index % 2 == 1)
        self.by_header = by_header
        self.conn = Connection(args.port, f"127.0.0.{2 + index % 250}")
        self.requests = 0
        self.failures = []  # (kind, text); kind "crosstalk" or "failure"
        self.round = 0
        self.test = ""
        self.expected_users = None  # what the student's own actions leave in its sandbox

    def address(self, name):
        """(path prefix, extra headers) that reach sandbox `name` the way this student does;
        "" is the shared API."""
        if not name:
            return "", {}
        if self.by_header:
            return "", {"X-Sandbox": name}
        return f"/s/{name}", {}

    async def call(self, method, path, body=None, token=None, raw_body=None, sandbox=None):
        prefix, headers = self.address(self.name if sandbox is None else sandbox)
        self.requests += 1
        return await self.conn.request(method, prefix + path, body, token, headers, raw_body)

    def fail(self, text, crosstalk=False):
        self.failures.append(("crosstalk" if crosstalk else "failure",
                              f"{self.name} round {self.round} {self.test}: {text}"))

    def expect(self, answer, status, error_code=None, what="", crosstalk=False):
        got, doc, raw = answer
        ok = got == status and isinstance(doc, dict)
        if ok and error_code is not None:
            ok = doc.get("status") == "error" and doc.get("error_code") == error_code
        elif ok:
            ok = doc.get("status") == "success"
        if not ok:
            want = f"{status} {error_code}" if error_code else f"{status}"
            self.fail(f"{what}: expected {want}, got {got}: {raw[:160]!r}", crosstalk)
        return doc if ok else None

    def check(self, condition, text, crosstalk=False):
        if not condition:
            self.fail(text, crosstalk)
        return condition

    def email(self, what):
        return f"{self.name}-{what}@example.com"

    async def reset(self):
        doc = self.expect(await self.call("POST", "/reset"), 200, what="POST /reset")
        if doc:
            self.check(doc["data"].get("users") == 2, f"POST /reset: users {doc['data']}")
        self.expected_users = 2

    async def check_users(self, what):
        """The user list holds exactly the seeded users and the ones this student made."""
        doc = self.expect(await self.call("GET", "/users"), 200, what=f"GET /users ({what})")
        if not doc:
            return
        users = doc["data"]["users"]
        emails = [u["email"] for u in users]
        foreign = [e for e in emails
                   if e not in SEEDED_EMAILS and not e.startswith(self.name + "-")]
        self.check(doc["data"]["count"] == self.expected_users == len(users),
                   f"{what}: {len(users)} users (count {doc['data']['count']}), own actions "
                   f"imply {self.expected_users}", crosstalk=True)
        self.check(not foreign, f"{what}: users of someone else: {foreign[:3]}", crosstalk=True)

    async def create(self, token, user, status=201, error_code=None, what="", want_id=None):
        doc = self.expect(await self.call("POST", "/users", user, token), status, error_code,
                          what or f"POST /users {user}")
        if doc and status == 201:
            self.expected_users += 1
            if want_id is not None:
                self.check(doc["data"].get("id") == want_id,
                           f"{what}: id {doc['data'].get('id')}, expected {want_id} after the "
                           f"reset and the student's own creates", crosstalk=True)
        return doc

    async def login(self, email):
        doc = self.expect(await self.call("POST", "/login", {"email": email}), 200,
                          what=f"POST /login {email}")
        return doc["data"]["token"] if doc and doc["data"].get("token") else None

    # The Part A suite: four tests, each after its own POST /reset.

    async def positive(self):
        self.test = "positive"
        await self.reset()
        doc = self.expect(await self.call("GET", "/health"), 200, what="GET /health")
        if doc:
            self.check(doc["data"].get("status") == "healthy", f"GET /health: {doc['data']}")
        await self.check_users("after reset")
        doc = self.expect(await self.call("GET", "/users/1"), 200, what="GET /users/1")
        if doc:
            self.check(doc["data"].get("email") == "admin@example.com",
                       f"GET /users/1: {doc['data']}", crosstalk=True)
        admin = await self.login("admin@example.com")
        if not admin:
            return None
        doc = await self.create(admin, {"name": "Ada Lovelace", "email": self.email("ada"),
                                        "age": 36}, want_id=3, what="create Ada")
        if doc:
            doc = self.expect(await self.call("PUT", "/users/3", {"age": 37}, admin), 200,
                              what="PUT /users/3")
            if doc:
                self.check(doc["data"].get("age") == 37, f"PUT /users/3: {doc['data']}")
            doc = self.expect(await self.call("DELETE", "/users/3", token=admin), 200,
                              what="DELETE /users/3")
            if doc:
                self.expected_users -= 1
                self.check(doc["data"].get("id") == 3, f"DELETE /users/3: {doc['data']}")
            self.expect(await self.call("GET", "/users/3"), 404, "USER_NOT_FOUND",
                        "GET /users/3 after its delete")
        return admin

    async def negative(self, admin):
        self.test = "negative"
        await self.reset()
        ada = {"name": "Ada Lovelace", "email": self.email("neg"), "age": 36}
        self.expect(await self.call("POST", "/users", ada), 401, "MISSING_TOKEN", "no token")
        self.expect(await self.call("POST", "/users", ada, "not-a-token"), 401, "INVALID_TOKEN",
                    "bad token")
        john = await self.login("john@example.com")
        if john:
            # POST /users is open to any user; setting a role, and DELETE, are the admin's.
            self.expect(await self.call("POST", "/users", dict(ada, role="admin"), john), 403,
                        "FORBIDDEN", "john creates an admin")
            self.expect(await self.call("DELETE", "/users/1", token=john), 403, "FORBIDDEN",
                        "john deletes user 1")
        self.expect(await self.call("POST", "/users", {"email": self.email("x"), "age": 30},
                                    admin), 400, "MISSING_FIELD", "no name")
        self.expect(await self.call("POST", "/users", dict(ada, email="not-an-email"), admin),
                    400, "INVALID_EMAIL", "bad email")
        self.expect(await self.call("POST", "/users", dict(ada, age="30"), admin), 400,
                    "INVALID_AGE", "age as a string")
        self.expect(await self.call("POST", "/users", dict(ada, role="boss"), admin), 400,
                    "INVALID_ROLE", "role boss")
        self.expect(await self.call("POST", "/users", token=admin, raw_body=b'{"name": '), 400,
                    "INVALID_JSON", "broken JSON")
        self.expect(await self.call("GET", "/users/abc"), 400, "INVALID_USER_ID", "/users/abc")
        self.expect(await self.call("GET", "/users/999"), 404, "USER_NOT_FOUND", "/users/999")
        self.expect(await self.call("POST", "/login", {"email": "nobody@example.com"}), 404,
                    "USER_NOT_FOUND", "login of an unknown email")
        await self.check_users("after the refused requests")

    async def boundary(self, admin):
        self.test = "boundary"
        await self.reset()
        user = {"name": "Bound Ary", "age": 30}
        await self.create(admin, dict(user, email=self.email("a17"), age=17), 400, "INVALID_AGE",
                          "age 17")
        await self.create(admin, dict(user, email=self.email("a18"), age=18), what="age 18",
                          want_id=3)
        await self.create(admin, dict(user, email=self.email("a150"), age=150), what="age 150",
                          want_id=4)
        await self.create(admin, dict(user, email=self.email("a151"), age=151), 400,
                          "INVALID_AGE", "age 151")
        await self.create(admin, dict(user, email=self.email("n2"), name="Al"), 400,
                          "INVALID_NAME", "name of 2 characters")
        await self.create(admin, dict(user, email=self.email("n3"), name="Ali"),
                          what="name of 3 characters", want_id=5)
        await self.create(admin, dict(user, email=self.email("n101"), name="N" * 101), 400,
                          "INVALID_NAME", "name of 101 characters")
        await self.create(admin, dict(user, email=self.email("a18").upper()), 409,
                          "DUPLICATE_EMAIL", "the age-18 user's email in upper case")
        await self.check_users("after the boundary creates")

    async def isolation(self, admin):
        self.test = "cross-talk"
        await self.reset()
        await self.create(admin, {"name": "Own User", "email": self.email("own"), "age": 40},
                          what="own create", want_id=3)
        await self.check_users("after the own create")
        # The student's token in the neighbour's sandbox: signed with another secret.
        self.expect(await self.call("GET", "/me", token=admin, sandbox=self.neighbour), 401,
                    "INVALID_TOKEN", f"own admin token in sandbox {self.neighbour}",
                    crosstalk=True)
        self.expect(await self.call("GET", "/me", token=admin, sandbox=""), 401,
                    "INVALID_TOKEN", "own admin token in the shared API", crosstalk=True)
        doc = self.expect(await self.call("GET", "/me", token=admin), 200,
                          what="own admin token at home")
        if doc:
            self.check(doc["data"].get("email") == "admin@example.com", f"GET /me: {doc['data']}")

    async def run(self, rounds, start):
        await self.conn.open()
        await start.wait()
        try:
            for self.round in range(1, rounds + 1):
                admin = await self.positive()
                if not admin:
                    continue
                await self.negative(admin)
                await self.boundary(admin)
                await self.isolation(admin)
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError) as err:
            self.fail(f"connection failed: {err!r}")
        finally:
            self.conn.close()


async def sample_rss(pid, samples, stop):
    while not stop.is_set():
        rss, hwm = read_rss(pid)
        if rss is not None:
            samples.append((time.monotonic(), rss, hwm))
        try:
            await asyncio.wait_for(stop.wait(), RSS_SAMPLE_S)
        except asyncio.TimeoutError:
            pass


async def control_get(port, key, path):
    conn = Connection(port, "127.0.0.1")
    try:
        return await conn.request("GET", path, headers={"X-Dojo-Key": key})
    finally:
        conn.close()


async def run_class(args):
    names = [f"{args.prefix}-{i + 1:02d}" for i in range(args.students)]
    students = [Student(i, args, names[(i + 1) % len(names)] if len(names) > 1 else "nobody")
                for i in range(args.students)]
    start = asyncio.Event()
    stop = asyncio.Event()
    rss_samples = []
    sampler = (asyncio.create_task(sample_rss(args.server_pid, rss_samples, stop))
               if args.server_pid else None)
    tasks = [asyncio.create_task(s.run(args.rounds, start)) for s in students]
    await asyncio.sleep(0.2)  # every student connected (or failing) before anyone starts
    cpu_before = os.times()
    server_before = thread_ticks(args.server_pid) if args.server_pid else {}
    began = time.monotonic()
    start.set()
    await asyncio.gather(*tasks)
    wall = time.monotonic() - began
    cpu_after = os.times()
    server_after = thread_ticks(args.server_pid) if args.server_pid else {}
    stop.set()
    if sampler:
        await sampler

    failures = [text for s in students for kind, text in s.failures]
    crosstalk = [text for s in students for kind, text in s.failures if kind == "crosstalk"]
    latencies = sorted(ms for s in students for ms in s.conn.latencies_ms)
    arrival = sorted(ms for s in students for ms in s.conn.arrival_ms)
    result = {
        "students": args.students,
        "rounds": args.rounds,
        "address": args.address,
        "requests": sum(s.requests for s in students),
        "answered": len(latencies),
        "wall_s": round(wall, 3),
        "client_cpu_s": round((cpu_after.user - cpu_before.user)
                              + (cpu_after.system - cpu_before.system), 2),
        "failures": len(failures),
        "crosstalk": len(crosstalk),
        "failure_examples": failures[:8],
        "crosstalk_examples": crosstalk[:5],
        "p50_ms": round(percentile(latencies, 0.50), 3),
        "p90_ms": round(percentile(latencies, 0.90), 3),
        "p99_ms": round(percentile(latencies, 0.99), 3),
        "max_ms": round(latencies[-1], 3) if latencies else 0,
        "arrival_p50_ms": round(percentile(arrival, 0.50), 3),
        "arrival_p90_ms": round(percentile(arrival, 0.90), 3),
        "arrival_p99_ms": round(percentile(arrival, 0.99), 3),
        "arrival_max_ms": round(arrival[-1], 3) if arrival else 0,
        "rss_max_kb": max((r for _, r, _ in rss_samples), default=None),
        "rss_samples": len(rss_samples),
        "server_threads_cpu": thread_cpu(server_before, server_after, wall, args.server_pid),
    }

    # After the class: the shared API untouched, and the trainer's view of every sandbox.
    shared = bench_client.users(args.port)
    result["shared_users"] = len(shared)
    if len(shared) != 2:
        result["crosstalk"] += 1
        result["failures"] += 1
        result["crosstalk_examples"].append(f"the shared API holds {len(shared)} users, not 2")
    if args.control_key:
        status, doc, raw = await control_get(args.port, args.control_key, "/_dojo/sandboxes")
        listed = {}
        if status == 200 and isinstance(doc, dict):
            listed = {s["name"]: s for s in doc["data"]["sandboxes"]}
        else:
            result["failures"] += 1
            result["failure_examples"].append(f"GET /_dojo/sandboxes: {status} {raw[:160]!r}")
        wrong = []
        for s in students:
            entry = listed.get(s.name)
            if entry is None or entry["users"] != s.expected_users:
                wrong.append(f"{s.name}: listed {entry and entry['users']}, expected "
                             f"{s.expected_users}")
        extra = sorted(set(listed) - set(names))
        result["sandboxes_listed"] = len(listed)
        if wrong or extra:
            result["failures"] += 1
            result["crosstalk"] += 1
            result["crosstalk_examples"].append(
                f"control API: wrong user counts {wrong[:3]}, unexpected sandboxes {extra[:3]}")
    return result


def cmd_run(args):
    if not 1 <= args.students <= 250:
        sys.exit("--students must be 1..250 (one source address each, 127.0.0.2 ...)")
    bench_client.expect(args.port, "GET", "/health", 200)  # the probe: no benchmark of errors
    result = asyncio.run(run_class(args))
    with open(args.out, "w") as f:
        json.dump(result, f, indent=1)
    print(f"class-sim: {result['requests']} requests in {result['wall_s']} s, "
          f"{result['failures']} failures", file=sys.stderr)


def verdict(ok):
    return "ok" if ok else "FAIL"


def cmd_report(args):
    with open(args.run) as f:
        r = json.load(f)
    stall = None
    if args.stall:
        with open(args.stall) as f:
            stall = json.load(f)
    rps = r["answered"] / r["wall_s"] if r["wall_s"] > 0 else 0
    print(f"students {r['students']} x rounds {r['rounds']} (sandboxes addressed by "
          f"{r['address']}), at the same time")
    print(f"requests          {r['requests']} in {r['wall_s']:.2f} s ({rps:.0f} req/s; client CPU "
          f"{r['client_cpu_s']} s)")
    print(f"failures          {r['failures']}")
    for text in r["failure_examples"][:5]:
        print(f"  {text}")
    print(f"cross-talk        {r['crosstalk']}")
    for text in r["crosstalk_examples"][:5]:
        print(f"  {text}")
    print(f"shared API users  {r['shared_users']} (untouched: 2)")
    if "sandboxes_listed" in r:
        print(f"sandboxes listed  {r['sandboxes_listed']} by GET /_dojo/sandboxes")
    print(f"API latency ms    p50 {r['arrival_p50_ms']:.3f}  p90 {r['arrival_p90_ms']:.3f}  "
          f"p99 {r['arrival_p99_ms']:.3f}  max {r['arrival_max_ms']:.3f} (send -> answer in the "
          f"client's socket, {r['answered']} answers)")
    print(f"  with the client ms  p50 {r['p50_ms']:.3f}  p90 {r['p90_ms']:.3f}  p99 "
          f"{r['p99_ms']:.3f}  max {r['max_ms']:.3f} (send -> answer parsed by the student, "
          f"this client's own event loop included)")
    mb = lambda kb: f"{kb / 1024:.1f} MB" if kb else "-"  # noqa: E731
    if r.get("server_threads_cpu"):
        print(f"server CPU        {r['server_threads_cpu']} (% of one core, {os.cpu_count()} "
              f"cores; this client {r['client_cpu_s'] / r['wall_s'] * 100:.0f}%)")
    print(f"server RSS        before {mb(args.rss_before)}, max during {mb(r['rss_max_kb'])} "
          f"({r['rss_samples']} samples), end {mb(args.rss_end)}")
    goals = [("0 failures", r["failures"] == 0), ("0 cross-talk", r["crosstalk"] == 0),
             ("API p99 < 10 ms", r["arrival_p99_ms"] < 10)]
    if stall:
        monitored_s = stall["samples"] * stall["interval_ms"] / 1000
        print(f"GUI stalls ms     worst {stall['worst_stall_ms']:.1f} (at "
              f"{stall['worst_stall_at_ms'] / 1000:.1f} s)  p99 {stall['p99_stall_ms']:.1f}  "
              f"p50 {stall['p50_stall_ms']:.1f} ({stall['samples']} samples, about "
              f"{monitored_s:.1f} s monitored, {r['wall_s']:.1f} s of it under load)")
        goals.append(("GUI stall p99 < 30 ms", stall["p99_stall_ms"] < 30))
    else:
        print("GUI stalls        - (headless)")
    met = all(ok for _, ok in goals)
    print("goals             " + ", ".join(f"{name}: {verdict(ok)}" for name, ok in goals))
    print(f"Goal: {'MET' if met else 'NOT MET'}")
    if args.check and not met:
        sys.exit(3)


# --- memory: fill sandboxes to their limit, remove them ----------------------------------------

async def fill_one(port, name, users, stats):
    conn = Connection(port, "127.0.0.1")
    prefix = f"/s/{name}"
    try:
        status, doc, raw = await conn.request("POST", prefix + "/login",
                                              {"email": "admin@example.com"})
        if status != 200:
            stats["failures"].append(f"{name}: login {status} {raw[:120]!r}")
            return
        token = doc["data"]["token"]
        status, doc, raw = await conn.request("GET", prefix + "/users")
        have = doc["data"]["count"] if status == 200 else 0
        for first in range(have, users, FILL_BATCH):
            batch = [{"name": "Memory User", "email": f"{name}-{n}@example.com", "age": 30}
                     for n in range(first, min(users, first + FILL_BATCH))]
            answers = await conn.pipeline("POST", prefix + "/users", batch, token)
            for n, (status, _, raw) in enumerate(answers, first):
                if status != 201:
                    stats["failures"].append(f"{name}: user {n + 1}: {status} {raw[:120]!r}")
                    return
                stats["created"] += 1
        status, doc, raw = await conn.request(
            "POST", prefix + "/users",
            {"name": "One Too Many", "email": f"{name}-full@example.com", "age": 30}, token)
        if status == 409 and isinstance(doc, dict) and doc.get("error_code") == "SANDBOX_FULL":
            stats["full_ok"] += 1
        else:
            stats["failures"].append(f"{name}: user {users + 1}: expected 409 SANDBOX_FULL, got "
                                     f"{status} {raw[:160]!r}")
        status, doc, raw = await conn.request("GET", prefix + "/users")
        if status != 200 or doc["data"]["count"] != users:
            stats["failures"].append(f"{name}: GET /users: {status}, count "
                                     f"{doc and doc.get('data', {}).get('count')}")
    finally:
        conn.close()


async def fill_all(args):
    names = [f"{args.prefix}-{i + 1:03d}" for i in range(args.sandboxes)]
    stats = {"created": 0, "full_ok": 0, "failures": []}
    queue = list(reversed(names))

    async def worker():
        while queue:
            await fill_one(args.port, queue.pop(), args.users, stats)

    began = time.monotonic()
    await asyncio.gather(*(worker() for _ in range(args.workers)))
    stats["wall_s"] = round(time.monotonic() - began, 2)
    stats["sandboxes"] = args.sandboxes
    stats["users"] = args.users
    return stats


def cmd_fill(args):
    stats = asyncio.run(fill_all(args))
    with open(args.out, "w") as f:
        json.dump(stats, f, indent=1)
    print(f"class-sim: {stats['created']} users created in {stats['sandboxes']} sandboxes in "
          f"{stats['wall_s']} s; SANDBOX_FULL on the next create in {stats['full_ok']}; "
          f"{len(stats['failures'])} failures", file=sys.stderr)
    for text in stats["failures"][:5]:
        print(f"  {text}", file=sys.stderr)


async def remove_all(args):
    conn = Connection(args.port, "127.0.0.1")
    key = {"X-Dojo-Key": args.key}
    stats = {"removed": 0, "failures": []}
    try:
        status, doc, raw = await conn.request("GET", "/_dojo/sandboxes", headers=key)
        if status != 200:
            stats["failures"].append(f"GET /_dojo/sandboxes: {status} {raw[:160]!r}")
            return stats
        began = time.monotonic()
        for entry in doc["data"]["sandboxes"]:
            status, _, raw = await conn.request("DELETE", f"/_dojo/sandboxes/{entry['name']}",
                                                headers=key)
            if status == 200:
                stats["removed"] += 1
            else:
                stats["failures"].append(f"DELETE {entry['name']}: {status} {raw[:120]!r}")
        stats["wall_s"] = round(time.monotonic() - began, 2)
        status, doc, raw = await conn.request("GET", "/_dojo/sandboxes", headers=key)
        stats["left"] = doc["data"]["count"] if status == 200 else None
        if stats["left"] != 0:
            stats["failures"].append(f"after the removals GET /_dojo/sandboxes: {status} "
                                     f"{raw[:160]!r}")
    finally:
        conn.close()
    return stats


def cmd_remove(args):
    stats = asyncio.run(remove_all(args))
    with open(args.out, "w") as f:
        json.dump(stats, f, indent=1)
    print(f"class-sim: {stats['removed']} sandboxes removed in {stats.get('wall_s')} s, "
          f"{stats.get('left')} left; {len(stats['failures'])} failures", file=sys.stderr)
    for text in stats["failures"][:5]:
        print(f"  {text}", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("run")
    p.add_argument("port", type=int)
    p.add_argument("--out", required=True)
    p.add_argument("--students", type=int, default=30)
    p.add_argument("--rounds", type=int, default=20)
    p.add_argument("--prefix", default="student")
    p.add_argument("--address", choices=("path", "header", "mixed"), default="mixed")
    p.add_argument("--server-pid", type=int)
    p.add_argument("--control-key")
    p.set_defaults(func=cmd_run)
    p = sub.add_parser("report")
    p.add_argument("run")
    p.add_argument("stall", nargs="?")
    p.add_argument("--rss-before", type=int)
    p.add_argument("--rss-end", type=int)
    p.add_argument("--check", action="store_true")
    p.set_defaults(func=cmd_report)
    p = sub.add_parser("fill")
    p.add_argument("port", type=int)
    p.add_argument("--out", required=True)
    p.add_argument("--sandboxes", type=int, default=200)
    p.add_argument("--users", type=int, default=1000)
    p.add_argument("--prefix", default="mem")
    p.add_argument("--workers", type=int, default=4)
    p.set_defaults(func=cmd_fill)
    p = sub.add_parser("remove")
    p.add_argument("port", type=int)
    p.add_argument("key")
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_remove)
    p = sub.add_parser("rss")
    p.add_argument("pid", type=int)
    p.set_defaults(func=lambda a: print(*read_rss(a.pid)))
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
