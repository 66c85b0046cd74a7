/// An AWS partition: the ARN's second field and the endpoints' domain, both decided by the
/// region (botocore's `endpoints.json`: each partition's `regionRegex` and `dnsSuffix`). An ARN
/// written as `arn:aws:` is wrong in China and GovCloud, and IAM refuses it there.
package struct Partition: Sendable, Equatable {
    package var name: String
    package var dnsSuffix: String

    /// Region prefixes, most specific first; anything else is the commercial partition.
    static let byRegionPrefix: [(prefix: String, partition: Partition)] = [
        ("us-gov-", Partition(name: "aws-us-gov", dnsSuffix: "amazonaws.com")),
        ("us-isob-", Partition(name: "aws-iso-b", dnsSuffix: "sc2s.sgov.gov")),
        ("us-isof-", Partition(name: "aws-iso-f", dnsSuffix: "csp.hci.ic.gov")),
        ("us-iso-", Partition(name: "aws-iso", dnsSuffix: "c2s.ic.gov")),
        ("eu-isoe-", Partition(name: "aws-iso-e", dnsSuffix: "cloud.adc-e.uk")),
        ("eusc-", Partition(name: "aws-eusc", dnsSuffix: "amazonaws.eu")),
        ("cn-", Partition(name: "aws-cn", dnsSuffix: "amazonaws.com.cn")),
    ]

    package static let aws = Partition(name: "aws", dnsSuffix: "amazonaws.com")

    package static func of(region: String) -> Partition {
        byRegionPrefix.first { region.hasPrefix($0.prefix) }?.partition ?? .aws
    }
}
