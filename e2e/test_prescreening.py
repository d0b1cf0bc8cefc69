"""Issue 12 part 1: a candidate from the head's interview request to an officer of the registry
(Art. 11.3, 12; Appendix II; D8), each step by the person the regulation names."""
import os
import re

from conftest import login


def as_user(browser, server, username):
    page = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}).new_page()
    page.on("dialog", lambda d: d.accept())
    login(page, server, username)
    return page


def director_agrees(browser, server, request_url):
    """The authority's director agrees to the request and assigns the IT division's head (Art. 12)."""
    director = as_user(browser, server, "giamdoc")
    director.goto(request_url)
    director.select_option("select[name=assigneeId]", label="Võ Quốc Hưng")
    director.click("button:has-text('Đồng ý và giao phỏng vấn')")
    assert director.locator(".badge", has_text="Đã đồng ý, chờ xếp lịch").is_visible()
    return director


def division_schedules(browser, server, request_url, at, place):
    """The IT division's head schedules the interview; the page is left open for the scores."""
    division = as_user(browser, server, "truongphong")
    division.goto(request_url)
    division.fill("input[name=interviewOn]", "2026-11-29")
    division.fill("input[name=interviewAt]", at)
    division.fill("input[name=place]", place)
    division.click("button:has-text('Lưu lịch phỏng vấn')")
    return division


def test_request_agreement_interview_report_and_hiring(server, browser, tmp_path):
    head = as_user(browser, server, "thutruong")
    head.click("text=Đề nghị phỏng vấn sơ tuyển")
    head.fill("input[name=candidateName]", "Hồ Quang Vinh")
    head.fill("input[name=birthYear]", "2020")
    head.fill("input[name=contact]", "0909 123 456")
    head.click("button:has-text('Gửi đề nghị')")
    assert head.locator(".error", has_text="Năm sinh phải từ").is_visible()
    assert head.input_value("input[name=candidateName]") == "Hồ Quang Vinh"
    head.fill("input[name=birthYear]", "1996")
    head.click("button:has-text('Gửi đề nghị')")
    head.wait_for_url(re.compile(r".*/so-tuyen/[0-9A-Fa-f-]{36}$"))
    request_url = head.url
    folder = tmp_path
    for kind, name in [("diploma", "bang-dai-hoc.pdf"), ("transcript", "bang-diem.pdf")]:
        path = os.path.join(folder, name)
        with open(path, "wb") as f:
            f.write(b"%PDF-1.4\n% e2e\n%%EOF\n")
        head.click("summary:has-text('Tải lên giấy tờ')")
        head.select_option("select[name=kind]", kind)
        head.set_input_files("input[name=file]", path)
        head.click("button:has-text('Tải lên')")
    assert head.locator("a", has_text="bang-diem.pdf").is_visible()

    assert as_user(browser, server, "giamdoc").locator("text=chờ Giám đốc đồng ý").first.is_visible()
    director_agrees(browser, server, request_url)

    division = division_schedules(browser, server, request_url, "08:30", "Phòng họp số 2")
    division.fill("input[name=score1]", "10,55")
    division.fill("input[name=score2]", "6")
    division.fill("input[name=score3]", "5,5")
    division.select_option("select[name=recommendation]", "notSuitable")
    division.click("button:has-text('Lập báo cáo kết quả')")
    assert division.locator(".error", has_text="tối đa một chữ số thập phân").first.is_visible()
    division.fill("input[name=score1]", "6,5")
    division.click("button:has-text('Lập báo cáo kết quả')")
    assert division.locator("text=6,5/10").is_visible()

    # The agency's IT officer may not see the request (D8).
    officer = as_user(browser, server, "canbo")
    response = officer.goto(request_url)
    assert response.status in (403, 404)

    head.goto(request_url)
    assert head.locator("text=Chưa đáp ứng yêu cầu chuyên môn").first.is_visible()
    head.fill("input[name=dateOfBirth]", "1996-09-02")
    head.check("input[name=gender][value=male]")
    head.fill("input[name=idNumber]", "074096007788")
    head.fill("input[name=startDate]", "2026-11-28")
    head.click("button:has-text('Tuyển dụng')")
    assert head.locator(".error", has_text="Điều 11.3").is_visible()
    head.check("input[name=acceptsResponsibility]")
    head.click("button:has-text('Tuyển dụng')")
    assert head.locator(".badge", has_text="Đã tuyển dụng").is_visible()
    head.click("text=Hồ sơ cán bộ")
    assert head.locator("h1", has_text="Hồ Quang Vinh").is_visible()
    head.goto(server + "/can-bo?q=ho quang vinh")
    assert head.locator("a", has_text="Hồ Quang Vinh").is_visible()
