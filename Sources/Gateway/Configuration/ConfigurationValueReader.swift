import Foundation
import Observability

/// Reads typed values out of the merged variable map, collecting one problem per invalid
/// value and returning the default in its place so that every problem is reported at once.
struct ConfigurationValueReader {
    /// The maximum number of characters of an invalid value quoted back in a problem.
    static let maximumQuotedLength = 80

    let values: [String: String]
    private(set) var problems: [ConfigurationProblem] = []

    init(values: [String: String]) {
        self.values = values
    }

    mutating func report(_ variable: ConfigurationVariable, _ message: String) {
        self.problems.append(ConfigurationProblem(variable, message))
    }

    /// Returns the raw value, or nil when the variable is unset or empty.
    func raw(_ variable: ConfigurationVariable) -> String? {
        guard let value = self.values[variable.name], !value.isEmpty else { return nil }
        return value
    }

    /// Returns the value without surrounding whitespace, or nil when that leaves nothing.
    func trimmed(_ variable: ConfigurationVariable) -> String? {
        guard let value = self.raw(variable)?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

    /// Returns the `got …` part of a problem: the value in quotes, or a placeholder for a secret.
    func got(_ variable: ConfigurationVariable) -> String {
        guard !variable.isSecret else { return "got a value that is not shown because it is secret" }
        let value = self.raw(variable) ?? ""
        if value.count > Self.maximumQuotedLength {
            return "got \"\(value.prefix(Self.maximumQuotedLength))…\""
        }
        return "got \"\(value)\""
    }

    /// Reads a plain text value without control characters; returns nil when unset or invalid.
    mutating func text(_ variable: ConfigurationVariable, expected: String) -> String? {
        let value = variable.isSecret ? self.raw(variable) : self.trimmed(variable)
        guard let value else { return nil }
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            self.report(variable, "expected \(expected) without control characters, \(self.got(variable))")
            return nil
        }
        return value
    }

    mutating func requiredText(
        _ variable: ConfigurationVariable,
        expected: String,
        isRequired: Bool,
        hint: String = ""
    ) -> String? {
        let value = self.text(variable, expected: expected)
        if value == nil && isRequired && self.raw(variable) == nil {
            self.report(variable, "required but not set; expected \(expected)\(hint)")
        }
        return value
    }

    mutating func integer(_ variable: ConfigurationVariable, default defaultValue: Int, range: ClosedRange<Int>) -> Int
    {
        guard let text = self.trimmed(variable) else { return defaultValue }
        guard text.allSatisfy(\.isASCIIDigit), let value = Int(text), range.contains(value) else {
            self.report(
                variable,
                "expected an integer from \(range.lowerBound) to \(range.upperBound), \(self.got(variable))"
            )
            return defaultValue
        }
        return value
    }

    static let trueWords: Set<String> = ["true", "1", "yes"]
    static let falseWords: Set<String> = ["false", "0", "no"]

    mutating func boolean(_ variable: ConfigurationVariable, default defaultValue: Bool) -> Bool {
        guard let text = self.trimmed(variable)?.lowercased() else { return defaultValue }
        if Self.trueWords.contains(text) {
            return true
        }
        if Self.falseWords.contains(text) {
            return false
        }
        self.report(variable, "expected true, false, 1, 0, yes or no, \(self.got(variable))")
        return defaultValue
    }

    /// Reads an `http` or `https` URL with a host and no user info, query or fragment, and drops
    /// any trailing `/`.
    mutating func httpURL(_ variable: ConfigurationVariable) -> URL? {
        guard let text = self.trimmed(variable) else { return nil }
        guard let url = Self.parseHTTPURL(text) else {
            self.report(
                variable,
                "expected an http or https URL with a host and no user, query or fragment, \(self.got(variable))"
            )
            return nil
        }
        return url
    }

    static func parseHTTPURL(_ text: String) -> URL? {
        guard let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty,
            components.user == nil, components.password == nil,
            components.query == nil, components.fragment == nil,
            (components.port ?? 0) <= Int(UInt16.max)
        else { return nil }

        var normalized = text
        while normalized.hasSuffix("/") {
            normalized.removeLast()
        }
        return URL(string: normalized)
    }
}
