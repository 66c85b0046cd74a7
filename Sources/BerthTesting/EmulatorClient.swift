import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The local AWS's control API: the emulator's counters, request log, fault plans and switches
/// (`/_berth/...`), and, when a gate is layered in, the gate's record of refused requests.
package struct EmulatorClient: Sendable {
    package var controlURL: String
    package var gateURL: String?

    package struct Stats: Decodable, Sendable {
        package var total: Int
        package var mutating: Int
        package var reads: Int
        package var faults: [String: Int]
        /// What this front forwards to (moto, for the emulator itself).
        package var upstream: String?
        package var by_operation: [String: Operation]?

        package struct Operation: Decodable, Sendable {
            package var count: Int
            package var mutating: Bool
            package var status: [String: Int]
        }
    }

    package struct Record: Decodable, Sendable {
        package var service: String?
        package var operation: String?
        package var status: Int?
        package var auth: String?
        package var validation: String?
        package var fault: String?
        package var error: String?
        package var mutating: Bool?
    }

    package init(controlURL: String, gateURL: String?) {
        self.controlURL = controlURL
        self.gateURL = gateURL
    }

    package func stats() throws -> Stats {
        try JSONDecoder().decode(Stats.self, from: call("GET", "/_berth/stats"))
    }

    package func requests() throws -> [Record] {
        try JSONDecoder().decode([Record].self, from: call("GET", "/_berth/requests"))
    }

    /// Zeroes the counters and the request log (the gate's too).
    package func reset() throws {
        _ = try call("POST", "/_berth/reset")
        if let gateURL { _ = try Self.send("POST", gateURL + "/__gate/reset") }
    }

    /// Requests refused for a bad signature (by the emulator or the gate) or an invalid shape
    /// (by the gate) since the last reset: integration tests assert none.
    package func rejections() throws -> [Record] {
        var records = try requests()
        if let gateURL { records += try JSONDecoder().decode([Record].self, from: Self.send("GET", gateURL + "/__gate/requests")) }
        return records.filter { record in
            let accepted: Set<String> = ["ok", "off", "unchecked"]
            return !accepted.contains(record.auth ?? "ok") || !accepted.contains(record.validation ?? "ok")
        }
    }

    /// Clears moto's state and disarms the emulator's switches.
    package func resetMoto() throws {
        _ = try call("POST", "/moto-api/reset")
    }

    /// The next deployment of `service` fails: its tasks exit, and the circuit breaker rolls back.
    package func failNextDeployment(service: String, cluster: String) throws {
        try call("POST", "/_berth/ecs/fail-next-deployment", json: ["service": service, "cluster": cluster])
    }

    /// An ACM certificate with exactly this ARN (in the ARN's account and region), in `status`.
    package func placeCertificate(_ arn: String, domain: String = "www.example.com", status: String = "ISSUED") throws {
        try call("POST", "/_berth/acm/certificate", json: ["arn": arn, "domain": domain, "status": status])
    }

    /// The next stack operation that creates or updates `logicalId` fails there and rolls back.
    package func failNextStackResource(_ logicalId: String, reason: String? = nil, stackName: String? = nil) throws {
        var body = ["logicalId": logicalId]
        body["reason"] = reason
        body["stackName"] = stackName
        try call("POST", "/_berth/cfn/fail-next", json: body)
    }

    /// An image in the emulator's registry (which stands in for Docker Hub): one amd64 and one
    /// arm64 image declaring `exposedPorts` (`"3306/tcp"`), under an index every tag names.
    /// Returns the index digest.
    @discardableResult
    package func placeImage(_ repository: String, tags: [String], exposedPorts: [String], private: Bool = false) throws -> String {
        struct Platform: Encodable {
            var architecture: String
            var exposed_ports: [String]
        }
        struct Body: Encodable {
            var repository: String
            var tags: [String]
            var platforms: [Platform]
            var `private`: Bool
        }
        let body = Body(
            repository: repository, tags: tags, platforms: ["amd64", "arm64"].map { Platform(architecture: $0, exposed_ports: exposedPorts) },
            private: `private`)
        let answer = try Self.send("POST", controlURL + "/_berth/registry/images", body: try JSONEncoder().encode(body))
        return (try JSONDecoder().decode([String: String].self, from: answer))["digest"] ?? ""
    }

    /// The essential containers of the next task started by RunTask exit with `code`.
    package func nextTaskExitCode(_ code: Int) throws {
        try Self.send("POST", controlURL + "/_berth/ecstask/next-exit-code", body: try JSONEncoder().encode(["code": code]))
    }

    /// The next `count` registry requests for `repository` are answered 429 with `Retry-After`.
    package func throttleRegistry(_ repository: String, count: Int, retryAfter: Int) throws {
        try call("POST", "/_berth/registry/throttle", json: ["repository": repository, "count": "\(count)", "retry_after": "\(retryAfter)"])
    }

    /// The registry requests since the last `resetRegistry()`: method, path, auth scheme.
    package func registryRequests() throws -> [[String: String?]] {
        try JSONDecoder().decode([[String: String?]].self, from: try call("GET", "/_berth/registry/requests"))
    }

    package func resetRegistry() throws {
        try call("POST", "/_berth/registry/reset")
    }

    @discardableResult
    package func call(_ method: String, _ path: String, json: [String: String]? = nil) throws -> Data {
        try Self.send(method, controlURL + path, body: try json.map { try JSONEncoder().encode($0) })
    }

    static func send(_ method: String, _ address: String, body: Data? = nil) throws -> Data {
        guard let target = URL(string: address) else { throw HarnessError("bad control URL \(address)") }
        var request = URLRequest(url: target)
        request.httpMethod = method
        request.httpBody = body ?? (method == "POST" ? Data() : nil)
        if body != nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        let box = ResultBox()
        let semaphore = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, error in
            box.set(data, (response as? HTTPURLResponse)?.statusCode, error)
            semaphore.signal()
        }.resume()
        semaphore.wait()
        let (data, status, error) = box.get()
        if let error { throw error }
        guard let status, (200..<300).contains(status) else {
            throw HarnessError("\(method) \(address) answered \(status ?? 0): \(String(decoding: data ?? Data(), as: UTF8.self))")
        }
        return data ?? Data()
    }
}

private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: (Data?, Int?, (any Error)?) = (nil, nil, nil)
    func set(_ data: Data?, _ status: Int?, _ error: (any Error)?) {
        lock.lock()
        value = (data, status, error)
        lock.unlock()
    }
    func get() -> (Data?, Int?, (any Error)?) {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}
