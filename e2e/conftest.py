"""Starts `qlcb` on a free port with a fresh SQLite file and the demo province, for the browser tests."""
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest
from playwright.sync_api import sync_playwright

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# QLCB_BIN: a binary built elsewhere (the templates and Public/ are still read from this checkout).
BIN = os.environ.get("QLCB_BIN") or os.path.join(ROOT, ".build", "debug", "qlcb")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server(str):
    """The base URL, with the environment of the running server (for `qlcb` commands)."""

    def __new__(cls, base, env):
        obj = super().__new__(cls, base)
        obj.env = env
        return obj

    def qlcb(self, *args):
        return subprocess.run([BIN, *args], cwd=ROOT, env=self.env, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def server():
    """One server and database per test module, so that the API fuzzer's writes never meet a journey."""
    workdir = tempfile.mkdtemp(prefix="qlcb-e2e-")
    # A fixed clock: the demo's dates and the work-log deadlines stay meaningful whenever tests run.
    env = dict(os.environ, DATABASE_URL=f"sqlite://{workdir}/e2e.sqlite", LOG_LEVEL="warning",
               QLCB_CLOCK="2026-11-29T12:00:00+07:00")
    subprocess.run([BIN, "demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    proc = subprocess.Popen([BIN, "serve", "--hostname", "127.0.0.1", "--port", str(port)], cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        proc.terminate()
        raise RuntimeError("qlcb did not start")
    try:
        yield Server(base, env)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                              args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def login(page, base, username, password="qlcb-demo"):
    page.goto(base + "/dang-nhap")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/")
