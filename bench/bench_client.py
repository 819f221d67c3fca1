#!/usr/bin/env python3
"""Small HTTP chores for bench/run.sh, always against 127.0.0.1 (standard library only).

  probe PORT users|login        check one route answers 200 with a success envelope; print its size
  token PORT                    print the admin's token from POST /login
  probe-create PORT TOKEN TAG   create one user, delete it again; fail unless 201 then 200
  snapshot PORT                 print the user list (id and email) in a comparable form
  cleanup PORT TOKEN TAG        delete every user whose email starts with bench-TAG-; print how many
  fill PORT TOKEN TAG COUNT     create users bench-TAG-fill-N until COUNT users are in the store
                                (POST /users over one keep-alive connection); print the count
"""

import http.client
import json
import sys
import urllib.error
import urllib.request

TIMEOUT_S = 5


def call(port, method, path, body=None, token=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method)
    if body is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT_S) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def expect(port, method, path, status, body=None, token=None):
    got, raw = call(port, method, path, body, token)
    try:
        doc = json.loads(raw)
    except ValueError:
        doc = None
    if got != status or not isinstance(doc, dict) or doc.get("status") != "success":
        sys.exit(f"{method} {path}: expected {status} with a success envelope, got {got}: "
                 f"{raw[:300]!r}")
    return doc, raw


def users(port):
    doc, _ = expect(port, "GET", "/users", 200)
    return doc["data"]["users"]


def fill(port, token, tag, count):
    """Grows the store through the API, as a classroom would, to COUNT users."""
    have = len(users(port))
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_S)
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    for n in range(have, count):
        body = json.dumps({"name": "Bench User", "email": f"bench-{tag}-fill-{n}@example.com",
                           "age": 30})
        conn.request("POST", "/users", body, headers)
        resp = conn.getresponse()
        raw = resp.read()
        if resp.status != 201:
            sys.exit(f"POST /users (user {n + 1} of {count}): expected 201, got {resp.status}: "
                     f"{raw[:300]!r}")
    conn.close()
    return len(users(port))


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    command, port = argv[1], int(argv[2])
    if command == "probe" and argv[3:] == ["users"]:
        _, raw = expect(port, "GET", "/users", 200)
        print(len(raw))
    elif command == "probe" and argv[3:] == ["login"]:
        doc, raw = expect(port, "POST", "/login", 200, {"email": "admin@example.com"})
        if not doc["data"].get("token"):
            sys.exit("POST /login: no data.token in the answer")
        print(len(raw))
    elif command == "token":
        doc, _ = expect(port, "POST", "/login", 200, {"email": "admin@example.com"})
        print(doc["data"]["token"])
    elif command == "probe-create" and len(argv) == 5:
        token, tag = argv[3], argv[4]
        user = {"name": "Bench User", "email": f"bench-{tag}-probe@example.com", "age": 30}
        doc, _ = expect(port, "POST", "/users", 201, user, token)
        expect(port, "DELETE", f"/users/{doc['data']['id']}", 200, token=token)
    elif command == "snapshot":
        print(json.dumps(sorted((u["id"], u["email"]) for u in users(port))))
    elif command == "cleanup" and len(argv) == 5:
        token, prefix = argv[3], f"bench-{argv[4]}-"
        leftovers = [u["id"] for u in users(port) if u["email"].startswith(prefix)]
        for user_id in leftovers:
            expect(port, "DELETE", f"/users/{user_id}", 200, token=token)
        print(len(leftovers))
    elif command == "fill" and len(argv) == 6:
        print(fill(port, argv[3], argv[4], int(argv[5])))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
