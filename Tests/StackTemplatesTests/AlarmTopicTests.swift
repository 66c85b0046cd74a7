import BerthJSON
import Testing

@testable import StackTemplates

/// CloudWatch alarms publish to the topic only if they may use its KMS key: the AWS-managed
/// `alias/aws/sns` key's policy cannot allow them, so its alarms never reach anyone (issue 10,
/// item 5).
struct AlarmTopicTests {
    @Test(arguments: ["dev", "prod"])
    func theAlarmTopicsKeyLetsCloudWatchAndEventBridgePublish(_ environment: String) throws {
        let template = InfraStack(InfraStackInput(site: try Fixtures.exampleSite(environment), environmentName: environment)).template()
        let topic = try #require(template.resource("AlarmTopic"))
        #expect(topic.properties["KmsMasterKeyId"] == .getAtt("AlarmTopicKey", "Arn"))
        let key = try #require(template.resource("AlarmTopicKey"))
        #expect(key.type == "AWS::KMS::Key")
        #expect(key.properties["EnableKeyRotation"] == .bool(true))
        guard case .list(let statements)? = key.properties["KeyPolicy"]?["Statement"] else {
            Issue.record("the key has no policy statements")
            return
        }
        let publish = statements.first { $0["Principal"]?["Service"] != nil }
        #expect(publish?["Principal"]?["Service"] == ["cloudwatch.amazonaws.com", "events.amazonaws.com"])
        #expect(publish?["Action"] == ["kms:Decrypt", "kms:GenerateDataKey*"])
        #expect(publish?["Effect"] == "Allow")
        // Alarms point at the topic, so they only work through this key.
        for alarm in template.resources where alarm.type == "AWS::CloudWatch::Alarm" {
            #expect(alarm.properties["AlarmActions"] == [.ref("AlarmTopic")])
        }
    }
}
