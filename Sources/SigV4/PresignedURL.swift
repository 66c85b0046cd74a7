import Foundation

extension SigV4Signer {
    /// Signs a request in its query string, as `aws s3 presign` does, so that the URL alone
    /// grants access until `expires` seconds after `date`. Only `host` is signed; the payload is
    /// `UNSIGNED-PAYLOAD` because the body is not known when the URL is handed out.
    package func presign(method: String, path: String, query: String = "", host: String, expires: Int, date: Date = Date()) -> String {
        let stamp = AmzDate(date)
        var items: [(String, String)] = [
            ("X-Amz-Algorithm", "AWS4-HMAC-SHA256"),
            ("X-Amz-Credential", "\(credentials.accessKeyId)/\(scope(stamp))"),
            ("X-Amz-Date", stamp.full),
            ("X-Amz-Expires", String(expires)),
            ("X-Amz-SignedHeaders", "host"),
        ]
        if let token = credentials.sessionToken { items.append(("X-Amz-Security-Token", token)) }
        let added = items.map { "\(URIEncoding.encode($0.0))=\(URIEncoding.encode($0.1))" }.joined(separator: "&")
        let fullQuery = query.isEmpty ? added : query + "&" + added
        let request = SignableRequest(method: method, path: path, query: fullQuery, headers: [("host", host)])
        let canonical = CanonicalRequest(request: request, payloadHash: "UNSIGNED-PAYLOAD", normalizePath: !isS3)
        let signature = self.signature(stringToSign: stringToSign(canonical: canonical, date: stamp), date: stamp)
        return fullQuery + "&X-Amz-Signature=" + signature
    }
}
