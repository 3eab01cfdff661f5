import Glibc

/// A failed system call: the `errno` it set and the call's name, such as `accept4` or `send`.
public struct IOError: Error, Equatable, CustomStringConvertible {
    public var errno: Int32
    public var syscall: String

    public init(errno: Int32, syscall: String) {
        self.errno = errno
        self.syscall = syscall
    }

    public var description: String {
        "\(self.syscall) failed: \(String(cString: strerror(self.errno))) (errno \(self.errno))"
    }
}
