"""Issue 12 part 2 in a real browser: a duty decision, the commitment, a transfer, and its handover (Art. 13, 14; D9)."""
from conftest import login


def open_duties(page, server):
    page.goto(server + "/co-quan?q=ke+hoach+va+dau+tu")
    page.click("a:has-text('Sở Kế hoạch và Đầu tư')")
    page.click("a[href$='/phan-cong']")
    assert page.locator("h1", has_text="Phân công nhiệm vụ").is_visible()


def test_decision_commitment_transfer_and_handover(server, browser):
    page = browser.new_page(locale="vi-VN")
    page.on("dialog", lambda d: d.accept())
    # The head assigns every duty to Trần Minh Khoa; a missing number is refused first, the choice kept.
    login(page, server, "thutruong")
    open_duties(page, server)
    page.click("summary:has-text('Ban hành quyết định phân công')")
    page.locator("p", has_text="Trần Minh Khoa").locator("input[value$=':all']").check()
    decision = "form[action$='/quyet-dinh-phan-cong'] "
    page.fill(decision + "input[name=signedOn]", "2026-11-25")
    page.fill(decision + "input[name=signer]", "Ngô Thanh Tùng")
    page.click("button:has-text('Ban hành quyết định')")
    assert page.locator(".error", has_text="Nhập số, ký hiệu").is_visible()
    assert page.locator("p", has_text="Trần Minh Khoa").locator("input[value$=':all']").is_checked()
    assert page.input_value(decision + "input[name=signer]") == "Ngô Thanh Tùng"
    page.fill(decision + "input[name=number]", "31/QĐ-SKHĐT")
    page.click("button:has-text('Ban hành quyết định')")
    assert page.locator("td", has_text="31/QĐ-SKHĐT").first.is_visible(), page.locator(".error").all_inner_texts()
    page.context.close()

    # The personnel section records the signed commitment.
    page = browser.new_page(locale="vi-VN")
    login(page, server, "tochuc")
    open_duties(page, server)
    row = page.locator("tr", has_text="Trần Minh Khoa")
    row.locator("input[name=signedOn]").fill("2026-11-26")
    row.locator("button:has-text('Ghi giấy cam kết')").click()
    assert page.locator("tr", has_text="Trần Minh Khoa").locator("text=Ký ngày 26/11/2026").is_visible()
    page.context.close()

    # The authority moves him to Dĩ An: a handover opens at the Department he leaves.
    page = browser.new_page(locale="vi-VN")
    page.on("dialog", lambda d: d.accept())
    login(page, server, "truongphong")
    page.goto(server + "/can-bo?q=tran+minh+khoa")
    page.click("a:has-text('Trần Minh Khoa')")
    page.select_option("select[name=agencyID]", label="Ủy ban nhân dân thành phố Dĩ An")
    page.locator("form[action$='/chuyen-cong-tac'] input[name=effectiveOn]").fill("2026-12-01")
    page.click("form[action$='/chuyen-cong-tac'] button")
    page.context.close()

    page = browser.new_page(locale="vi-VN")
    page.on("dialog", lambda d: d.accept())
    login(page, server, "thutruong")
    assert page.locator("a", has_text="Theo dõi bàn giao đang mở").is_visible()
    open_duties(page, server)
    page.click("a[href^='/ban-giao/']:has-text('Trần Minh Khoa')")
    assert page.locator("h1", has_text="Biên bản bàn giao: Trần Minh Khoa").is_visible()
    assert page.locator("td", has_text="Cổng thông tin điện tử của Sở: Tài khoản quản trị").is_visible()
    # Closing too early is refused with the reason.
    page.click("button:has-text('Kết thúc bàn giao')")
    assert page.locator(".error", has_text="chưa được người nhận xác nhận").is_visible()
    while page.locator("button:has-text('Xác nhận đã nhận')").count() > 0:
        form = page.locator("form[action$='/xac-nhan']").first
        form.locator("select[name=receiverId]").select_option(label="Lê Thị Thu Hà")
        form.locator("button").click()
    page.click("button:has-text('Kết thúc bàn giao')")
    assert page.locator(".error", has_text="chưa có phương án thay thế").is_visible()
    page.select_option("select[name=replacement]", "temporaryReplacement")
    page.click("button:has-text('Lưu phương án')")
    assert page.locator(".notice", has_text="Ban hành quyết định phân công nhiệm vụ cho người thay thế").is_visible()
    page.click("button:has-text('Kết thúc bàn giao')")
    assert page.locator("strong", has_text="Đã kết thúc").is_visible()
    page.context.close()
