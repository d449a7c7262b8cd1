// swift-tools-version:6.0
import PackageDescription

/// One set of compiler settings for every target (STYLE.md).
let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "dsar",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dsar", targets: ["dsar"]),
        .executable(name: "dsar-bench", targets: ["DeskBench"]),
        .executable(name: "dsar-portal", targets: ["dsar-portal"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // SHA-256 of the audit log (BoringSSL, SHA-NI): measured against DeskCore.SHA256 in the README.
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(name: "Postgres", dependencies: ["CLibPQ"], swiftSettings: strict),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(name: "MailTransport", dependencies: ["CCurl"], swiftSettings: strict),
        .target(name: "DeskCore", dependencies: [.product(name: "Crypto", package: "swift-crypto")], swiftSettings: strict),
        .target(
            name: "DeskStore",
            dependencies: ["DeskCore", "Postgres", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        // Sample and synthetic data (`dsar demo`): generators stay out of persistence.
        .target(
            name: "DeskDemo",
            dependencies: ["DeskCore", "DeskStore", "Postgres", "Letters", "LetterDesk"],
            swiftSettings: strict
        ),
        .target(name: "MailIntake", dependencies: ["DeskCore"], swiftSettings: strict),
        .target(
            name: "Letters",
            dependencies: ["DeskCore", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: strict
        ),
        .target(name: "Reports", dependencies: ["DeskCore"], swiftSettings: strict),
        .target(
            name: "LetterDesk",
            dependencies: ["DeskCore", "DeskStore", "Postgres", "Letters", "MailTransport"],
            swiftSettings: strict
        ),
        .target(
            name: "DeskIntake",
            dependencies: ["DeskCore", "DeskStore", "Postgres", "MailIntake", "LetterDesk", "MailTransport"],
            swiftSettings: strict
        ),
        // What every program (dsar, dsar-portal, dsar-bench) shares: the clock (DSAR_NOW) and one
        // sentence and exit code for every library error, so no program words an error its own way.
        .target(
            name: "DeskProgram",
            dependencies: [
                "DeskCore", "DeskStore", "Postgres", "MailIntake", "Letters", "Reports", "MailTransport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "dsar",
            dependencies: [
                "DeskCore", "DeskStore", "Postgres", "MailIntake", "DeskIntake", "Letters", "LetterDesk", "Reports", "MailTransport",
                "DeskDemo", "DeskProgram",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The requester's portal (issue 17): a separate executable so that `dsar` never links Hummingbird.
        .target(
            name: "DeskPortal",
            dependencies: [
                "DeskCore", "DeskStore", "Postgres", "Letters", "LetterDesk", "MailTransport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "dsar-portal",
            dependencies: [
                "DeskPortal", "DeskStore", "DeskProgram", "DeskCore", "Postgres", "MailTransport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // In-process benchmark drivers for `make bench` (scripts/bench/run.py).
        .executableTarget(
            name: "DeskBench",
            dependencies: [
                "DeskCore", "DeskStore", "Postgres", "Letters", "LetterDesk", "DeskProgram",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .target(name: "DeskTestSupport", dependencies: ["Postgres", "DeskStore", "MailTransport"], path: "Tests/DeskTestSupport", swiftSettings: strict),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "DeskCore", "DeskTestSupport"], swiftSettings: strict),
        .testTarget(name: "DeskCoreTests", dependencies: ["DeskCore"], swiftSettings: strict),
        .testTarget(
            name: "DeskStoreTests", dependencies: ["DeskStore", "DeskCore", "Postgres", "DeskTestSupport", "DeskIntake", "MailIntake"],
            swiftSettings: strict),
        .testTarget(
            name: "DeskDemoTests", dependencies: ["DeskDemo", "DeskStore", "DeskCore", "Postgres", "DeskTestSupport"],
            swiftSettings: strict),
        .testTarget(name: "MailIntakeTests", dependencies: ["MailIntake", "DeskCore"], exclude: ["Corpus", "HeldOut"], resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "LettersTests", dependencies: ["Letters", "DeskCore", "DeskTestSupport"], exclude: ["Snapshots"], swiftSettings: strict),
        .testTarget(
            name: "LetterDeskTests", dependencies: ["LetterDesk", "DeskStore", "DeskCore", "Letters", "Postgres", "DeskTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(name: "MailTransportTests", dependencies: ["MailTransport", "DeskTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "DeskPortalTests",
            dependencies: [
                "DeskPortal", "DeskStore", "DeskCore", "Postgres", "MailTransport", "DeskTestSupport", "LetterDesk", "Letters",
                "dsar-portal", "DeskProgram",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DeskProgramTests",
            dependencies: ["DeskProgram", "DeskCore", "DeskStore", "Letters", "Reports", "MailIntake", "Postgres", "MailTransport"],
            swiftSettings: strict),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "DeskCore"], swiftSettings: strict),
        .testTarget(
            name: "dsarTests", dependencies: ["DeskStore", "Postgres", "DeskCore", "Letters", "DeskTestSupport", "MailTransport", "dsar"],
            swiftSettings: strict),
    ]
)
