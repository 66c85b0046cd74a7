import AWSRuntime
import Foundation

extension ECSClient {
    public struct Container: Decodable, Sendable, Equatable {
        public var name: String?
        public var lastStatus: String?
        public var exitCode: Int?
        public var reason: String?
        public var image: String?
        public var imageDigest: String?
    }

    /// A task: `lastStatus` runs PROVISIONING … RUNNING … STOPPED; a stopped task says why in
    /// `stoppedReason` and `stopCode` (e.g. `EssentialContainerExited`), and its containers' exit codes.
    public struct Task: Decodable, Sendable, Equatable {
        public var taskArn: String?
        public var taskDefinitionArn: String?
        public var lastStatus: String?
        public var desiredStatus: DesiredStatus?
        public var stoppedReason: String?
        public var stopCode: String?
        /// The deployment id for tasks a service started.
        public var startedBy: String?
        /// `service:NAME` for tasks a service started.
        public var group: String?
        public var containers: [Container]?
        public var createdAt: Date?
        public var startedAt: Date?
        public var stoppedAt: Date?
    }

    struct ListTasksInput: Encodable {
        var cluster: String?
        var serviceName: String?
        var desiredStatus: DesiredStatus?
        var nextToken: String?
    }

    struct ListTasksOutput: Decodable {
        var taskArns: [String]?
        var nextToken: String?
    }

    struct DescribeTasksInput: Encodable {
        var cluster: String?
        var tasks: [String]
    }

    public struct DescribeTasksOutput: Decodable, Sendable, Equatable {
        public var tasks: [Task]?
        public var failures: [Failure]?
    }

    public struct Cluster: Decodable, Sendable, Equatable {
        public var clusterArn: String?
        public var clusterName: String?
        public var status: String?
        public var activeServicesCount: Int?
        public var runningTasksCount: Int?
    }

    struct CreateClusterInput: Encodable {
        var clusterName: String
        var tags: [Tag]?
    }

    struct ClusterOutput: Decodable {
        var cluster: Cluster
    }

    struct DeleteClusterInput: Encodable {
        var cluster: String
    }

    struct DescribeClustersInput: Encodable {
        var clusters: [String]
    }

    public struct DescribeClustersOutput: Decodable, Sendable, Equatable {
        public var clusters: [Cluster]?
        public var failures: [Failure]?
    }

    struct ResourceArnInput: Encodable {
        var resourceArn: String
    }

    struct TagResourceInput: Encodable {
        var resourceArn: String
        var tags: [Tag]
    }

    struct UntagResourceInput: Encodable {
        var resourceArn: String
        var tagKeys: [String]
    }

    struct TagsOutput: Decodable {
        var tags: [Tag]?
    }
}
