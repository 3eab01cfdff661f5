import Foundation
import Gateway

/// Runs a parsed command and returns the process exit status.
enum CommandRunner {
    static func run(_ command: GatewayCommand) async -> Int32 {
        switch command {
        case .help:
            print(GatewayCommand.usage)
            return 0
        case .version:
            print("otgateway \(GatewayCommand.versionString)")
            return 0
        case .serve(let options):
            return await ServeCommand.run(options)
        case .simulator(let listen, let stateFile):
            return await SimulatorCommand.run(listen: listen, stateFile: stateFile)
        case .demo(let listen):
            return await DemoCommand.run(listen: listen)
        case .check(let configFile):
            return await CheckCommand.run(configFile: configFile)
        }
    }
}
