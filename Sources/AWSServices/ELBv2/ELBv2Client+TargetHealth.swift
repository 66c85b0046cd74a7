import AWSRuntime

extension ELBv2Client {
    /// One registered target and what the load balancer's health checks say of it.
    package struct TargetHealthDescription: Decodable, Sendable, Equatable {
        package var Target: Target?
        package var TargetHealth: TargetHealth?

        package struct Target: Decodable, Sendable, Equatable {
            package var Id: String?
            package var Port: Int?
        }

        package struct TargetHealth: Decodable, Sendable, Equatable {
            /// `initial`, `healthy`, `unhealthy`, `unused`, `draining`, `unavailable`.
            package var State: String?
            /// e.g. `Target.ResponseCodeMismatch`, `Target.Timeout`.
            package var Reason: String?
            package var Description: String?
        }
    }

    struct DescribeTargetHealthOutput: Decodable {
        var TargetHealthDescriptions: [TargetHealthDescription]?
    }

    /// The targets of a target group with their health.
    package func describeTargetHealth(targetGroupArn: String) async throws -> [TargetHealthDescription] {
        let output: DescribeTargetHealthOutput = try await client.query(
            Self.descriptor, operation: "DescribeTargetHealth", parameters: [("TargetGroupArn", targetGroupArn)], idempotent: true)
        return output.TargetHealthDescriptions ?? []
    }
}
