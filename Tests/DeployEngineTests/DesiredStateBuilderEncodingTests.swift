import AWSRuntime
import BerthJSON
import ComposeModel
import DeployEngine
import Foundation
import StackTemplates
import Testing

/// What the builder encodes (the spec hash, the mount policy) either comes out whole or throws:
/// no hash over empty data, no policy left out.
struct DesiredStateBuilderEncodingTests {
    /// By mount key; the second stands for an access point of a volume the file no longer names.
    static let accessPoints = [
        "cms/content": "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-2",
        "cms/renamed": "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-1",
    ]

    func builder() throws -> (DesiredStateBuilder, Site) {
        let site = try ServicesReconcilerTests.site()
        let builder = DesiredStateBuilder(
            site: site, target: ServicesReconcilerTests.target, names: Names(project: "shop", environment: "dev"),
            content: ContentReader(processEnvironment: [:]))
        return (builder, site)
    }

    /// The text PutRolePolicy gets, byte for byte as before the document was typed: it is compared
    /// with what GetRolePolicy gives back to decide whether to write.
    @Test func theMountPolicyTextIsCompactWithSortedKeysAndBareSlashes() throws {
        let (builder, site) = try builder()
        let text = try builder.accessPointPolicy(try #require(site.task(named: "cms")), accessPointArns: Self.accessPoints)
        #expect(
            text == #"{"Statement":[{"Action":["elasticfilesystem:ClientMount","elasticfilesystem:ClientWrite"],"#
                + #""Condition":{"StringEquals":{"elasticfilesystem:AccessPointArn":["#
                + #""arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-1","#
                + #""arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-2"]}},"Effect":"Allow","#
                + #""Resource":["arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-1"],"#
                + #""Sid":"MountOwnAccessPoints"}],"Version":"2012-10-17"}"#)
    }

    /// ARNs Berth builds take the region's partition (issue 10, item 9): IAM refuses `arn:aws:`
    /// in China and GovCloud.
    @Test func arnsInChinaAreOfItsPartition() throws {
        let site = try ServicesReconcilerTests.site()
        var target = ServicesReconcilerTests.target
        target.region = "cn-north-1"
        let builder = DesiredStateBuilder(
            site: site, target: target, names: Names(project: "shop", environment: "dev"), content: ContentReader(processEnvironment: [:]))
        let cms = try #require(site.task(named: "cms"))
        let policy = try builder.accessPointPolicy(
            cms, accessPointArns: ["cms/content": "arn:aws-cn:elasticfilesystem:cn-north-1:123456789012:access-point/fsap-1"])
        let text = try #require(policy)
        #expect(text.contains(#""Resource":["arn:aws-cn:elasticfilesystem:cn-north-1:123456789012:file-system/fs-1"]"#))
        #expect(!text.contains("arn:aws:"))
    }

    /// The JSON the text is made from is the mount policy itself, not a second description of it.
    @Test func theMountPolicyDocumentIsTheTextsPolicy() throws {
        let (builder, site) = try builder()
        let task = try #require(site.task(named: "cms"))
        let text = try #require(try builder.accessPointPolicy(task, accessPointArns: Self.accessPoints))
        let document = try #require(try builder.accessPointPolicyDocument(task, accessPointArns: Self.accessPoints))
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) == document)
    }

    @Test func aTaskWithoutVolumesGetsNoMountPolicy() throws {
        let (builder, site) = try builder()
        #expect(try builder.accessPointPolicy(try #require(site.task(named: "web")), accessPointArns: Self.accessPoints) == nil)
    }

    /// JSONEncoder refuses non-finite numbers; a hash over no bytes would make such specs all equal.
    @Test func aSpecThatCannotBeEncodedThrowsInsteadOfHashingNothing() {
        #expect {
            try DesiredStateBuilder.hash(["cpu": Double.nan])
        } throws: { error in
            (error as? DeployError)?.hint?.contains("bug in Berth") == true
        }
        #expect(throws: Never.self) { try DesiredStateBuilder.hash(["cpu": 0.25]) }
    }
}
