import AWSRuntime
import AWSServices
import StackTemplates

/// Reads a site's log group as `docker compose logs` reads a project's containers: the events of
/// the chosen services (found by their awslogs stream prefix), merged in time order, streamed to
/// a callback so a range of any size prints without being held in memory.
///
/// Each service is one `FilterLogEvents` listing, which AWS returns in time order across the
/// service's streams; the listings are merged page by page, so memory stays at one page per
/// service whatever the range holds.
package struct LogReader: Sendable {
    /// One listing of events in time order: the group's streams starting with `prefix` (all of
    /// them when nil), from `start` to `end` (milliseconds, inclusive), matching the filter.
    package typealias Listing = @Sendable (_ prefix: String?, _ start: Int?, _ end: Int?) -> Paginator<[CloudWatchLogsClient.FilteredLogEvent]>

    let listing: Listing
    /// Compose services, in the order their columns are coloured.
    package let services: [String]
    /// Whether `services` is the whole site: then one listing of the group serves them all.
    let wholeSite: Bool
    let task: String?

    package init(services: [String], wholeSite: Bool, task: String? = nil, listing: @escaping Listing) {
        self.services = services
        self.wholeSite = wholeSite
        self.task = task
        self.listing = listing
    }

    /// Over CloudWatch Logs: `group`'s events, with `filterPattern` in CloudWatch's syntax.
    package init(logs: CloudWatchLogsClient, group: String, services: [String], wholeSite: Bool, filterPattern: String?, task: String?) {
        self.init(services: services, wholeSite: wholeSite, task: task) { prefix, start, end in
            logs.filterLogEvents(groupName: group, streamNamePrefix: prefix, startTime: start, endTime: end, filterPattern: filterPattern)
        }
    }

    /// Every event from `start` to `end`, oldest first, each handed to `emit` as soon as its
    /// turn comes. A group that does not exist yet (nothing ever logged) holds no events.
    package func read(from start: Int?, to end: Int?, emit: (LogEvent) throws -> Void) async throws {
        let prefixes: [String?] = wholeSite ? [nil] : services.map { Names.logStreamNamePrefix(service: $0) }
        var sources = prefixes.map { Source(pages: listing($0, start, end).makeAsyncIterator()) }
        do {
            while true {
                for index in sources.indices { try await sources[index].fill() }
                guard
                    let next = sources.indices.filter({ sources[$0].head != nil }).min(by: {
                        sources[$0].head!.timestamp ?? 0 < sources[$1].head!.timestamp ?? 0
                    })
                else { return }
                let raw = sources[next].take()
                if let event = self.event(raw) { try emit(event) }
            }
        } catch let error as AWSServiceError where error.isResourceNotFound {
            return
        }
    }

    /// The compose service of a stream (its first path component is the service's prefix);
    /// nil for a stream of no chosen service, or of another task than `task`.
    func event(_ raw: CloudWatchLogsClient.FilteredLogEvent) -> LogEvent? {
        guard let stream = raw.logStreamName, let prefix = stream.split(separator: "/").first.map(String.init),
            let service = services.first(where: { Names.logStreamPrefix(service: $0) == prefix })
        else { return nil }
        let event = LogEvent(
            service: service, stream: stream, timestamp: raw.timestamp ?? 0, message: raw.message ?? "",
            id: raw.eventId ?? "\(stream)/\(raw.timestamp ?? 0)/\(raw.message ?? "")")
        if let task, event.task != task, !event.task.hasPrefix(task) { return nil }
        return event
    }

    /// One listing being read: the page in hand and where the next one comes from.
    struct Source {
        var pages: Paginator<[CloudWatchLogsClient.FilteredLogEvent]>.AsyncIterator
        var page: [CloudWatchLogsClient.FilteredLogEvent] = []
        var position = 0
        var finished = false

        var head: CloudWatchLogsClient.FilteredLogEvent? { position < page.count ? page[position] : nil }

        /// Reads pages until one has events or the listing ends (AWS may answer empty pages
        /// with a token while it searches).
        mutating func fill() async throws {
            while head == nil, !finished {
                guard let next = try await pages.next() else {
                    finished = true
                    return
                }
                page = next
                position = 0
            }
        }

        mutating func take() -> CloudWatchLogsClient.FilteredLogEvent {
            defer { position += 1 }
            return page[position]
        }
    }
}
