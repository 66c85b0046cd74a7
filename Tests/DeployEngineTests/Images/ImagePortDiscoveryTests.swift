import ComposeModel
import DeployEngine
import Foundation
import ImageRegistry
import StackTemplates
import Testing

/// An image source that answers from a table, as the registry would for these published images.
struct TableImageSource: ImageConfigSource {
    var table: [String: [Int]]
    var failing: [String: RegistryError.Kind] = [:]
    var users: [String: String] = [:]

    func config(of image: ImageReference, platform: RegistryClient.Platform) async throws(RegistryError) -> ImageConfig {
        let key = "\(image.repository):\(image.reference)"
        if let kind = failing[key] { throw RegistryError(kind, image: image.description, "refused by the table", code: "TABLE") }
        guard let ports = table[key] else {
            throw RegistryError(.notFound, image: image.description, "the registry has no such image", code: "MANIFEST_UNKNOWN")
        }
        return ImageConfig(exposedPorts: ports.map { .init(number: $0) }, user: users[key], digest: "sha256:" + String(repeating: "a", count: 64))
    }
}

@Suite struct ImagePortDiscoveryTests {
    static func load(_ yaml: String, files: [String: String] = [:]) throws -> Site {
        var all = ["/project/compose.yaml": yaml]
        for (path, text) in files { all["/project/\(path)"] = text }
        let result = ComposeLoader.load(ComposeLoadOptions(workingDirectory: "/project", fileSystem: InMemoryFileSystem(files: all, directories: [])))
        return try #require(result.site)
    }

    let source = TableImageSource(table: ["library/mysql:8.0": [3306, 33060], "library/php:8.3-fpm": [9000], "library/redis:7": [6379]])

