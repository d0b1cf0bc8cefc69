"""The evaluation journey of issue 4 in a real browser: authority staff open the year under
evaluation, take the deadline step (automatic D), grade whoever is left, publish, and see the
cessation proposal and the reward candidates the demo history implies; the head of the affected
agency sees and completes the tasks; Home Affairs signs."""
from conftest import login


def test_deadline_grading_publication_proposals_and_tasks(server, browser):
    authority = browser.new_context(locale="vi-VN").new_page()
    authority.on("dialog", lambda dialog: dialog.accept())
    login(authority, server, "truongphong")
    assert authority.locator(".reminders", has_text="Đánh giá năm 2026").is_visible()
    authority.click("nav >> text=Đánh giá")
    assert authority.locator("h1", has_text="Đánh giá cán bộ CNTT năm 2026").is_visible()
    authority.click("button:has-text('Chốt hạn nộp sổ và xếp loại D tự động')")
    assert authority.locator(".flash", has_text="xếp loại D tự động").is_visible()
    authority.click("button:has-text('Bắt đầu đánh giá, xếp loại')")
    # Publishing too early is refused with the reason.
    authority.click("button:has-text('Công bố kết quả cho cơ quan quản lý')")
    assert authority.locator(".alert", has_text="chưa được xếp loại").is_visible()
    authority.goto(server + "/danh-gia/2026?loc=chua")
    links = [a.get_attribute("href") for a in authority.locator("a", has_text="Minh chứng, xếp loại").all()]
    assert links
    for href in links:
        authority.goto(server + href)
        assert authority.locator("h2", has_text="Sổ công tác (Điều 15.3.a)").is_visible()
        authority.check("input[name=grade][value=B]")
        authority.locator("textarea[name='criterion[]']").first.fill("Ghi chép đầy đủ, có xác nhận")
        authority.fill("textarea[name=comment]", "Hoàn thành nhiệm vụ")
        authority.click("button:has-text('Lưu xếp loại')")
        assert authority.locator(".flash", has_text="Đã lưu xếp loại B").is_visible()
    authority.goto(server + "/danh-gia/2026")
    authority.click("button:has-text('Công bố kết quả cho cơ quan quản lý')")
    assert authority.locator(".flash", has_text="Đã thực hiện: Công bố").is_visible()
    authority.click("text=Đề xuất thôi hưởng ưu đãi, nhiệm vụ của thủ trưởng")
    proposals = authority.locator("section", has_text="Đề xuất thôi hưởng chế độ ưu đãi")
    assert proposals.locator("tr", has_text="Phạm Quốc Bảo").locator("text=Ba năm liên tiếp có hai năm loại C").is_visible()
    rewards = authority.locator("section", has_text="Đề xuất khen thưởng")
    assert rewards.locator("tr", has_text="Trần Minh Khoa").first.is_visible()
    proposals.locator("tr", has_text="Phạm Quốc Bảo").locator("button:has-text('Ký')").click()
    assert authority.locator(".flash", has_text="chờ cơ quan còn lại ký").is_visible()

    home_affairs = browser.new_context(locale="vi-VN").new_page()
    home_affairs.on("dialog", lambda dialog: dialog.accept())
    login(home_affairs, server, "noivu")
    home_affairs.click("text=chờ Sở Nội vụ ký")
    home_affairs.locator("tr", has_text="Phạm Quốc Bảo").locator("button:has-text('Ký')").click()
    assert home_affairs.locator(".flash", has_text="đủ chữ ký").is_visible()

    head = browser.new_context(locale="vi-VN").new_page()
    login(head, server, "thutruong2")
    head.click("text=nhiệm vụ sau kết quả đánh giá")
    task = head.locator("tr", has_text="Phạm Quốc Bảo").filter(has_text="Bố trí cán bộ làm công việc khác")
    task.locator("input[name=note]").fill("Đã bố trí làm công tác văn thư từ 01/12/2026")
    task.locator("button:has-text('Đã thực hiện')").click()
    assert head.locator(".flash", has_text="hoàn thành nhiệm vụ").is_visible()
    assert head.locator("text=Đã bố trí làm công tác văn thư").is_visible()
