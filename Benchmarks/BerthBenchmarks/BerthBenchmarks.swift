import ComposeModel
import Foundation
import StackTemplates

/// Benchmarks, not timed tests. Run with `swift run -c release BerthBenchmarks ...`:
///
/// - `BerthBenchmarks [iterations]`: load and validate a generated 200-service compose file.
/// - `BerthBenchmarks template SERVICES VOLUMES [iterations] [--write DIR]`: render the
///   infrastructure templates of a generated site (nested stacks included) and report sizes.
@main struct BerthBenchmarks {
    static func main() throws {
        if CommandLine.arguments.dropFirst().first == "template" {
            try templateBenchmark(Array(CommandLine.arguments.dropFirst(2)))
            return
        }
        let iterations = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 50
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("berth-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = composeFile(services: 200)
        try text.write(to: directory.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
        try "PORT=8080\n".write(to: directory.appendingPathComponent(".env"), atomically: true, encoding: .utf8)

        let options = ComposeLoadOptions(workingDirectory: directory.path, processEnvironment: ["TAG": "1.0"])
        let warmUp = ComposeLoader.load(options)
        guard let site = warmUp.site, !warmUp.hasErrors else {
            print("the generated file did not validate:\n" + warmUp.diagnostics.map(\.description).joined(separator: "\n"))
            throw ExitCode()
        }
        var samples: [Double] = []
        for _ in 0..<iterations {
            let start = ContinuousClock.now
            let result = ComposeLoader.load(options)
            let elapsed = ContinuousClock.now - start
            precondition(result.site?.services.count == site.services.count)
            samples.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
        }
        samples.sort()
        let median = samples[samples.count / 2]
        print(
            "compose load+validate, \(site.services.count) services, \(text.split(separator: "\n").count) lines, \(iterations) runs: "
                + String(format: "median %.2f ms, min %.2f ms", median, samples[0]))
    }

    struct ExitCode: Error {}

    /// A realistic file: every service has an image or build, environment, ports or expose,
    /// volumes, depends_on, healthcheck and deploy resources; fragments and interpolation included.
    static func templateBenchmark(_ arguments: [String]) throws {
        let services = arguments.first.flatMap(Int.init) ?? 200
        let volumes = arguments.dropFirst().first.flatMap(Int.init) ?? 20
        let iterations = arguments.dropFirst(2).first.flatMap(Int.init) ?? 10
        let writeDirectory = arguments.firstIndex(of: "--write").flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("berth-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try composeFile(services: services, volumes: volumes).write(
            to: directory.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
        let loaded = ComposeLoader.load(ComposeLoadOptions(workingDirectory: directory.path, processEnvironment: ["TAG": "1.0", "PORT": "8080"]))
        guard let site = loaded.site, !loaded.hasErrors else {
            print("the generated file did not validate:\n" + loaded.diagnostics.map(\.description).joined(separator: "\n"))
            throw ExitCode()
        }
        let input = InfraStackInput(site: site, environmentName: "bench")
        var samples: [Double] = []
        var files: [(fileName: String, yaml: String)] = []
        for _ in 0..<iterations {
            let start = ContinuousClock.now
            files = InfraStack(input).renderAll()
            let elapsed = ContinuousClock.now - start
            samples.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
        }
        samples.sort()
        let template = InfraStack(input).template()
        print(
            "template render, \(services) services, \(volumes) volumes, \(iterations) runs: "
                + String(format: "median %.1f ms, min %.1f ms", samples[samples.count / 2], samples[0]))
        print("  \(template.resources.count) resources in all, \(files.count) template files, \(files.map(\.yaml.utf8.count).reduce(0, +)) bytes")
        for file in files {
            print("  \(file.fileName): \(file.yaml.utf8.count) bytes, \(file.yaml.components(separatedBy: "\n    Type: ").count - 1) resources")
        }
        if let writeDirectory {
            try FileManager.default.createDirectory(atPath: writeDirectory, withIntermediateDirectories: true)
            for file in files {
                try file.yaml.write(toFile: writeDirectory + "/" + file.fileName, atomically: true, encoding: .utf8)
            }
        }
    }

    static func composeFile(services count: Int, volumes volumeCount: Int = 20) -> String {
        var lines = [
            "name: benchmark",
            "x-health: &health",
            "  interval: 10s",
            "  timeout: 5s",
            "  retries: 3",
            "services:",
        ]
        for index in 0..<count {
            lines += [
                "  svc\(index):",
                index % 3 == 0 ? "    build: ./svc\(index)" : "    image: \"registry.example.com/svc\(index):${TAG:-latest}\"",
                "    environment:",
                "      SERVICE: svc\(index)",
                "      PORT: ${PORT}",
                "      LOG_LEVEL: info",
                index % 10 == 0 ? "    ports: [\"\(10000 + index):8080\"]" : "    expose: [\"8080\"]",
                "    volumes:",
                "      - data\(index % max(1, volumeCount)):/data",
                "    healthcheck:",
                "      <<: *health",
                "      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost:8080/health\"]",
                "    deploy:",
                "      replicas: \(1 + index % 3)",
                "      resources:",
                "        limits: { cpus: \"\(index % 2 == 0 ? "0.5" : "1")\", memory: \(512 * (1 + index % 4))M }",
            ]
            if index > 0 {
                lines += ["    depends_on:", "      svc\(index - 1):", "        condition: service_healthy"]
            }
        }
        lines.append("volumes:")
        for index in 0..<max(1, volumeCount) { lines.append("  data\(index):") }
        return lines.joined(separator: "\n") + "\n"
    }
}
