import Domain
import Leaf

/// `#money(amount)` → "1.500.000 đ" (D14).
struct MoneyTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let amount = ctx.parameters.first?.int else { return .string("") }
        return .string(Money.format(dong: amount))
    }
}

/// `#date("2025-09-30")` → "30/09/2025" (D14).
struct DateTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let text = ctx.parameters.first?.string else { return .string("") }
        return .string(LocalDate(iso: text)?.vietnamese ?? text)
    }
}

/// `#isoDate(input)` → the `yyyy-MM-dd` value an `<input type="date">` shows (the browser then displays
/// it as dd/MM/yyyy in a Vietnamese locale). What the user sent is kept as typed when it is not a
/// date, so a form sent back with an error never loses it (D14).
struct ISODateTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let text = ctx.parameters.first?.string else { return .string("") }
        return .string(LocalDate(userInput: text)?.iso ?? text)
    }
}

/// `#limit("TicketInput.details")` → the spec's maxLength for the field, for a `maxlength` attribute.
struct LimitTag: LeafTag {
    let limits: SpecLimits?

    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let key = ctx.parameters.first?.string else { throw ConfigError(message: "#limit cần tham số \"Schema.property\".") }
        guard let limits else { return .string("4000") }
        guard let max = limits.schema(key)?.maxLength else { throw ConfigError(message: "openapi.yaml không có maxLength cho \(key).") }
        return .string(String(max))
    }
}
