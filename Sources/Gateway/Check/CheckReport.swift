/// One line of `otgateway check`'s checklist.
public struct CheckItem: Sendable, Equatable {
    public enum Status: String, Sendable, Equatable {
        case ok
        case fail
        /// OT returned nothing the check can read, so the setting could not be verified.
        case unknown

        var marker: String {
            switch self {
            case .ok: "[ok]"
            case .fail: "[fail]"
            case .unknown: "[?]"
            }
        }
    }

    public var status: Status
    /// The checked setting and the finding, in one sentence.
    public var summary: String
    /// For a failure, what to change (the variable or the OT admin step); otherwise extra lines.
    public var details: [String]

    public init(_ status: Status, _ summary: String, details: [String] = []) {
        self.status = status
        self.summary = summary
        self.details = details
    }
}

/// The checklist `otgateway check` prints.
public struct CheckReport: Sendable, Equatable {
    public var items: [CheckItem]

    public init(items: [CheckItem] = []) {
        self.items = items
    }

    /// True when no check failed; "could not verify" lines do not count as failures.
    public var passed: Bool {
        !self.items.contains { $0.status == .fail }
    }

    public var failures: [CheckItem] {
        self.items.filter { $0.status == .fail }
    }

    /// Renders the checklist as plain text: one marked line per check, details indented below it,
    /// and a closing line with the counts.
    public func rendered() -> String {
        var lines: [String] = []
        for item in self.items {
            lines.append("\(item.status.marker) \(item.summary)")
            for detail in item.details {
                lines.append("       \(detail)")
            }
        }
        let failed = self.items.filter { $0.status == .fail }.count
        let unknown = self.items.filter { $0.status == .unknown }.count
        let passed = self.items.count - failed - unknown
        lines.append("")
        if self.passed {
            lines.append(
                "\(passed) passed, \(failed) failed, \(unknown) could not be verified: the configuration is usable."
            )
        } else {
            lines.append(
                "\(passed) passed, \(failed) failed, \(unknown) could not be verified: fix each [fail] line above and run otgateway check again."
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
