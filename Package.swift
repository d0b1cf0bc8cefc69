// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "qlcb-cntt",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "qlcb", targets: ["qlcb"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.12.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.0"),
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.0"),
        // Up to the next minor: `SpecLimitsMiddleware` calls its SPI (`Converter.validateAcceptIfPresent`).
        .package(url: "https://github.com/apple/swift-openapi-runtime", .upToNextMinor(from: "1.13.0")),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/vapor/swift-openapi-vapor", from: "1.2.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/jpsim/Yams", "5.0.0"..<"7.0.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.0.0"),
    ],
    targets: [
        .target(name: "Domain", swiftSettings: strict),
        .systemLibrary(name: "CPangoCairo", pkgConfig: "pangocairo",
                       providers: [.apt(["libpango1.0-dev", "libcairo2-dev"])]),
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .systemLibrary(name: "CXlsxWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        // zlib's deflate entry points with a level chosen per thread (ADR 0019): exported from the
        // executable so that libminizip (under libxlsxwriter) calls them.
        .target(name: "CDeflateLevel",
                linkerSettings: [.linkedLibrary("z"),
                                 .unsafeFlags(["-Xlinker", "--export-dynamic-symbol=deflateInit_",
                                               "-Xlinker", "--export-dynamic-symbol=deflateInit2_"], .when(platforms: [.linux]))]),
        // The FTS5 tokenizer of ticket word pairs (ADR 0022), registered with the server's own SQLite.
        .target(name: "CTicketWordPairs", dependencies: [.product(name: "SQLiteNIO", package: "sqlite-nio")]),
        // The SQL function qlcb_id_in, a walk's test against a reach read out (ADR 0020).
        .target(name: "CIDSet", dependencies: [.product(name: "SQLiteNIO", package: "sqlite-nio")]),
        .target(name: "Documents", dependencies: ["Domain", "CPangoCairo", "CQREncode", "CXlsxWriter", "CDeflateLevel"],
                swiftSettings: strict),
        .target(
            name: "App",
            dependencies: [
                "Domain",
                "Documents",
                "CTicketWordPairs",
                "CIDSet",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "OpenAPIVapor", package: "swift-openapi-vapor"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict,
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        .executableTarget(name: "qlcb", dependencies: ["App"], swiftSettings: strict),
        .testTarget(name: "DomainTests", dependencies: ["Domain"], swiftSettings: strict),
        .testTarget(name: "DocumentsTests", dependencies: ["Documents", "CPangoCairo"],
                    exclude: ["References"], swiftSettings: strict),
        .testTarget(
            name: "AppTests",
            dependencies: [
                "App",
                .product(name: "VaporTesting", package: "vapor"),
            ],
            swiftSettings: strict
        ),
    ]
)
