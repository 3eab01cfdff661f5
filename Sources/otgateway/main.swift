import CCurl
import Foundation
import Gateway

// Process-global set-up happens here and nowhere else, before any thread starts:
// a peer that closes its socket must not kill the process with SIGPIPE, and libcurl's
// global state must be initialised once, single-threaded.
signal(SIGPIPE, SIG_IGN)
guard curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK else {
    FileHandle.standardError.write(Data("otgateway: libcurl failed to initialise\n".utf8))
    exit(1)
}

let exitCode: Int32
switch GatewayCommand.parse(Array(CommandLine.arguments.dropFirst())) {
case .failure(let error):
    FileHandle.standardError.write(Data("otgateway: \(error.message)\n\n\(GatewayCommand.usage)\n".utf8))
    exitCode = 2
case .success(let command):
    exitCode = await CommandRunner.run(command)
}
exit(exitCode)