    @Test func theWordpressDatabaseGetsTheImagesPorts() async throws {
        let site = try Self.load(
            """
            services:
              wordpress: {image: wordpress, ports: ["8080:80"], environment: {WORDPRESS_DB_HOST: db}}
              db: {image: "mysql:8.0"}
              worker: {image: "redis:7"}
            """)
        let result = await ImagePortDiscovery(source: source).discover(in: site)
        let db = try #require(result.site.service(named: "db"))
        #expect(db.expose == [ExposedPort(port: 3306, foundIn: "image mysql:8.0"), ExposedPort(port: 33060, foundIn: "image mysql:8.0")])
        #expect(
            result.site.service(named: "worker")?.expose == [ExposedPort(port: 6379, foundIn: "image redis:7")],
            "compose lets anything reach worker by name, even from a config Berth cannot read")
        #expect(
            result.diagnostics.map(\.description) == [
                "compose.yaml:3:3: note: services.db: reachable as db on 3306/tcp, 33060/tcp, the ports of image mysql:8.0 (wordpress reaches it (environment WORDPRESS_DB_HOST))",
                "compose.yaml:4:3: note: services.worker: reachable as worker on 6379/tcp, the ports of image redis:7",
            ])
    }

    @Test func declaredPortsAreNeverLookedUp() async throws {
        let site = try Self.load(
            """
            services:
              app: {image: app, ports: ["80:80"], depends_on: [db]}
              db: {image: "mysql:8.0", expose: ["3307"]}
            """)
        let result = await ImagePortDiscovery(source: TableImageSource(table: [:])).discover(in: site)
        #expect(result.site == site)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func whenPortsCannotBeFoundTheWarningSaysWhoNeedsThemAndWhatToAdd() async throws {
        let site = try Self.load(
            """
            services:
              app: {image: app, ports: ["80:80"], depends_on: [db, cache]}
              db: {image: "mysql:9.9"}
              cache: {image: "redis:7"}
            """)
        let source = TableImageSource(table: [:], failing: ["library/redis:7": .rateLimited])
        let result = await ImagePortDiscovery(source: source).discover(in: site)
        #expect(
            result.diagnostics.map(\.description) == [
                "compose.yaml:3:3: warning: services.db: app reaches it (depends_on) but Berth cannot tell which port db listens on: could not read image mysql:9.9: the registry has no such image (MANIFEST_UNKNOWN) (add expose: [\"PORT\"] to db, e.g. the port its image documents)",
                "compose.yaml:4:3: warning: services.cache: app reaches it (depends_on) but Berth cannot tell which port cache listens on: could not read image redis:7: refused by the table (TABLE) (add expose: [\"PORT\"] to cache, e.g. the port its image documents)",
            ])
        #expect(result.site.service(named: "db")?.expose == [])
    }

    @Test func anUnnamedServiceWhosePortsAreUnknownGetsANoteNotAWarning() async throws {
        let site = try Self.load(
            """
            services:
              app: {image: app, ports: ["80:80"]}
              queue: {image: "custom/queue:1"}
              cron: {image: "library/node:20"}
            """)
        let source = TableImageSource(table: ["library/node:20": []])
        let result = await ImagePortDiscovery(source: source).discover(in: site)
        #expect(
            result.diagnostics.map(\.description) == [
                "compose.yaml:3:3: note: services.queue: no other service names queue, and its ports are unknown: could not read image custom/queue:1: the registry has no such image (MANIFEST_UNKNOWN) (add expose: if something reaches it by name)"
            ], "an image that declares no port (a worker) is silent")
    }

    @Test func lookupsOffStillReadsDockerfiles() async throws {
        let site = try Self.load(
            """
            services:
              web: {image: nginx, ports: ["80:80"], depends_on: [app, db]}
              app: {build: ./app}
              db: {image: "mysql:8.0"}
            """, files: ["app/Dockerfile": "FROM scratch\nEXPOSE 9000\n"])
        let result = await ImagePortDiscovery(
            source: nil, fileSystem: InMemoryFileSystem(files: ["/project/app/Dockerfile": "FROM scratch\nEXPOSE 9000\n"], directories: [])
        )
        .discover(in: site)
        #expect(result.site.service(named: "app")?.expose == [ExposedPort(port: 9000, foundIn: "its Dockerfile")])
        #expect(result.diagnostics.last?.message.hasSuffix("image lookups are off (BERTH_IMAGE_LOOKUP=off)") == true)
    }

    @Test func aBuiltPhpFpmUpstreamInheritsPort9000FromItsBaseImage() async throws {
        let dockerfile = "FROM php:8.3-fpm\nRUN docker-php-ext-install pdo_mysql\n"
        let site = try Self.load(
            """
            services:
              web: {image: nginx, ports: ["80:80"], depends_on: [app]}
              app: {build: {context: ., dockerfile: docker/php.Dockerfile}}
            """)
        let files = InMemoryFileSystem(files: ["/project/docker/php.Dockerfile": dockerfile], directories: [])
        let result = await ImagePortDiscovery(source: source, fileSystem: files).discover(in: site)
        #expect(result.site.service(named: "app")?.expose == [ExposedPort(port: 9000, foundIn: "its Dockerfile's base image php:8.3-fpm")])
    }

    @Test func theImagesUserOwnsAVolumeWhenTheServiceSetsNone() async throws {
        let site = try Self.load(
            """
            services:
              app: {image: "team/app:1", ports: ["80:80"], volumes: [data:/data]}
              named: {image: "team/named:1", ports: ["81:81"], volumes: [data:/data]}
              chosen: {image: "team/app:1", ports: ["82:82"], user: "0", volumes: [data:/data]}
              owned: {image: "team/named:1", ports: ["83:83"], volumes: [pinned:/data]}
            volumes:
              data:
              pinned: {driver_opts: {uid: "1000", gid: "1000"}}
            """)
        let source = TableImageSource(table: ["team/app:1": [80], "team/named:1": [81]], users: ["team/app:1": "999:998", "team/named:1": "node"])
        let result = await ImagePortDiscovery(source: source).discover(in: site)
        #expect(result.site.service(named: "app")?.imageUser == "999:998")
        #expect(result.site.service(named: "chosen")?.imageUser == nil, "user: wins, no lookup needed")
        #expect(
            result.diagnostics.map(\.description) == [
                "compose.yaml:3:3: note: services.named: its image runs as user node, but volume data's directory is created owned by root (0:0), which node may not be able to write (give the volume driver_opts uid and gid, or the service user: with the numeric ids)"
            ], "owned's volume has its uid; app's user is numeric")
        let owners = try DesiredStateBuilderProbe.accessPointOwners(result.site)
        #expect(owners["app"] == "999:998")
        #expect(owners["chosen"] == "0:0")
        #expect(owners["named"] == "0:0")
    }
}

/// The owners the services layer gives the access points of a site, as `uid:gid` by service.
enum DesiredStateBuilderProbe {
    static func accessPointOwners(_ site: Site) throws -> [String: String] {
        var target = ServicesReconcilerTests.target
        for volume in site.volumes { target.fileSystems[volume.name] = "fs-\(volume.name)" }
        let builder = DesiredStateBuilder(
            site: site, target: target, names: Names(project: "shop", environment: "dev"), content: ContentReader(processEnvironment: [:]))
        return Dictionary(try builder.accessPoints().map { ($0.service, "\($0.uid):\($0.gid)") }, uniquingKeysWith: { first, _ in first })
    }
}
