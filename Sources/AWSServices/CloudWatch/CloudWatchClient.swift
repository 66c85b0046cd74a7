import AWSRuntime
import Foundation

/// Amazon CloudWatch metrics and alarms (awsQuery): what `status` reads about a running site,
/// each kind in one batched call.
package struct CloudWatchClient: Sendable {
    package static let descriptor = ServiceDescriptor(
        name: "CloudWatch", endpointPrefix: "monitoring", serviceId: "CloudWatch", protocol: .query(version: "2010-08-01"))
    let client: AWSClient

    package init(_ client: AWSClient) { self.client = client }

    /// One metric statistic to read: `id` names its result (lower-case letter first, as AWS requires).
    package struct MetricQuery: Sendable, Equatable {
        package var id: String
        package var namespace: String
        package var metric: String
        package var dimensions: [(name: String, value: String)]
        package var statistic: String
        package var period: Int

        package init(id: String, namespace: String, metric: String, dimensions: [(name: String, value: String)], statistic: String, period: Int) {
            self.id = id
            self.namespace = namespace
            self.metric = metric
            self.dimensions = dimensions
            self.statistic = statistic
            self.period = period
        }

        package static func == (lhs: MetricQuery, rhs: MetricQuery) -> Bool {
            lhs.id == rhs.id && lhs.namespace == rhs.namespace && lhs.metric == rhs.metric && lhs.statistic == rhs.statistic
                && lhs.period == rhs.period && lhs.dimensions.map(\.name) == rhs.dimensions.map(\.name)
                && lhs.dimensions.map(\.value) == rhs.dimensions.map(\.value)
        }
    }

    package struct MetricResult: Decodable, Sendable, Equatable {
        package var Id: String
        package var Values: [Double]?
        package var Timestamps: [Date]?
    }

    struct GetMetricDataOutput: Decodable {
        var MetricDataResults: [MetricResult]?
        var NextToken: String?
    }

    /// The queries' data points from `start` to `end`, newest first (AWS's default order); up
    /// to 500 queries a call.
    package func getMetricData(_ queries: [MetricQuery], start: Date, end: Date) async throws -> [MetricResult] {
        var results: [MetricResult] = []
        for chunk in Self.chunks(queries, of: 500) {
            results += try await Paginator<GetMetricDataOutput> { token in
                var parameters: [(String, String)] = [
                    ("StartTime", AWSDate.iso8601(start)), ("EndTime", AWSDate.iso8601(end)),
                ]
                for (index, query) in chunk.enumerated() {
                    let key = "MetricDataQueries.member.\(index + 1)"
                    parameters += [
                        ("\(key).Id", query.id), ("\(key).MetricStat.Metric.Namespace", query.namespace),
                        ("\(key).MetricStat.Metric.MetricName", query.metric), ("\(key).MetricStat.Period", String(query.period)),
                        ("\(key).MetricStat.Stat", query.statistic),
                    ]
                    for (position, dimension) in query.dimensions.enumerated() {
                        parameters += [
                            ("\(key).MetricStat.Metric.Dimensions.member.\(position + 1).Name", dimension.name),
                            ("\(key).MetricStat.Metric.Dimensions.member.\(position + 1).Value", dimension.value),
                        ]
                    }
                }
                if let token { parameters.append(("NextToken", token)) }
                let page: GetMetricDataOutput = try await client.query(
                    Self.descriptor, operation: "GetMetricData", parameters: parameters, idempotent: true)
                return (page, page.NextToken)
            }.collect { $0.MetricDataResults ?? [] }
        }
        return results
    }

    package struct Alarm: Decodable, Sendable, Equatable {
        package var AlarmName: String
        package var StateValue: String?
        package var StateReason: String?
        package var MetricName: String?
    }

    struct DescribeAlarmsOutput: Decodable {
        var MetricAlarms: [Alarm]?
        var NextToken: String?
    }

    /// The named metric alarms (100 names a call).
    package func describeAlarms(names: [String]) async throws -> [Alarm] {
        var alarms: [Alarm] = []
        for chunk in Self.chunks(names, of: 100) {
            alarms += try await Paginator<DescribeAlarmsOutput> { token in
                var parameters = chunk.enumerated().map { ("AlarmNames.member.\($0.offset + 1)", $0.element) }
                if let token { parameters.append(("NextToken", token)) }
                let page: DescribeAlarmsOutput = try await client.query(
                    Self.descriptor, operation: "DescribeAlarms", parameters: parameters, idempotent: true)
                return (page, page.NextToken)
            }.collect { $0.MetricAlarms ?? [] }
        }
        return alarms
    }

    static func chunks<Element>(_ elements: [Element], of size: Int) -> [[Element]] {
        stride(from: 0, to: elements.count, by: size).map { Array(elements[$0..<min($0 + size, elements.count)]) }
    }
}
