import ComposeModel
import Foundation
import StackTemplates
import Testing

struct InfraStackGoldenTests {
    @Test(arguments: ["dev", "prod"])
    func exampleSite(_ environment: String) throws {
        let site = try Fixtures.exampleSite(environment)
        let yaml = InfraStack(InfraStackInput(site: site, environmentName: environment)).render()
        try assertGolden(yaml, named: "example-site-\(environment).infra.yaml")
    }

    @Test func sameInputSameBytes() throws {
        let site = try Fixtures.exampleSite("prod")
        let first = InfraStack(InfraStackInput(site: site, environmentName: "prod")).render()
        let again = InfraStack(InfraStackInput(site: try Fixtures.exampleSite("prod"), environmentName: "prod")).render()
        #expect(first == again)
    }

    /// After `down --infra`: the volume's file system and the bucket come back as parameters;
    /// the stack makes the mount targets and the bucket policy again, not the data's homes.
    @Test func keptFileSystemAndBucketComeBackAsParameters() throws {
        var input = InfraStackInput(site: try Fixtures.exampleSite("dev"), environmentName: "dev")
        let volume = try #require(input.volumes.first)
        input.volumes[0].keptFileSystem = "fs-0123456789abcdef0"
        input.keptBackupBucket = "website-dev-backupbucket-1a2b3c"
        let template = InfraStack(input).template()
        let types = template.sections.flatMap(\.resources).map(\.type)
        #expect(!types.contains("AWS::EFS::FileSystem") && !types.contains("AWS::S3::Bucket"))
        #expect(types.filter { $0 == "AWS::EFS::MountTarget" }.count == 2 && types.contains("AWS::S3::BucketPolicy"))
        #expect(
            input.keptDataParameters == [
                StackLogicalID.keptFileSystemParameter(volume: volume.logicalId): "fs-0123456789abcdef0",
                StackLogicalID.keptBackupBucketParameter: "website-dev-backupbucket-1a2b3c",
            ])
        try assertGolden(InfraStack(input).render(), named: "kept-data.infra.yaml")
    }

    /// A domain in one of the account's hosted zones: the stack's own certificate, validated in
    /// that zone, serves HTTPS on 443 (80 redirects), and an alias record points the domain at
    /// the load balancer; the recorded address is the domain's.
    @Test func domainInAHostedZone() throws {
        let compose = """
            name: shop
            services:
              web:
                image: nginx
                ports: ["80:80"]
                x-berth: {domain: www.shop.example}
            """
        let site = try Fixtures.load(directory: "/p", environment: nil, inMemory: ["/p/compose.yaml": compose])
        var input = InfraStackInput(site: site, environmentName: "prod")
        input.services[0].domain?.hostedZoneId = "Z0123456789ABCDEFGHIJ"
        input.services[0].listeners[0].certificate = .stackIssued
        let yaml = InfraStack(input).render()
        #expect(yaml.contains("Value: web=https://www.shop.example"))
        try assertGolden(yaml, named: "domain-hosted-zone.infra.yaml")
        #expect(input.addresses(outputs: [StackOutput.addresses.rawValue: "web=https://www.shop.example"]) == ["https://www.shop.example"])
    }

    @Test func existingNetworkClusterAndVolume() throws {
        let compose = """
            name: shop
            x-aws-vpc: vpc-0123456789abcdef0
            x-aws-cluster: shared-cluster
            services:
              app:
                image: nginx
                ports: ["8080:80"]
                volumes: [media:/media]
              worker:
                image: busybox
                ports: ["7000:7000"]
            volumes:
              media:
                external: true
                name: fs-0123abcd
            """
        let site = try Fixtures.load(directory: "/p", environment: nil, inMemory: ["/p/compose.yaml": compose])
        try assertGolden(InfraStack(InfraStackInput(site: site, environmentName: "staging")).render(), named: "existing-network.infra.yaml")
    }
}
