"""What e2e/test_two_instances.py runs (issue 13 §4): a throw-away PostgreSQL cluster, the demo
province in it with four IT officers who have accounts and API tokens, an SMTP sink on loopback that
the instances' mail workers deliver to (through msmtp), two `qlcb serve` instances and Debian's nginx with `deploy/nginx/qlcb-proxy.conf` as shipped — all in one temporary folder,
unprivileged (PostgreSQL and nginx drop to the `postgres` user when the tests run as root), and
stopped by PID in `Cluster.close`. A missing nginx or PostgreSQL fails the test; nothing is skipped.
"""
import glob
import http.client
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

import pytest

from smtp_sink import SMTPSink

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "debug", "qlcb")
PROXY_SNIPPET = os.path.join(ROOT, "deploy", "nginx", "qlcb-proxy.conf")
CLOCK = "2026-11-29T12:00:00+07:00"
PASSWORD = "qlcb-demo"                  # the demo accounts
NEW_PASSWORD = "hai-may-chu-2026"       # the accounts the test creates (the password rules want more)
OFFICERS = ["canbo", "canbo2", "canbo3", "canbo4"]    # canbo3/4 are created by the test
STAFF = "nhanvien"    # sends support requests, which are mailed to the agency's IT officers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ports():
    """`QLCB_TWO_INSTANCES_PORTS=A,B,NGINX` and `QLCB_TWO_INSTANCES_PG_PORT` pin the ports; free ones otherwise."""
    pinned = os.environ.get("QLCB_TWO_INSTANCES_PORTS")
    a, b, web = (int(p) for p in pinned.split(",")) if pinned else (free_port(), free_port(), free_port())
    return a, b, web, int(os.environ.get("QLCB_TWO_INSTANCES_PG_PORT") or free_port())


def required(path_or_name, package):
    found = shutil.which(path_or_name) or (path_or_name if os.access(path_or_name, os.X_OK) else None)
    if not found:
        pytest.fail(f"{path_or_name} not found: install Debian's `{package}` (scripts/ensure-deps.sh test)")
    return found


def as_user():
    """PostgreSQL refuses to run as root, and nginx should not: drop to an unprivileged user."""
    return {"user": "postgres", "group": "postgres"} if os.geteuid() == 0 else {}


def stop(proc, sig=signal.SIGTERM, timeout=20):
    if proc and proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def wait_for(check, what, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"{what} did not come up in {seconds} s")


def call(port, method, path, body=None, headers=None, timeout=20):
    """One request on its own connection, no redirects followed: (status, headers, body)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        return r.status, r.headers, r.read()
    finally:
        conn.close()


class Postgres:
    def __init__(self, workdir, port, cluster):
        cluster.pg = self      # stopped by the cluster even if it never answers
        self.proc = None
        bindirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
        if not bindirs:
            pytest.fail("PostgreSQL not found in /usr/lib/postgresql: install Debian's `postgresql` (scripts/ensure-deps.sh test)")
        self.bin, self.port = bindirs[-1], port
        self.dir = os.path.join(workdir, "pg")
        os.mkdir(self.dir)
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        subprocess.run([f"{self.bin}/initdb", "-D", f"{self.dir}/data", "-U", "postgres", "--auth=trust", "-E", "UTF8",
                        "--locale=C.UTF-8"], check=True, stdout=subprocess.DEVNULL, **as_user())
        self.proc = subprocess.Popen([f"{self.bin}/postgres", "-D", f"{self.dir}/data", "-h", "127.0.0.1", "-p", str(port),
                                      "-k", self.dir, "-c", "max_connections=100", "-c", "fsync=off"],
                                     stdout=subprocess.DEVNULL, stderr=open(f"{workdir}/pg.log", "w"), **as_user())
        def ready():
            assert self.proc.poll() is None, f"PostgreSQL exited (port {port} taken?): see {workdir}/pg.log"
            return subprocess.run([f"{self.bin}/pg_isready", "-q", "-h", "127.0.0.1", "-p", str(port)]).returncode == 0
        wait_for(ready, "PostgreSQL")
        time.sleep(0.3)
        assert self.proc.poll() is None, f"PostgreSQL exited (port {port} taken?)"
        self.url = f"postgres://postgres@127.0.0.1:{port}/postgres"

    def query(self, sql):
        out = subprocess.run([f"{self.bin}/psql", "-X", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
                              "-p", str(self.port), "-U", "postgres", "-d", "postgres", "-c", sql],
                             check=True, capture_output=True, text=True).stdout
        return [line.split("\t") for line in out.splitlines() if line]

    def close(self):
        stop(self.proc, signal.SIGINT)      # fast shutdown


class Nginx:
    def __init__(self, workdir, port, upstreams, cluster):
        cluster.nginx = self
        self.proc = None
        binary = required("nginx", "nginx")
        self.dir = os.path.join(workdir, "nginx")
        os.mkdir(self.dir)
        servers = "".join(f"        server 127.0.0.1:{p} max_fails=3 fail_timeout=10s;\n" for p in upstreams)
        temp = "".join(f"    {kind}_temp_path {self.dir}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        with open(f"{self.dir}/nginx.conf", "w") as f:
            f.write(f"""daemon off;
