import ComposeModel
import DeployEngine
import Testing

/// Config and secret contents are read through the loader's file-system seam, from the path the
/// loader resolved: so a site loaded in memory deploys from memory too.
struct ContentReaderTests {
    let reader = ContentReader(
        processEnvironment: ["TOKEN": "from-env"],
        fileSystem: InMemoryFileSystem(files: ["/project/conf/nginx.conf": "events {}", "/common/ca.pem": "PEM"]))

    @Test func filesAreReadRelativeToTheProjectThroughTheSeam() throws {
        #expect(try reader.read(ContentSource(kind: .file, value: "conf/nginx.conf"), project: "/project") == "events {}")
        #expect(try reader.read(ContentSource(kind: .file, value: "./conf/../conf/nginx.conf"), project: "/project") == "events {}")
        #expect(try reader.read(ContentSource(kind: .file, value: "../common/ca.pem"), project: "/project") == "PEM")
        #expect(try reader.read(ContentSource(kind: .file, value: "/common/ca.pem"), project: "/project") == "PEM")
    }

    @Test func inlineContentAndEnvironmentVariables() throws {
        #expect(try reader.read(ContentSource(kind: .content, value: "inline"), project: "/project") == "inline")
        #expect(try reader.read(ContentSource(kind: .environment, value: "TOKEN"), project: "/project") == "from-env")
    }

    @Test func aMissingFileOrVariableSaysWhatToDo() {
        #expect(throws: DeployError.self) { try reader.read(ContentSource(kind: .file, value: "missing.conf"), project: "/project") }
        #expect(throws: DeployError.self) { try reader.read(ContentSource(kind: .environment, value: "UNSET"), project: "/project") }
        #expect(throws: DeployError.self) { try reader.read(ContentSource(kind: .external, value: "site-config"), project: "/project") }
    }
}
