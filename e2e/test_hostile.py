"""Hostile requests against the real `qlcb serve` process: unrouted and malformed paths, absurd paging
numbers on every list, garbage methods and headers, oversize and malformed bodies, concurrent bursts.

The server must survive all of it (same process, /healthz answers), never answer 5xx, answer 404 on
unrouted paths (HTML outside /api, problem+json under /api), 400 with a Vietnamese message on
out-of-range page/per/year, and 413 (or close the connection) on oversize bodies.

Requests go over raw sockets so that paths reach the server exactly as written.
HOSTILE_DIAG=1: restart the server after each crash and carry on, to list every request that kills it
(the process-alive test then fails on purpose).
"""
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "debug", "qlcb")
DIAG = os.environ.get("HOSTILE_DIAG") == "1"
CLOCK = "2026-11-29T12:00:00+07:00"
BIG = 20 * 1024 * 1024
VIETNAMESE = re.compile("[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĐ]")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------------------------------
# The server process


class Process:
    """`qlcb serve` on a fresh demo SQLite database; `restart` keeps the database (sessions, token)."""

    def __init__(self):
        self.workdir = tempfile.mkdtemp(prefix="qlcb-hostile-")
        self.env = dict(os.environ, DATABASE_URL=f"sqlite://{self.workdir}/e2e.sqlite", LOG_LEVEL="warning",
                        QLCB_CLOCK=CLOCK)
        # Without the backtracer a crashing process exits at once (the "Fatal error" line is still printed).
        self.env.setdefault("SWIFT_BACKTRACE", "enable=no")
        self.generation = 0
        self.first = None
        self.proc = None
        try:
            subprocess.run([BIN, "demo"], cwd=ROOT, env=self.env, check=True, stdout=subprocess.DEVNULL)
            self.start()
        except BaseException:
            shutil.rmtree(self.workdir, ignore_errors=True)
            raise
        self.first = self.proc

    def qlcb(self, *args) -> str:
        return subprocess.run([BIN, *args], cwd=ROOT, env=self.env, check=True, capture_output=True, text=True).stdout

    def start(self):
        self.generation += 1
        self.port = free_port()
        self.out = os.path.join(self.workdir, f"stdout.{self.generation}")
        self.err = os.path.join(self.workdir, f"stderr.{self.generation}")
        with open(self.out, "wb") as out, open(self.err, "wb") as err:
            self.proc = subprocess.Popen([BIN, "serve", "--hostname", "127.0.0.1", "--port", str(self.port)],
                                         cwd=ROOT, env=self.env, stdout=out, stderr=err)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            r = send(self.port, request("GET", "/healthz"), timeout=1)
            if r.status == 200:
                return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("qlcb did not start: " + self.crash_lines())

    def alive(self, grace: float = 0.0) -> bool:
        """True while the process runs; with `grace`, waits that long for a dying process to exit."""
        if grace:
            try:
                self.proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                pass
        return self.proc.poll() is None

    def crash_lines(self) -> str:
        """The lines of the dying process that say why, plus how it ended."""
        text = ""
        for path in (self.err, self.out):
            try:
                with open(path, "rb") as f:
                    text += f.read().decode("utf-8", "replace")
            except OSError:
                pass
        lines = [l.strip() for l in text.splitlines() if l.strip()]
        key = [l for l in lines if re.search(r"Fatal error|fatal error|crashed|Precondition|Assertion|panic", l)]
        chosen = (key or lines[-3:])[:4]
        code = self.proc.poll() if self.proc else None
        how = ""
        if code is not None and code < 0:
            try:
                how = f"[killed by {signal.Signals(-code).name}] "
            except ValueError:
                how = f"[signal {-code}] "
        elif code is not None:
            how = f"[exit {code}] "
        return how + " | ".join(l[:400] for l in chosen)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)


# --------------------------------------------------------------------------------------------------
# Raw HTTP


@dataclass
class Reply:
    status: int | None = None          # None: no HTTP answer
    headers: dict = field(default_factory=dict)
    body: bytes = b""
    error: str = ""                    # why there is no answer (reset, closed, timeout, refused)
    seconds: float = 0.0

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def said(self, limit=160) -> str:
        return re.sub(r"\s+", " ", self.message()).strip()[:limit]

    def message(self) -> str:
        """The human message: `detail` of a problem, the error section of a page, else the whole body."""
        t = self.text()
        if "json" in self.content_type:
            try:
                data = json.loads(t)
                return str(data.get("detail", "")) + " " + json.dumps(data.get("errors") or {}, ensure_ascii=False)
            except (ValueError, AttributeError):
                return t
        m = re.search(r'class="[^"]*error-page[^"]*">(.*?)</section>', t, re.S)
        return re.sub(r"<[^>]+>", " ", m.group(1)) if m else t


