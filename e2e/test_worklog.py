"""The work-log journey of issue 3 in a real browser: an officer records a ticket, the requester
confirms it through the single-use link, the head signs the month, the summary counts it, the agency
submits the log and the authority sees it received; a late log is refused."""
import re

from conftest import login


def test_ticket_link_signoff_summary_submission(server, browser):
    officer = browser.new_context(locale="vi-VN").new_page()
    login(officer, server, "canbo")
    officer.click("nav >> text=Phiếu công tác")
    officer.click("text=+ Ghi phiếu công tác")
    officer.check("input[name=taskGroup][value=websiteAdministration]")
    officer.fill("textarea[name=details]", "Cập nhật lịch tiếp công dân lên trang thông tin điện tử")
    officer.fill("input[name=requesterName]", "Trương Văn Khách")
    officer.fill("input[name=requestedOn]", "2026-11-20")
    officer.fill("textarea[name=handling]", "Biên tập và đăng tải")
    officer.check("input[name=outcomeSoftwareOperational]")
    officer.fill("input[name=completedOn]", "2026-11-21")
    officer.click("button:has-text('Lưu phiếu')")
    assert officer.locator("h1", has_text="Phiếu công tác số").is_visible()
    assert officer.locator(".badge", has_text="Đã xong, chờ xác nhận").is_visible()
    officer.click("text=Tạo liên kết xác nhận cho người yêu cầu")
    link = officer.locator("code[data-link]").inner_text()
    # A full address, to paste into a chat.
    assert link.startswith(server + "/xac-nhan/"), link
    assert officer.locator("button[data-copy]", has_text="Sao chép").is_visible()

    guest = browser.new_context(locale="vi-VN").new_page()
    guest.goto(link)
    assert guest.locator("text=Cập nhật lịch tiếp công dân").is_visible()
    guest.fill("input[name=name]", "Trương Văn Khách")
    guest.click("button:has-text('Xác nhận hoàn thành')")
    assert guest.locator("h1", has_text="Đã ghi nhận").is_visible()
    assert guest.goto(link).status == 410

    officer.reload()
    assert officer.locator(".badge", has_text="Đã xác nhận").is_visible()
    officer.click("text=Sổ công tác 2027")
    log_url = officer.url
    row = officer.locator("tr", has_text="Quản trị website")
    assert int(row.locator("td").nth(3).inner_text()) >= 1

    head = browser.new_context(locale="vi-VN").new_page()
    login(head, server, "thutruong")
    head.goto(log_url)
    head.click("button:has-text('Ký duyệt tháng 10/2026')")
    assert head.locator("text=✔ tháng 10/2026").is_visible()
    head.once("dialog", lambda dialog: dialog.accept())
    head.click("button:has-text('Nộp Sổ công tác')")
    assert head.locator(".badge", has_text="Đã nộp").is_visible()

    authority = browser.new_context(locale="vi-VN").new_page()
    login(authority, server, "sotttt")
    authority.goto(server + "/nop-so?year=2027&filter=submitted")
    assert authority.locator("td", has_text="Trần Minh Khoa").is_visible()
    assert authority.locator(".badge", has_text="Đúng hạn").first.is_visible()

    # The 2026 log of the second agency is late: refused with a clear message.
    late = browser.new_context(locale="vi-VN").new_page()
    login(late, server, "thutruong2")
    late.goto(server + "/nop-so?year=2026&filter=missing")
    late.click("table.list a:has-text('Phạm Quốc Bảo')")
    assert late.locator("text=đã quá hạn").is_visible()
    late.once("dialog", lambda dialog: dialog.accept())
    late.click("button:has-text('Nộp Sổ công tác')")
    assert late.locator(".alert", has_text=re.compile("Đã quá hạn nộp Sổ công tác năm 2026")).is_visible()
