import Foundation
import Gateway

/// Runs the long-lived commands and returns the process exit status.
enum CommandRunner {
    static func run(_ command: GatewayCommand) async -> Int32 {
        FileHandle.standardError.write(Data("otgateway: this command is not built yet\n".utf8))
        return 1
    }
}
