import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The local AWS's control API: the emulator's counters, request log, fault plans and switches
/// (`/_berth/...`), and, when a gate is layered in, the gate's record of refused requests.
public struct EmulatorClient: Sendable {
    public var controlURL: String
    public var gateURL: String?

    public struct Stats: Decodable, Sendable {
        public var total: Int
        public var mutating: Int
        public var reads: Int
        public var faults: [String: Int]
        /// What this front forwards to (moto, for the emulator itself).
        public var upstream: String?
        public var by_operation: [String: Operation]?

        public struct Operation: Decodable, Sendable {
            public var count: Int
            public var mutating: Bool
            public var status: [String: Int]
        }
    }

    public struct Record: Decodable, Sendable {
        public var service: String?
        public var operation: String?
        public var status: Int?
        public var auth: String?
        public var validation: String?
        public var fault: String?
        public var error: String?
        public var mutating: Bool?
    }

    public init(controlURL: String, gateURL: String?) {
        self.controlURL = controlURL
        self.gateURL = gateURL
    }

    public func stats() throws -> Stats {
        try JSONDecoder().decode(Stats.self, from: call("GET", "/_berth/stats"))
    }

    public func requests() throws -> [Record] {
        try JSONDecoder().decode([Record].self, from: call("GET", "/_berth/requests"))
    }

    /// Zeroes the counters and the request log (the gate's too).
    public func reset() throws {
        _ = try call("POST", "/_berth/reset")
        if let gateURL { _ = try Self.send("POST", gateURL + "/__gate/reset") }
    }

    /// Requests refused for a bad signature (by the emulator or the gate) or an invalid shape
    /// (by the gate) since the last reset: integration tests assert none.
    public func rejections() throws -> [Record] {
        var records = try requests()
        if let gateURL { records += try JSONDecoder().decode([Record].self, from: Self.send("GET", gateURL + "/__gate/requests")) }
        return records.filter { record in
            let accepted: Set<String> = ["ok", "off", "unchecked"]
            return !accepted.contains(record.auth ?? "ok") || !accepted.contains(record.validation ?? "ok")
        }
    }

    /// Clears moto's state and disarms the emulator's switches.
    public func resetMoto() throws {
        _ = try call("POST", "/moto-api/reset")
    }

    /// The next deployment of `service` fails: its tasks exit, and the circuit breaker rolls back.
    public func failNextDeployment(service: String, cluster: String) throws {
        try call("POST", "/_berth/ecs/fail-next-deployment", json: ["service": service, "cluster": cluster])
    }

    /// An ACM certificate with exactly this ARN (in the ARN's account and region), in `status`.
    public func placeCertificate(_ arn: String, domain: String = "www.example.com", status: String = "ISSUED") throws {
        try call("POST", "/_berth/acm/certificate", json: ["arn": arn, "domain": domain, "status": status])
    }

    /// The next stack operation that creates or updates `logicalId` fails there and rolls back.
    public func failNextStackResource(_ logicalId: String, reason: String? = nil, stackName: String? = nil) throws {
        var body = ["logicalId": logicalId]
        body["reason"] = reason
        body["stackName"] = stackName
        try call("POST", "/_berth/cfn/fail-next", json: body)
    }

    @discardableResult
    public func call(_ method: String, _ path: String, json: [String: String]? = nil) throws -> Data {
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
