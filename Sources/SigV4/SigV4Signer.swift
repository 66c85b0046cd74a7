import Crypto
import Foundation

/// Signs requests with AWS Signature Version 4. Pure: the clock is a parameter, there is no I/O.
///
/// The rules follow the SigV4 reference ("Create a signed AWS API request"); S3 differs in two
/// ways that are easy to miss: its paths are not normalized or encoded again, and it requires
/// the payload hash in the `x-amz-content-sha256` header.
package struct SigV4Signer: Sendable {
    package var credentials: AWSCredentials
    /// The signing name in the credential scope: `elasticfilesystem`, `monitoring`, ... not the endpoint prefix.
    package var service: String
    package var region: String

    package init(credentials: AWSCredentials, service: String, region: String) {
        self.credentials = credentials
        self.service = service
        self.region = region
    }

    var isS3: Bool { service == "s3" }

    /// Returns the request with `X-Amz-Date`, the session token, S3's payload hash and `Authorization` set.
    package func sign(_ request: SignableRequest, date: Date = Date()) -> SignableRequest {
        var signed = request
        let stamp = AmzDate(date)
        signed.setHeader("X-Amz-Date", stamp.full)
        if let token = credentials.sessionToken, signed.header("X-Amz-Security-Token") == nil {
            signed.setHeader("X-Amz-Security-Token", token)
        }
        let payloadHash = signed.header("x-amz-content-sha256") ?? sha256Hex(signed.body)
        if isS3 && signed.header("x-amz-content-sha256") == nil {
            signed.setHeader("x-amz-content-sha256", payloadHash)
        }
        let canonical = CanonicalRequest(request: signed, payloadHash: payloadHash, normalizePath: !isS3)
        signed.setHeader("Authorization", authorization(canonical: canonical, date: stamp))
        return signed
    }

    /// The `Authorization` header value for a canonical request.
    package func authorization(canonical: CanonicalRequest, date: AmzDate) -> String {
        let signature = self.signature(stringToSign: stringToSign(canonical: canonical, date: date), date: date)
        return "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(scope(date)), "
            + "SignedHeaders=\(canonical.signedHeaders), Signature=\(signature)"
    }

    package func scope(_ date: AmzDate) -> String {
        "\(date.day)/\(region)/\(service)/aws4_request"
    }

    package func stringToSign(canonical: CanonicalRequest, date: AmzDate) -> String {
        ["AWS4-HMAC-SHA256", date.full, scope(date), sha256Hex(Data(canonical.text.utf8))].joined(separator: "\n")
    }

    package func signature(stringToSign: String, date: AmzDate) -> String {
        let key = SigningKey.derive(secret: credentials.secretAccessKey, day: date.day, region: region, service: service)
        return HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key).hexString
    }
}

/// The two timestamp forms SigV4 uses, always in UTC.
package struct AmzDate: Sendable, Equatable {
    /// `20150830T123600Z`
    package let full: String
    /// `20150830`
    package let day: String

    package init(_ date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        day = pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2)
        full = day + "T" + pad(c.hour, 2) + pad(c.minute, 2) + pad(c.second, 2) + "Z"
    }
}
