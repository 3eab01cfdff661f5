import CSystem
import Glibc

/// The outcome of a system call on a non-blocking descriptor.
enum SyscallResult<Value> {
    case value(Value)
    /// The call would have blocked (`EAGAIN`/`EWOULDBLOCK`); wait for the descriptor's source.
    case wouldBlock
}

/// Runs one system call that returns -1 and sets `errno` on failure.
///
/// Every socket call of the server goes through here: `EINTR` retries the call, `EAGAIN`
/// becomes `.wouldBlock`, and `EBADF`/`EFAULT` trap because they can only come from a bug in
/// this module (a descriptor used after close, or a bad pointer), which must not be papered over.
/// Any other errno is thrown as an ``IOError`` naming the call.
func syscall<Result: BinaryInteger>(
    _ name: String,
    _ body: () -> Result
) throws(IOError) -> SyscallResult<Result> {
    while true {
        let result = body()
        if result != -1 {
            return .value(result)
        }
        let code = gw_errno()
        switch code {
        case EINTR:
            continue
        case EAGAIN, EWOULDBLOCK:
            return .wouldBlock
        case EBADF, EFAULT:
            preconditionFailure("\(name) failed with errno \(code): a descriptor or buffer was misused")
        default:
            throw IOError(errno: code, syscall: name)
        }
    }
}

/// Runs a system call that cannot return `EAGAIN` (setup calls on any descriptor).
func blockingSyscall<Result: BinaryInteger>(_ name: String, _ body: () -> Result) throws(IOError) -> Result {
    switch try syscall(name, body) {
    case .value(let value):
        return value
    case .wouldBlock:
        throw IOError(errno: EAGAIN, syscall: name)
    }
}

/// Closes a descriptor. `EINTR` counts as closed, because Linux releases the descriptor before
/// it reports the interruption and a retry could close a descriptor another thread just opened.
func closeDescriptor(_ fd: Int32) {
    _ = Glibc.close(fd)
}
