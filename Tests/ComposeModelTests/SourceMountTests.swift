import ComposeModel
import Foundation
import Testing

/// A folder mounted over the service's own build is for live reloading on a laptop: when the
/// Dockerfile copies it to the place it is mounted at, the image already has it there and Berth
/// deploys without the mount (a note); when it does not, the error says so; a folder outside the
/// build stays the error it was.
struct SourceMountTests {
    static func load(_ compose: String, dockerfile: String?) -> ComposeLoadResult {
        TestSupport.load(compose, files: dockerfile.map { ["backend/Dockerfile": $0] } ?? [:], directories: ["backend", "backend/src", "data"])
    }

    static let compose = """
        services:
          backend:
            build: ./backend
            volumes: ["./backend/src:/usr/src/app/src", "./data:/var/lib/data"]
        """

    @Test func aFolderTheDockerfileCopiesIsLocalOnly() throws {
        let result = Self.load(
            Self.compose, dockerfile: "FROM node:22\nWORKDIR /usr/src\nWORKDIR app\nCOPY --chown=node package.json ./\nCOPY src ./src\n")
        let note = try #require(result.diagnostics.first { $0.path == "services.backend.volumes[0]" })
        #expect(note.severity == .note)
        #expect(
            note.message
                == "used for local development; the image already contains ./backend/src (COPY src /usr/src/app/src), so Berth deploys without this mount"
        )
        let backend = try #require(result.site?.service(named: "backend"))
        #expect(backend.mounts.isEmpty && backend.configFiles.isEmpty)
        // The data folder is outside the build: still the error it was.
        let data = try #require(result.errors.first { $0.path == "services.backend.volumes[1]" })
        #expect(data.message.hasPrefix("bind-mounts the host directory ./data, which Fargate tasks cannot see"))
    }

    @Test(arguments: ["WORKDIR /usr/src/app\nCOPY . .", "COPY ./ /usr/src/app/", "ADD . /usr/src/app", #"COPY ["src/", "/usr/src/app/src"]"#])
    func copiesOfTheWholeContextOrTheFolderToTheMountCover(_ line: String) throws {
        let result = Self.load(Self.compose, dockerfile: "FROM node:22\n\(line)\n")
        #expect(result.diagnostics.first { $0.path == "services.backend.volumes[0]" }?.severity == .note, "\(line)")
    }

    @Test(arguments: [
        "COPY package.json ./", "COPY --from=build /app/src /usr/src/app/src", "ADD https://example.com/src.tgz /usr/src/app", "COPY srcs /app",
    ])
    func otherCopiesDoNotCover(_ line: String) throws {
        let result = Self.load(Self.compose, dockerfile: "FROM node:22\n\(line)\n")
        let error = try #require(result.errors.first { $0.path == "services.backend.volumes[0]" }, "\(line)")
        #expect(error.message == "bind-mounts ./backend/src, inside the build context, but the Dockerfile does not copy src into the image")
    }

    /// The image has the folder, but somewhere else: the mount would not be replaced by it.
    @Test func aCopyToAnotherPlaceIsNamed() throws {
        let result = Self.load(Self.compose, dockerfile: "FROM node:22\nWORKDIR /code\nCOPY . .\n")
        let error = try #require(result.errors.first { $0.path == "services.backend.volumes[0]" })
        #expect(
            error.message
                == "bind-mounts ./backend/src, inside the build context, but the Dockerfile copies src to /code/src, not to /usr/src/app/src")
    }

    @Test func theStageBuiltIsTheOneThatCounts() throws {
        let compose = """
            services:
              backend:
                build: {context: ./backend, target: dev}
                volumes: ["./backend/src:/app/src"]
            """
        // A stage built on another keeps its WORKDIR and its copies.
        let dockerfile = "FROM node:22 AS base\nWORKDIR /app\nCOPY src src\nFROM base AS dev\nFROM node:22 AS other\n"
        #expect(Self.load(compose, dockerfile: dockerfile).diagnostics.first?.severity == .note)
        let other = compose.replacingOccurrences(of: "target: dev", with: "target: other")
        #expect(Self.load(other, dockerfile: dockerfile).errors.count == 1)
    }

    /// The four published files that mount their source over their build now validate as far as
    /// those mounts go (their Dockerfiles copy the folders).
    @Test(arguments: ["angular", "flask-redis", "react-express-mysql", "vuejs"])
    func awesomeComposeSourceMounts(_ project: String) {
        let directory = TestSupport.publishedFixtures + "/compose/awesome-compose/" + project
        let result = ComposeLoader.load(ComposeLoadOptions(workingDirectory: directory, processEnvironment: [:]))
        #expect(!result.errors.contains { $0.message.contains("bind-mounts") }, "\(result.errors.map(\.description))")
        #expect(result.diagnostics.contains { $0.message.hasPrefix("used for local development; the image already contains") })
    }
}
