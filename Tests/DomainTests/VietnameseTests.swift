import Domain
import Foundation
import Testing

@Suite("Vietnamese text, names, dates, money, identity numbers (D13, D14)")
struct VietnameseTests {
    @Test func D14_namesSortWithoutDiacriticsThenByTheNameItself() {
        let names = ["Thủ Dầu Một", "Bến Cát", "Dầu Tiếng", "Bàu Bàng", "Bến Cát", "Ben Cat"]
        #expect(VietnameseText.sorted(names, byName: { $0 }) == ["Bàu Bàng", "Ben Cat", "Bến Cát", "Bến Cát", "Dầu Tiếng", "Thủ Dầu Một"])
    }

    @Test func D14_foldedSearchFindsAPartOfAFoldedName() {
        let name = VietnameseText.fold("Trường Tiểu học Phú Cường")
        #expect(VietnameseText.folded(name, contains: VietnameseText.fold("tiểu học phú")))
        #expect(VietnameseText.folded(name, contains: "cuong"))
        #expect(VietnameseText.folded(name, contains: ""))
        #expect(!VietnameseText.folded(name, contains: "phu cuongg"))
        #expect(!VietnameseText.folded("ab", contains: "abc"))
        #expect(VietnameseText.folded("sở y tế", contains: "y tế"))
        #expect(!VietnameseText.folded("sở y tế", contains: "y te"))
    }

    @Test func D14_foldingIgnoresDiacriticsAndCase() {
        #expect(VietnameseText.fold("Nguyễn Văn A") == "nguyen van a")
        #expect(VietnameseText.fold("ĐẶNG THỊ Ánh Nguyệt") == "dang thi anh nguyet")
        #expect(VietnameseText.fold("Trần Quốc Đức") == "tran quoc duc")
        #expect(VietnameseText.fold("Sở Thông tin và Truyền thông") == "so thong tin va truyen thong")
        // Decomposed input (as some keyboards send it) folds the same as precomposed.
        let decomposed = "Nguyễn".decomposedStringWithCanonicalMapping
        #expect(VietnameseText.fold(decomposed) == "nguyen")
    }

    @Test func D14_normalizeStoresNFCWithSingleSpaces() {
        let typed = "  Lê   Thị\u{00A0}Hồng ".decomposedStringWithCanonicalMapping
        let stored = VietnameseText.normalize(typed)
        #expect(stored == "Lê Thị Hồng")
        #expect(stored.unicodeScalars.count == "Lê Thị Hồng".precomposedStringWithCanonicalMapping.unicodeScalars.count)
    }

    @Test func D14_normalizeTakesControlCharactersAsWhiteSpace() {
        #expect(VietnameseText.normalize("Lê\u{0}Thị\u{7F} Hồng\u{1B}") == "Lê Thị Hồng")
        #expect(VietnameseText.normalize("Lê\tThị\r\nHồng") == "Lê Thị Hồng")
        #expect(VietnameseText.fold("van\u{0}\u{0}thi") == "van thi")
        #expect(VietnameseText.fold("\u{0}\u{0}\u{0}").isEmpty)
    }

    @Test func D14_namesSortByGivenNameThenFamily() {
        let names = ["Nguyễn Văn Bình", "Trần Thị An", "Lê Văn Anh", "Phạm Minh Đức", "Võ Thị Dung", "Đỗ Văn Ân"]
        let sorted = names.sorted(by: VietnameseCollation.precedes)
        #expect(sorted == ["Trần Thị An", "Lê Văn Anh", "Đỗ Văn Ân", "Nguyễn Văn Bình", "Võ Thị Dung", "Phạm Minh Đức"])
    }

    @Test func D14_sameGivenNameSortsByFamilyName() {
        let sorted = ["Trần Văn Hùng", "Lê Quốc Hùng", "Nguyễn Hùng"].sorted(by: VietnameseCollation.precedes)
        #expect(sorted == ["Lê Quốc Hùng", "Nguyễn Hùng", "Trần Văn Hùng"])
    }

