"""Issue 14 against the real `qlcb serve`: the staffing report of this year is computed as the server
starts, before anyone reads it, and the first readers of the staffing page, a head's home page and the
API compute nothing whole (`qlcb_staffing_computations_total{kind="whole"}` on /metrics)."""
import re
import time
import urllib.request

from conftest import login


def whole_computations(base):
    with urllib.request.urlopen(base + "/metrics", timeout=5) as r:
        text = r.read().decode()
    found = re.search(r'^qlcb_staffing_computations_total\{kind="whole"\} (\d+)', text, re.M)
    return int(found.group(1)) if found else 0


def test_the_staffing_report_is_computed_at_start_and_its_first_readers_compute_nothing_whole(server, page):
    # This module's server is fresh (one per module), and nothing has read the report yet.
    deadline = time.monotonic() + 60
    while whole_computations(server) < 1:
        assert time.monotonic() < deadline, "the server never computed the staffing report at start"
        time.sleep(0.2)
    assert whole_computations(server) == 1

    login(page, server, "sotttt")
    page.goto(server + "/bien-che")
    assert "Bố trí cán bộ CNTT năm 2026" in page.locator("h1").first.inner_text()
    assert page.locator("table tbody tr").count() > 0
    token = server.qlcb("token", "create", "--user", "sotttt", "--name", "warm").strip().splitlines()[-1]
    request = urllib.request.Request(server + "/api/v1/staffing", headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=10) as r:
        assert r.status == 200 and b'"agencyName"' in r.read()
    page.context.clear_cookies()
    login(page, server, "thutruong2")
    page.goto(server + "/")
    assert whole_computations(server) == 1
