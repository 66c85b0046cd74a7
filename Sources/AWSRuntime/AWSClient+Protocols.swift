import Foundation
import SigV4

/// An answer with nothing Berth reads.
package struct EmptyOutput: Decodable, Sendable {
    package init() {}
    package init(from decoder: any Decoder) throws {}
}

/// An input with no members.
package struct EmptyInput: Encodable, Sendable {
    package init() {}
}

extension AWSClient {
    static func jsonEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    static func jsonDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            if let seconds = try? container.decode(Double.self) { return Date(timeIntervalSince1970: seconds) }
            let text = try container.decode(String.self)
            guard let date = AWSDate.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a timestamp: \(text)")
            }
            return date
        }
        return decoder
    }

    func decodeJSON<Output: Decodable>(_ type: Output.Type, _ response: AWSResponse, _ request: AWSRequest) throws -> Output {
        let body = response.body.isEmpty ? Data("{}".utf8) : response.body
        do {
            return try Self.jsonDecoder().decode(Output.self, from: body)
        } catch {
            throw AWSClientError("could not read the answer of \(request.service.name) \(request.operation): \(error)")
        }
    }

    /// awsJson1_0 / awsJson1_1.
    package func json<Output: Decodable>(_ service: ServiceDescriptor, operation: String, input: some Encodable, idempotent: Bool) async throws
        -> Output
    {
        guard case .json(let version, let prefix) = service.protocol else {
            throw AWSClientError("\(service.name) does not speak the JSON protocol; this is a bug in Berth")
        }
        let request = AWSRequest(
            service: service, operation: operation, method: "POST", path: "/",
            headers: [("Content-Type", "application/x-amz-json-\(version)"), ("X-Amz-Target", "\(prefix).\(operation)")],
            body: try Self.jsonEncoder().encode(input), isIdempotent: idempotent)
        return try decodeJSON(Output.self, try await send(request), request)
    }

    /// restJson1. `path` is already percent-encoded (use `URIEncoding.encode` on labels).
    package func restJSON<Output: Decodable>(
        _ service: ServiceDescriptor, operation: String, method: String, path: String, query: [(String, String)] = [],
        input: (some Encodable)? = EmptyInput?.none, idempotent: Bool
    ) async throws -> Output {
        var headers: [(name: String, value: String)] = []
        var body = Data()
        if let input {
            body = try Self.jsonEncoder().encode(input)
            headers.append(("Content-Type", "application/json"))
        }
        let request = AWSRequest(
            service: service, operation: operation, method: method, path: path, query: query, headers: headers, body: body,
            isIdempotent: idempotent)
        return try decodeJSON(Output.self, try await send(request), request)
    }

    /// awsQuery and ec2Query with ready-made parameters; decodes `<OperationResult>` (awsQuery)
    /// or the response root (ec2Query).
    package func query<Output: Decodable>(
        _ service: ServiceDescriptor, operation: String, parameters: [(String, String)], idempotent: Bool, anonymous: Bool = false
    ) async throws -> Output {
        let version: String
        switch service.protocol {
        case .query(let v), .ec2(let v): version = v
        default: throw AWSClientError("\(service.name) does not speak the query protocol; this is a bug in Berth")
        }
        let form = ([("Action", operation), ("Version", version)] + parameters)
            .map { "\(URIEncoding.encode($0.0))=\(URIEncoding.encode($0.1))" }.joined(separator: "&")
        let request = AWSRequest(
            service: service, operation: operation, method: "POST", path: "/",
            headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")], body: Data(form.utf8),
            isIdempotent: idempotent, isAnonymous: anonymous)
        let response = try await send(request)
        guard let tree = XMLTree.parse(response.body) else {
            throw AWSClientError("\(service.name) \(operation) answered with XML that does not parse")
        }
        let node: XMLTree
        if case .ec2 = service.protocol {
            node = tree
        } else {
            node = tree.child("\(operation)Result") ?? XMLTree(name: "\(operation)Result")
        }
        do {
            return try XMLTreeDecoder().decode(Output.self, from: node)
        } catch {
            throw AWSClientError("could not read the answer of \(service.name) \(operation): \(error)")
        }
    }

    /// awsQuery / ec2Query with an `Encodable` input flattened by `QueryEncoder`.
    package func query<Output: Decodable>(
        _ service: ServiceDescriptor, operation: String, input: some Encodable, idempotent: Bool
    ) async throws -> Output {
        let style: QueryEncoder.ListStyle
        if case .ec2 = service.protocol { style = .flat } else { style = .member }
        return try await query(service, operation: operation, parameters: try QueryEncoder(listStyle: style).encode(input), idempotent: idempotent)
    }
}