def request(method: str, target, headers=(), body: bytes | None = None, content_length=True,
            close=True) -> bytes:
    """Raw request bytes; `target` may be bytes to carry bytes no client library would send."""
    target = target if isinstance(target, bytes) else target.encode("latin-1")
    lines = [method.encode() + b" " + target + b" HTTP/1.1", b"Host: 127.0.0.1"]
    for name, value in headers:
        lines.append(name.encode() + b": " + (value if isinstance(value, bytes) else value.encode("latin-1")))
    if body is not None and content_length:
        lines.append(b"Content-Length: " + str(len(body)).encode())
    if close:
        lines.append(b"Connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n" + (body or b"")


def dechunk(data: bytes) -> bytes:
    out, rest = b"", data
    while rest:
        size_line, _, rest = rest.partition(b"\r\n")
        try:
            size = int(size_line.split(b";")[0].strip() or b"0", 16)
        except ValueError:
            return out + rest
        if size == 0:
            break
        out, rest = out + rest[:size], rest[size + 2:]
    return out


def send(port: int, raw: bytes, timeout: float = 8.0) -> Reply:
    started = time.monotonic()
    reply = _send(port, raw, timeout)
    reply.seconds = time.monotonic() - started
    return reply


def _send(port: int, raw: bytes, timeout: float) -> Reply:
    deadline = time.monotonic() + timeout
    try:
        sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    except OSError as e:
        return Reply(error=f"connect: {e.__class__.__name__}")
    send_error = ""
    try:
        try:
            view = memoryview(raw)
            while view:
                sent = sock.send(view[:1 << 20])
                view = view[sent:]
        except OSError as e:               # the server may answer and close before reading it all
            send_error = f"send: {e.__class__.__name__}"
        buf = b""
        try:
            while True:
                sock.settimeout(max(0.05, deadline - time.monotonic()))
                chunk = sock.recv(1 << 16)
                if not chunk:
                    break
                buf += chunk
                head, sep, rest = buf.partition(b"\r\n\r\n")
                if sep:
                    low = head.lower()
                    m = re.search(rb"\r\ncontent-length:\s*(\d+)", low)
                    if m and len(rest) >= int(m.group(1)):
                        break
                    if b"transfer-encoding: chunked" in low and rest.endswith(b"0\r\n\r\n"):
                        break
                    if len(buf) > 8 << 20:
                        break
        except socket.timeout:
            if not buf:
                return Reply(error=(send_error + " " if send_error else "") + "timeout")
        except OSError as e:
            if not buf:
                return Reply(error=(send_error + " " if send_error else "") + f"recv: {e.__class__.__name__}")
        head, sep, rest = buf.partition(b"\r\n\r\n")
        m = re.match(rb"HTTP/1\.[01] (\d{3})", head)
        if not m:
            return Reply(error=(send_error + " " if send_error else "") + ("closed" if not buf else f"garbage {buf[:40]!r}"))
        headers = {}
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            headers[name.strip().lower().decode("latin-1")] = value.strip().decode("latin-1")
        if headers.get("transfer-encoding", "").lower() == "chunked":
            rest = dechunk(rest)
        return Reply(int(m.group(1)), headers, rest)
    finally:
        sock.close()


# --------------------------------------------------------------------------------------------------
# The hostile catalogue

ANY_4XX = frozenset(range(400, 500))


@dataclass
class Case:
    label: str                          # what a human reads in the report
    raw: bytes
    expect: frozenset | None = None     # acceptable statuses; None: anything below 500
    ctype: str = ""                     # required content type prefix of the answer
    vietnamese: bool = False            # the message must be Vietnamese
    may_close: bool = False             # closing without an answer is acceptable
    must_answer: bool = False           # no answer is a failure even without `expect`
    forbid: bytes = b""                 # bytes that must not appear in the answer (leaks)
    timeout: float = 8.0
    burst: bool = True                  # also used in the concurrent bursts


@dataclass
class Outcome:
    case: Case
    reply: Reply
    tag: str = ""                       # "burst k" for concurrent requests
    crashed: bool = False               # no answer because the process died (reported as a crash instead)

    @property
    def name(self):
        return (f"[{self.tag}] " if self.tag else "") + self.case.label

    def problems(self) -> list[str]:
        c, r = self.case, self.reply
        if r.status is None:
            if c.may_close or (c.expect is None and not c.must_answer):
                return []
            return [f"no answer ({r.error}), expected {sorted_set(c.expect)}"]
        out = []
        if c.expect is not None and r.status not in c.expect:
            said = r.said()
            out.append(f"{r.status}, expected {sorted_set(c.expect)}" + (f" ({said})" if said else ""))
        if c.ctype and not r.content_type.startswith(c.ctype):
            out.append(f"content-type {r.content_type or '(none)'!r}, expected {c.ctype}")
        if c.vietnamese and not VIETNAMESE.search(r.message()):
            out.append(f"message not Vietnamese: {r.message().strip()[:120]!r}")
        if c.forbid and c.forbid in r.body:
            out.append(f"answer contains {c.forbid!r}")
        return out


def sorted_set(s):
    if s is None:
        return "<500"
    if s == ANY_4XX:
        return "4xx"
    return "/".join(str(x) for x in sorted(s))


def show(target) -> str:
    t = target.decode("latin-1") if isinstance(target, bytes) else target
    t = t.encode("unicode_escape").decode("ascii") if any(ord(ch) < 32 or ord(ch) > 126 for ch in t) else t
    return t if len(t) <= 90 else f"{t[:60]}…({len(t)} chars)"


HUGE_VALUES = [("page", "9223372036854775807"), ("page", "-1"), ("page", "0"), ("page", "99999999999999999999999"),
               ("per", "9223372036854775807"), ("per", "-5"),
               ("year", "-2147483648"), ("year", "99999999999"), ("year", "abc")]
BAD_YEARS = ["99999999999999999999", "-2147483648", "-1", "0", "abc", "1999", "2101"]


def catalogue(s) -> list[Case]:
    """Every hostile request. `s` carries the identities: s.cookie (sotttt), s.admin (admin), s.token, s.ids."""
    web = [("Cookie", f"qlcb_session={s.cookie}")]
    admin = [("Cookie", f"qlcb_session={s.admin}")]
    api = [("Authorization", f"Bearer {s.token}")]
    who = {"anon": [], "sotttt": web, "admin": admin, "bearer": api}
    cases: list[Case] = []

    def add(label, raw, **kw):
        cases.append(Case(label, raw, **kw))

    # -- unrouted and malformed paths: 404, HTML outside /api and problem+json under it -----------
    # The paths of the brief answer exactly 404; the extra traversal and invalid-UTF-8 probes may also be
    # refused (400, or 403 from the static-file middleware's ".." guard) as long as nothing leaks.
    unrouted = ["/nope", "/dang-xuat", "/.env", "/%2e%2e/%2e%2e/etc/passwd", "/" + "a" * 20000, "/a%00b", "/%zz",
                "/c%C6%A1-qu%E1%BA%A3n", "/%F0%9F%92%A3", "/api/nope", "/api/v1/nope", "/api/v1/%zz",
                "/api/v1/agencies%00", "/api/v1/" + "b" * 20000, "/api/v1/c%C6%A1-quan", "/phieu/moi/nope/nope",
                "/healthz/x", "/css/nope.css", "/" + "a" * 256, "/" + "/".join(["a" * 100] * 41)]
    extra = ["/%C0%AE%C0%AE/%C0%AE%C0%AE/etc/passwd", "/%ff%fe", "/co-quan/../../etc/passwd/x/y",
             "/css/..%2f..%2f..%2fetc%2fpasswd", "/..%2f..%2fSources/App/configure.swift", "/css/%2e%2e/%2e%2e/Package.swift"]
    for path in unrouted + extra:
        api_path = path.startswith("/api/")
        for ident in ("anon", "sotttt") if not api_path else ("anon", "bearer"):
            add(f"GET {show(path)} as {ident}", request("GET", path, who[ident]),
                expect=frozenset({404}) if path in unrouted else frozenset({400, 403, 404}),
                ctype="application/problem+json" if api_path else "text/html", forbid=b"root:x:0:0")
    # Raw targets that a client would normalise or refuse: traversal, raw UTF-8, raw NUL, spaces.
    for target, ok in [(b"/../../etc/passwd", {404}), (b"/css/../../../../etc/passwd", {400, 403, 404}),
                       (b"/api/../../../etc/passwd", {400, 403, 404}), ("/cơ-quan".encode(), {404, 400}),
                       ("/api/v1/cơ".encode(), {404, 400}), (b"/a\x00b", {400}), (b"/a b", {400}),
                       (b"*", {400, 404}), (b"http://evil.example/co-quan", {400, 404, 303}),
                       (b"/\xff\xfe", {404, 400})]:
        add(f"GET raw {show(target)}", request("GET", target, web), expect=frozenset(ok), may_close=True,
            forbid=b"root:x:0:0")
    add("POST /nope (form)", request("POST", "/nope", web, b"a=1"), expect=frozenset({404}), ctype="text/html")
    add("DELETE /api/v1/nope", request("DELETE", "/api/v1/nope", api), expect=frozenset({404}),
        ctype="application/problem+json")
    add("GET /dang-xuat?next=/ as sotttt", request("GET", "/dang-xuat?next=/", web), expect=frozenset({404}),
        ctype="text/html")

    # -- every list with absurd page/per/year ------------------------------------------------------
    officer, event = s.ids.get("officer"), s.ids.get("event")
    # path → (identity, parameters it takes: those must answer 400)
    lists = {
        "/api/v1/agencies": ("bearer", {"page", "per"}), "/api/v1/officers": ("bearer", {"page", "per"}),
        "/api/v1/tickets": ("bearer", {"year", "per"}), "/api/v1/staffing": ("bearer", {"year", "page", "per"}),
        "/co-quan": ("sotttt", {"page", "per"}), "/can-bo": ("sotttt", {"page", "per"}),
        "/bien-che": ("sotttt", {"year", "page", "per"}), "/nop-so": ("sotttt", {"year", "page"}),
        "/danh-gia": ("sotttt", {"year"}), "/danh-gia/2026": ("sotttt", {"page"}),
        "/danh-gia/2026/ket-qua": ("sotttt", set()), "/danh-gia/2026/hieu-qua": ("sotttt", set()),
        "/quan-tri/nhat-ky": ("admin", {"page"}), "/quan-tri/nguoi-dung": ("admin", {"page"}),
        "/phieu": ("sotttt", {"year"}), "/tap-huan": ("sotttt", set()), "/so-cong-tac": ("sotttt", set()),
    }
    if event:
        lists[f"/tap-huan/{event}"] = ("sotttt", {"page"})
    if officer:
        lists[f"/so-cong-tac/{officer}/2026"] = ("sotttt", set())
    for path, (ident, takes) in lists.items():
        is_api = path.startswith("/api/")
        for name, value in HUGE_VALUES:
            target = f"{path}?{name}={value}"
            strict = name in takes
            add(f"GET {target} as {ident}", request("GET", target, who[ident]),
                expect=frozenset({400}) if strict else None, vietnamese=strict, must_answer=True,
                ctype=("application/problem+json" if is_api else "text/html") if strict else "")
            add(f"GET {target} as anon", request("GET", target), must_answer=True)
        if path.startswith("/quan-tri"):   # not the administrator: refused, never a crash
            for name, value in HUGE_VALUES[:2]:
                add(f"GET {path}?{name}={value} as sotttt", request("GET", f"{path}?{name}={value}", web),
                    expect=frozenset({403}), must_answer=True)
    for path in ("/co-quan", "/can-bo", "/bien-che", "/phieu"):
        for q in ("format=csv&page=9223372036854775807", "format=xlsx&per=-5&year=99999999999"):
            add(f"GET {path}?{q} as sotttt", request("GET", f"{path}?{q}", web), must_answer=True)
    add("GET /co-quan?q=<20 KB> as sotttt", request("GET", "/co-quan?q=" + "x" * 20000, web), must_answer=True)
    # Searches by name holding what the trigram index's query language or a C string takes specially.
    for q in ("%00%00%00", "van%00thi", "%22%22%22", "NEAR(van%20thi)", "van*", "a%22b%22c", "%09%09%09"):
        add(f"GET /can-bo?q={q} as sotttt", request("GET", f"/can-bo?q={q}", web), expect=frozenset({200}), must_answer=True)
        add(f"GET /api/v1/agencies?q={q} as bearer", request("GET", f"/api/v1/agencies?q={q}", api),
            expect=frozenset({200}), must_answer=True)
    add("GET /api/v1/tickets?after=<junk> as bearer", request("GET", "/api/v1/tickets?after=%00%zz" + "9" * 50, api),
        must_answer=True)
    add("GET /api/v1/officers?page=1&page=2&per=1e3 as bearer",
        request("GET", "/api/v1/officers?page=1&page=2&per=1e3", api), must_answer=True)
    # Baselines: the identities work (otherwise every expectation above is meaningless).
    for path, ident in (("/co-quan?page=1&per=5", "sotttt"), ("/api/v1/agencies?page=1&per=5", "bearer"),
                        ("/quan-tri/nhat-ky?page=1", "admin"), ("/bien-che?year=2026", "sotttt")):
        add(f"GET {path} as {ident} (baseline)", request("GET", path, who[ident]), expect=frozenset({200}))

    # -- absurd years in paths ----------------------------------------------------------------------
    year_paths = ["/danh-gia/{y}", "/danh-gia/{y}/ket-qua", "/danh-gia/{y}/hieu-qua", "/danh-gia/{y}/khen-thuong.pdf",
                  "/api/v1/evaluation-years/{y}", "/api/v1/evaluation-years/{y}/results",
                  "/api/v1/evaluation-years/{y}/efficiency"]
    if officer:
        year_paths += [f"/so-cong-tac/{officer}/{{y}}", f"/so-cong-tac/{officer}/{{y}}/so-cong-tac.pdf",
                       f"/api/v1/officers/{officer}/work-logs/{{y}}", f"/api/v1/officers/{officer}/evidence/{{y}}",
                       f"/api/v1/officers/{officer}/work-logs/{{y}}/book.pdf"]
    for pattern in year_paths:
        for y in BAD_YEARS:
            path = pattern.format(y=y)
            ident = "bearer" if path.startswith("/api/") else "sotttt"
            add(f"GET {path} as {ident}", request("GET", path, who[ident]), expect=frozenset({400, 404}),
                must_answer=True, ctype="application/problem+json" if path.startswith("/api/") else "text/html")
    for y in ("99999999999999999999", "-2147483648"):
        add(f"GET /danh-gia/{y}?page=9223372036854775807 as sotttt",
            request("GET", f"/danh-gia/{y}?page=9223372036854775807", web), expect=frozenset({400, 404}))

    # -- garbage methods -----------------------------------------------------------------------------
    for method, target in [("FOO", "/"), ("FOO", "/api/v1/agencies"), ("PROPFIND", "/co-quan"),
                           ("PROPFIND", "/api/v1/agencies"), ("TRACE", "/"), ("TRACE", "/api/v1/agencies"),
                           ("CONNECT", "/co-quan"), ("CONNECT", "127.0.0.1:22"), ("DELETE", "/co-quan"),
                           ("PUT", "/api/v1/agencies"), ("OPTIONS", "*"), ("PATCH", "/dang-nhap"), ("HEAD", "/nope"),
                           ("G\x01T", "/"), ("get", "/healthz")]:
        for ident in ("anon", "sotttt", "bearer"):
            add(f"{show(method)} {target} as {ident}", request(method, target, who[ident]), timeout=3)

    # -- garbage headers -------------------------------------------------------------------------------
    junk = "".join(random.Random(7).choice("abcXYZ0189+/=%;,\"\\ ") for _ in range(10240))
    for path in ("/co-quan", "/api/v1/agencies"):
        add(f"GET {path} with a 64 KB header", request("GET", path, [("X-Junk", "a" * 65536)]), may_close=True)
        add(f"GET {path} with a 200 KB header", request("GET", path, [("X-Junk", "a" * 200000)]),
            expect=frozenset({400, 413, 431}), may_close=True)
        add(f"GET {path} with 1000 headers", request("GET", path, [(f"X-H{i}", "v" * 10) for i in range(1000)]))
        add(f"GET {path} with Content-Length: abc", request("GET", path, [("Content-Length", "abc")]),
            expect=frozenset({400}), may_close=True, timeout=3)
        add(f"POST {path} with Content-Length: -1", request("POST", path, [("Content-Length", "-1")], b"{}",
                                                             content_length=False),
            expect=frozenset({400}), may_close=True, timeout=3)
        add(f"POST {path} with two Content-Length", request("POST", path, [("Content-Length", "2"),
                                                                          ("Content-Length", "5")], b"{}",
                                                             content_length=False),
            expect=ANY_4XX, may_close=True, timeout=3)
        add(f"POST {path} chunked with a bad chunk",
            request("POST", path, [("Transfer-Encoding", "chunked"), ("Content-Type", "application/json")],
                    b"zz\r\n{}\r\n0\r\n\r\n", content_length=False), expect=ANY_4XX, may_close=True, timeout=3)
        add(f"POST {path} chunked with a huge chunk size",
            request("POST", path, [("Transfer-Encoding", "chunked"), ("Content-Type", "application/json")],
                    b"ffffffffffffffffff\r\n{}\r\n0\r\n\r\n", content_length=False), expect=ANY_4XX,
            may_close=True, timeout=3)
        add(f"POST {path} chunked + Content-Length",
            request("POST", path, [("Transfer-Encoding", "chunked"), ("Content-Length", "3")],
                    b"2\r\n{}\r\n0\r\n\r\n", content_length=False), may_close=True, timeout=3)
        add(f"GET {path} with Cookie qlcb_session=<10 KB junk>", request("GET", path, [("Cookie", "qlcb_session=" + junk)]),
            must_answer=True)
        add(f"GET {path} with Cookie qlcb_session=<junk>",
            request("GET", path, [("Cookie", "qlcb_session=../../etc; qlcb_session=%00; =; ;;")]), must_answer=True)
        add(f"GET {path} with Authorization: Bearer <junk>", request("GET", path, [("Authorization", "Bearer " + junk)]),
            expect=frozenset({401}) if path.startswith("/api/") else None, must_answer=True)
        add(f"GET {path} with Authorization: Bearer (empty)", request("GET", path, [("Authorization", "Bearer ")]),
            expect=frozenset({401}) if path.startswith("/api/") else None, must_answer=True)
        add(f"GET {path} with Authorization: Basic ???", request("GET", path, [("Authorization", "Basic ???")]),
            expect=frozenset({401}) if path.startswith("/api/") else None, must_answer=True)
        add(f"GET {path} with a raw UTF-8/NUL header value",
            request("GET", path, [("X-Name", "Nguyễn Văn A".encode()), ("X-Nul", b"a\x00b")]), may_close=True)
        add(f"GET {path} with a header without colon", request("GET", path, [("X-NoColon", "x")]).replace(
            b"X-NoColon: x", b"X-NoColon x"), expect=ANY_4XX, may_close=True, timeout=3)
        add(f"GET {path} with Accept: <junk>, Accept-Language: <junk>",
            request("GET", path, web + [("Accept", "*/*;q=abc, text/;;=="), ("Accept-Language", "vi;q=-1,,,")]),
            must_answer=True)
        add(f"GET {path} with a DEL byte in a header", request("GET", path, web + [("Accept", "text/\x7f")]),
            may_close=True)
    add("GET / with HTTP/9.9", b"GET / HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n", may_close=True, timeout=3)
    add("GET / with no Host", b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n", may_close=True, timeout=3)
    add("half a request line", b"GET /co-quan HT\r\n\r\n", may_close=True, timeout=3)
    add("binary garbage", bytes(random.Random(1).randrange(256) for _ in range(4096)), may_close=True, timeout=3)
    add("TLS ClientHello on plain HTTP", bytes.fromhex("16030100a5010000a10303") + b"\x00" * 160, may_close=True,
        timeout=3)

    # -- oversize bodies: 413 or a closed connection ------------------------------------------------------
    big_json = b'{"description":"' + b"x" * BIG + b'"}'
    big_form = b"username=sotttt&password=" + b"x" * BIG + f"&_csrf={s.csrf}&next=/".encode()
    for ident in ("bearer", "anon"):
        add(f"POST /api/v1/tickets 20 MB JSON as {ident}",
            request("POST", "/api/v1/tickets", who[ident] + [("Content-Type", "application/json")], big_json),
            expect=frozenset({413}), may_close=True, timeout=20, burst=ident == "bearer")
    for ident in ("sotttt", "anon"):
        add(f"POST /dang-nhap 20 MB form as {ident}",
            request("POST", "/dang-nhap", who[ident] + [("Content-Type", "application/x-www-form-urlencoded")], big_form),
            expect=frozenset({413}), may_close=True, timeout=20, burst=ident == "sotttt")
    add("POST /co-quan 20 MB multipart as sotttt",
        request("POST", "/co-quan", web + [("Content-Type", "multipart/form-data; boundary=x")],
                b"--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n" + b"y" * BIG + b"\r\n--x--\r\n"),
        expect=frozenset({413}), may_close=True, timeout=20, burst=False)
    add("POST /api/v1/tickets chunked 20 MB as bearer",
        request("POST", "/api/v1/tickets", api + [("Content-Type", "application/json"), ("Transfer-Encoding", "chunked")],
                b"".join(b"%x\r\n%s\r\n" % (1 << 20, b"x" * (1 << 20)) for _ in range(20)) + b"0\r\n\r\n",
                content_length=False),
        expect=frozenset({413}), may_close=True, timeout=20, burst=False)
    add("POST /api/v1/tickets Content-Length: 20 MB, body 2 bytes",
        request("POST", "/api/v1/tickets", api + [("Content-Type", "application/json"),
                                                  ("Content-Length", str(BIG))], b"{}", content_length=False),
        expect=frozenset({413}), may_close=True, timeout=3, burst=False)

    # -- malformed JSON, deep nesting, wrong content types -----------------------------------------------
    agency = s.ids.get("agency", "00000000-0000-0000-0000-000000000000")
    # Field names of TicketInput, AgencyPatch/AgencyInput and the training event together.
    bodies = {"truncated": b'{"title": "x", ', "null": b"null", "array": b"[]", "string": b'"x"', "number": b"1e999999",
              "invalid UTF-8": b'{"name":"\xff\xfe\xc0\xaf","details":"\xff","title":"\xff"}',
              "raw NUL": b'{"name":"a\x00b","details":"a\x00b","title":"a\x00b"}',
              "10,000 [": b"[" * 10000, "5,000 [ ]": b"[" * 5000 + b"]" * 5000,
              "2,000 {\"a\":": b'{"a":' * 2000 + b"1" + b"}" * 2000,
              "huge ints": b'{"version": 99999999999999999999999999, "name": 1e400, "details": -9223372036854775809}',
              "wrong types": b'{"agencyId": 1, "requestedOn": [], "taskGroup": {}, "details": null, "name": 5, '
                             b'"kind": [], "version": "x", "title": 5, "heldOn": {}}'}
    for target, method in (("/api/v1/tickets", "POST"), ("/api/v1/agencies", "POST"),
                           (f"/api/v1/agencies/{agency}", "PATCH"), ("/api/v1/training-events", "POST")):
        for label, body in bodies.items():
            add(f"{method} {target} JSON {label} as bearer",
                request(method, target, api + [("Content-Type", "application/json")], body), expect=ANY_4XX,
                must_answer=True, timeout=10)
        add(f"{method} {target} JSON with a BOM as bearer",
            request(method, target, api + [("Content-Type", "application/json")], b"\xef\xbb\xbf{}"), must_answer=True)
    for label in ("10,000 [", "2,000 {\"a\":", "truncated"):
        add(f"POST /api/v1/tickets JSON {label} as anon",
            request("POST", "/api/v1/tickets", [("Content-Type", "application/json")], bodies[label]), expect=ANY_4XX,
            must_answer=True, timeout=10)
        for target in ("/dang-nhap", "/co-quan", "/phieu"):   # the CSRF check decodes the body
            add(f"POST {target} JSON {label} as sotttt",
                request("POST", target, web + [("Content-Type", "application/json")], bodies[label]), expect=ANY_4XX,
                must_answer=True, timeout=10)
    types = ["text/plain", "application/xml", "multipart/form-data", "multipart/form-data; boundary=",
             "application/x-www-form-urlencoded", "application/json; charset=klingon", "image/png", "*/*", ""]
    for ctype in types:
        add(f"POST /api/v1/tickets Content-Type {ctype!r} as bearer",
            request("POST", "/api/v1/tickets", api + [("Content-Type", ctype)], b'{"title":"x"}'), expect=ANY_4XX,
            must_answer=True)
        add(f"POST /dang-nhap Content-Type {ctype!r} as sotttt",
            request("POST", "/dang-nhap", web + [("Content-Type", ctype)],
                    f"username=sotttt&password=wrong&_csrf={s.csrf}".encode()), must_answer=True)
    for ctype in ("multipart/form-data; boundary=", 'multipart/form-data; boundary=""'):   # anyone can send it
        for target in ("/dang-nhap", "/xac-nhan/nope"):
            add(f"POST {target} Content-Type {ctype!r} as anon", request("POST", target, [("Content-Type", ctype)],
                                                                          b"--\r\n\r\n--"), must_answer=True)
    form = web + [("Content-Type", "application/x-www-form-urlencoded")]
    for label, body in {"bad percent": b"%zz=%%%&_csrf=%", "deep keys": b"a" + b"[a]" * 3000 + b"=1",
                        "deep arrays": b"a" + b"[]" * 3000 + b"=1", "1000 fields": b"&".join(b"f%d=1" % i for i in range(1000)),
                        "NUL": b"username=\x00&password=\x00&_csrf=\x00"}.items():
        for target in ("/dang-nhap", "/co-quan", "/phieu"):
            add(f"POST {target} form {label} as sotttt", request("POST", target, form, body), expect=ANY_4XX,
                must_answer=True, timeout=10)
    add("POST /co-quan multipart without boundary end as sotttt",
        request("POST", "/co-quan", web + [("Content-Type", "multipart/form-data; boundary=x")],
                b"--x\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nabc"), expect=ANY_4XX, must_answer=True)
    return cases


# --------------------------------------------------------------------------------------------------
# The run


@dataclass
class Crash:
    culprit: str           # the request (or burst) after which the process was found dead
    why: str               # the server's last words


class Campaign:
    def __init__(self, server: Process):
        self.server = server
        self.outcomes: list[Outcome] = []
        self.crashes: list[Crash] = []
        self.unsent: list[str] = []
        self.seconds = 0.0

    def died(self, culprit: str) -> bool:
        """Records a crash; in diagnostic mode restarts the server and returns False (carry on)."""
        self.crashes.append(Crash(culprit, self.server.crash_lines()))
        if DIAG:
            self.server.start()
            return False
        return True

    def sequential(self, cases: list[Case]) -> bool:
        for i, case in enumerate(cases):
            reply = send(self.server.port, case.raw, case.timeout)
            self.outcomes.append(Outcome(case, reply))
            if not self.server.alive(grace=0.1 if reply.status is None or reply.status >= 500 else 0.0):
                culprit = case.label
                if reply.error.startswith("connect") and i:   # it was dead already: the previous one did it
                    culprit = f"{cases[i - 1].label} (found dead at the next request)"
                self.outcomes[-1].crashed = reply.status is None
                if self.died(culprit):
                    self.unsent = [c.label for c in cases[i + 1:]]
                    return False
        return True

    def bursts(self, cases: list[Case], count=3, threads=50, each=3) -> bool:
        pool = [c for c in cases if c.burst and c.timeout <= 10]
        big = [c for c in cases if c.burst and c.timeout > 10]       # one of each oversize body per burst
        rng = random.Random(2013)
        for k in range(1, count + 1):
            picks = [[rng.choice(pool) for _ in range(each)] for _ in range(threads)]
            for i, case in enumerate(big):
                picks[i][0] = case
            lock = threading.Lock()
            port = self.server.port

            def run(batch):
                for case in batch:
                    reply = send(port, case.raw, case.timeout)
                    with lock:
                        self.outcomes.append(Outcome(case, reply, tag=f"burst {k}"))

            with ThreadPoolExecutor(max_workers=threads) as ex:
                list(ex.map(run, picks))
            if not self.server.alive(grace=0.5):
                lost = [o for o in self.outcomes if o.tag == f"burst {k}" and o.reply.status is None]
                for o in lost:
                    o.crashed = True
                labels = sorted({o.case.label for o in lost})
                known = {c.culprit for c in self.crashes}
                suspects = [l for l in labels if l in known] or labels[:10]
                if self.died(f"burst {k} ({threads}×{each} requests, {len(lost)} unanswered); suspects: "
                             + "; ".join(suspects)):
                    self.unsent.append(f"bursts {k + 1}..{count}")
                    return False
        return True


def login(port: int, username: str) -> tuple[str, str]:
    """Signs in through the form; returns (session cookie, CSRF token)."""
    r = send(port, request("GET", "/dang-nhap"))
    cookie = re.search(r"qlcb_session=([^;]+)", r.headers.get("set-cookie", "")).group(1)
    csrf = re.search(r'name="_csrf" value="([^"]+)"', r.text()).group(1)
    body = f"username={username}&password=qlcb-demo&_csrf={csrf}&next=/".encode()
    r = send(port, request("POST", "/dang-nhap", [("Cookie", f"qlcb_session={cookie}"),
                                                   ("Content-Type", "application/x-www-form-urlencoded")], body))
    assert r.status in (302, 303), f"login {username}: {r.status} {r.text()[:300]}"
    m = re.search(r"qlcb_session=([^;]+)", r.headers.get("set-cookie", ""))
    cookie = m.group(1) if m else cookie
    r = send(port, request("GET", "/dang-nhap", [("Cookie", f"qlcb_session={cookie}")]))
    m = re.search(r'name="_csrf" value="([^"]+)"', r.text())
    return cookie, (m.group(1) if m else csrf)


class Identities:
    pass


@pytest.fixture(scope="module")
def campaign():
    started = time.monotonic()
    server = Process()
    try:
        s = Identities()
        s.cookie, s.csrf = login(server.port, "sotttt")
        s.admin, _ = login(server.port, "admin")
        s.token = server.qlcb("token", "create", "--user", "sotttt", "--name", "hostile").strip().splitlines()[-1]
        s.ids = {}
        auth = [("Authorization", f"Bearer {s.token}")]
        for key, path in (("officer", "/api/v1/officers?per=1"), ("agency", "/api/v1/agencies?per=1")):
            r = send(server.port, request("GET", path, auth))
            try:
                s.ids[key] = json.loads(r.body)["items"][0]["id"]
            except (ValueError, KeyError, IndexError):
                pass
        r = send(server.port, request("GET", "/tap-huan", [("Cookie", f"qlcb_session={s.cookie}")]))
        m = re.search(r"/tap-huan/([0-9A-Fa-f-]{36})", r.text())
        if m:
            s.ids["event"] = m.group(1)
        cases = catalogue(s)
        run = Campaign(server)
        run.cases = len(cases)
        t0 = time.monotonic()
        if run.sequential(cases):
            t1 = time.monotonic()
            run.bursts(cases)
            print(f"hostile: setup {t0 - started:.1f} s, sequential {t1 - t0:.1f} s, bursts {time.monotonic() - t1:.1f} s")
        run.healthz = send(server.port, request("GET", "/healthz"), timeout=5) if server.alive() else Reply(error="dead")
        run.seconds = time.monotonic() - started
        if os.environ.get("HOSTILE_DUMP"):   # every request, its answer and time, one JSON object a line
            with open(os.environ["HOSTILE_DUMP"], "w") as f:
                for o in run.outcomes:
                    f.write(json.dumps({"request": o.name, "status": o.reply.status, "error": o.reply.error,
                                        "seconds": round(o.reply.seconds, 3), "problems": o.problems()},
                                       ensure_ascii=False) + "\n")
        slow = sorted(run.outcomes, key=lambda o: -o.reply.seconds)[:8]
        print(f"hostile: {len(run.outcomes)} requests in {run.seconds:.1f} s, {len(run.crashes)} crash(es); slowest: "
              + "; ".join(f"{o.name} {o.reply.seconds:.1f}s" for o in slow))
        yield run
    finally:
        server.stop()
        if server.first is not server.proc and server.first.poll() is None:
            server.first.kill()
        shutil.rmtree(server.workdir, ignore_errors=True)


def test_the_same_process_survives_and_stays_healthy(campaign):
    lines = [f"KILLED BY: {c.culprit}\n    server said: {c.why}" for c in campaign.crashes]
    if campaign.unsent:
        lines.append(f"({len(campaign.unsent)} requests not sent after the crash; HOSTILE_DIAG=1 restarts and carries on)")
    first = campaign.server.first
    assert first.poll() is None and not campaign.crashes, "\n".join(lines)
    assert campaign.healthz.status == 200, f"/healthz: {campaign.healthz.status} {campaign.healthz.error}"


def test_no_request_gets_a_server_error(campaign):
    bad = [f"{o.name} → {o.reply.status}: {o.reply.said()}"
           for o in campaign.outcomes if o.reply.status is not None and o.reply.status >= 500]
    assert not bad, f"{len(bad)} of {len(campaign.outcomes)} requests answered 5xx:\n" + "\n".join(dedupe(bad))


def test_every_answer_is_the_expected_one(campaign):
    # 5xx and requests lost to a crash are reported by the tests above.
    bad = [f"{o.name} → {'; '.join(p)}" for o in campaign.outcomes if (p := o.problems())
           if (o.reply.status is None and not o.crashed) or (o.reply.status is not None and o.reply.status < 500)]
    assert not bad, f"{len(bad)} of {len(campaign.outcomes)} requests answered otherwise than expected:\n" + \
        "\n".join(dedupe(bad))


def dedupe(lines: list[str]) -> list[str]:
    seen, out = {}, []
    for line in lines:
        seen[line] = seen.get(line, 0) + 1
    for line, n in seen.items():
        out.append(line + (f"  (×{n})" if n > 1 else ""))
    return out
