import AWSRuntime

extension CloudWatchLogsClient {
    /// Events of a group, oldest first, interleaved across streams. Times are milliseconds since 1970.
    /// With a prefix, only streams whose name starts with it (e.g. `web/` for a service's tasks).
    package func filterLogEvents(
        groupName: String, streamNamePrefix: String? = nil, startTime: Int? = nil, endTime: Int? = nil, filterPattern: String? = nil,
        limit: Int? = nil
    ) -> Paginator<[FilteredLogEvent]> {
        Paginator { token in
            let page: FilterLogEventsOutput = try await client.json(
                Self.descriptor, operation: "FilterLogEvents",
                input: FilterLogEventsInput(
                    logGroupName: groupName, logStreamNamePrefix: streamNamePrefix, startTime: startTime, endTime: endTime,
                    filterPattern: filterPattern, limit: limit, nextToken: token),
                idempotent: true)
            return (page.events ?? [], page.nextToken)
        }
    }

    /// Events of one stream. From the head forwards, or (the default, as AWS) the newest `limit`
    /// events first page; the paginator stops when AWS hands back the token it was given.
    package func getLogEvents(groupName: String, streamName: String, startFromHead: Bool? = nil, limit: Int? = nil) -> Paginator<[OutputLogEvent]> {
        Paginator { token in
            let page: GetLogEventsOutput = try await client.json(
                Self.descriptor, operation: "GetLogEvents",
                input: GetLogEventsInput(
                    logGroupName: groupName, logStreamName: streamName, startFromHead: startFromHead, limit: limit, nextToken: token),
                idempotent: true)
            let next = startFromHead == true ? page.nextForwardToken : page.nextBackwardToken
            return (page.events ?? [], (page.events ?? []).isEmpty ? nil : next)
        }
    }

    /// One page of a stream from the head on, and the token that continues after it: how a
    /// stream still being written is followed (the same token answers nothing new until more is
    /// written). `nil` while the stream does not exist yet.
    package func getLogEventsPage(groupName: String, streamName: String, nextToken: String?) async throws -> (
        events: [OutputLogEvent], nextToken: String?
    )? {
        do {
            let page: GetLogEventsOutput = try await client.json(
                Self.descriptor, operation: "GetLogEvents",
                input: GetLogEventsInput(logGroupName: groupName, logStreamName: streamName, startFromHead: true, limit: nil, nextToken: nextToken),
                idempotent: true)
            return (page.events ?? [], page.nextForwardToken ?? nextToken)
        } catch let error as AWSServiceError where error.code == "ResourceNotFoundException" {
            return nil
        }
    }

    /// Streams of a group. AWS refuses a prefix together with `orderBy: "LastEventTime"`.
    package func describeLogStreams(
        groupName: String, streamNamePrefix: String? = nil, orderBy: String? = nil, descending: Bool? = nil, limit: Int? = nil
    ) -> Paginator<[LogStream]> {
        Paginator { token in
            let page: DescribeLogStreamsOutput = try await client.json(
                Self.descriptor, operation: "DescribeLogStreams",
                input: DescribeLogStreamsInput(
                    logGroupName: groupName, logStreamNamePrefix: streamNamePrefix, orderBy: orderBy, descending: descending, limit: limit,
                    nextToken: token),
                idempotent: true)
            return (page.logStreams ?? [], page.nextToken)
        }
    }
}
