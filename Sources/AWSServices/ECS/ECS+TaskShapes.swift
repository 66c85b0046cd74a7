import AWSRuntime
import Foundation

extension ECSClient {
    package struct Container: Decodable, Sendable, Equatable {
        package var name: String?
        package var lastStatus: String?
        package var exitCode: Int?
        package var reason: String?
        package var image: String?
        package var imageDigest: String?
        /// The container's id on its host; ECS Exec's Session Manager target names it.
        package var runtimeId: String?
    }

    /// A task: `lastStatus` runs PROVISIONING … RUNNING … STOPPED; a stopped task says why in
    /// `stoppedReason` and `stopCode` (e.g. `EssentialContainerExited`), and its containers' exit codes.
    package struct Task: Decodable, Sendable, Equatable {
        package var taskArn: String?
        package var taskDefinitionArn: String?
        package var lastStatus: String?
        package var desiredStatus: DesiredStatus?
        package var stoppedReason: String?
        package var stopCode: String?
        /// The deployment id for tasks a service started.
        package var startedBy: String?
        /// `service:NAME` for tasks a service started.
        package var group: String?
        package var containers: [Container]?
        /// The task's size as registered: CPU units and MiB, as strings (`"256"`, `"512"`).
        package var cpu: String?
        package var memory: String?
        package var createdAt: Date?
        package var startedAt: Date?
        package var stoppedAt: Date?
        package var enableExecuteCommand: Bool?
        /// An awsvpc task's elastic network interface (type `ElasticNetworkInterface`).
        package var attachments: [Attachment]?

        /// The private IPv4 address of the task's network interface, once ECS has attached it.
        package var privateIPv4Address: String? {
            attachments?.lazy.filter { $0.type == "ElasticNetworkInterface" }.compactMap { $0.detail("privateIPv4Address") }.first
        }
    }

    /// A resource attached to a task; its details are name/value pairs (`subnetId`,
    /// `networkInterfaceId`, `privateIPv4Address`, …).
    package struct Attachment: Decodable, Sendable, Equatable {
        package var type: String?
        package var status: String?
        package var details: [KeyValuePair]?

        package func detail(_ name: String) -> String? { details?.first { $0.name == name }?.value }
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

    package struct DescribeTasksOutput: Decodable, Sendable, Equatable {
        package var tasks: [Task]?
        package var failures: [Failure]?
    }

    package struct Cluster: Decodable, Sendable, Equatable {
        package var clusterArn: String?
        package var clusterName: String?
        package var status: String?
        package var activeServicesCount: Int?
        package var runningTasksCount: Int?
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

    package struct DescribeClustersOutput: Decodable, Sendable, Equatable {
        package var clusters: [Cluster]?
        package var failures: [Failure]?
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
