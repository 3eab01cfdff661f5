import CSystem
import Foundation

/// A child process started with `posix_spawn`, its standard output and error captured together.
///
/// Foundation's `Process.run()` on Linux crashed inside its own memcpy now and then while other
/// suites of this target ran in parallel (swift-corelibs-foundation of Swift 6.3.1), even with
/// every launch serialised, so the tests start children without it.
final class ChildProcess: @unchecked Sendable {
    // Safe: `output`, `exitStatus` and `reaped` are only touched while `lock` is held.
    private let lock = NSLock()
    private var output: [UInt8] = []
    private var exitStatus: Int32?
    private var reaped = false
    /// True once the output pipe reached end of file, or when output is not captured.
    private var outputClosed: Bool
    let pid: pid_t

    struct SpawnError: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts `path` with `arguments` and exactly `environment`. With `captureOutput` false the
    /// child's output goes to /dev/null.
    init(path: String, arguments: [String], environment: [String: String], captureOutput: Bool = true) throws {
        self.outputClosed = !captureOutput
        var pipeDescriptors: [Int32] = [-1, -1]
        if captureOutput {
            guard gw_pipe_cloexec(&pipeDescriptors) == 0 else {
                throw SpawnError(description: "pipe2 failed: errno \(errno)")
            }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if captureOutput {
            posix_spawn_file_actions_adddup2(&actions, pipeDescriptors[1], 1)
            posix_spawn_file_actions_adddup2(&actions, pipeDescriptors[1], 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var childPID: pid_t = 0
        let status = posix_spawn(&childPID, path, &actions, nil, argv, envp)
        if captureOutput {
            close(pipeDescriptors[1])
        }
        guard status == 0 else {
            if captureOutput { close(pipeDescriptors[0]) }
            throw SpawnError(description: "posix_spawn of \(path) failed: errno \(status)")
        }
        self.pid = childPID
        if captureOutput {
            let readDescriptor = pipeDescriptors[0]
            Thread { [self] in self.readOutput(readDescriptor) }.start()
        }
    }

    private func readOutput(_ descriptor: Int32) {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count > 0 {
                self.lock.lock()
                self.output.append(contentsOf: buffer[0..<count])
                self.lock.unlock()
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                break
            }
        }
        close(descriptor)
        self.lock.lock()
        self.outputClosed = true
        self.lock.unlock()
    }

    /// Everything the child wrote so far.
    var text: String {
        self.lock.lock()
        defer { self.lock.unlock() }
        return String(decoding: self.output, as: UTF8.self)
    }

    /// The exit status once the child ended (128 + signal number when a signal ended it), or nil.
    var status: Int32? {
        self.lock.lock()
        defer { self.lock.unlock() }
        if self.reaped { return self.exitStatus }
        var raw: Int32 = 0
        let result = waitpid(self.pid, &raw, WNOHANG)
        guard result == self.pid else { return nil }
        self.reaped = true
        let signalNumber = raw & 0x7F
        self.exitStatus = signalNumber == 0 ? (raw >> 8) & 0xFF : 128 + signalNumber
        return self.exitStatus
    }

    var isRunning: Bool { self.status == nil }

    func signal(_ number: Int32) {
        if self.isRunning {
            kill(self.pid, number)
        }
    }

    /// Whether the child ended and all of its output was read.
    var isFinished: Bool {
        guard self.status != nil else { return false }
        self.lock.lock()
        defer { self.lock.unlock() }
        return self.outputClosed
    }

    /// Blocks until the child ends and its output is read; for helpers that run short commands.
    func waitUntilExit() -> Int32 {
        while !self.isFinished {
            usleep(5_000)
        }
        return self.status ?? -1
    }
}
