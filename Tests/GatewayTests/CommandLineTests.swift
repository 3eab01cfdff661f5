import Gateway
import Testing

@Suite struct CommandLineTests {
    @Test func serveTakesItsOptions() {
        let parsed = GatewayCommand.parse(["serve", "--config", "gw.env", "--print-config", "--insecure-no-auth"])
        let expected = GatewayCommand.ServeOptions(configFile: "gw.env", printConfig: true, insecureNoAuth: true)
        #expect(parsed == .success(.serve(expected)))
    }

    @Test func optionValueMayUseEqualsSign() {
        #expect(GatewayCommand.parse(["demo", "--listen=127.0.0.1:0"]) == .success(.demo(listen: "127.0.0.1:0")))
    }

    @Test func simulatorOptions() {
        let parsed = GatewayCommand.parse(["simulator", "--listen", "[::1]:9090", "--state-file", "sim.json"])
        #expect(parsed == .success(.simulator(listen: "[::1]:9090", stateFile: "sim.json")))
    }

    @Test func helpAndVersion() {
        #expect(GatewayCommand.parse(["--help"]) == .success(.help))
        #expect(GatewayCommand.parse(["-h"]) == .success(.help))
        #expect(GatewayCommand.parse(["--version"]) == .success(.version))
    }

    @Test func helpAfterACommandPrintsHelp() {
        #expect(GatewayCommand.parse(["serve", "--help"]) == .success(.help))
        #expect(GatewayCommand.parse(["simulator", "-h"]) == .success(.help))
    }

    @Test func unknownCommandIsRejected() {
        #expect(GatewayCommand.parse(["launch"]) == .failure(CommandLineError("unknown command 'launch'")))
        #expect(GatewayCommand.parse([]) == .failure(CommandLineError("missing command")))
    }

    @Test func unknownOptionIsRejected() {
        #expect(
            GatewayCommand.parse(["serve", "--verbose"]) == .failure(CommandLineError("unknown option '--verbose'"))
        )
    }

    @Test func missingOptionValueIsRejected() {
        #expect(
            GatewayCommand.parse(["check", "--config"])
                == .failure(CommandLineError("option --config needs a value"))
        )
    }
}