    @Test func D14_vietnameseAlphabetOrderAndTones() {
        // a < ă < â ; d < đ ; o < ô < ơ ; u < ư ; tones: ngang < huyền < hỏi < ngã < sắc < nặng
        let given = ["Ơn", "Ôn", "On", "Đông", "Dũng", "Ưng", "Uyên", "Ân", "Ăn", "An"]
        #expect(given.sorted(by: VietnameseCollation.precedes) ==
                ["An", "Ăn", "Ân", "Dũng", "Đông", "On", "Ôn", "Ơn", "Uyên", "Ưng"])
        let tones = ["Mạ", "Má", "Mã", "Mả", "Mà", "Ma"]
        #expect(tones.sorted(by: VietnameseCollation.precedes) == ["Ma", "Mà", "Mả", "Mã", "Má", "Mạ"])
    }

    @Test func D14_sortKeyIsPlainLowercaseAscii() {
        let key = VietnameseCollation.sortKey(fullName: "Nguyễn Thị Ánh Tuyết")
        #expect(key.allSatisfy { $0.isASCII && $0.isLowercase })
        #expect(VietnameseCollation.sortKey(fullName: "An") < VietnameseCollation.sortKey(fullName: "Anh"))
    }

    @Test func D14_datesAreShownDayMonthYear() {
        let date = LocalDate(year: 2025, month: 9, day: 30)!
        #expect(date.vietnamese == "30/09/2025")
        #expect(date.iso == "2025-09-30")
        #expect(LocalDate(userInput: "1/10/2025") == LocalDate(year: 2025, month: 10, day: 1))
        #expect(LocalDate(userInput: "2025-10-01") == LocalDate(year: 2025, month: 10, day: 1))
        #expect(LocalDate(userInput: "31/02/2025") == nil)
        #expect(LocalDate(userInput: "29/02/2024") != nil)
        #expect(LocalDate(iso: "2025-13-01") == nil)
    }

    /// The dates are written digit by digit, not by `String(format:)`: the same text as `%02d/%02d/%04d`
    /// and `%04d-%02d-%02d` for every day from year 1 to far beyond the product's years.
    @Test func D14_datesWrittenDigitByDigitAreWhatTheFormatWouldWrite() {
        for n in stride(from: -700_000, to: 3_000_000, by: 997) {
            let date = LocalDate(dayNumber: n)
            #expect(date.vietnamese == String(format: "%02d/%02d/%04d", date.day, date.month, date.year))
            #expect(date.iso == String(format: "%04d-%02d-%02d", date.year, date.month, date.day))
            let day = MonthDay(month: date.month, day: date.day)
            #expect(day.vietnamese == String(format: "%02d/%02d", day.day, day.month))
        }
    }

    /// The storage form is exactly yyyy-MM-dd in ASCII digits: no sign, no other digits, nothing around it.
    @Test func D14_theStoredDateIsReadOnlyInItsExactForm() {
        for n in stride(from: 0, to: 60_000, by: 37) {
            let date = LocalDate(dayNumber: n)
            #expect(LocalDate(iso: date.iso) == date)
        }
        for text in ["2025-+1-05", "+025-01-05", "2025-01-5", "2025/01/05", " 2025-01-05", "2025-01-05 ", "２０２５-01-05",
                     "2025-02-29", "2025-00-10", "2025-01-00", "", "2025-01-05T00:00:00Z"] {
            #expect(LocalDate(iso: text) == nil, "\(text)")
        }
        #expect(LocalDate(iso: "2024-02-29") == LocalDate(year: 2024, month: 2, day: 29))
    }

    @Test func localDateArithmeticRoundTrips() {
        let start = LocalDate(year: 1999, month: 12, day: 31)!
        #expect(start.adding(days: 1) == LocalDate(year: 2000, month: 1, day: 1))
        #expect(LocalDate(year: 2024, month: 2, day: 28)!.adding(days: 1) == LocalDate(year: 2024, month: 2, day: 29))
        #expect(LocalDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
        for n in stride(from: -1000, to: 40000, by: 97) { #expect(LocalDate(dayNumber: n).dayNumber == n) }
    }

    @Test func D14_dateOfAnInstantIsTakenInHoChiMinhTime() {
        let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        // 2025-09-30T17:00:00Z is 1 October 00:00 in Asia/Ho_Chi_Minh (UTC+7).
        let instant = Date(timeIntervalSince1970: 1_759_251_600)
        #expect(LocalDate(instant, in: zone) == LocalDate(year: 2025, month: 10, day: 1))
        #expect(LocalDate(year: 2025, month: 10, day: 1)!.start(in: zone) == instant)
    }

    @Test func D14_moneyIsShownWithDotsAndDong() {
        #expect(Money.format(dong: 1_500_000) == "1.500.000 đ")
        #expect(Money.format(dong: 0) == "0 đ")
        #expect(Money.format(dong: 999) == "999 đ")
        #expect(Money.format(dong: 12_000) == "12.000 đ")
        #expect(Money.parse("1.500.000 đ") == 1_500_000)
        #expect(Money.parse("2500000") == 2_500_000)
        #expect(Money.parse("-5") == nil)
        #expect(Money.parse("một triệu") == nil)
    }

    @Test func D13_cccdAndCmndNumbersAreValidated() throws {
        #expect(try IdentityNumber.parse("074090001234").get().kind == .cccd)
        #expect(try IdentityNumber.parse("280123456").get().kind == .cmnd)
        #expect(IdentityNumber.parse("07409000123") == .failure(.wrongLength))
        #expect(IdentityNumber.parse("07409000123A") == .failure(.notDigits))
        #expect(IdentityNumber.parse("003090001234") == .failure(.unknownProvince("003")))
    }

    @Test func D13_cccdMustAgreeWithBirthYearAndGender() {
        // 074 Bình Dương, 0 = male born in the 1900s, 90 = 1990.
        #expect((try? IdentityNumber.parse("074090001234", birthYear: 1990, gender: .male).get()) != nil)
        #expect(IdentityNumber.parse("074090001234", birthYear: 1991, gender: .male) == .failure(.birthYearMismatch))
        #expect(IdentityNumber.parse("074090001234", birthYear: 1990, gender: .female) == .failure(.genderMismatch))
        // 3 = female born in the 2000s.
        #expect((try? IdentityNumber.parse("079301001234", birthYear: 2001, gender: .female).get()) != nil)
    }

    @Test func D13_identityNumbersAreMasked() {
        #expect(IdentityNumber.masked("074090001234") == "••••••••1234")
        #expect(IdentityNumber.masked("123") == "•••")
    }
}

@Suite("Identity number names (D13, issue 10 §5)")
struct IdentityNumberLabelTests {
    @Test func aTwelveDigitNumberIsPrintedAsCCCDANineDigitOneAsCMND() {
        #expect(IdentityNumber.label(forShown: "074088001234") == "CCCD số")
        #expect(IdentityNumber.label(forShown: IdentityNumber.masked("074088001234")) == "CCCD số")
        #expect(IdentityNumber.label(forShown: "280123456") == "CMND số")
        #expect(IdentityNumber.label(forShown: "") == "CMND/CCCD số")
    }
}
