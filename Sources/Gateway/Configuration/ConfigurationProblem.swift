/// One invalid or missing configuration value, printed as `SUBJECT: message`.
public struct ConfigurationProblem: Sendable, Equatable, CustomStringConvertible {
    /// The variable name, or `--config FILE` for a problem with the file itself.
    public var subject: String
    /// The fault and the expected value. Never contains a secret value.
    public var message: String

    public init(subject: String, message: String) {
        self.subject = subject
        self.message = message
    }

    public init(_ variable: ConfigurationVariable, _ message: String) {
        self.init(subject: variable.name, message: message)
    }

    public var description: String { "\(self.subject): \(self.message)" }
}

/// The problems that keep a configuration from loading, one line each.
public struct GatewayConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [ConfigurationProblem]

    public init(problems: [ConfigurationProblem]) {
        self.problems = problems
    }

    public var description: String {
        self.problems.map(\.description).joined(separator: "\n")
    }
}
