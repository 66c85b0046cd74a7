import ComposeModel
import Foundation
import Testing

/// Thousands of seeded random mutations of valid compose files (deleted, duplicated, swapped and
/// re-indented lines, values swapped for lists or mappings, stray YAML and `$` syntax, truncated
/// text) must never crash or hang the loader.
@Suite struct FuzzTests {
    /// SplitMix64, so a failing seed can be replayed.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static var seeds: [String] {
        var texts: [String] = []
        let root = TestSupport.publishedFixtures + "/compose/awesome-compose"
        for project in (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [] {
            for name in ["compose.yaml", "compose.yml"] {
                if let text = try? String(contentsOfFile: "\(root)/\(project)/\(name)", encoding: .utf8) { texts.append(text) }
            }
        }
        if let example = try? String(contentsOfFile: TestSupport.repositoryDirectory + "/examples/website/compose.yaml", encoding: .utf8) {
            texts.append(example)
        }
        return texts
    }

    static let fragments = [
        "[1, 2]", "{a: b}", "- x", "${", "$", "${X:?boom}", "&a", "*a", "<<: *a", "!reset", "!override", ":", "\"", "'",
        "\t", "null", "~", "99999999999999999999", "-1", "0.5", "lots", "x-berth: {cpu: 3}", "depends_on: [self]",
        "extends: {service: x, file: ../../nope.yaml}", "include: [compose.yaml]", "ports: [\"1-65535:1-65535\"]",
    ]

    static func mutate(_ text: String, using random: inout SplitMix64) -> String {
        var lines = text.components(separatedBy: "\n")
        for _ in 0..<Int.random(in: 1...3, using: &random) where !lines.isEmpty {
            let index = Int.random(in: 0..<lines.count, using: &random)
            switch Int.random(in: 0..<8, using: &random) {
            case 0: lines.remove(at: index)
            case 1: lines.insert(lines[index], at: index)
            case 2:
                let other = Int.random(in: 0..<lines.count, using: &random)
                lines.swapAt(index, other)
            case 3: lines[index] = "  " + lines[index]
            case 4: lines[index] = String(lines[index].drop { $0 == " " })
            case 5:
                if let colon = lines[index].firstIndex(of: ":") {
                    lines[index] = String(lines[index][...colon]) + " " + fragments.randomElement(using: &random)!
                }
            case 6:
                let line = lines[index]
                let cut = line.isEmpty ? 0 : Int.random(in: 0..<line.count, using: &random)
                lines[index] = String(line.prefix(cut)) + fragments.randomElement(using: &random)! + String(line.dropFirst(cut))
            default:
                let joined = lines.joined(separator: "\n")
                let cut = Int.random(in: 0...joined.count, using: &random)
                lines = String(joined.prefix(cut)).components(separatedBy: "\n")
            }
        }
        return lines.joined(separator: "\n")
    }

    @Test func mutationsNeverCrashOrHang() {
        let seeds = Self.seeds
        #expect(seeds.count >= 20)
        var random = SplitMix64(state: 20_260_801)
        let start = ContinuousClock.now
        var loads = 0
        var withErrors = 0
        for _ in 0..<3000 {
            let original = seeds.randomElement(using: &random)!
            let mutated = Self.mutate(original, using: &random)
            let fileSystem = InMemoryFileSystem(
                files: ["/fuzz/compose.yaml": mutated, "/fuzz/proxy/nginx.conf": "events {}", "/fuzz/.env": "TIMEZONE=UTC"])
            let result = ComposeLoader.load(
                ComposeLoadOptions(workingDirectory: "/fuzz", processEnvironment: ["HOME": "/home/fuzz"], fileSystem: fileSystem))
            _ = result.renderedDocument()
            if let site = result.site, let environment = site.environmentNames.first {
                _ = try? site.resolved(environmentName: environment)
            }
            loads += 1
            if result.hasErrors { withErrors += 1 }
            #expect(result.diagnostics.allSatisfy { !$0.message.isEmpty })
        }
        let elapsed = ContinuousClock.now - start
        #expect(loads == 3000)
        #expect(withErrors > 300, "mutations should break many files")
        #expect(elapsed < .seconds(30), "took \(elapsed)")
    }
}
