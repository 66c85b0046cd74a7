import ArgumentParser
import Foundation
import Testing

@testable import BerthCLI

/// Every command's `--help` shows how it is used, as the AWS CLI and Copilot do (issue 13).
struct HelpTests {
    /// Hidden commands (docker's credential helper) are for programs, not people.
    @Test(arguments: Berth.configuration.subcommands.filter { $0.configuration.shouldDisplay }.map { $0._commandName })
    func everyCommandHasExamplesThatRunIt(name: String) throws {
        let command = try #require(Berth.configuration.subcommands.first { $0._commandName == name })
        let discussion = command.configuration.discussion
        #expect(discussion.contains("Examples:"), "\(name)")
        let examples = discussion.components(separatedBy: "Examples:").last ?? ""
        let lines = examples.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(lines.count >= 2 && lines.allSatisfy { $0.hasPrefix("berth \(name)") }, "\(lines)")
    }
}

/// The example's files name only commands that exist (a new user runs what they read there).
struct ExampleCommandTests {
    @Test func everyBerthCommandTheExampleNamesExists() throws {
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/website")
        let commands = Set(Berth.configuration.subcommands.map { $0._commandName })
        var named: Set<String> = []
        for file in [".env.example", "compose.yaml"] {
            let text = try String(contentsOf: example.appendingPathComponent(file), encoding: .utf8)
            let pattern = try NSRegularExpression(pattern: "`berth ([a-z-]+)")
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                named.insert((text as NSString).substring(with: match.range(at: 1)))
            }
        }
        #expect(!named.isEmpty)
        #expect(named.subtracting(commands).isEmpty, "\(named.subtracting(commands))")
    }
}
