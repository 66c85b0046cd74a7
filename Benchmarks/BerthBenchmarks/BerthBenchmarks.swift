import ComposeModel
import Foundation

/// Loads and validates a generated 200-service compose file N times and prints the median and
/// minimum wall time. A benchmark, not a timed test: run it with
/// `swift run -c release BerthBenchmarks [iterations]`.
@main struct BerthBenchmarks {
    static func main() throws {
        let iterations = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 50
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("berth-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = composeFile(services: 200)
        try text.write(to: directory.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
        try "PORT=8080\n".write(to: directory.appendingPathComponent(".env"), atomically: true, encoding: .utf8)

        let options = ComposeLoadOptions(workingDirectory: directory.path, environment: ["TAG": "1.0"])
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
    static func composeFile(services count: Int) -> String {
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
                "      - data\(index % 20):/data",
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
        for index in 0..<20 { lines.append("  data\(index):") }
        return lines.joined(separator: "\n") + "\n"
    }
}
