import AWSRuntime
import Foundation
import Testing

struct EndpointResolverTests {
    let ecs = ServiceDescriptor(name: "ECS", endpointPrefix: "ecs", serviceId: "ECS", protocol: .json(version: "1.1", targetPrefix: "X"))
    let logs = ServiceDescriptor(
        name: "CloudWatchLogs", endpointPrefix: "logs", serviceId: "CloudWatch Logs", protocol: .json(version: "1.1", targetPrefix: "X"))
    let iam = ServiceDescriptor(
        name: "IAM", endpointPrefix: "iam", serviceId: "IAM", protocol: .query(version: "2010-05-08"), globalRegion: "us-east-1")

    func resolve(
        _ service: ServiceDescriptor, _ environment: [String: String], profile: ProfileSettings = ProfileSettings(name: "default"),
        region: String = "eu-west-1"
    ) throws -> EndpointResolver.Endpoint {
        try EndpointResolver(environment: environment, profile: profile).resolve(service, region: region)
    }

    @Test func standardEndpoints() throws {
        #expect(try resolve(ecs, [:]).url.absoluteString == "https://ecs.eu-west-1.amazonaws.com")
        #expect(try resolve(ecs, [:], region: "cn-north-1").url.absoluteString == "https://ecs.cn-north-1.amazonaws.com.cn")
        #expect(try resolve(iam, [:]).url.absoluteString == "https://iam.amazonaws.com")
        #expect(try resolve(ecs, [:]).isOverride == false)
    }

    @Test func serviceSpecificVariableWinsOverGlobalOne() throws {
        let env = ["AWS_ENDPOINT_URL": "http://127.0.0.1:1", "AWS_ENDPOINT_URL_ECS": "http://127.0.0.1:2"]
        #expect(try resolve(ecs, env).url.absoluteString == "http://127.0.0.1:2")
        #expect(try resolve(logs, env).url.absoluteString == "http://127.0.0.1:1")
        #expect(try resolve(logs, ["AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": "http://127.0.0.1:3"]).url.absoluteString == "http://127.0.0.1:3")
    }

    @Test func profileEndpointsAndTheIgnoreSwitch() throws {
        let profile = ProfileSettings(
            name: "dev", values: ["endpoint_url": "http://127.0.0.1:5"], services: ["ecs": ["endpoint_url": "http://127.0.0.1:6"]])
        #expect(try resolve(ecs, [:], profile: profile).url.absoluteString == "http://127.0.0.1:6")
        #expect(try resolve(logs, [:], profile: profile).url.absoluteString == "http://127.0.0.1:5")
        #expect(try resolve(ecs, ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"], profile: profile).isOverride == false)
    }

    @Test func aBadOverrideIsAnError() {
        #expect(throws: AWSClientError.self) { try resolve(ecs, ["AWS_ENDPOINT_URL": "localhost:4566"]) }
    }

    @Test func regionOrder() {
        let profile = ProfileSettings(name: "p", values: ["region": "ap-south-1"])
        #expect(RegionResolver.resolve(flag: "a", environment: ["AWS_REGION": "b"], profile: profile)?.region == "a")
        #expect(RegionResolver.resolve(flag: nil, environment: ["AWS_REGION": "b", "AWS_DEFAULT_REGION": "c"], profile: profile)?.region == "b")
        #expect(RegionResolver.resolve(flag: nil, environment: ["AWS_DEFAULT_REGION": "c"], profile: profile)?.region == "c")
        #expect(RegionResolver.resolve(flag: nil, environment: [:], profile: profile)?.source == "profile p")
        #expect(RegionResolver.resolve(flag: nil, environment: [:], profile: ProfileSettings(name: "x")) == nil)
    }

    /// A region becomes part of a host name, so it must be one DNS label, as the SDKs check.
    @Test(arguments: ["eu-west-1", "us-gov-west-1", "cn-north-1", "ap-southeast-5", "local"])
    func validRegionNames(_ region: String) {
        #expect(RegionResolver.isValid(region))
    }

    @Test(arguments: ["", "eu west 1", "eu-west-1.evil.com", "-eu", "eu-", "eu/west", "ü-1", String(repeating: "a", count: 64)])
    func invalidRegionNames(_ region: String) {
        #expect(!RegionResolver.isValid(region))
    }
}
