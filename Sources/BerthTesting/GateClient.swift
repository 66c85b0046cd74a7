import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The gate's control endpoints (`/__gate/...`): counters, the request log, fault plans.
public struct GateClient: Sendable {
    public var url: String

    public struct Stats: Decodable, Sendable {
        public var total: Int
        public var mutating: Int
        public var reads: Int
        public var rejected: Int
        public var faults: [String: Int]
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

    public init(url: String) { self.url = url }

    public func stats() throws -> Stats {
        try JSONDecoder().decode(Stats.self, from: call("GET", "/__gate/stats"))
    }

    public func requests() throws -> [Record] {
        try JSONDecoder().decode([Record].self, from: call("GET", "/__gate/requests"))
    }

    public func reset() throws {
        _ = try call("POST", "/__gate/reset")
    }

    /// Requests the gate refused for a bad signature or an invalid shape: integration tests assert none.
    public func rejections() throws -> [Record] {
        try requests().filter { record in
            let auth = record.auth ?? "ok"
            let validation = record.validation ?? "ok"
            return !(auth == "ok" || auth == "off") || !(validation == "ok" || validation == "off")
        }
    }

    /// Clears moto's state (and the gate's switches).
    public func resetMoto() throws {
        _ = try call("POST", "/moto-api/reset")
    }

    @discardableResult
    public func call(_ method: String, _ path: String, body: Data? = nil) throws -> Data {
        guard let target = URL(string: url + path) else { throw HarnessError("bad gate URL \(url)") }
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
            throw HarnessError("gate \(method) \(path) answered \(status ?? 0): \(String(decoding: data ?? Data(), as: UTF8.self))")
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
