import AWSRuntime

extension CloudWatchLogsClient {
    /// Times are milliseconds since 1970.
    public struct FilteredLogEvent: Decodable, Sendable, Equatable {
        public var logStreamName: String?
        public var timestamp: Int?
        public var message: String?
        public var ingestionTime: Int?
        public var eventId: String?
    }

    public struct OutputLogEvent: Decodable, Sendable, Equatable {
        public var timestamp: Int?
        public var message: String?
        public var ingestionTime: Int?
    }

    public struct InputLogEvent: Encodable, Sendable, Equatable {
        public var timestamp: Int
        public var message: String
        public init(timestamp: Int, message: String) {
            self.timestamp = timestamp
            self.message = message
        }
    }

    public struct LogStream: Decodable, Sendable, Equatable {
        public var logStreamName: String
        public var creationTime: Int?
        public var firstEventTimestamp: Int?
        public var lastEventTimestamp: Int?
        public var arn: String?
    }

    struct FilterLogEventsInput: Encodable {
        var logGroupName: String
        var logStreamNamePrefix: String?
        var startTime: Int?
        var endTime: Int?
        var filterPattern: String?
        var limit: Int?
        var nextToken: String?
    }

    struct FilterLogEventsOutput: Decodable {
        var events: [FilteredLogEvent]?
        var nextToken: String?
    }

    struct GetLogEventsInput: Encodable {
        var logGroupName: String
        var logStreamName: String
        var startFromHead: Bool?
        var limit: Int?
        var nextToken: String?
    }

    struct GetLogEventsOutput: Decodable {
        var events: [OutputLogEvent]?
        var nextForwardToken: String?
        var nextBackwardToken: String?
    }

    struct DescribeLogStreamsInput: Encodable {
        var logGroupName: String
        var logStreamNamePrefix: String?
        var orderBy: String?
        var descending: Bool?
        var limit: Int?
        var nextToken: String?
    }

    struct DescribeLogStreamsOutput: Decodable {
        var logStreams: [LogStream]?
        var nextToken: String?
    }

    struct CreateLogGroupInput: Encodable {
        var logGroupName: String
        var tags: [String: String]?
    }

    struct LogGroupNameInput: Encodable {
        var logGroupName: String
    }

    struct CreateLogStreamInput: Encodable {
        var logGroupName: String
        var logStreamName: String
    }

    struct PutLogEventsInput: Encodable {
        var logGroupName: String
        var logStreamName: String
        var logEvents: [InputLogEvent]
    }
}
