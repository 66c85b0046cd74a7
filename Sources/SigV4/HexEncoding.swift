import Crypto
import Foundation

extension Sequence where Element == UInt8 {
    /// Lower-case hex, the form SigV4 uses for hashes and signatures.
    package var hexString: String {
        var out = ""
        for byte in self {
            out += String(byte, radix: 16).leftPadded(to: 2)
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// SHA-256 of a payload as lower-case hex: the `x-amz-content-sha256` value and the last line of a canonical request.
package func sha256Hex(_ data: some DataProtocol) -> String {
    SHA256.hash(data: data).hexString
}

/// SHA-256 of something too large to hold at once (an archive read part by part), fed in order.
package struct StreamingSHA256 {
    private var hasher = SHA256()

    package init() {}

    package mutating func update(_ data: some DataProtocol) { hasher.update(data: data) }

    /// Lower-case hex of everything fed so far.
    package func hex() -> String { hasher.finalize().hexString }
}
