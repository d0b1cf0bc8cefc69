"""Issue 13 §4: the reference deployment under load — two `qlcb serve` instances on one PostgreSQL
behind nginx, one of them killed with `kill -9` in the middle of the load and started again.

The test starts everything it needs in a temporary folder and stops it by PID afterwards
(`two_instances_cluster.Cluster`): a throw-away PostgreSQL cluster (Debian's `postgresql`), two
instances with the demo province, and Debian's nginx running `deploy/nginx/qlcb-proxy.conf`
unchanged (unprivileged, its own prefix, pid and temp paths). A missing nginx or PostgreSQL is a
failure, never a skip. `QLCB_TWO_INSTANCES_PORTS=A,B,NGINX` and `QLCB_TWO_INSTANCES_PG_PORT` pin the ports.

Checks afterwards (`CHECKS`, a list so that later features append theirs): every write that was
acknowledged (201 with the id, or 303 to the new ticket) is in the database; ticket numbers are
unique and gap-free per officer-year; a session made on one instance is valid on each; the audit
chain verifies; every letter of the load's support requests reached the SMTP sink once.
"""
import json
import re
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import pytest

from two_instances_cluster import NEW_PASSWORD, OFFICERS, PASSWORD, STAFF, Cluster, call

WORKERS = 8
ACKED_BEFORE_KILL = 60         # acknowledged writes before instance A is killed
ACKED_WHILE_DOWN = 40          # … while only B serves
ACKED_AFTER_RESTART = 40       # … after A is back
MAX_SECONDS = 75               # the load never runs longer than this

@pytest.fixture(scope="module")
def cluster():
    c = Cluster()
    try:
        c.start()
        yield c
    finally:
        c.close()


