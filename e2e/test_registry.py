"""The main journey of the registry in a real browser (issue 2, "Tests and CI")."""
import os
import re

from conftest import login
from playwright.sync_api import expect

SHOTS = os.environ.get("E2E_SCREENSHOTS")


def shot(page, name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SHOTS, name + ".png"), full_page=True)


def test_authority_creates_agency_and_officer_then_finds_officer_without_diacritics(server, page):
    login(page, server, "sotttt")
    shot(page, "tong-quan")
    page.click("text=Cơ quan")
    page.click("text=+ Thêm cơ quan")
    # A mistake first: the form comes back with a Vietnamese message and keeps what was typed.
    page.fill("input[name=address]", "Số 2 Hùng Vương, phường Phú Cường")
    page.click("button:has-text('Lưu')")
    assert page.locator(".error", has_text="Nhập tên cơ quan.").is_visible()
    assert page.input_value("input[name=address]") == "Số 2 Hùng Vương, phường Phú Cường"
    page.fill("input[name=name]", "Ban Quản lý dự án Đầu tư xây dựng tỉnh")
    page.fill("input[name=headName]", "Đoàn Văn Lực")
    page.click("button:has-text('Lưu')")
    assert page.locator("h1", has_text="Ban Quản lý dự án Đầu tư xây dựng tỉnh").is_visible()
    assert page.locator(".badge", has_text="Chưa có cán bộ CNTT").is_visible()
    shot(page, "co-quan")

    page.click("text=+ Thêm cán bộ")
    page.fill("input[name=fullName]", "Nguyễn Thị Ánh Tuyết")
    page.fill("input[name=dateOfBirth]", "1991-03-12")
    page.check("input[name=gender][value=female]")
    page.check("input[name=kind][value=fullTime]")
    page.fill("input[name=position]", "Chuyên viên")
    page.fill("input[name=monthlyIncentive]", "1.500.000")
    page.fill("input[name=idNumber]", "074191004567")
    page.fill("input[name=startDate]", "2016-07-01")
    page.check("input[name=receivesIncentive]")
    page.click("button:has-text('Lưu')")
    assert page.locator("h1", has_text="Nguyễn Thị Ánh Tuyết").is_visible()
    assert page.locator("dd", has_text="1.500.000 đ").is_visible()
    officer_url = page.url
    shot(page, "can-bo")

    page.click("nav >> text=Cán bộ CNTT")
    page.fill("input[name=q]", "nguyen thi anh tuyet")
    page.press("input[name=q]", "Enter")
    page.wait_for_url(re.compile(r".*q=nguyen.*"))
    assert page.locator("table.list a", has_text="Nguyễn Thị Ánh Tuyết").is_visible()
    shot(page, "tim-kiem")

    page.click("text=Đăng xuất")
    page.wait_for_url(re.compile(r".*/dang-nhap"))

    # An IT officer of another agency cannot open the new officer's record.
    login(page, server, "canbo2")
    response = page.goto(officer_url)
    assert response.status == 403
    assert page.locator("h1", has_text="Không có quyền truy cập").is_visible()


def test_a_searched_agency_choice_narrows_as_the_name_is_typed_and_keeps_the_form(server, page):
    """Issue 14: a long choice of agency is narrowed by the name typed in its search box, in place:
    nothing typed in the form is lost, and the agency chosen stays chosen through later searches."""
    login(page, server, "sotttt")
    page.goto(server + "/can-bo/moi?tim-co-quan=S%E1%BB%9F")
    form_url = page.url
    page.fill("input[name=fullName]", "Lê Văn Thử")
    search = page.locator("input[data-agency-search]")
    search.fill("noi vu")
    expect(page.locator("select[name=agencyID] option")).to_have_count(2)
    assert page.locator("select[name=agencyID] option").nth(1).inner_text() == "Sở Nội vụ"
    assert page.locator("[data-agency-note]").inner_text() == "Tìm thấy 1 cơ quan có tên hoặc tên viết tắt chứa “noi vu”."
    page.select_option("select[name=agencyID]", label="Sở Nội vụ")
    chosen = page.input_value("select[name=agencyID]")

    search.fill("di an")
    search.press("Enter")
    expect(page.locator("[data-agency-note]")).to_contain_text("di an")
    labels = page.locator("select[name=agencyID] option").all_inner_texts()
    assert "Sở Nội vụ" in labels and "Ủy ban nhân dân thành phố Dĩ An" in labels
    assert page.input_value("select[name=agencyID]") == chosen
    assert page.input_value("input[name=fullName]") == "Lê Văn Thử"
    assert page.url == form_url


def test_phone_layout_has_menu_and_readable_tables(server, browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    login(page, server, "thutruong")
    page.goto(server + "/can-bo")
    button = page.locator("button.menu-button")
    assert button.is_visible()
    assert not page.locator("nav.mainnav").is_visible()
    # The menu opens from the keyboard and says so to screen readers.
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert page.locator("nav.mainnav").get_by_role("link", name="Cán bộ CNTT", exact=True).is_visible()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "false"
    assert page.locator("td[data-label='Họ tên']").first.is_visible()
    shot(page, "dien-thoai")
    context.close()


def test_no_page_is_wider_than_a_phone(server, browser):
    """A form's long agency names and a chart's hidden heading once made pages wider than the phone."""
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    login(page, server, "sotttt")
    for path in ["/", "/co-quan", "/co-quan/moi", "/can-bo", "/can-bo/moi", "/can-bo/moi?tim-co-quan=ph%C6%B0%E1%BB%9Dng",
                 "/can-bo/moi?tim-co-quan=" + "a" * 200,
                 "/bien-che", "/danh-gia/2026", "/danh-gia/2025/hieu-qua", "/nop-so", "/phieu", "/tap-huan"]:
        page.goto(server + path)
        assert page.locator("html").evaluate("e => e.scrollWidth") <= 390, path
    context.close()
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    login(page, server, "admin")
    page.goto(server + "/quan-tri/nguoi-dung")
    users = [a.get_attribute("href") for a in page.locator("table a[href^='/quan-tri/nguoi-dung/']").all()]
    assert len(users) >= 3
    for path in ["/quan-tri/nguoi-dung", "/quan-tri/nguoi-dung?tim-co-quan=" + "a" * 200] + users[:3]:
        page.goto(server + path)
        assert page.locator("html").evaluate("e => e.scrollWidth") <= 390, path
    context.close()
