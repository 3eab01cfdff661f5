import Foundation
import Gateway

/// Runs the long-lived commands and returns the process exit status.
enum CommandRunner {
    static func run(_ command: GatewayCommand) async -> Int32 {
        switch command {
        case .serve(let options):
            return await ServeCommand.run(options)
        case .check(let configFile):
            return await CheckCommand.run(configFile: configFile)
        default:
            Console.error("this command is not built yet")
            return 1
        }
    }
}
