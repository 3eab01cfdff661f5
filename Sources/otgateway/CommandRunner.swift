import Foundation
import Gateway

/// Runs the long-lived commands and returns the process exit status.
enum CommandRunner {
    static func run(_ command: GatewayCommand) async -> Int32 {
        switch command {
        case .serve(let options):
            return await ServeCommand.run(options)
        case .simulator(let listen, let stateFile):
            return await SimulatorCommand.run(listen: listen, stateFile: stateFile)
        case .demo(let listen):
            return await DemoCommand.run(listen: listen)
        default:
            Console.error("this command is not built yet")
            return 1
        }
    }
}
