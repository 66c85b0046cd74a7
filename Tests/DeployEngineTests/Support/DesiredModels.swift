import DeployEngine
import StackTemplates

/// Desired-state values with every field set (`full…`) or only the required ones (`bare…`),
/// over ids of either kind, for the renderer tests.
enum DesiredModels {
    static let log = DesiredContainer.LogConfiguration(
        driver: "awslogs", options: ["awslogs-group": "/berth/shop/dev", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "web"])

    /// A container that sets everything the model has.
    static func fullContainer(image: StackString = "nginx:1.27", secret: StackString = "arn:aws:ssm:eu-west-1:1:parameter/p") -> DesiredContainer {
        var container = DesiredContainer(
            name: "web", image: image, essential: true, command: ["nginx", "-g", "daemon off;"], entryPoint: ["/entry.sh"], logConfiguration: log)
        container.environment = [.init(name: "A", value: "costs ${HOME}"), .init(name: "B", value: "2")]
        container.secrets = [.init(name: "BERTH_FILE_0", valueFrom: secret)]
        container.portMappings = [.init(containerPort: 80, protocol: "tcp", name: "web-80-tcp")]
        container.mountPoints = [.init(sourceVolume: "vol-data", containerPath: "/data", readOnly: true)]
        container.dependsOn = [.init(containerName: "berth-files", condition: "SUCCESS")]
        container.healthCheck = .init(command: ["CMD", "true"], interval: 30, timeout: 5, retries: 3, startPeriod: 10)
        container.user = "101"
        container.workingDirectory = "/srv"
        container.ulimits = [.init(name: "nofile", softLimit: 1024, hardLimit: 2048)]
        container.stopTimeout = 120
        container.readonlyRootFilesystem = true
        container.initProcessEnabled = true
        container.repositoryCredentials = "arn:aws:secretsmanager:eu-west-1:1:secret:creds"
        return container
    }

    static let bareContainer = DesiredContainer(name: "worker", image: "worker:1", essential: false, logConfiguration: log)

    static func taskDefinition(
        taskRole: StackString? = "arn:aws:iam::1:role/web", executionRole: StackString = "arn:aws:iam::1:role/exec",
        containers: [DesiredContainer] = [fullContainer()],
        volumes: [DesiredVolume] = [
            DesiredVolume(name: "vol-data", efs: .init(fileSystemId: "fs-1", accessPointId: "fsap-1")), DesiredVolume(name: "scratch-1"),
        ],
        cpuArchitecture: String? = "ARM64"
    ) -> DesiredTaskDefinition {
        DesiredTaskDefinition(
            family: "shop-dev-web", taskRoleArn: taskRole, executionRoleArn: executionRole, cpu: 256, memory: 512, containers: containers,
            volumes: volumes, cpuArchitecture: cpuArchitecture, tags: [DesiredTag("berth:project", "shop"), DesiredTag("berth:service", "web")])
    }

    static func service(
        cluster: StackString = "shop-dev", taskDefinition: StackString = "shop-dev-web:3", subnets: [StackString] = ["subnet-a", "subnet-b"],
        targetGroup: StackString = "arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/web/1"
    ) -> DesiredService {
        var service = DesiredService(
            cluster: cluster, serviceName: "web", taskDefinition: taskDefinition, desiredCount: 2, subnets: subnets, securityGroups: ["sg-1"],
            assignPublicIp: "DISABLED", deployment: .init(circuitBreaker: true, minimumHealthyPercent: 50, maximumPercent: 150),
            enableExecuteCommand: true, propagateTags: "SERVICE", tags: [DesiredTag("berth:service", "web")])
        service.loadBalancers = [.init(targetGroupArn: targetGroup, containerName: "web", containerPort: 80)]
        service.healthCheckGracePeriodSeconds = 60
        service.serviceConnect = .init(
            namespace: "shop-dev.berth.internal",
            services: [.init(portName: "web-80-tcp", discoveryName: "web-80", clientAliases: [.init(port: 80, dnsName: "web")])])
        return service
    }

    /// A service with nothing optional: no load balancer, grace period or Service Connect.
    static var bareService: DesiredService {
        var service = service()
        service.loadBalancers = []
        service.healthCheckGracePeriodSeconds = nil
        service.serviceConnect = nil
        return service
    }

    /// An ARN the template assembles, as the single template's config parameters have.
    static let parameterArn: StackString = .joined([
        "arn:", .ref("AWS::Partition"), ":ssm:", .ref("AWS::Region"), ":", .ref("AWS::AccountId"), ":parameter", .ref("ConfigWeb0"),
    ])
}
