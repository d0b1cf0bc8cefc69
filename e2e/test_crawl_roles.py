"""Issue 11, "Tests": each demo account, in a real browser, follows every link its pages show and finds
no 4xx/5xx, no failed CSS/JS/image, no console error, no internal code and no English word.

The in-process crawl (Tests/AppTests/LinkCrawlTests.swift) reads the HTML the server sends; this one
reads what Chromium shows after the scripts ran (`document.body.innerText`, the links of the live DOM).
Pages of the same shape (an id or a number in the path; the query's names) are sampled. PDF, Excel and
CSV downloads are fetched with the page's own request context (same session) and their status and type
checked. Forms are never submitted and /dang-xuat is never followed, so the roles share one server.

What counts as a leak is Swift's `VisibleText.leaks`; the words and audit codes come from
e2e/leak-words.txt, which LeakWordsTests (Tests/AppTests) keeps equal to what the code generates.
QLCB_CRAWL_BUDGET (requests per account) and QLCB_CRAWL_SAMPLES (pages per shape) deepen the crawl.
"""
import os
import re
import unicodedata
import uuid
from collections import Counter, deque
from urllib.parse import parse_qsl, urlsplit

import pytest

from conftest import login

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "..", "Sources", "App", "Demo", "DemoLoader.swift"), encoding="utf-8") as loader:
    ACCOUNTS = re.findall(r'Account\(username: "([^"]+)"', loader.read())  # DemoLoader.accounts, read from the source
# One page of each shape, 50 requests per account: the whole file takes about 3 minutes on 2 busy cores.
# The templates are what a browser adds to the in-process crawl (LinkCrawlTests, 2 pages per shape).
BUDGET = int(os.environ.get("QLCB_CRAWL_BUDGET", "50"))
SAMPLES = int(os.environ.get("QLCB_CRAWL_SAMPLES", "1"))
FILE_TYPES = {"pdf": "application/pdf", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              "csv": "text/csv"}
FILE_MAGIC = {"pdf": b"%PDF", "xlsx": b"PK"}


def leak_reference():
    """Audit codes (they hold a dot) and the lowercased English words / enum raw values."""
    with open(os.path.join(HERE, "leak-words.txt"), encoding="utf-8") as f:
        lines = [line.strip() for line in f if line.strip()]
    return {l for l in lines if "." in l}, {l for l in lines if "." not in l}


CODES, WORDS = leak_reference()
CODE = re.compile(r"[a-z][A-Za-z]*(?:\.[a-z][A-Za-z]*)+")
LETTERS = re.compile(r"[^\W\d_]+")


def leaks(text):
    """What leaks in a visible text, as `VisibleText.leaks` says (Tests/AppTests/VisibleText.swift)."""
    text = unicodedata.normalize("NFC", text)
    found = {f"mã {m}" for m in CODE.findall(text) if m in CODES}
    found |= {marker for marker in ('{"', "Optional(") if marker in text}
    found |= {w for w in LETTERS.findall(text) if w.lower() in WORDS}
    return sorted(found)


def followable(path):
    return (path.startswith("/") and not path.startswith("//") and not path.startswith("/dang-xuat")
            and not path.startswith(("/css/", "/js/", "/favicon")))


def file_kind(path, download):
    """"pdf", "xlsx" or "csv" for a link to a file (not a page); None for a page."""
    split = urlsplit(path)
    extension = split.path.rsplit(".", 1)[-1] if "." in split.path.rsplit("/", 1)[-1] else ""
    if extension in FILE_TYPES:
        return extension
    fmt = dict(parse_qsl(split.query)).get("format")
    if fmt in FILE_TYPES:
        return fmt
    return "?" if download else None


def shape(path, kind=None):
    """A path's shape: ids and numbers replaced, the query's names kept (LinkCrawlTests.shape); a file's kind."""
    split = urlsplit(path)

    def part(p):
        try:
            uuid.UUID(p)
            return ":id"
        except ValueError:
            pass
        if p.isdigit():
            return ":n"
        if p.rsplit(".", 1)[-1] in FILE_TYPES:
            return ":file." + p.rsplit(".", 1)[-1]
        return p

    names = ",".join(sorted(name for name, _ in parse_qsl(split.query, keep_blank_values=True)))
    return "/".join(part(p) for p in split.path.split("/")) + "?" + names + (" " + kind if kind else "")


class Watch:
    """What went wrong while one page loaded: failed sub-resources, console errors, script errors."""

    def __init__(self, page):
        self.problems = []
        page.on("response", self.response)
        page.on("requestfailed", self.failed)
        page.on("pageerror", lambda e: self.problems.append(f"lỗi JavaScript: {e}"))
        page.on("console", self.console)

    def response(self, response):
        if response.request.resource_type != "document" and response.status >= 400:
            self.problems.append(f"{response.request.resource_type} {response.url} → {response.status}")

    def failed(self, request):
        # A page's own address is judged by its status (a download aborts its navigation on purpose);
        # ERR_ABORTED is a late request (the icon) cut by the next navigation. A missing file is a 404 above.
        if request.resource_type != "document" and request.failure != "net::ERR_ABORTED":
            self.problems.append(f"{request.resource_type} {request.url}: {request.failure}")

    def console(self, message):
        # A failed load is reported by `response` with its address; any other error is a problem itself.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.problems.append(f"console: {message.text}")

    def take(self):
        problems, self.problems = self.problems, []
        return problems


