// swift-tools-version:6.0
import PackageDescription

// Targets follow the layers of docs/ARCHITECTURE.md: C shims at the bottom, then
// Observability, the transport and store libraries, then Gateway, then the executable.
let package = Package(
    name: "OTGateway",
    products: [
        .executable(name: "otgateway", targets: ["otgateway"])
    ],
    targets: [
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CSystem"),

        .target(name: "Observability"),
        .target(name: "HTTPServer", dependencies: ["Observability", "CSystem", "CZlib"]),
        .target(name: "OTAPI", dependencies: ["Observability", "CCurl", "CCrypto"]),
        .target(name: "Store", dependencies: ["Observability", "CSQLite"]),
        .target(
            name: "Gateway",
            dependencies: ["HTTPServer", "OTAPI", "Store", "Observability", "CCrypto"]
        ),
        .target(name: "OTSimulator", dependencies: ["HTTPServer", "OTAPI", "Observability", "CCrypto"]),
        .executableTarget(
            name: "otgateway",
            dependencies: ["Gateway", "OTSimulator", "HTTPServer", "OTAPI", "Observability", "CCurl"]
        ),

        .testTarget(name: "ObservabilityTests", dependencies: ["Observability"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "Observability", "CSystem", "CZlib"]),
        .testTarget(
            name: "OTAPITests",
            dependencies: ["OTAPI", "Observability", "CSystem"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "StoreTests", dependencies: ["Store"]),
        .testTarget(
            name: "GatewayTests",
            dependencies: ["Gateway", "OTSimulator", "HTTPServer", "OTAPI", "Store", "Observability", "CSystem"]
        ),
        .testTarget(name: "OTSimulatorTests", dependencies: ["OTSimulator", "OTAPI", "HTTPServer", "Observability"]),
    ],
    swiftLanguageModes: [.v6]
)
