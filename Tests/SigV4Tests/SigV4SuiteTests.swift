import Foundation
import SigV4
import Testing

/// The official SigV4 test suite (Tests/Fixtures/sigv4, Apache-2.0), one test per case folder.
struct SigV4SuiteTests {
    static let suiteRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/sigv4")

    /// Every folder that holds a `<name>.req`, nested ones included.
    static let cases: [String] = {
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: suiteRoot.path) else { return [] }
        var found: [String] = []
        for case let path as String in walker where path.hasSuffix(".req") {
            found.append((path as NSString).deletingLastPathComponent)
        }
        return found.sorted()
    }()

    static let credentials = AWSCredentials(
        accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    static let date = Date(timeIntervalSince1970: 1_440_938_160)  // 20150830T123600Z

    @Test func suiteIsComplete() {
        #expect(Self.cases.count == 34, "the suite has 34 cases; found \(Self.cases.count)")
    }

    @Test(arguments: cases)
    func officialCase(_ folder: String) throws {
        let name = (folder as NSString).lastPathComponent
        let dir = Self.suiteRoot.appendingPathComponent(folder)
        func read(_ ext: String) throws -> String {
            try String(contentsOf: dir.appendingPathComponent("\(name).\(ext)"), encoding: .utf8)
        }
        var request = try SuiteRequest.parse(read("req"))
        let expectedCanonical = try read("creq")
        // The session-token case carries its token only in the expected canonical request.
        var credentials = Self.credentials
        if let line = expectedCanonical.split(separator: "\n").first(where: { $0.hasPrefix("x-amz-security-token:") }),
            request.header("X-Amz-Security-Token") == nil
        {
            credentials.sessionToken = String(line.dropFirst("x-amz-security-token:".count))
        }
        let signer = SigV4Signer(credentials: credentials, service: "service", region: "us-east-1")
        let signed = signer.sign(request, date: Self.date)
        request = signed
        let canonical = CanonicalRequest(request: request, payloadHash: sha256Hex(request.body), normalizePath: true)
        let stamp = AmzDate(Self.date)
        #expect(canonical.text == expectedCanonical)
        #expect(signer.stringToSign(canonical: canonical, date: stamp) == (try read("sts")))
        #expect(signed.header("Authorization") == (try read("authz")))
    }
}

/// Reads the suite's `.req` files: a request line, headers with obsolete folding, a blank line, a body.
enum SuiteRequest {
    static func parse(_ text: String) throws -> SignableRequest {
        var lines = text.components(separatedBy: "\n")
        let requestLine = lines.removeFirst()
        guard let firstSpace = requestLine.firstIndex(of: " "),
            let versionRange = requestLine.range(of: " HTTP/", options: .backwards)
        else { throw SuiteError.badRequestLine(requestLine) }
        let method = String(requestLine[..<firstSpace])
        let target = String(requestLine[requestLine.index(after: firstSpace)..<versionRange.lowerBound])
        let (path, query) =
            target.firstIndex(of: "?").map {
                (String(target[..<$0]), String(target[target.index(after: $0)...]))
            } ?? (target, "")
        var headers: [(name: String, value: String)] = []
        var bodyLines: [String] = []
        var inBody = false
        for line in lines {
            if inBody {
                bodyLines.append(line)
            } else if line.isEmpty {
                inBody = true
            } else if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
            }
        }
        return SignableRequest(
            method: method, path: path, query: query, headers: headers, body: Data(bodyLines.joined(separator: "\n").utf8))
    }

    enum SuiteError: Error { case badRequestLine(String) }
}