def check_file(context, base, path, kind):
    """A download: the status, the content type and the first bytes, with the page's session."""
    response = context.request.get(base + path)
    if response.status >= 400:
        return [f"→ {response.status}"]
    content_type = response.headers.get("content-type", "")
    if kind not in FILE_TYPES:  # a download whose address does not say its kind (an uploaded file)
        kind = next((k for k, t in FILE_TYPES.items() if content_type.startswith(t)), None)
        if kind is None:
            return [f"tải về là một trang: {content_type}"] if content_type.startswith("text/html") else []
    if not content_type.startswith(FILE_TYPES[kind]):
        return [f"{kind}: content-type {content_type}"]
    if not response.body().startswith(FILE_MAGIC.get(kind, b"")):
        return [f"{kind}: nội dung không phải tệp {kind}"]
    return []


def test_leaks_are_found_as_visible_text_finds_them():
    """The same sentence as VietnamesePagesTests.theStripperKeepsOnlyWhatAPersonReads, the same answer."""
    assert leaks("Trạng thái: inProgress · worklog.signOff · {\"a\":1} · Optional(3) · nil") == \
        ["Optional(", "inProgress", "mã worklog.signOff", "nil", '{"']
    assert leaks("Đã ký duyệt sổ tháng 10/2026 · Đăng nhập · Chờ xác nhận") == []


@pytest.fixture(scope="module")
def signed_in(server, browser):
    """`username`'s browser session, logged in once through the login form and shared by the tests."""
    states = {}

    def state(username):
        if username not in states:
            context = browser.new_context(locale="vi-VN")
            login(context.new_page(), server, username)
            states[username] = context.storage_state()
            context.close()
        return states[username]

    return state


def crawl(context, base, username):
    """Follows the links `username` is shown from "/", within the budget: first one page of each shape,
    then the further samples. Returns (failures, pages read, files checked, links left unopened)."""
    page = context.new_page()
    watch = Watch(page)
    first, more = deque(["/"]), deque()
    seen, shapes, source, files = {"/"}, Counter(), {"/": "-"}, {}
    failures, read, checked = [], 0, 0
    while (first or more) and read + checked < BUDGET:
        path = (first or more).popleft()
        where = f"{username} {path} (từ {source[path]})"
        if path in files:
            checked += 1
            failures += [f"{where}: {p}" for p in check_file(context, base, path, files[path])]
            continue
        try:
            response = page.goto(base + path, wait_until="load")
        except Exception as error:  # a link without `download` that answers a file
            if "Download is starting" not in str(error):
                raise
            checked += 1
            failures += [f"{where}: {p}" for p in check_file(context, base, path, "?")]
            continue
        read += 1
        failures += [f"{where}: {p}" for p in watch.take()]
        if response is None or response.status >= 400:
            failures.append(f"{where}: → {response.status if response else 'không có phản hồi'}")
            continue
        landed = urlsplit(page.url)
        if landed.path == "/dang-nhap":
            failures.append(f"{where}: chuyển về trang đăng nhập")
            continue
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        found = leaks(page.evaluate("document.body.innerText"))
        if found:
            failures.append(f"{where}: lộ {found}")
        here = landed.path + (f"?{landed.query}" if landed.query else "")
        for href, download in page.eval_on_selector_all("a[href]", "as => as.map(a => [a.href, a.hasAttribute('download')])"):
            if not href.startswith(base + "/"):
                continue
            link = href[len(base):].split("#", 1)[0]
            if not followable(link) or link in seen:
                continue
            seen.add(link)
            kind = file_kind(link, download)
            key = shape(link, kind)
            if shapes[key] >= SAMPLES:
                continue
            (more if shapes[key] else first).append(link)
            shapes[key] += 1
            source[link] = here
            if kind:
                files[link] = kind
    page.close()
    return failures, read, checked, len(first) + len(more)


@pytest.mark.parametrize("username", ACCOUNTS)
def test_every_link_a_role_is_shown_opens_and_reads_in_vietnamese(server, browser, signed_in, username):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}, storage_state=signed_in(username))
    try:
        failures, read, files, left = crawl(context, server, username)
    finally:
        context.close()
    print(f"\n{username}: {read} trang, {files} tệp, {left} liên kết chưa mở (ngân sách {BUDGET})")
    assert read >= 3, f"{username}: chỉ đọc được {read} trang"
    assert not failures, "\n".join(failures)


def section_links(page):
    """The visible links of the main menu: (label, path)."""
    return page.eval_on_selector_all(
        "nav.mainnav a", "as => as.filter(a => a.offsetParent !== null).map(a => [a.innerText.trim(), a.getAttribute('href')])")


@pytest.mark.parametrize("username", ACCOUNTS)
def test_phone_menu_opens_with_the_keyboard_and_holds_the_desktop_sections(server, browser, signed_in, username):
    desktop = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}, storage_state=signed_in(username))
    phone = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}, is_mobile=True,
                                storage_state=signed_in(username))
    try:
        page = desktop.new_page()
        page.goto(server + "/")
        wide = section_links(page)
        assert any(path != "/tai-khoan" for _, path in wide), f"{username}: menu trống trên máy tính"

        page = phone.new_page()
        page.goto(server + "/")
        button = page.locator("button.menu-button")
        assert button.is_visible(), f"{username}: không thấy nút Danh mục trên điện thoại"
        assert section_links(page) == [], f"{username}: menu mở sẵn trên điện thoại"
        # Reached with Tab from the top of the page, opened with Enter, announced as open.
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('menu-button')"):
                break
        else:
            pytest.fail(f"{username}: phím Tab không tới nút Danh mục")
        page.keyboard.press("Enter")
        assert button.get_attribute("aria-expanded") == "true", f"{username}: Enter không mở menu"
        assert section_links(page) == wide, f"{username}: menu điện thoại khác menu máy tính"
        page.keyboard.press("Enter")
        assert button.get_attribute("aria-expanded") == "false", f"{username}: Enter không đóng menu"
        assert section_links(page) == [], f"{username}: menu không đóng"
    finally:
        desktop.close()
        phone.close()
