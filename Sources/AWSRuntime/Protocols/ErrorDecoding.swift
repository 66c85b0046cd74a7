import BerthJSON
import Foundation

/// Reads the error answer of each protocol into one `AWSServiceError`.
package enum ErrorDecoding {
    package static func decode(_ response: AWSResponse, service: ServiceDescriptor, operation: String) -> AWSServiceError {
        var code: String?
        var message: String?
        var requestId = response.requestId
        var fields: [String: String] = [:]
        switch service.protocol {
        case .json, .restJSON:
            if let header = response.headers["x-amzn-errortype"] { code = header }
            if let body = try? JSONDecoder().decode(JSONValue.self, from: response.body), case .object(let object) = body {
                code = code ?? (object["__type"] ?? object["code"] ?? object["Code"] ?? object["ErrorCode"])?.stringValue
                message = (object["message"] ?? object["Message"] ?? object["errorMessage"])?.stringValue
                for (key, value) in object where !["__type", "code", "Code", "message", "Message"].contains(key) {
                    if let text = value.stringValue { fields[key] = text }
                }
            }
        case .query, .ec2, .restXML:
            if let tree = XMLTree.parse(response.body) {
                let error = tree.find("Error") ?? tree.find("Errors", "Error") ?? (tree.name == "Error" ? tree : nil)
                code = error?.child("Code")?.text
                message = error?.child("Message")?.text
                requestId = requestId ?? tree.child("RequestId")?.text ?? tree.child("RequestID")?.text ?? error?.child("RequestId")?.text
                for child in error?.children ?? [] where !["Code", "Message", "Type", "RequestId"].contains(child.name) {
                    fields[child.name] = child.text
                }
            }
        }
        let cleanedCode = code.map(Self.cleanCode) ?? Self.codeForStatus(response.status)
        if message == nil, code == nil, !response.body.isEmpty {
            message = String(decoding: response.body.prefix(300), as: UTF8.self)
        }
        return AWSServiceError(
            code: cleanedCode, message: message ?? "", httpStatus: response.status, requestId: requestId,
            service: service.name, operation: operation, fields: fields)
    }

    /// `aws.protocoltests#FooError:http://internal` → `FooError`.
    static func cleanCode(_ raw: String) -> String {
        var code = raw
        if let colon = code.firstIndex(of: ":") { code = String(code[..<colon]) }
        if let hash = code.lastIndex(of: "#") { code = String(code[code.index(after: hash)...]) }
        return code
    }

    /// HEAD answers (S3) have no body to read a code from.
    static func codeForStatus(_ status: Int) -> String {
        switch status {
        case 400: "BadRequest"
        case 403: "Forbidden"
        case 404: "NotFound"
        case 409: "Conflict"
        case 500: "InternalError"
        case 503: "ServiceUnavailable"
        default: "HTTP\(status)"
        }
    }
}
