import ComposeModel
import Testing

/// Published ports that compose means for the developer's machine stay inside the site on
/// Fargate: loopback-bound ports, and databases' ports unless the service opts in.
struct PortExposureTests {
    static func ports(_ result: ComposeLoadResult, _ service: String) -> [String] {
        (result.site?.service(named: service)?.ports ?? []).map { "\($0.published.map { "\($0):" } ?? "")\($0.target)" }
    }

    @Test func loopbackAndDatabasePortsStayInside() throws {
        let result = TestSupport.load(
            """
            services:
              web:
                image: wordpress
                ports: ["127.0.0.1:8080:80", "8443:443"]
              db:
                image: postgres:16
                ports: ["5432:5432"]
              mongo:
                image: mongo:7
                ports: ["[::1]:27017:27017"]
            """)
        #expect(!result.hasErrors, "\(result.errorSummaries)")
        #expect(Self.ports(result, "web") == ["80", "8443:443"])
        #expect(Self.ports(result, "db") == ["5432"])
        #expect(Self.ports(result, "mongo") == ["27017"])
        let loopback = try #require(result.diagnostics(matching: "127.0.0.1:8080 is bound to loopback").first)
        #expect(loopback.severity == .note && loopback.location?.line == 4)
        #expect(loopback.message.contains("reachable as web:80"))
        let database = try #require(result.diagnostics(matching: "port 5432 is PostgreSQL's").first)
        #expect(database.severity == .warning && database.location?.line == 7)
        #expect(database.hint?.contains("public_ports: [5432]") == true)
        // Loopback says it already: no second word about the database.
        #expect(result.diagnostics(matching: "MongoDB").isEmpty)
    }

    @Test func aServiceMayPublishItsDatabasePortOnPurpose() {
        let result = TestSupport.load(
            "services:\n  db:\n    image: postgres:16\n    ports: [\"5432:5432\"]\n    x-berth: {public_ports: [5432]}\n")
        #expect(!result.hasErrors, "\(result.errorSummaries)")
        #expect(Self.ports(result, "db") == ["5432:5432"])
        #expect(result.warnings.isEmpty)
    }

    @Test func publicPortsIsNotPerEnvironment() {
        let result = TestSupport.load(
            """
            services:
              db: {image: postgres:16, ports: ["5432:5432"]}
            x-berth:
              environments:
                prod:
                  services:
                    db: {public_ports: [5432]}
            """)
        #expect(
            result.errorSummaries == [
                "7:28 x-berth.environments.prod.services.db.public_ports: public_ports is set on the service, not per environment"
            ])
    }
}

extension PortExposureTests {
    @Test func aContainersOwnTLSIsNoted() throws {
        let result = TestSupport.load("services:\n  caddy:\n    image: caddy:2\n    ports: [\"80:80\", \"443:443\"]\n")
        let note = try #require(result.diagnostics(matching: "container's own TLS").first)
        #expect(note.severity == .note && note.location?.line == 4)
        #expect(Self.ports(result, "caddy") == ["80:80", "443:443"])
    }
}
