import Foundation
import Testing

/// The Dockerfile cannot be built here (no container engine), so these tests check what can be
/// read from it, and that the runtime stage's packages provide every shared library the built
/// binary loads.
@Suite struct DockerfileTests {
    /// Packages every `debian:bookworm-slim` image has, because apt and dpkg need them.
    static let basePackages: Set<String> = ["libc6", "libgcc-s1", "libstdc++6"]

    struct Stage {
        var from: String
        var name: String?
        var lines: [String]
    }

    /// Splits the Dockerfile into stages, with continuation lines joined and comments dropped.
    static func stages() throws -> [Stage] {
        let text = try RepositoryFiles.text("Dockerfile")
        var instructions: [String] = []
        var current = ""
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#") || (line.isEmpty && current.isEmpty) { continue }
            if line.hasSuffix("\\") {
                current += line.dropLast() + " "
                continue
            }
            current += line
            if !current.isEmpty { instructions.append(current) }
            current = ""
        }
        var stages: [Stage] = []
        for instruction in instructions {
            let words = instruction.split(separator: " ").map(String.init)
            if words.first == "FROM" {
                let name = words.count >= 4 && words[2].uppercased() == "AS" ? words[3] : nil
                stages.append(Stage(from: words[1], name: name, lines: []))
            } else if !stages.isEmpty {
                stages[stages.count - 1].lines.append(instruction)
            }
        }
        return stages
    }

    static func argument(_ name: String) throws -> String? {
        let text = try RepositoryFiles.text("Dockerfile")
        for line in text.split(separator: "\n") where line.hasPrefix("ARG \(name)=") {
            return String(line.dropFirst("ARG \(name)=".count))
        }
        return nil
    }

    /// Lists the packages the runtime stage installs with apt-get.
    static func runtimePackages() throws -> Set<String> {
        let runtime = try #require(try self.stages().last)
        var packages: Set<String> = []
        for line in runtime.lines where line.hasPrefix("RUN ") && line.contains("apt-get install") {
            let afterInstall = line.components(separatedBy: "apt-get install").last ?? ""
            let words = afterInstall.components(separatedBy: "&&").first?.split(separator: " ") ?? []
            for word in words where !word.hasPrefix("-") {
                packages.insert(String(word))
            }
        }
        return packages
    }

    @Test func buildStageUsesSwift6BookwormWithStaticStdlib() throws {
        let stages = try Self.stages()
        #expect(stages.count == 2)
        let build = try #require(stages.first)
        #expect(build.name == "build")
        let image = build.from == "${SWIFT_IMAGE}" ? try Self.argument("SWIFT_IMAGE") : build.from
        let swiftImage = try #require(image)
        #expect(swiftImage.hasPrefix("swift:6."), "\(swiftImage)")
        #expect(swiftImage.hasSuffix("-bookworm"), "\(swiftImage)")
        #expect(build.lines.contains { $0.contains("swift build -c release --static-swift-stdlib") })
    }

    @Test func runtimeStageIsSlimBookwormWithPackages() throws {
        let runtime = try #require(try Self.stages().last)
        #expect(runtime.from == "debian:bookworm-slim")
        let packages = try Self.runtimePackages()
        for package in ["libcurl4", "zlib1g", "libsqlite3-0", "libssl3", "ca-certificates", "curl"] {
            #expect(packages.contains(package), "runtime stage lacks \(package)")
        }
        #expect(runtime.lines.contains { $0.contains("rm -rf /var/lib/apt/lists/*") })
    }

    @Test func runtimeRunsAsNonRootWithDataVolume() throws {
        let runtime = try #require(try Self.stages().last)
        let user = try #require(runtime.lines.last { $0.hasPrefix("USER ") })
        let name = user.dropFirst(5).trimmingCharacters(in: .whitespaces)
        #expect(name != "root", "\(user)")
        #expect(name != "0", "\(user)")
        #expect(!name.hasPrefix("0:"), "\(user)")
        #expect(runtime.lines.contains { $0.hasPrefix("RUN ") && $0.contains("useradd") && $0.contains(name) })
        #expect(runtime.lines.contains { $0 == #"VOLUME ["/data"]"# || $0 == "VOLUME /data" })
        #expect(runtime.lines.contains { $0.hasPrefix("ENV ") && $0.contains("OTGW_DATA_DIR=/data") })
        #expect(runtime.lines.contains { $0.contains("chown") && $0.contains("/data") })
    }

    @Test func runtimeHasHealthCheckAndServeEntryPoint() throws {
        let runtime = try #require(try Self.stages().last)
        let healthCheck = try #require(runtime.lines.first { $0.hasPrefix("HEALTHCHECK ") })
        #expect(healthCheck.contains("/healthz"))
        #expect(healthCheck.contains("curl"))
        #expect(runtime.lines.contains(#"ENTRYPOINT ["/usr/local/bin/otgateway"]"#))
        #expect(runtime.lines.contains(#"CMD ["serve"]"#))
    }

    @Test func runtimeCopiesBinaryContractAndPublicFolder() throws {
        let runtime = try #require(try Self.stages().last)
        let copies = runtime.lines.filter { $0.hasPrefix("COPY ") }
        #expect(copies.contains { $0.contains("/usr/local/bin/otgateway") })
        #expect(copies.contains { $0.contains("openapi.yaml /usr/local/share/otgateway/openapi.yaml") })
        #expect(copies.contains { $0.contains("public") })
        let ignore = try RepositoryFiles.text(".dockerignore")
        #expect(ignore.contains(".build/"))
        #expect(ignore.contains("data/"))
    }

    /// Every system library the binary loads, directly or through another library, must come
    /// from a runtime package or from a package those depend on. Swift's own libraries belong
    /// to no Debian package; `--static-swift-stdlib` links them in.
    @Test func runtimePackagesCoverSharedLibraries() throws {
        let binary = try #require(Self.builtBinary(), "build otgateway first")
        let libraries = try Self.sharedLibraries(of: binary)
        #expect(libraries.contains { $0.hasSuffix("/libcurl.so.4") })

        let covered = Self.dependencyClosure(of: try Self.runtimePackages().union(Self.basePackages))
        var swiftLibraries: [String] = []
        for library in libraries {
            guard let package = Self.owningPackage(of: library) else {
                swiftLibraries.append(library)
                continue
            }
            #expect(covered.contains(package), "\(library) comes from \(package), which the runtime stage lacks")
        }
        for library in swiftLibraries {
            #expect(library.contains("/swift/"), "\(library) belongs to no Debian package and is not Swift's")
        }
        let build = try #require(try Self.stages().first)
        #expect(swiftLibraries.isEmpty || build.lines.contains { $0.contains("--static-swift-stdlib") })
    }

    static func builtBinary() -> String? {
        let root = RepositoryFiles.root.appendingPathComponent(".build")
        for configuration in ["release", "debug"] {
            let path = root.appendingPathComponent(configuration).appendingPathComponent("otgateway").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = try ChildProcess(
            path: executable,
            arguments: arguments,
            environment: ProcessInfo.processInfo.environment
        )
        let status = process.waitUntilExit()
        return (status, process.text)
    }

    /// Resolved paths from `ldd`, such as `/lib/x86_64-linux-gnu/libcurl.so.4`.
    static func sharedLibraries(of binary: String) throws -> [String] {
        let (status, output) = try self.run("/usr/bin/ldd", [binary])
        #expect(status == 0)
        return output.split(separator: "\n").compactMap { line in
            guard let arrow = line.range(of: "=> ") else { return nil }
            let path = line[arrow.upperBound...].split(separator: " ").first.map(String.init)
            return path?.hasPrefix("/") == true ? path : nil
        }
    }

    /// Finds the Debian package that ships `path`, tried as given and with symlinks resolved.
    static func owningPackage(of path: String) -> String? {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        for candidate in [path, resolved, "/usr" + path, "/usr" + resolved] {
            guard let (status, output) = try? self.run("/usr/bin/dpkg", ["-S", candidate]), status == 0,
                let line = output.split(separator: "\n").first,
                let colon = line.firstIndex(of: ":")
            else { continue }
            return String(line[..<colon])
        }
        return nil
    }

    /// Collects the packages and everything they depend on, from the installed packages' `Depends` and
    /// `Pre-Depends`; alternatives count as all present.
    static func dependencyClosure(of packages: Set<String>) -> Set<String> {
        var closure: Set<String> = []
        var pending = Array(packages)
        while let package = pending.popLast() {
            guard closure.insert(package).inserted else { continue }
            guard
                let (status, output) = try? self.run(
                    "/usr/bin/dpkg-query",
                    ["-W", "-f=${Depends}, ${Pre-Depends}", package]
                ), status == 0
            else { continue }
            for clause in output.split(separator: ",") {
                for alternative in clause.split(separator: "|") {
                    let name = alternative.trimmingCharacters(in: .whitespaces)
                        .split(separator: " ").first.map(String.init)?
                        .split(separator: ":").first.map(String.init)
                    if let name, !name.isEmpty { pending.append(name) }
                }
            }
        }
        return closure
    }
}
