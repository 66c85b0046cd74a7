import BerthJSON
import ComposeModel
import Testing

/// The `x-aws-*` keys of Docker's ECS integration and the `x-berth` block.
@Suite struct ExtensionTests {
    @Test func readsAllFourteenAWSKeys() throws {
        let result = TestSupport.load(
            """
            x-aws-vpc: vpc-123
            x-aws-cluster: shared
            x-aws-loadbalancer: arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/lb/1
            x-aws-logs_retention: 14
            x-aws-cloudformation:
              Resources:
                WebService:
                  Properties: { DesiredCount: 2 }
            services:
              web:
                image: nginx
                x-aws-role:
                  Version: "2012-10-17"
                  Statement: [{ Effect: Allow, Action: ["s3:GetObject"], Resource: "*" }]
                x-aws-policies: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]
                x-aws-pull_credentials: arn:aws:secretsmanager:eu-west-1:123456789012:secret:hub
                ports:
                  - target: 80
                    published: 443
                    x-aws-protocol: https
                secrets: [token]
                networks: [front]
                deploy:
                  x-aws-autoscaling: { min: 1, max: 5, cpu: 75 }
                  update_config:
                    x-aws-min_percent: 50
                    x-aws-max_percent: 200
            secrets:
              token:
                external: true
                name: arn:aws:secretsmanager:eu-west-1:123456789012:secret:token
                x-aws-keys: [user, password]
            networks:
              front:
                x-aws-securitygroup: sg-123
            """)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let site = try #require(result.site)
        #expect(site.aws.vpc == "vpc-123")
        #expect(site.aws.cluster == "shared")
        #expect(site.aws.loadBalancer?.hasPrefix("arn:aws:elasticloadbalancing") == true)
        #expect(site.aws.logsRetentionDays == 14)
        #expect(
            site.aws.cloudFormation == .object(["Resources": .object(["WebService": .object(["Properties": .object(["DesiredCount": .int(2)])])])]))
        let web = try #require(site.service(named: "web"))
        guard case .object(let role)? = web.aws.role else {
            Issue.record("x-aws-role should be an object")
            return
        }
        #expect(role["Version"] == .string("2012-10-17"))
        #expect(web.aws.policies == ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"])
        #expect(web.aws.pullCredentials?.hasSuffix(":secret:hub") == true)
        #expect(web.ports.first?.awsProtocol == "https")
        #expect(web.aws.autoscaling == Autoscaling(min: 1, max: 5, cpu: 75))
        #expect(web.aws.minimumHealthyPercent == 50)
        #expect(web.aws.maximumPercent == 200)
        #expect(site.secrets.first?.awsKeys == ["user", "password"])
        #expect(site.secrets.first?.source.kind == .external)
        #expect(site.networks.first?.securityGroup == "sg-123")
    }

    @Test func externalEFSVolumeAndBothAccessPointSpellings() throws {
        let result = TestSupport.load(
            """
            services:
              a: { image: x, volumes: [shared:/data, uploads:/uploads] }
            volumes:
              shared:
                external: true
                name: fs-0123456789abcdef0
              uploads:
                driver_opts:
                  uid: 33
                  gid: "33"
                  permissions: "750"
                  root-directory: /uploads
                  performance_mode: maxIO
            """)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let site = try #require(result.site)
        #expect(site.volume(named: "shared")?.external == true)
        #expect(site.volume(named: "shared")?.externalName == "fs-0123456789abcdef0")
        let uploads = try #require(site.volume(named: "uploads"))
        #expect(uploads.accessPoint == EFSAccessPoint(uid: 33, gid: 33, permissions: "750", rootDirectory: "/uploads"))
        #expect(uploads.driverOptions == [NamedValue(name: "performance_mode", value: "maxIO")])
    }

    /// A load balancer takes certificates from its own region only: the stack would roll back.
    @Test func aCertificateFromAnotherRegionIsALocatedError() {
        let result = TestSupport.load(
            """
            services:
              web:
                image: nginx
                ports: ["443:80"]
                x-berth:
                  certificate: arn:aws:acm:eu-west-1:123456789012:certificate/a
            x-berth:
              region: eu-west-1
              environments:
                dev: {}
                us:
                  region: us-east-2
                prod:
                  services:
                    web:
                      certificate: arn:aws:acm:us-east-1:123456789012:certificate/b
            """)
        #expect(
            result.errorSummaries == [
                "6:20 services.web.x-berth.certificate: the certificate is in eu-west-1, but environment us runs in us-east-2",
                "16:24 x-berth.environments.prod.services.web.certificate: the certificate is in us-east-1, but environment prod runs in eu-west-1",
            ], "\(result.errorSummaries)")
        #expect(result.errors.allSatisfy { $0.hint == nil || $0.hint?.contains("only takes ACM certificates from its own region") == true })

        let sameRegion = TestSupport.load(
            """
            services:
              web: {image: nginx, ports: ["443:80"], x-berth: {certificate: "arn:aws:acm:eu-west-1:123456789012:certificate/a"}}
            x-berth: {region: eu-west-1}
            """)
        #expect(sameRegion.errors.isEmpty, "\(sameRegion.errorSummaries)")
    }

    @Test func backupsAreOnByDefaultForOwnedVolumesAndSayWhatTheyLeaveOut() throws {
        let result = TestSupport.load(
            """
            services:
              web: {image: nginx, volumes: [data:/data, shared:/shared]}
            volumes:
              data: {}
              shared: {external: true, name: fs-0123456789abcdef0}
            x-berth:
              backup: {volumes: [data, shared], retention: 2w}
              environments:
                dev: {backup: off}
            """)
        #expect(result.errors.isEmpty, "\(result.errorSummaries)")
        #expect(
            result.warnings.contains { $0.path == "x-berth.backup.volumes" && $0.message.contains("\"shared\" is an existing file system") },
            "\(result.warnings)")
        let site = try #require(result.site)
        #expect(site.berth.backup == BackupSettings(schedule: BackupSettings.defaultSchedule, retentionDays: 14, volumes: ["data", "shared"]))
        #expect(site.backedUpVolumes.map(\.name) == ["data"])
        #expect(try site.resolved(environmentName: "dev").backedUpVolumes.isEmpty)
        #expect(site.volume(named: "data")?.directory == "/data")
    }

    @Test func badExtensionValuesAreLocatedErrors() {
        let result = TestSupport.load(
            """
            x-aws-logs_retention: 10
            x-aws-typo: 1
            services:
              web:
                image: nginx
                ports:
                  - { target: 80, x-aws-protocol: ftp }
            x-berth:
              region: Ireland
              alarms: { email: not-an-address }
              backup: { schedule: sometimes, retention: forever }
              environments:
                prod:
                  services:
                    wbe: { replicas: 2 }
                    web:
                      certificate: arn:aws:acm:us-east-1:12:certificate/x
                      domain: "not a domain"
                      cpu: 256
                      memory: 8G
                  teleport: true
            """)
        let summaries = result.errorSummaries
        let expected = [
            "1:23 x-aws-logs_retention: CloudWatch Logs cannot keep logs for 10 days",
            "7:39 services.web.ports[0].x-aws-protocol: \"ftp\" is not a load balancer protocol",
            "9:11 x-berth.region: \"Ireland\" is not an AWS region name",
            "10:20 x-berth.alarms.email: \"not-an-address\" is not an e-mail address",
            "11:23 x-berth.backup.schedule: \"sometimes\" is not a backup schedule",
            "11:45 x-berth.backup.retention: \"forever\" is not a retention period",
            "15:9 x-berth.environments.prod.services.wbe: \"wbe\" is not a service",
            "17:24 x-berth.environments.prod.services.web.certificate: \"arn:aws:acm:us-east-1:12:certificate/x\" is not an ACM certificate ARN",
            "18:19 x-berth.environments.prod.services.web.domain: \"not a domain\" is not a domain name",
            "16:9 x-berth.environments.prod.services.web: 8192 MiB of memory is not possible with 256 CPU units on Fargate",
            "21:7 x-berth.environments.prod.teleport: unknown key \"teleport\"",
        ]
        for line in expected {
            #expect(summaries.contains(line), "missing \(line) in \(summaries)")
        }
        #expect(result.warnings.contains { $0.path == "x-aws-typo" })
    }

    @Test func serviceLevelBerthBlockAppliesEverywhere() throws {
        let result = TestSupport.load(
            """
            services:
              web:
                image: org/web:1.0
                x-berth: { domain: www.example.com, image_tag: "2.0", cpu: 1024 }
            x-berth:
              environments:
                staging:
                  services:
                    web: { domain: staging.example.com }
            """)
        #expect(!result.hasErrors, "\(result.errorSummaries)")
        let site = try #require(result.site)
        let base = try site.resolved(environmentName: nil)
        #expect(base.service(named: "web")?.berth.domain == "www.example.com")
        #expect(base.service(named: "web")?.deployedImage == "org/web:2.0")
        #expect(base.service(named: "web")?.fargateSize == FargateSize(cpu: 1024, memory: 2048))
        let staging = try site.resolved(environmentName: "staging")
        #expect(staging.service(named: "web")?.berth.domain == "staging.example.com")
        #expect(staging.service(named: "web")?.isPublic == true)
    }

    @Test(arguments: [
        ("nginx", "nginx:2"),
        ("nginx:1.27-alpine", "nginx:2"),
        ("registry:5000/team/app:1", "registry:5000/team/app:2"),
        ("registry:5000/team/app", "registry:5000/team/app:2"),
        ("app@sha256:abc", "app:2"),
    ])
    func imageTagReplacement(image: String, expected: String) {
        var service = Service(name: "a", image: image)
        service.berth.imageTag = "2"
        #expect(service.deployedImage == expected)
    }
}
