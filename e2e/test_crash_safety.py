"""Issue 13 §5 and §6 against the real `qlcb serve` on a SQLite file.

Crash safety: concurrent API ticket creations, `kill -9` of the server while they are still being sent,
a restart; every creation the server acknowledged (201) must be there, `PRAGMA integrity_check` must say
ok and `qlcb audit-verify` must pass.

Draining: a request whose body is still arriving when SIGTERM comes is finished and answered (201)
before the process exits, and the server stops accepting new connections meanwhile.
"""
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "debug", "qlcb")
CLOCK = "2026-11-29T12:00:00+07:00"
ACKED_BEFORE_KILL = 150        # acknowledged writes before the kill
MAX_ATTEMPTS = 3000            # bounded load: never more requests than this
WORKERS = 8


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Instance:
    def __init__(self):
        self.workdir = tempfile.mkdtemp(prefix="qlcb-crash-")
        self.db = os.path.join(self.workdir, "crash.sqlite")
        self.env = dict(os.environ, DATABASE_URL=f"sqlite://{self.db}", LOG_LEVEL="warning", QLCB_CLOCK=CLOCK,
                        SWIFT_BACKTRACE="enable=no")
        subprocess.run([BIN, "demo"], cwd=ROOT, env=self.env, check=True, stdout=subprocess.DEVNULL)
        self.token = self.qlcb("token", "create", "--user", "canbo", "--name", "crash").strip().splitlines()[-1]
        self.proc = None

    def qlcb(self, *args) -> str:
        return subprocess.run([BIN, *args], cwd=ROOT, env=self.env, check=True, capture_output=True, text=True).stdout

    def start(self):
        self.port = free_port()
        self.proc = subprocess.Popen([BIN, "serve", "--hostname", "127.0.0.1", "--port", str(self.port)],
                                     cwd=ROOT, env=self.env)
        for _ in range(300):
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=1)
                return
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.1)
        raise RuntimeError("qlcb did not start")

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def call(self, method, path, body=None, timeout=10):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def close(self):
        self.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)


def ticket(n):
    return {"taskGroup": "equipmentMaintenance", "details": f"Sửa máy in số {n} (kiểm tra an toàn khi sập)",
            "requesterUnit": "Văn phòng Sở", "requesterName": "Nguyễn Văn An", "requestedOn": "2026-11-20"}


def wait_until_read(server_port, client_port):
    """Until the server's end of this connection has nothing left to read (Linux /proc/net/tcp): the
    server accepted the connection and read the bytes, and its event loop decoded them in the same turn. Without this, a SIGTERM
    that comes before the read finds an idle connection, which a draining server rightly closes."""
    local, remote = f"0100007F:{server_port:04X}", f"0100007F:{client_port:04X}"
    for _ in range(400):
        with open("/proc/net/tcp") as f:
            for line in f.readlines()[1:]:
                fields = line.split()
                # inode 0: still in the accept queue, not yet the server's socket.
                if fields[1] == local and fields[2] == remote and fields[9] != "0" and int(fields[4].split(":")[1], 16) == 0:
                    return
        time.sleep(0.025)
    raise AssertionError("the server never read the request")


@pytest.fixture(scope="module")
def instance():
    inst = Instance()
    try:
        yield inst
    finally:
        inst.close()


def test_kill_9_under_load_loses_no_acknowledged_write(instance):
    instance.start()
    acked, lock, stop = [], threading.Lock(), threading.Event()
    attempts = iter(range(MAX_ATTEMPTS))

    def worker():
        while not stop.is_set():
            with lock:
                n = next(attempts, None)
            if n is None:
                return
            try:
                status, body = instance.call("POST", "/api/v1/tickets", ticket(n))
            except OSError:
                if instance.proc.poll() is not None:
                    return      # the server is gone: this request was never acknowledged
                continue
            if status == 201:
                with lock:
                    acked.append(json.loads(body)["id"])
            else:
                assert status == 201, f"{status}: {body[:300]!r}"

    with ThreadPoolExecutor(WORKERS) as pool:
        futures = [pool.submit(worker) for _ in range(WORKERS)]
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(acked) < ACKED_BEFORE_KILL and not all(f.done() for f in futures):
            time.sleep(0.05)
        instance.proc.send_signal(signal.SIGKILL)   # while the workers are still sending
        instance.proc.wait()
        stop.set()
        for f in futures:
            f.result()
    assert len(acked) >= ACKED_BEFORE_KILL, f"only {len(acked)} writes acknowledged before the kill"

    instance.start()
    missing = [i for i in acked if instance.call("GET", f"/api/v1/tickets/{i}")[0] != 200]
    assert not missing, f"{len(missing)} of {len(acked)} acknowledged tickets lost: {missing[:5]}"
    instance.stop()

    with sqlite3.connect(instance.db) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert "toàn vẹn" in instance.qlcb("audit-verify")


def test_sigterm_finishes_the_request_in_flight(instance):
    instance.start()
    body = json.dumps(ticket("đang gửi khi tắt")).encode()
    head = (f"POST /api/v1/tickets HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {instance.token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode()
    conn = socket.create_connection(("127.0.0.1", instance.port), timeout=30)
    conn.sendall(head + body[:10])
    # A request is in flight (its head read by the server, its body half sent) when the server is told to stop.
    wait_until_read(instance.port, conn.getsockname()[1])
    instance.proc.send_signal(signal.SIGTERM)
    refused = False
    for _ in range(200):   # the listener closes first: new connections are refused
        try:
            socket.create_connection(("127.0.0.1", instance.port), timeout=1).close()
            time.sleep(0.05)
        except OSError:
            refused = True
            break
    assert refused, "the server kept accepting connections after SIGTERM"
    assert instance.proc.poll() is None, "the server exited with a request in flight"
    conn.sendall(body[10:])
    answer = b""
    while chunk := conn.recv(65536):   # the server closes the connection once it has answered
        answer += chunk
    conn.close()
    assert answer.startswith(b"HTTP/1.1 201"), answer[:200]
    created = json.loads(answer.split(b"\r\n\r\n", 1)[1])["id"]
    assert instance.proc.wait(timeout=20) == 0
    instance.start()
    assert instance.call("GET", f"/api/v1/tickets/{created}")[0] == 200
    instance.stop()
