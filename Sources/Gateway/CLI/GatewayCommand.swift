/// A parsed `otgateway` command line.
public enum GatewayCommand: Equatable, Sendable {
    public struct ServeOptions: Equatable, Sendable {
        public var configFile: String?
        public var printConfig = false
        public var insecureNoAuth = false

        public init(configFile: String? = nil, printConfig: Bool = false, insecureNoAuth: Bool = false) {
            self.configFile = configFile
            self.printConfig = printConfig
            self.insecureNoAuth = insecureNoAuth
        }
    }

    case serve(ServeOptions)
    case simulator(listen: String?, stateFile: String?)
    case demo(listen: String?)
    case check(configFile: String?)
    case help
    case version
}

/// Why a command line was rejected; printed with the usage text, exit status 2.
public struct CommandLineError: Error, Equatable, Sendable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }
}

extension GatewayCommand {
    public static let versionString = "0.1.0"

    public static let usage = """
        Usage: otgateway COMMAND [OPTIONS]

        Commands:
          serve [--config FILE] [--print-config] [--insecure-no-auth]
                    Run the gateway. Configuration comes from OTGW_* environment variables and
                    the optional FILE (JSON or KEY=VALUE lines); the environment wins.
                    --print-config prints the effective configuration, secrets masked, and exits.
                    --insecure-no-auth accepts requests without a bearer token (local testing only).
          simulator [--listen HOST:PORT] [--state-file FILE]
                    Run the embedded OT API simulator alone (default 127.0.0.1:9090).
          demo [--listen HOST:PORT]
                    Run the simulator and the gateway together and print a walkthrough.
          check [--config FILE]
                    Check the configuration against the OT API and print a checklist.

        Options:
          -h, --help     Print this help.
          --version      Print the version.
        """

    /// Parses the arguments after the program name.
    public static func parse(_ arguments: [String]) -> Result<GatewayCommand, CommandLineError> {
        guard let name = arguments.first else {
            return .failure(CommandLineError("missing command"))
        }
        // `otgateway serve --help` requests help, not a server with an unknown option.
        if arguments.dropFirst().contains(where: { $0 == "-h" || $0 == "--help" }) {
            return .success(.help)
        }
        var parser = OptionParser(arguments: Array(arguments.dropFirst()))
        switch name {
        case "-h", "--help", "help":
            return parser.finish(.help)
        case "--version", "version":
            return parser.finish(.version)
        case "serve":
            return parseServe(&parser)
        case "simulator":
            let listen = parser.value("--listen")
            let stateFile = parser.value("--state-file")
            return parser.finish(.simulator(listen: listen, stateFile: stateFile))
        case "demo":
            let listen = parser.value("--listen")
            return parser.finish(.demo(listen: listen))
        case "check":
            let configFile = parser.value("--config")
            return parser.finish(.check(configFile: configFile))
        default:
            return .failure(CommandLineError("unknown command '\(name)'"))
        }
    }

    private static func parseServe(_ parser: inout OptionParser) -> Result<GatewayCommand, CommandLineError> {
        var options = ServeOptions()
        options.configFile = parser.value("--config")
        options.printConfig = parser.flag("--print-config")
        options.insecureNoAuth = parser.flag("--insecure-no-auth")
        return parser.finish(.serve(options))
    }
}

/// Takes options out of an argument list; whatever remains at the end is an error.
struct OptionParser {
    private var arguments: [String]
    private var error: CommandLineError?

    init(arguments: [String]) {
        self.arguments = arguments
    }

    /// Removes `--name VALUE` or `--name=VALUE` and returns the value.
    mutating func value(_ name: String) -> String? {
        if let index = self.arguments.firstIndex(where: { $0.hasPrefix(name + "=") }) {
            let value = String(self.arguments[index].dropFirst(name.count + 1))
            self.arguments.remove(at: index)
            return value
        }
        guard let index = self.arguments.firstIndex(of: name) else { return nil }
        guard index + 1 < self.arguments.count, !self.arguments[index + 1].hasPrefix("--") else {
            self.error = CommandLineError("option \(name) needs a value")
            self.arguments.remove(at: index)
            return nil
        }
        let value = self.arguments[index + 1]
        self.arguments.removeSubrange(index...(index + 1))
        return value
    }

    /// Removes `--name` and returns whether it was present.
    mutating func flag(_ name: String) -> Bool {
        guard let index = self.arguments.firstIndex(of: name) else { return false }
        self.arguments.remove(at: index)
        return true
    }

    func finish(_ command: GatewayCommand) -> Result<GatewayCommand, CommandLineError> {
        if let error = self.error {
            return .failure(error)
        }
        if let unknown = self.arguments.first {
            return .failure(CommandLineError("unknown option '\(unknown)'"))
        }
        return .success(command)
    }
}
