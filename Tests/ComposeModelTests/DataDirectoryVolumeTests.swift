import ComposeModel
import Testing

/// A bind-mounted data directory (`./data/ghost:/var/lib/ghost/content`, as Ghost's own compose
/// file has) becomes a named EFS volume once the file opts in, site-wide or per mount, with a
/// name derived from the path that stays the same every time; without the opt-in the error names
/// the option and the name the volume would get.
struct DataDirectoryVolumeTests {
    static func load(_ compose: String) -> ComposeLoadResult {
        TestSupport.load(compose, directories: ["data", "data/ghost", "data/mysql", "data_ghost", "backend"])
    }

    static let ghost = """
        services:
          ghost:
            image: ghost:6-alpine
            volumes: ["./data/ghost:/var/lib/ghost/content"]
          db:
            image: mysql:8.0
            volumes: ["./data/mysql:/var/lib/mysql:ro"]
        """

    @Test func withoutTheOptInTheErrorNamesItAndTheVolume() throws {
        let result = Self.load(Self.ghost)
        let error = try #require(result.errors.first { $0.path == "services.ghost.volumes[0]" })
        #expect(error.message == "bind-mounts the host directory ./data/ghost, which Fargate tasks cannot see")
        #expect(
            error.hint
                == "Set `x-berth: {bind_mounts: volumes}` to keep it on EFS as volume data-ghost (then `berth volume upload`), or COPY the files into the image"
        )
        #expect(error.location?.line == 4)
    }

    @Test func theSiteWideOptInMakesANamedVolumePerDirectory() throws {
        let result = Self.load(Self.ghost + "\nx-berth: {bind_mounts: volumes}\n")
        #expect(result.errors.isEmpty, "\(result.errors.map(\.description))")
        let site = try #require(result.site)
        #expect(site.volumes.map(\.name) == ["data-ghost", "data-mysql"])
        #expect(site.volumes.map(\.hostDirectory) == ["data/ghost", "data/mysql"])
        let ghost = try #require(site.service(named: "ghost")?.mounts.first)
        #expect(ghost.kind == .volume && ghost.source == "data-ghost" && ghost.target == "/var/lib/ghost/content" && !ghost.readOnly)
        #expect(site.service(named: "db")?.mounts.first?.readOnly == true)
        let note = try #require(result.diagnostics.first { $0.path == "services.ghost.volumes[0]" })
        #expect(note.severity == .note)
        #expect(
            note.message
                == "the host directory ./data/ghost becomes named volume data-ghost on EFS; after a deploy, `berth volume upload data-ghost ./data/ghost` copies its files in"
        )
        // Backed up like any named volume Berth makes.
        #expect(site.backedUpVolumes.map(\.name) == ["data-ghost", "data-mysql"])
    }

    @Test func aMountOptsInAloneWithANameOrTheDerivedOne() throws {
        let compose = """
            services:
              ghost:
                image: ghost:6-alpine
                volumes:
                  - {type: bind, source: ./data/ghost, target: /var/lib/ghost/content, x-berth: {volume: ghost-content}}
                  - {type: bind, source: ./data/mysql, target: /srv, x-berth: {volume: true}}
            """
        let result = Self.load(compose)
        #expect(result.errors.isEmpty, "\(result.errors.map(\.description))")
        #expect(result.site?.volumes.map(\.name) == ["ghost-content", "data-mysql"])
    }

    @Test func aMountCanStayOutOfTheSiteWideOptIn() throws {
        let compose = """
            services:
              ghost:
                image: ghost:6-alpine
                volumes: [{type: bind, source: ./data/ghost, target: /x, x-berth: {volume: false}}]
            x-berth: {bind_mounts: volumes}
            """
        #expect(Self.load(compose).errors.map(\.path) == ["services.ghost.volumes[0]"])
    }

    @Test func servicesMountingOneDirectoryShareItsVolume() throws {
        let compose = """
            services:
              a: {image: nginx, volumes: ["./data/ghost:/a"]}
              b: {image: nginx, volumes: ["./data/ghost/:/b:ro"]}
            x-berth: {bind_mounts: volumes}
            """
        let result = Self.load(compose)
        #expect(result.errors.isEmpty)
        #expect(result.site?.volumes.map(\.name) == ["data-ghost"])
    }

    @Test func namesThatClashAreErrors() throws {
        let declared = """
            services:
              a: {image: nginx, volumes: ["./data/ghost:/a", "data-ghost:/b"]}
            volumes: {data-ghost: {}}
            x-berth: {bind_mounts: volumes}
            """
        let taken = try #require(Self.load(declared).errors.first)
        #expect(taken.message == "./data/ghost would become volume data-ghost, but a declared volume has that name")
        let twoDirectories = """
            services:
              a: {image: nginx, volumes: ["./data/ghost:/a", "./data_ghost:/b"]}
            x-berth: {bind_mounts: volumes}
            """
        let clash = try #require(Self.load(twoDirectories).errors.first)
        #expect(clash.message == "data_ghost and data/ghost would both become volume data-ghost")
    }

    @Test func aBadSettingIsLocated() throws {
        let result = Self.load(Self.ghost + "\nx-berth: {bind_mounts: yes-please}\n")
        let error = try #require(result.errors.first { $0.path == "x-berth.bind_mounts" })
        #expect(error.message == "\"yes-please\" is not a bind_mounts setting")
    }

    /// A folder the image already has stays local even with the opt-in: the image serves it.
    @Test func aCopiedSourceFolderIsStillLocalOnly() throws {
        let compose = """
            services:
              backend: {build: ./backend, volumes: ["./backend:/app"]}
            x-berth: {bind_mounts: volumes}
            """
        let result = TestSupport.load(compose, files: ["backend/Dockerfile": "FROM node:22\nWORKDIR /app\nCOPY . .\n"], directories: ["backend"])
        #expect(result.errors.isEmpty && result.site?.volumes.isEmpty == true)
    }

    @Test func derivedNamesAreStableSlugs() {
        #expect(NamedVolume.derivedName(hostDirectory: "data/ghost") == "data-ghost")
        #expect(NamedVolume.derivedName(hostDirectory: ".") == "project")
        #expect(NamedVolume.derivedName(hostDirectory: "/srv/Ghost Content") == "srv-ghost-content")
        #expect(NamedVolume.uploadCommand(volume: "data-ghost", directory: "data/ghost") == "berth volume upload data-ghost ./data/ghost")
        #expect(NamedVolume.uploadCommand(volume: "v", directory: "/srv/my data") == "berth volume upload v '/srv/my data'")
    }
}
