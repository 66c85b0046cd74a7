import AWSServices
import Foundation
import Testing

/// Every write the service clients send is in `WriteSafety.table`, and the client retries it
/// exactly when the table says a repeat is safe: a new write cannot slip in unclassified.
@Suite struct WriteSafetyTests {
    static var sources: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/AWSServices")
    }

    /// `service:Operation` → the `idempotent:` / `isIdempotent:` argument written at its call.
    static func writesInTheClients() throws -> [String: String] {
        var found: [String: String] = [:]
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        let operation = try NSRegularExpression(pattern: #"(?:operation|action): "([A-Za-z]+)""#)
        let flag = try NSRegularExpression(pattern: #"(?:isIdempotent|idempotent): ([A-Za-z.]+)"#)
        for file in files {
            let service = String(file.split(separator: "/").first ?? "")
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8) as NSString
            for match in operation.matches(in: text as String, range: NSRange(location: 0, length: text.length)) {
                let name = text.substring(with: match.range(at: 1))
                guard !["Describe", "List", "Get", "Head", "Filter", "BatchGet"].contains(where: name.hasPrefix) else { continue }
                let after = NSRange(location: match.range.upperBound, length: min(600, text.length - match.range.upperBound))
                let argument = flag.firstMatch(in: text as String, range: after).map { text.substring(with: $0.range(at: 1)) } ?? "?"
                found["\(service):\(name)"] = argument
            }
        }
        return found
    }

    @Test func everyWriteIsClassifiedAndRetriedAsItsClassSays() throws {
        let writes = try Self.writesInTheClients()
        #expect(writes.count >= 30, "the scan found the clients' writes")
        for (write, argument) in writes.sorted(by: { $0.key < $1.key }) {
            guard let (safety, reason) = WriteSafety.table[write] else {
                Issue.record("\(write) is not in WriteSafety.table: say how a repeat of it is safe")
                continue
            }
            #expect(!reason.isEmpty)
            switch argument {
            case "true": #expect(safety.retryable, "\(write) is retried but classified \(safety)")
            case "false": #expect(!safety.retryable, "\(write) is classified \(safety) (\(reason)) but not retried")
            default: #expect(safety == .clientToken || safety == .sameResult, "\(write) decides per call (\(argument)) but is \(safety)")
            }
        }
        for write in WriteSafety.table.keys.sorted() where writes[write] == nil {
            Issue.record("\(write) is in the table but no client sends it")
        }
    }
}
