import Foundation
import Testing

@testable import AWSRuntime

/// The partition comes from the region, as botocore's endpoints.json says (issue 10, item 9):
/// an `arn:aws:` ARN in China or GovCloud is refused there.
struct PartitionTests {
    @Test(arguments: [
        ("eu-west-1", "aws", "amazonaws.com"), ("us-east-1", "aws", "amazonaws.com"), ("il-central-1", "aws", "amazonaws.com"),
        ("cn-north-1", "aws-cn", "amazonaws.com.cn"), ("cn-northwest-1", "aws-cn", "amazonaws.com.cn"),
        ("us-gov-west-1", "aws-us-gov", "amazonaws.com"), ("us-iso-east-1", "aws-iso", "c2s.ic.gov"),
        ("us-isob-east-1", "aws-iso-b", "sc2s.sgov.gov"), ("eu-isoe-west-1", "aws-iso-e", "cloud.adc-e.uk"),
        ("us-isof-south-1", "aws-iso-f", "csp.hci.ic.gov"), ("eusc-de-east-1", "aws-eusc", "amazonaws.eu"),
    ])
    func partitionOfRegion(region: String, name: String, dnsSuffix: String) {
        #expect(Partition.of(region: region) == Partition(name: name, dnsSuffix: dnsSuffix))
    }

    @Test func endpointsInChinaUseItsDomain() throws {
        let resolver = EndpointResolver(environment: [:], profile: ProfileSettings(name: "default"))
        let endpoint = try resolver.resolve(
            ServiceDescriptor(name: "ECS", endpointPrefix: "ecs", serviceId: "ECS", protocol: .json(version: "1.1", targetPrefix: "X")),
            region: "cn-north-1")
        #expect(endpoint.url.absoluteString == "https://ecs.cn-north-1.amazonaws.com.cn")
    }
}
