/// The short port syntax of `05-services.md#ports`: `[[IP:](port|range):](port|range)[/protocol]`,
/// with IPv6 addresses optionally in brackets. Ranges are expanded, since every port becomes its
/// own listener or container port on ECS.
enum PortSyntax {
    struct Failure: Error, Equatable {
        var message: String
    }

    /// The most ports one range may expand to; a typo like `1-65535` should fail, not make 65k
    /// listeners.
    static let maximumRange = 100

    static func parse(_ text: String) throws(Failure) -> [PortMapping] {
        var body = Substring(text)
        var transport = PortMapping.TransportProtocol.tcp
        if let slash = body.lastIndex(of: "/") {
            let name = body[body.index(after: slash)...].lowercased()
            guard let parsed = PortMapping.TransportProtocol(rawValue: name) else {
                throw Failure(message: "\"\(text)\": protocol \"\(name)\" is not tcp or udp")
            }
            transport = parsed
            body = body[..<slash]
        }
        var hostIP: String?
        if body.hasPrefix("["), let close = body.firstIndex(of: "]") {
            hostIP = String(body[body.index(after: body.startIndex)..<close])
            body = body[body.index(after: close)...]
            guard body.hasPrefix(":") else { throw Failure(message: "\"\(text)\" is not a port mapping") }
            body = body.dropFirst()
        }
        var parts = body.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard let containerPart = parts.popLast(), !containerPart.isEmpty else {
            throw Failure(message: "\"\(text)\" has no container port")
        }
        let publishedPart = parts.popLast()
        if !parts.isEmpty {
            let address = parts.joined(separator: ":")
            guard hostIP == nil, isIPAddress(address) else {
                throw Failure(message: "\"\(text)\": \"\(address)\" is not a host IP address")
            }
            hostIP = address
        }
        if let hostIP, !isIPAddress(hostIP) {
            throw Failure(message: "\"\(text)\": \"\(hostIP)\" is not a host IP address")
        }
        let targets = try range(containerPart, in: text)
        var published: [Int?] = targets.map { _ in nil }
        if let publishedPart, !publishedPart.isEmpty {
            let hostPorts = try range(publishedPart, in: text, limited: targets.count > 1)
            if hostPorts.count == targets.count {
                published = hostPorts
            } else if targets.count == 1 {
                // `8000-9000:80` lets the engine pick a host port from the range; on Fargate the
                // first one is used.
                published = [hostPorts.first]
            } else {
                throw Failure(message: "\"\(text)\": the host and container ranges have different lengths")
            }
        }
        return zip(targets, published).map { target, host in
            PortMapping(target: target, published: host, hostIP: hostIP, transport: transport)
        }
    }

    /// IPv4 dotted quads, or IPv6 (hex groups with `::` or eight groups).
    static func isIPAddress(_ text: String) -> Bool {
        if text.contains(".") && !text.contains(":") {
            let octets = text.split(separator: ".", omittingEmptySubsequences: false)
            return octets.count == 4 && octets.allSatisfy { Int($0).map { (0...255).contains($0) } ?? false }
        }
        let groups = text.split(separator: ":", omittingEmptySubsequences: false)
        let hex = text.allSatisfy { $0.isHexDigit || $0 == ":" }
        return hex && (text.contains("::") || groups.count == 8) && groups.allSatisfy { $0.count <= 4 }
    }

    /// A port or `start-end` range; `limited` caps the range at `maximumRange`. A host range for a
    /// single container port is a pool to pick from, so it is not capped.
    static func range(_ text: String, in whole: String, limited: Bool = true) throws(Failure) -> [Int] {
        let bounds = text.split(separator: "-", omittingEmptySubsequences: false)
        guard bounds.count == 1 || bounds.count == 2 else {
            throw Failure(message: "\"\(whole)\": \"\(text)\" is not a port or range")
        }
        var numbers: [Int] = []
        for bound in bounds {
            guard let port = Int(bound), (1...65535).contains(port) else {
                throw Failure(message: "\"\(whole)\": \"\(bound)\" is not a port number (1-65535)")
            }
            numbers.append(port)
        }
        guard numbers.count == 2 else { return numbers }
        guard numbers[0] <= numbers[1] else { throw Failure(message: "\"\(whole)\": the range \(text) runs backwards") }
        guard !limited || numbers[1] - numbers[0] < maximumRange else {
            throw Failure(message: "\"\(whole)\": the range \(text) has more than \(maximumRange) ports")
        }
        return Array(numbers[0]...numbers[1])
    }
}
