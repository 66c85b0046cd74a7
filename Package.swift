// swift-tools-version: 6.0
import PackageDescription

/// One settings array for every target, so the whole package is held to the same rules.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "berth",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "berth", targets: ["berth"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .executableTarget(
            name: "berth",
            dependencies: ["BerthCLI"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BerthCLI",
            dependencies: [
                "AWSRuntime", "AWSServices", "BerthJSON", "ComposeModel", "ImageRegistry", "StackTemplates", "DeployEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BerthJSON",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SigV4",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AWSRuntime",
            dependencies: [
                "SigV4", "BerthJSON",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AWSServices",
            dependencies: ["AWSRuntime", "SigV4"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ImageRegistry",
            dependencies: ["AWSRuntime", "ComposeModel", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ComposeModel",
            dependencies: ["BerthJSON", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "StackTemplates",
            dependencies: ["ComposeModel", "BerthJSON"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DeployEngine",
            dependencies: ["AWSRuntime", "AWSServices", "BerthJSON", "ComposeModel", "ImageRegistry", "StackTemplates", "SigV4"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BerthTesting",
            dependencies: ["AWSRuntime", "BerthJSON", "SigV4", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "BerthBenchmarks",
            dependencies: ["ComposeModel", "StackTemplates"],
            path: "Benchmarks/BerthBenchmarks",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SigV4Tests",
            dependencies: ["SigV4"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AWSRuntimeTests",
            dependencies: ["AWSRuntime", "AWSServices", "BerthTesting", "SigV4", "BerthJSON"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AWSServicesTests",
            dependencies: ["AWSRuntime", "AWSServices", "BerthTesting", "SigV4", "BerthJSON"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ImageRegistryTests",
            dependencies: ["ImageRegistry", "AWSRuntime", "BerthTesting", "ComposeModel"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ComposeModelTests",
            dependencies: ["ComposeModel", "BerthJSON", "BerthTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StackTemplatesTests",
            dependencies: ["StackTemplates", "ComposeModel", "BerthTesting"],
            exclude: ["Golden"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DeployEngineTests",
            dependencies: [
                "DeployEngine", "BerthTesting", "AWSRuntime", "AWSServices", "ImageRegistry", "StackTemplates", "ComposeModel",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Golden"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BerthCLITests",
            dependencies: [
                "BerthCLI", "BerthTesting", "AWSRuntime", "DeployEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "AWSRuntime", "AWSServices", "BerthCLI", "BerthTesting", "SigV4", "DeployEngine", "ImageRegistry", "StackTemplates", "ComposeModel",
                "BerthJSON",
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
    ]
)
