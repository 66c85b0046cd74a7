import DeployEngine
import Foundation
import Testing

@testable import BerthCLI

/// How `berth logs` prints: docker compose's column, colour only when asked, JSON lines.
struct LogLinesTests {
    let event = LogEvent(service: "cms", stream: "cms/cms/0f1e2d", timestamp: 1_796_376_600_123, message: "booted\nlistening on 2368\n", id: "1")

    @Test func aColumnPerServiceEachLineOfAMessageKeepsIt() {
        let lines = LogLines(services: ["proxy", "cms"], format: .text, timestamps: false, colour: false)
        #expect(lines.render(event) == "cms   | booted\ncms   | listening on 2368\n")
    }

    @Test func colourFollowsTheServicesOrderAndTimestampsAreUTC() {
        let lines = LogLines(services: ["proxy", "cms"], format: .text, timestamps: true, colour: true)
        #expect(lines.render(event).hasPrefix("\u{1B}[33mcms   |\u{1B}[0m 2026-12-04T09:30:00.123Z booted\n"))
    }

    @Test func jsonIsOneObjectPerLine() throws {
        let line = LogLines(services: ["cms"], format: .json, timestamps: false, colour: true).render(event)
        #expect(line.hasSuffix("}\n") && !line.dropLast().contains("\n"))
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(object?["service"] as? String == "cms" && object?["task"] as? String == "0f1e2d")
        #expect(object?["timestamp"] as? Int == 1_796_376_600_123 && object?["time"] as? String == "2026-12-04T09:30:00.123Z")
    }
}
