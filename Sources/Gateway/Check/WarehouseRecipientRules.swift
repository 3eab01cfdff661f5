import Foundation
import OTAPI

/// The warehouse recipient fields that OT's Taobao autopurchase setup requires, and the shape
/// each must have. Provider orders are shipped to this recipient, the shop's warehouse in China.
enum WarehouseRecipientRules {
    /// The recipient name's length in characters, as the setup guide requires.
    static let nameLengthRange = 2...14
    /// Mainland China mobile numbers have 11 digits.
    static let mobileDigitCount = 11

    /// Builds one item per field, in the order the setup form shows them.
    static func items(for settings: ProviderIntegrationSettings) -> [CheckItem] {
        let fix = "Fill the warehouse recipient in the OT admin panel, in the Taobao orders integration settings."
        var items: [CheckItem] = []

        items.append(
            self.item(
                "warehouse recipient name",
                value: settings.recipientName,
                problem: settings.recipientName.flatMap { name in
                    self.nameLengthRange.contains(name.count)
                        ? nil
                        : "has \(name.count) characters; it must have \(self.nameLengthRange.lowerBound) to "
                            + "\(self.nameLengthRange.upperBound)"
                },
                fix: fix
            )
        )
        let mobile = settings.mobile ?? settings.phone
        items.append(
            self.item(
                "warehouse recipient mobile number",
                value: mobile,
                problem: mobile.flatMap { number in
                    let digits = number.filter(\.isASCII).filter(\.isNumber)
                    let isValid = digits.count == self.mobileDigitCount && digits.count == number.count
                    return isValid ? nil : "must be exactly \(self.mobileDigitCount) digits"
                },
                fix: fix
            )
        )
        items.append(
            self.item(
                "warehouse region code",
                value: settings.regionCode,
                problem: settings.regionCode.flatMap { code in
                    code.allSatisfy { $0.isASCII && $0.isNumber } ? nil : "must contain digits only"
                },
                fix: fix
            )
        )
        items.append(
            self.item(
                "warehouse postal code",
                value: settings.postalCode,
                problem: settings.postalCode.flatMap { code in
                    code.allSatisfy { $0.isASCII && $0.isNumber } ? nil : "must contain digits only"
                },
                fix: fix
            )
        )
        items.append(self.item("warehouse address", value: settings.address, problem: nil, fix: fix))
        return items
    }

    /// Reports a missing value as "could not verify", because the element names of these settings are not
    /// published and an empty reading may mean the check looked under the wrong name.
    private static func item(_ name: String, value: String?, problem: String?, fix: String) -> CheckItem {
        guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            return CheckItem(
                .unknown,
                "\(name): could not verify, because OT's settings answer has no field the check can read",
                details: ["Make sure it is filled in the OT admin panel, in the Taobao orders integration settings."]
            )
        }
        if let problem {
            return CheckItem(.fail, "\(name) \"\(value)\" \(problem)", details: [fix])
        }
        return CheckItem(.ok, "\(name) is set")
    }
}
