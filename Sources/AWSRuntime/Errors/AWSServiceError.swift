import Foundation

/// An error answer from an AWS service, whatever its protocol. The facts AWS gave are kept
/// whole so a user can quote the request id to AWS support.
package struct AWSServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The AWS error code, e.g. `ValidationError`, `ThrottlingException`, `ClusterNotFoundException`.
    package var code: String
    package var message: String
    package var httpStatus: Int
    package var requestId: String?
    package var service: String
    package var operation: String
    /// Extra fields some errors carry, e.g. EFS's `AccessPointId` or `FileSystemId`.
    package var fields: [String: String]

    package init(
        code: String, message: String, httpStatus: Int, requestId: String?, service: String, operation: String, fields: [String: String] = [:]
    ) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
        self.requestId = requestId
        self.service = service
        self.operation = operation
        self.fields = fields
    }

    /// One line: AWS messages can run to paragraphs (a signature mismatch quotes the whole
    /// canonical request), so only the first line is shown; `message` keeps the rest.
    package var description: String {
        var text = "\(service) \(operation) failed: \(code)"
        let firstLine = message.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
        if !firstLine.isEmpty { text += ": \(firstLine)" }
        text += " (HTTP \(httpStatus)"
        if let requestId { text += ", request id \(requestId)" }
        return text + ")"
    }

    package var isThrottling: Bool {
        Self.throttlingCodes.contains(code) || httpStatus == 429
    }

    /// The codes the SDKs' standard retry mode treats as throttling.
    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
    ]

    /// Codes and statuses of failures that say nothing about the request itself.
    package var isTransient: Bool {
        [
            "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "ServiceUnavailable",
            "ServiceUnavailableException",
        ].contains(code) || [500, 502, 503, 504].contains(httpStatus)
    }
}