worker_processes 1;
pid {self.dir}/nginx.pid;
error_log {self.dir}/error.log warn;
events {{ worker_connections 512; }}
http {{
    log_format upstreams '$request_method $uri $status $upstream_addr';
    access_log {self.dir}/access.log upstreams;
{temp}    upstream qlcb {{
{servers}        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port};
        include {PROXY_SNIPPET};
    }}
}}
""")
        if os.geteuid() == 0:
            for path in [self.dir, *glob.glob(self.dir + "/*")]:
                shutil.chown(path, "postgres", "postgres")
        subprocess.run([binary, "-t", "-q", "-p", self.dir, "-e", f"{self.dir}/error.log", "-c", f"{self.dir}/nginx.conf"],
                       check=True, **as_user())
        self.proc = subprocess.Popen([binary, "-p", self.dir, "-e", f"{self.dir}/error.log", "-c", f"{self.dir}/nginx.conf"],
                                     **as_user())
        self.port = port
        wait_for(lambda: self._answers(), "nginx")

    def _answers(self):
        try:
            return call(self.port, "GET", "/healthz", timeout=2)[0] == 200
        except OSError:
            return self.proc.poll() is not None and pytest.fail("nginx stopped: see its error.log")

    def answered_by(self, port, after_line=0):
        """How many requests logged after line `after_line` an instance answered successfully."""
        with open(f"{self.dir}/access.log") as f:
            lines = f.readlines()[after_line:]
        return sum(1 for line in lines if line.split()[2][0] in "23" and line.split()[-1] == f"127.0.0.1:{port}")

    def log_lines(self):
        with open(f"{self.dir}/access.log") as f:
            return len(f.readlines())

    def close(self):
        stop(self.proc, signal.SIGQUIT)     # graceful: finish what it has


class Instance:
    def __init__(self, name, port, env):
        self.name, self.port, self.env, self.proc = name, port, env, None

    def start(self):
        self.proc = subprocess.Popen([BIN, "serve", "--hostname", "127.0.0.1", "--port", str(self.port)], cwd=ROOT, env=self.env)

        def up():
            try:
                return call(self.port, "GET", "/healthz", timeout=2)[0] == 200
            except OSError:
                assert self.proc.poll() is None, f"qlcb {self.name} exited with {self.proc.returncode}"
                return False
        wait_for(up, f"qlcb {self.name}", seconds=60)

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def close(self):
        stop(self.proc)


class Cluster:
    """PostgreSQL, the demo province in it, two instances and nginx."""

    def __init__(self):
        self.workdir = tempfile.mkdtemp(prefix="qlcb-two-")
        os.chmod(self.workdir, 0o755)
        self.pg = self.nginx = self.sink = None
        self.instances = []

    def start(self):
        """Each part is recorded as soon as it runs, so that `close` stops whatever did start."""
        port_a, port_b, port_web, port_pg = ports()
        required(BIN, "swift build --product qlcb")
        self.pg = Postgres(self.workdir, port_pg, self)
        required("msmtp", "msmtp")
        self.sink = SMTPSink()
        key = os.path.join(self.workdir, "audit.key")
        with open(key, "w") as f:
            f.write(os.urandom(32).hex())
        self.env = dict(os.environ, DATABASE_URL=self.pg.url, DATABASE_POOL_SIZE="4", QLCB_AUDIT_KEY_FILE=key,
                        QLCB_UPLOAD_DIR=os.path.join(self.workdir, "uploads"), QLCB_TRUSTED_PROXIES="127.0.0.1",
                        QLCB_CLOCK=CLOCK, LOG_LEVEL="warning", SWIFT_BACKTRACE="enable=no",
                        SMTP_URL=self.sink.url, QLCB_MAIL_SECONDS="1", QLCB_PUBLIC_URL="https://qlcb.example.gov.vn")
        self.qlcb("demo", "--tickets-per-officer-year", "2")
        self.add_officer_accounts()
        self.tokens = {u: self.qlcb("token", "create", "--user", u, "--name", "two-instances").strip().splitlines()[-1]
                       for u in OFFICERS + [STAFF]}
        self.staff_agency = self.pg.query(f"SELECT g.agency_id FROM role_grants g JOIN users u ON u.id = g.user_id "
                                          f"WHERE u.username = '{STAFF}' AND g.role = 'agencyStaff' ORDER BY g.agency_id LIMIT 1")[0][0]
        self.instances = [Instance("A", port_a, self.env), Instance("B", port_b, self.env)]
        for inst in self.instances:
            inst.start()
        self.nginx = Nginx(self.workdir, port_web, [port_a, port_b], self)

    def qlcb(self, *args) -> str:
        done = subprocess.run([BIN, *args], cwd=ROOT, env=self.env, capture_output=True, text=True)
        assert done.returncode == 0, f"qlcb {' '.join(args)}: {done.stdout[-500:]}{done.stderr[-1500:]}"
        return done.stdout

    def add_officer_accounts(self):
        """Two more IT officers with accounts: active officers of the demo that have none yet."""
        rows = self.pg.query("SELECT o.id, o.agency_id FROM officers o WHERE o.employment_status = 'active' "
                             "AND NOT EXISTS (SELECT 1 FROM users u WHERE u.officer_id = o.id) ORDER BY o.id LIMIT 2")
        assert len(rows) == 2, rows
        for username, (officer, agency) in zip(OFFICERS[2:], rows):
            self.qlcb("create-user", "--username", username, "--full-name", f"Cán bộ thử {username}", "--role", "itOfficer",
                      "--agency", agency, "--officer", officer, "--password", NEW_PASSWORD)

    def close(self):
        for part in [self.nginx, *self.instances, self.pg, self.sink]:
            if part:
                try:
                    part.close()
                except Exception as e:    # go on stopping the others
                    print(f"stopping {part}: {e}")
        shutil.rmtree(self.workdir, ignore_errors=True)
