import Testing

@testable import StackTemplates

/// The execution role reads what the task definitions reference, and nothing else: the site's
/// own values, and the external secrets, pull credentials and configs its compose file names
/// (issue 10, item 6: without them tasks fail with ResourceInitializationError).
struct ExecutionRoleTests {
    static let compose = """
        name: shop
        services:
          web:
            image: registry.example.com/shop/web:1
            x-aws-pull_credentials: arn:aws:secretsmanager:eu-west-1:123456789012:secret:registry-AbCdEf
            secrets: [db, api]
            configs:
              - source: shared
                target: /etc/shared.conf
        secrets:
          db: {external: true, name: prod/db}
          api: {external: true, name: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:api"}
        configs:
          shared: {external: true, name: /shared/app.conf}
        """

    func statements(_ compose: String) throws -> [TemplateValue] {
        let site = try Fixtures.load(directory: "/p", environment: nil, inMemory: ["/p/compose.yaml": compose])
        let role = try #require(InfraStack(InfraStackInput(site: site, environmentName: "dev")).template().resource("TaskExecutionRole"))
        guard case .list(let policies)? = role.properties["Policies"], case .list(let statements)? = policies.first?["PolicyDocument"]?["Statement"]
        else { return [] }
        return statements
    }

    @Test func externalSecretsPullCredentialsAndConfigsAreReadableExactly() throws {
        let statements = try statements(Self.compose)
        let read = try #require(statements.first { $0["Sid"] == "ReadSiteSecrets" })
        let prefix = "arn:${AWS::Partition}"
        #expect(
            read["Resource"] == [
                .sub("\(prefix):secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:berth/shop/dev/*"),
                .sub("\(prefix):ssm:${AWS::Region}:${AWS::AccountId}:parameter/berth/shop/dev/*"),
                .sub("\(prefix):secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:prod/db-??????"),
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:api", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:api-??????",
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:registry-AbCdEf",
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:registry-AbCdEf-??????",
                .sub("\(prefix):ssm:${AWS::Region}:${AWS::AccountId}:parameter/shared/app.conf"),
            ])
        let decrypt = try #require(statements.first { $0["Sid"] == "DecryptExternalValues" })
        #expect(decrypt["Action"] == "kms:Decrypt")
        #expect(decrypt["Condition"]?["StringEquals"]?["kms:ViaService"] != nil)
    }

    @Test func aSiteWithOnlyItsOwnValuesGetsNoKMSPermission() throws {
        let statements = try statements("name: shop\nservices:\n  web:\n    image: nginx\n")
        #expect(!statements.contains { $0["Sid"] == "DecryptExternalValues" })
        #expect(statements.first { $0["Sid"] == "ReadSiteSecrets" }?["Resource"].map { if case .list(let l) = $0 { l.count } else { 0 } } == 2)
    }
}
