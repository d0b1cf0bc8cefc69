"""Issue 14 against the real `qlcb serve`: this year's staffing report and the efficiency table of the
year under evaluation are computed as the server starts, before anyone reads them, and their first
readers (the staffing page, a head's home page, the API, the efficiency page) compute nothing whole
(`qlcb_staffing_computations_total{kind="whole"}` and `qlcb_efficiency_computations_total{kind="whole"}`
on /metrics)."""
import re
import time
import urllib.request

from conftest import login


def whole_computations(base):
    """(staffing, efficiency): how many times each was computed whole."""
    with urllib.request.urlopen(base + "/metrics", timeout=5) as r:
        text = r.read().decode()
    counts = []
    for table in ("staffing", "efficiency"):
        found = re.search(r'^qlcb_%s_computations_total\{kind="whole"\} (\d+)' % table, text, re.M)
        counts.append(int(found.group(1)) if found else 0)
    return tuple(counts)


def test_the_tables_are_computed_at_start_and_their_first_readers_compute_nothing_whole(server, page):
    # This module's server is fresh (one per module), and nothing has read the tables yet.
    deadline = time.monotonic() + 60
    while min(whole_computations(server)) < 1:
        assert time.monotonic() < deadline, f"not computed at start: {whole_computations(server)}"
        time.sleep(0.2)
    assert whole_computations(server) == (1, 1)

    login(page, server, "sotttt")
    page.goto(server + "/bien-che")
    assert "Bố trí cán bộ CNTT năm 2026" in page.locator("h1").first.inner_text()
    assert page.locator("table tbody tr").count() > 0
    page.goto(server + "/danh-gia")
    page.get_by_role("link", name="Hiệu quả sử dụng cán bộ CNTT").click()
    assert page.locator("table tbody tr").count() > 0
    token = server.qlcb("token", "create", "--user", "sotttt", "--name", "warm").strip().splitlines()[-1]
    request = urllib.request.Request(server + "/api/v1/staffing", headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=10) as r:
        assert r.status == 200 and b'"agencyName"' in r.read()
    page.context.clear_cookies()
    login(page, server, "thutruong2")
    page.goto(server + "/")
    assert whole_computations(server) == (1, 1)