def login(port, username, strict=True):
    """Signs in through the login form on `port`; returns the session cookie ("qlcb_session=…"), or
    when not `strict` the status of a step that failed (nginx's 502 for a request in flight at the kill)."""
    status, headers, body = call(port, "GET", "/dang-nhap")
    if status != 200 and not strict:
        return status
    assert status == 200, status
    cookie = session_cookie(headers)
    csrf = re.search(rb'name="_csrf" value="([^"]+)"', body).group(1).decode()
    password = PASSWORD if username in ("canbo", "canbo2") else NEW_PASSWORD
    form = urllib.parse.urlencode({"username": username, "password": password, "next": "/", "_csrf": csrf})
    status, headers, body = call(port, "POST", "/dang-nhap", form,
                                 {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    if status != 303 and not strict:
        return status
    assert status == 303, f"login {username}: {status} {body[:200]!r}"
    return session_cookie(headers) or cookie


def session_cookie(headers):
    for value in headers.get_all("Set-Cookie") or []:
        if value.startswith("qlcb_session="):
            return value.split(";")[0]
    return None


def csrf_of(port, cookie):
    status, _, body = call(port, "GET", "/phieu/moi", headers={"Cookie": cookie})
    assert status == 200, status
    return re.search(rb'name="_csrf" value="([^"]+)"', body).group(1).decode()


class Load:
    """The mixed workload through nginx, counting what was acknowledged."""

    def __init__(self, cluster):
        self.c, self.port = cluster, cluster.nginx.port
        self.acked, self.requests, self.other = [], [], {}
        # The letters written before the load (the demo's): the mail check looks only at the load's.
        self.letters_before = {r[0] for r in cluster.pg.query("SELECT id FROM mail_outbox")}
        self.lock, self.stop = threading.Lock(), threading.Event()
        self.sessions = {u: login(self.port, u) for u in OFFICERS}
        self.csrf = {u: csrf_of(self.port, cookie) for u, cookie in self.sessions.items()}
        self.n = 0

    def count(self):
        with self.lock:
            return len(self.acked)

    def worker(self, w):
        while not self.stop.is_set():
            with self.lock:
                self.n += 1
                n = self.n
            user = OFFICERS[n % len(OFFICERS)]
            try:
                self.step(n, user)
            except OSError as e:          # nginx itself never goes away: a broken connection is an error
                self.note(f"{type(e).__name__}: {e} ({user})")

    def step(self, n, user):
        details = f"Sửa máy in số {n} (hai máy chủ, {user})"
        if n % 5 == 0:    # the web form: 303 to the new ticket
            what = "POST /phieu"
            form = urllib.parse.urlencode({"_csrf": self.csrf[user], "taskGroup": "equipmentMaintenance", "details": details,
                                           "workKind": "maintenance", "requesterUnit": "Phòng Kế toán",
                                           "requesterName": "Đỗ Thị Hồng Nhung", "requestedOn": "20/11/2026"})
            status, headers, body = call(self.port, "POST", "/phieu", form, {"Cookie": self.sessions[user],
                                                                              "Content-Type": "application/x-www-form-urlencoded"})
            if status == 303 and re.fullmatch(r"/phieu/[0-9A-Fa-f-]{36}", headers["Location"]):
                return self.ack(headers["Location"].rsplit("/", 1)[-1])
            if status == 303:
                status = f"303 to {headers['Location']}"
        elif n % 10 == 1:    # a staff request through the API: mailed to the agency's IT officers
            what = "POST /api/v1/tickets (staff)"
            body = json.dumps({"agencyId": self.c.staff_agency, "taskGroup": "equipmentMaintenance", "details": f"Yêu cầu hỗ trợ số {n}",
                               "requesterUnit": "Văn phòng", "requesterName": "Nhân viên thử", "requestedOn": "2026-11-20"})
            status, _, body = call(self.port, "POST", "/api/v1/tickets", body,
                                   {"Authorization": f"Bearer {self.c.tokens[STAFF]}", "Content-Type": "application/json"})
            if status == 201:
                with self.lock:
                    self.requests.append(json.loads(body)["id"])
                return
        elif n % 5 in (1, 2):    # the API: 201 with the id
            what = "POST /api/v1/tickets"
            body = json.dumps({"taskGroup": "equipmentMaintenance", "details": details, "requesterUnit": "Văn phòng Sở",
                               "requesterName": "Nguyễn Văn An", "requestedOn": "2026-11-20"})
            status, _, body = call(self.port, "POST", "/api/v1/tickets", body,
                                   {"Authorization": f"Bearer {self.c.tokens[user]}", "Content-Type": "application/json"})
            if status == 201:
                return self.ack(json.loads(body)["id"])
        elif n % 5 == 3:    # reads: the ticket list page and the API list
            what = "GET /phieu"
            status, _, body = call(self.port, "GET", "/phieu", headers={"Cookie": self.sessions[user]})
            if status == 200 and "Phiếu công tác".encode() not in body:
                status = "200 without the list"
        else:               # a login now and then; reads of the API otherwise
            if n % 20 == 4:
                what = "login"
                signed_in = login(self.port, user, strict=False)
                status = 200 if isinstance(signed_in, str) else signed_in
            else:
                what = "GET /api/v1/tickets"
                status, _, body = call(self.port, "GET", "/api/v1/tickets",
                                       headers={"Authorization": f"Bearer {self.c.tokens[user]}"})
        if status not in (200, 201, 303):
            self.note(f"{status} {what} ({user})")

    def ack(self, ticket_id):
        with self.lock:
            self.acked.append(ticket_id)

    def note(self, what):
        """502 is what nginx answers for a write in flight at the kill (never retried on purpose)."""
        with self.lock:
            self.other[str(what)] = self.other.get(str(what), 0) + 1

    def run_until(self, target, deadline, also=lambda: True, what="the load stalled"):
        while self.count() < target or not also():
            assert time.monotonic() < deadline, f"{what}: {self.count()} writes acknowledged; other answers: {self.other}"
            time.sleep(0.05)


def test_two_instances_behind_nginx_survive_kill_9(cluster):
    a, b = cluster.instances
    nginx = cluster.nginx
    load = Load(cluster)
    deadline = time.monotonic() + MAX_SECONDS
    with ThreadPoolExecutor(WORKERS) as pool:
        futures = [pool.submit(load.worker, w) for w in range(WORKERS)]
        try:
            load.run_until(ACKED_BEFORE_KILL, deadline)
            assert nginx.answered_by(a.port) and nginx.answered_by(b.port), "nginx did not use both instances"
            a.kill9()                                   # while writes are in flight through nginx
            killed_at = load.count()
            load.run_until(killed_at + ACKED_WHILE_DOWN, deadline)
            a.start()
            restarted_at, mark = load.count(), nginx.log_lines()
            load.run_until(restarted_at + ACKED_AFTER_RESTART, deadline)
            # nginx gives A a new try after fail_timeout (10 s): the load goes on until A serves again.
            load.run_until(0, deadline, lambda: nginx.answered_by(a.port, mark) > 0, "instance A never served again")
        finally:
            load.stop.set()
            for f in futures:
                f.result()
    print(f"acknowledged writes: {len(load.acked)}; other answers: {load.other}")
    # Only nginx's 502 for requests that were in flight at the kill; never a 500 or a lost connection.
    assert all(k.startswith("502 ") for k in load.other), f"unexpected answers: {load.other}"
    failures = []
    for name, check in CHECKS:
        try:
            check(cluster, load)
        except AssertionError as e:
            failures.append(f"{name}: {e}")
    assert not failures, "\n".join(failures)


def test_nginx_replaces_what_a_client_claims_in_forwarded_headers(cluster):
    """deploy/nginx/qlcb-proxy.conf overwrites X-Forwarded-For/-Proto, and the instances trust only
    127.0.0.1 (QLCB_TRUSTED_PROXIES): a client's own claims reach neither the login audit nor the cookie."""
    forged = {"X-Forwarded-For": "192.0.2.99", "X-Forwarded-Proto": "https"}
    status, headers, body = call(cluster.nginx.port, "GET", "/dang-nhap", headers=forged)
    assert status == 200 and "Secure" not in headers["Set-Cookie"], headers["Set-Cookie"]
    cookie = session_cookie(headers)
    csrf = re.search(rb'name="_csrf" value="([^"]+)"', body).group(1).decode()
    form = urllib.parse.urlencode({"username": "khongco", "password": "sai", "next": "/", "_csrf": csrf})
    status, _, _ = call(cluster.nginx.port, "POST", "/dang-nhap", form,
                        {**forged, "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 401, status
    recorded = cluster.pg.query("SELECT after FROM audit_log WHERE action = 'login.failed' ORDER BY seq DESC LIMIT 1")
    assert "127.0.0.1" in recorded[0][0] and "192.0.2.99" not in recorded[0][0], recorded
    # The same header straight from a trusted peer (127.0.0.1 stands for nginx here) is believed.
    status, headers, _ = call(cluster.instances[1].port, "GET", "/dang-nhap", headers={"X-Forwarded-Proto": "https"})
    assert "Secure" in headers["Set-Cookie"] and headers["Strict-Transport-Security"], headers


def check_acknowledged_writes_present(cluster, load):
    ids = ",".join(f"'{i}'" for i in load.acked if re.fullmatch(r"[0-9A-Fa-f-]{36}", i))
    assert len(load.acked) == len(set(load.acked)), "an id was acknowledged twice"
    found = {row[0].lower() for row in cluster.pg.query(f"SELECT id FROM work_tickets WHERE id IN ({ids})")}
    missing = [i for i in load.acked if i.lower() not in found]
    assert not missing, f"{len(missing)} of {len(load.acked)} acknowledged tickets lost: {missing[:5]}"


def check_ticket_numbers_unique_and_gap_free(cluster, load):
    rows = cluster.pg.query(
        "SELECT t.officer_id, t.year, count(*), count(DISTINCT t.number), min(t.number), max(t.number), max(c.last_number) "
        "FROM work_tickets t LEFT JOIN ticket_counters c ON c.officer_id = t.officer_id AND c.year = t.year "
        "WHERE t.number IS NOT NULL GROUP BY t.officer_id, t.year ORDER BY t.officer_id, t.year")
    assert rows
    bad = [r for r in rows if not (r[2] == r[3] == r[5] == r[6] and r[4] == "1")]
    assert not bad, f"officer, year, tickets, distinct numbers, min, max, counter: {bad[:5]}"
    written = cluster.pg.query("SELECT count(DISTINCT officer_id) FROM work_tickets WHERE details LIKE '%(hai máy chủ,%'")
    assert int(written[0][0]) == len(OFFICERS), written


def check_sessions_valid_on_each_instance(cluster, load):
    """A session made through one instance (directly, and through nginx before the kill) is valid
    when its cookie goes to each instance: sessions live in the database, not in a process."""
    made = {f"through nginx ({u})": cookie for u, cookie in load.sessions.items()}
    for inst in cluster.instances:
        made[f"on {inst.name}"] = login(inst.port, "canbo")
    for origin, cookie in made.items():
        for inst in cluster.instances:
            status, headers, body = call(inst.port, "GET", "/phieu", headers={"Cookie": cookie})
            assert status == 200, f"session made {origin} refused by {inst.name}: {status} {headers.get('Location')}"
            assert "Đăng xuất".encode() in body, f"session made {origin} not signed in on {inst.name}"


def check_audit_chain_verifies(cluster, load):
    assert "toàn vẹn" in cluster.qlcb("audit-verify")


# What must hold after the load. Each entry: (what a reader checks, function(cluster, load)).
def check_mail_sent_once(cluster, load):
    """Issue 13 §3 with two instances and a `kill -9`: each acknowledged request has its letters to the
    agency's IT officers; every letter of the load reaches the SMTP sink exactly once — except one the
    killed instance had claimed, which waits for its lease to lapse (ADR 0015) and has not arrived at
    all. No Message-ID arrives twice."""
    assert load.requests, "no support request was acknowledged"
    keys = {r[0].split(":")[1].lower() for r in cluster.pg.query(
        "SELECT dedupe_key FROM mail_outbox WHERE kind = 'ticket.request' ORDER BY dedupe_key")}
    assert {i.lower() for i in load.requests} <= keys, f"requests without a letter: {sorted({i.lower() for i in load.requests} - keys)[:3]}"
    def letters():
        rows = cluster.pg.query("SELECT id, state, lease_until > now() FROM mail_outbox ORDER BY id")
        return [r for r in rows if r[0] not in load.letters_before]
    deadline = time.monotonic() + 30
    while any(state == "pending" or (state == "sending" and held != "t") for _, state, held in letters()):
        assert time.monotonic() < deadline, "letters not delivered within 30 s: " + str(cluster.pg.query(
            "SELECT state, attempts, next_attempt_at, last_error FROM mail_outbox WHERE state <> 'sent' ORDER BY id LIMIT 3"))
        time.sleep(0.5)
    arrived = [m.strip("<>").split("@")[0] for m in cluster.sink.message_ids()]
    twice = sorted({m for m in arrived if arrived.count(m) > 1})
    assert not twice, f"delivered more than once: {twice[:3]}"
    final = letters()
    sent = {i for i, state, _ in final if state == "sent"}
    assert sent <= set(arrived), f"marked sent but never arrived: {sorted(sent - set(arrived))[:3]}"
    unsent = [r for r in final if r[1] != "sent"]
    assert all(state == "sending" and held == "t" for _, state, held in unsent), f"neither sent nor held by a lease: {unsent}"
    assert len(final) >= len(load.requests), (len(final), len(load.requests))


CHECKS = [
    ("every acknowledged write is present", check_acknowledged_writes_present),
    ("ticket numbers unique and gap-free per officer-year", check_ticket_numbers_unique_and_gap_free),
    ("a session is valid on every instance", check_sessions_valid_on_each_instance),
    ("audit-verify passes", check_audit_chain_verifies),
    ("mail sent once", check_mail_sent_once),
]
