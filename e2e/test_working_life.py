"""Issue 12 in one browser journey: an interview request with its dossier becomes an officer of the
registry, who receives duties by decision and whose commitment the personnel section records with
the scan of the signed letter (Art. 11.3, 12, 13; Appendix II, III; D8)."""
import os
import re

from test_duties_handover import open_duties
from test_prescreening import as_user, director_agrees, division_schedules


def a_file(folder, name, content):
    path = os.path.join(folder, name)
    with open(path, "wb") as f:
        f.write(content)
    return path


def test_from_interview_request_to_a_scanned_commitment(server, browser, tmp_path):
    # The head files the request with the dossier.
    head = as_user(browser, server, "thutruong")
    head.click("text=Đề nghị phỏng vấn sơ tuyển")
    head.fill("input[name=candidateName]", "Châu Minh Trí")
    head.fill("input[name=birthYear]", "1997")
    head.fill("input[name=contact]", "0908 765 432")
    head.click("button:has-text('Gửi đề nghị')")
    head.wait_for_url(re.compile(r".*/so-tuyen/[0-9A-Fa-f-]{36}$"))
    request_url = head.url
    for kind, name in [("diploma", "van-bang.pdf"), ("transcript", "bang-diem.pdf")]:
        head.click("summary:has-text('Tải lên giấy tờ')")
        head.select_option("select[name=kind]", kind)
        head.set_input_files("input[name=file]", a_file(tmp_path, name, b"%PDF-1.4\n% e2e working life\n%%EOF\n"))
        head.click("button:has-text('Tải lên')")
    assert head.locator("a", has_text="van-bang.pdf").is_visible()

    # The director agrees and assigns the IT division's head.
    director_agrees(browser, server, request_url)

    # The IT division's head schedules and scores.
    division = division_schedules(browser, server, request_url, "09:00", "Phòng họp số 1")
    division.fill("input[name=score1]", "8")
    division.fill("input[name=score2]", "7,5")
    division.fill("input[name=score3]", "7")
    division.select_option("select[name=recommendation]", "suitable")
    division.click("button:has-text('Lập báo cáo kết quả')")
    assert division.locator("text=7,5/10").is_visible()

    # The head hires: the candidate becomes an officer of the registry without retyping.
    head.goto(request_url)
    head.fill("input[name=dateOfBirth]", "1997-05-12")
    head.check("input[name=gender][value=male]")
    head.fill("input[name=idNumber]", "074097004455")
    head.fill("input[name=startDate]", "2026-11-29")
    head.click("button:has-text('Tuyển dụng')")
    assert head.locator(".badge", has_text="Đã tuyển dụng").is_visible()
    head.goto(server + "/can-bo?q=chau minh tri")
    head.click("a:has-text('Châu Minh Trí')")
    officer_url = head.url

    # The head issues a duty decision that includes the new officer.
    open_duties(head, server)
    head.click("summary:has-text('Ban hành quyết định phân công')")
    head.locator("p", has_text="Châu Minh Trí").locator("input[value$=':all']").check()
    decision = "form[action$='/quyet-dinh-phan-cong'] "
    head.fill(decision + "input[name=number]", "40/QĐ-SKHĐT")
    head.fill(decision + "input[name=signedOn]", "2026-11-29")
    head.fill(decision + "input[name=signer]", "Ngô Thanh Tùng")
    head.click("button:has-text('Ban hành quyết định')")
    assert head.locator("td", has_text="40/QĐ-SKHĐT").first.is_visible(), head.locator(".error").all_inner_texts()
    assert head.locator("tr", has_text="Châu Minh Trí").locator("td[data-label='Quyết định']", has_text="40/QĐ-SKHĐT").is_visible()

    # The personnel section records the commitment, then keeps its scan: a wrong file is refused beside the field.
    personnel = as_user(browser, server, "tochuc")
    open_duties(personnel, server)
    row = personnel.locator("tr", has_text="Châu Minh Trí")
    row.locator("input[name=signedOn]").fill("2026-11-29")
    row.locator("button:has-text('Ghi giấy cam kết')").click()
    row = personnel.locator("tr", has_text="Châu Minh Trí")
    assert row.locator("text=Ký ngày 29/11/2026").is_visible()
    row.locator("input[name=scan]").set_input_files(a_file(tmp_path, "cam-ket.txt", b"not a scan"))
    row.locator("button:has-text('Lưu bản quét')").click()
    row = personnel.locator("tr", has_text="Châu Minh Trí")
    assert row.locator(".error", has_text="Chỉ nhận tệp PDF, JPEG hoặc PNG").is_visible()
    row.locator("input[name=scan]").set_input_files(a_file(tmp_path, "cam-ket-chau-minh-tri.pdf", b"%PDF-1.4\n% signed letter\n%%EOF\n"))
    row.locator("button:has-text('Lưu bản quét')").click()
    assert personnel.locator("tr", has_text="Châu Minh Trí").locator("a", has_text="Bản quét: cam-ket-chau-minh-tri.pdf").is_visible()

    # The officer's page shows the commitment and its scan.
    personnel.goto(officer_url)
    section = personnel.locator("#giay-cam-ket")
    assert section.locator("text=Ký ngày 29/11/2026").is_visible()
    with personnel.expect_download() as download:
        section.locator("a", has_text="Bản quét: cam-ket-chau-minh-tri.pdf").click()
    with open(download.value.path(), "rb") as f:
        assert f.read().startswith(b"%PDF-1.4\n% signed letter")
