import Foundation

/// The canonical request of SigV4 task 1, kept as parts so tests can compare each line.
package struct CanonicalRequest: Sendable, Equatable {
    package var method: String
    package var uri: String
    package var query: String
    package var headers: String
    package var signedHeaders: String
    package var payloadHash: String

    package var text: String {
        [method, uri, query, headers, "", signedHeaders, payloadHash].joined(separator: "\n")
    }

    /// Headers that proxies and HTTP stacks add or rewrite; signing them would break the signature
    /// on the way (botocore leaves out the same ones).
    static let unsignedHeaders: Set<String> = [
        "authorization", "user-agent", "expect", "x-amzn-trace-id", "connection", "content-length",
        "accept-encoding", "transfer-encoding",
    ]

    /// - Parameter normalizePath: `false` for S3, whose object keys keep `//` and `.` as they are
    ///   and are not encoded a second time.
    package init(request: SignableRequest, payloadHash: String, normalizePath: Bool) {
        method = request.method.uppercased()
        uri = normalizePath ? Self.canonicalURI(request.path) : (request.path.isEmpty ? "/" : request.path)
        query = Self.canonicalQuery(request.query)
        var grouped: [String: [String]] = [:]
        for (name, value) in request.headers {
            let key = name.lowercased()
            if Self.unsignedHeaders.contains(key) { continue }
            grouped[key, default: []].append(Self.trimmedHeaderValue(value))
        }
        let names = grouped.keys.sorted()
        headers = names.map { "\($0):\(grouped[$0]!.joined(separator: ","))" }.joined(separator: "\n")
        signedHeaders = names.joined(separator: ";")
        self.payloadHash = payloadHash
    }

    /// Removes `.` and `..` segments and empty segments, then encodes each byte that is not
    /// unreserved, `%` included: that is the "encode twice" rule for services other than S3.
    static func canonicalURI(_ path: String) -> String {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        var normalized = "/" + segments.joined(separator: "/")
        if path.hasSuffix("/") && normalized != "/" { normalized += "/" }
        return URIEncoding.encode(normalized, keepSlash: true)
    }

    /// Sorts by encoded name, then encoded value; a name without `=` gets an empty value.
    static func canonicalQuery(_ query: String) -> String {
        guard !query.isEmpty else { return "" }
        let pairs = query.split(separator: "&", omittingEmptySubsequences: true).map { item -> (String, String) in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = URIEncoding.encode(URIEncoding.decode(String(parts[0])))
            let value = parts.count > 1 ? URIEncoding.encode(URIEncoding.decode(String(parts[1]))) : ""
            return (name, value)
        }
        return pairs.sorted { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }
            .map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// Trims the value and folds each run of spaces (obsolete line folding included) into one.
    static func trimmedHeaderValue(_ value: String) -> String {
        var out = ""
        var lastWasSpace = false
        for character in value.trimmingCharacters(in: .whitespacesAndNewlines) {
            if character == " " || character == "\t" || character == "\n" || character == "\r" {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
            } else {
                out.append(character)
                lastWasSpace = false
            }
        }
        return out
    }
}
