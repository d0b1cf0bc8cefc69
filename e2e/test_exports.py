"""Spreadsheet exports and PDF downloads as a user gets them (issue 5 §3–4): the XLSX opens in a
real reader (openpyxl) with Vietnamese headers, typed cells and a frozen header row; the CSV has
a BOM; the PDF buttons return PDFs."""
import csv
import datetime
import io
import zipfile
import zlib

from openpyxl import load_workbook

from conftest import login


def fetch(page, url):
    response = page.request.get(url)
    assert response.ok, (url, response.status)
    return response


def test_ticket_export_opens_in_a_spreadsheet_reader_with_types_and_every_row(server, page):
    login(page, server, "thutruong")
    xlsx = fetch(page, server + "/phieu?format=xlsx")
    assert xlsx.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert 'filename="danh-sach-phieu-cong-tac.xlsx"' in xlsx.headers["content-disposition"]
    book = load_workbook(io.BytesIO(xlsx.body()), read_only=False)
    sheet = book.active
    assert sheet.title == "Phiếu công tác"
    headers = [c.value for c in sheet[1]]
    assert headers[:6] == ["Năm đánh giá", "Số phiếu", "Cán bộ CNTT", "Cơ quan", "Nhóm công việc", "Chi tiết công việc"]
    assert sheet.freeze_panes == "A2"
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) > 100, len(rows)  # several years of demo tickets of the agency and its units
    year, number, officer, agency = rows[0][:4]
    assert isinstance(year, int) and year >= 2020
    assert isinstance(rows[0][8], datetime.datetime)  # request date is a real date cell
    assert {r[3] for r in rows} <= {"Sở Kế hoạch và Đầu tư", "Trung tâm Xúc tiến đầu tư"}  # nothing of another agency

    text = fetch(page, server + "/phieu?format=csv").body()
    assert text.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))
    assert parsed[0][0] == "Năm đánh giá"
    assert len(parsed) - 1 == len(rows)


def deflated_size(data, level):
    """The size of `data` deflated as libminizip does it (raw deflate, 32 KB window, memLevel 8)."""
    packer = zlib.compressobj(level, zlib.DEFLATED, -15, 8)
    return len(packer.compress(data) + packer.flush())


def test_the_served_export_is_packed_at_the_spreadsheets_level(server, page):
    """ADR 0019: libxlsxwriter leaves the deflate level to zlib; the server process (not only the
    test binary) must reach zlib through its own entry points and pack the sheet at level 1."""
    login(page, server, "thutruong")
    archive = zipfile.ZipFile(io.BytesIO(fetch(page, server + "/phieu?format=xlsx").body()))
    entry = archive.getinfo("xl/worksheets/sheet1.xml")
    sheet = archive.read(entry)
    fast, standard = deflated_size(sheet, 1), deflated_size(sheet, 6)
    assert fast > standard * 1.1, (fast, standard)  # enough rows for the two levels to differ
    assert abs(entry.compress_size - fast) < abs(entry.compress_size - standard), (entry.compress_size, fast, standard)


def test_registry_lists_export_with_the_page_filters(server, page):
    login(page, server, "sotttt")
    agencies = load_workbook(io.BytesIO(fetch(page, server + "/co-quan?format=xlsx&q=so").body())).active
    names = [r[0] for r in agencies.iter_rows(min_row=2, values_only=True)]
    assert names and all("sở" in n.lower() or "so" in n.lower() for n in names)
    officers = load_workbook(io.BytesIO(fetch(page, server + "/can-bo?format=xlsx").body())).active
    assert [c.value for c in officers[1]][:3] == ["Họ và tên", "Ngày sinh", "Giới tính"]
    assert officers.max_row > 20
    staffing = fetch(page, server + "/bien-che?format=csv").body().decode("utf-8-sig")
    assert staffing.splitlines()[0].startswith("Cơ quan,Mức ứng dụng CNTT")


def test_form_buttons_download_pdfs(server, page):
    login(page, server, "canbo")
    page.click("text=Sổ công tác")
    with page.expect_download() as info:
        page.click("text=Tải Sổ công tác")
    assert info.value.suggested_filename.startswith("so-cong-tac-")
    page.goto(server + "/bieu-mau")
    with page.expect_download() as info:
        page.locator("a", has_text="Tải PDF").first.click()
    assert info.value.suggested_filename.endswith(".pdf")
    with open(info.value.path(), "rb") as f:
        assert f.read(5) == b"%PDF-"
