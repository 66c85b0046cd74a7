import AWSServices
import Foundation

/// One line a container wrote, as `berth logs` prints it: which compose service, which task.
package struct LogEvent: Sendable, Equatable, Encodable {
    package var service: String
    package var stream: String
    /// The task id: awslogs streams are `<prefix>/<container>/<task id>`.
    package var task: String
    /// Milliseconds since 1970, the container's clock.
    package var timestamp: Int
    package var message: String
    /// CloudWatch's id of the event: what tells a repeat from a new line when polls overlap.
    package var id: String

    package init(service: String, stream: String, timestamp: Int, message: String, id: String) {
        self.service = service
        self.stream = stream
        self.task = stream.split(separator: "/").last.map(String.init) ?? stream
        self.timestamp = timestamp
        self.message = message
        self.id = id
    }

    enum CodingKeys: String, CodingKey {
        case service, task, stream, timestamp, time, message
    }

    /// `timestamp` in milliseconds and `time` in ISO 8601 (UTC), for `jq` and for people.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(service, forKey: .service)
        try container.encode(task, forKey: .task)
        try container.encode(stream, forKey: .stream)
        try container.encode(timestamp, forKey: .timestamp)
        try container.encode(isoTime, forKey: .time)
        try container.encode(message, forKey: .message)
    }

    /// `2026-12-04T09:30:00.123Z`.
    package var isoTime: String {
        let seconds = Double(timestamp) / 1000
        var time = time_t(seconds.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday), Int(parts.tm_hour),
            Int(parts.tm_min), Int(parts.tm_sec), ((timestamp % 1000) + 1000) % 1000)
    }
}
