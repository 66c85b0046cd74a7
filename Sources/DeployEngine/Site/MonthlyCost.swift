import ComposeModel
import Foundation

/// A rough monthly bill for an environment: Fargate for each service's desired tasks, the load
/// balancers and NAT gateway the stack made, public IPv4 addresses, and EFS storage; 730 hours a
/// month at AWS's us-east-1 on-demand list prices (other regions cost up to a third more). Not
/// counted: data transfer, load balancer capacity units, CloudWatch, requests; so a floor, to see
/// which service costs what, not a quote.
package struct MonthlyCost: Sendable, Equatable, Encodable {
    package struct Line: Sendable, Equatable, Encodable {
        package var item: String
        package var dollars: Double
    }

    package var lines: [Line]
    package var total: Double { lines.map(\.dollars).reduce(0, +) }
    package var prices = Self.pricesAsOf

    /// Where the prices come from, shown with the estimate.
    package static let pricesAsOf = "AWS us-east-1 on-demand list prices, March 2026"
    static let hours = 730.0

    /// Per hour, in US dollars (AWS Fargate, Elastic Load Balancing, VPC and EFS pricing pages).
    enum Price {
        static let vCPU = (x86: 0.04048, arm: 0.03238)
        static let gigabyte = (x86: 0.004445, arm: 0.00356)
        static let loadBalancer = 0.0225
        static let natGateway = 0.045
        static let publicIPv4 = 0.005
        /// EFS Standard storage, per GB-month.
        static let efsGigabyteMonth = 0.30
    }

    package struct TaskLine: Sendable {
        package var name: String
        package var size: FargateSize
        package var count: Int
        package var arm: Bool

        package init(name: String, size: FargateSize, count: Int, arm: Bool) {
            self.name = name
            self.size = size
            self.count = count
            self.arm = arm
        }
    }

    /// - Parameters:
    ///   - publicAddresses: public IPv4 addresses held: tasks in public subnets and the load
    ///     balancers' (AWS bills each since February 2024).
    ///   - storageBytes: what the file systems hold now.
    package init(tasks: [TaskLine], loadBalancers: Int, natGateways: Int, publicAddresses: Int, storageBytes: Int64) {
        lines = tasks.map { task in
            Line(
                item: "\(task.name): \(task.count) × \(task.size)\(task.arm ? " (ARM)" : "")",
                dollars: Self.fargate(task.size, arm: task.arm, count: task.count))
        }
        if loadBalancers > 0 {
            lines.append(
                Line(
                    item: "\(loadBalancers) load balancer\(loadBalancers == 1 ? "" : "s")",
                    dollars: Self.hours * Price.loadBalancer * Double(loadBalancers)))
        }
        if natGateways > 0 {
            lines.append(Line(item: "NAT gateway", dollars: Self.hours * Price.natGateway * Double(natGateways)))
        }
        if publicAddresses > 0 {
            lines.append(
                Line(
                    item: "\(publicAddresses) public IPv4 address\(publicAddresses == 1 ? "" : "es")",
                    dollars: Self.hours * Price.publicIPv4 * Double(publicAddresses)))
        }
        if storageBytes > 0 {
            lines.append(
                Line(item: "EFS storage (\(ByteSize.text(storageBytes)))", dollars: Double(storageBytes) / 1e9 * Price.efsGigabyteMonth))
        }
    }

    /// A month of `count` tasks of `size` on Fargate.
    package static func fargate(_ size: FargateSize, arm: Bool, count: Int = 1) -> Double {
        let vCPU = arm ? Price.vCPU.arm : Price.vCPU.x86
        let gigabyte = arm ? Price.gigabyte.arm : Price.gigabyte.x86
        return hours * (size.vCPU * vCPU + Double(size.memory) / 1024 * gigabyte) * Double(count)
    }

    /// `$12.34`.
    package static func dollars(_ amount: Double) -> String { String(format: "$%.2f", amount) }
}
