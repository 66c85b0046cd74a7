import AWSRuntime

extension CloudWatchLogsClient {
    /// Times are milliseconds since 1970.
    package struct FilteredLogEvent: Decodable, Sendable, Equatable {
        package var logStreamName: String?
        package var timestamp: Int?
        package var message: String?
        package var ingestionTime: Int?
        package var eventId: String?

        package init(logStreamName: String?, timestamp: Int?, message: String?, ingestionTime: Int? = nil, eventId: String?) {
            self.logStreamName = logStreamName
            self.timestamp = timestamp
            self.message = message
            self.ingestionTime = ingestionTime
            self.eventId = eventId
        }
    }

    package struct OutputLogEvent: Decodable, Sendable, Equatable {
        package var timestamp: Int?
        package var message: String?
        package var ingestionTime: Int?
    }

    package struct InputLogEvent: Encodable, Sendable, Equatable {
        package var timestamp: Int
        package var message: String
        package init(timestamp: Int, message: String) {
            self.timestamp = timestamp
            self.message = message
        }
    }

    package struct LogStream: Decodable, Sendable, Equatable {
        package var logStreamName: String
        package var creationTime: Int?
        package var firstEventTimestamp: Int?
        package var lastEventTimestamp: Int?
        package var arn: String?
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
