import ComposeModel

/// Every physical name Berth gives an AWS resource, in one place, with the limits that bind it.
package struct Names: Sendable, Equatable {
    package var project: String
    package var environment: String

    package init(project: String, environment: String) {
        self.project = project
        self.environment = environment
    }

    /// `<project>-<environment>`. CloudFormation stack names: 128 characters, a letter first,
    /// then letters, digits and hyphens.
    package var stack: String {
        var name = Self.slug("\(project)-\(environment)")
        if name.first?.isLetter != true { name = "b-" + name }
        return String(name.prefix(128))
    }

    /// ECS cluster names: up to 255 letters, digits, hyphens and underscores.
    package var cluster: String { String(stack.prefix(255)) }

    /// One log group per site; services write under their own stream prefix.
    package var logGroup: String { "/berth/\(Self.slug(project))/\(Self.slug(environment))" }

    /// The Cloud Map namespace that ECS Service Connect registers services in.
    package var namespace: String { "\(stack).berth.internal" }

    /// ECR repository names: lower case, 2–256 characters, `/` allowed as a separator.
    package func repository(service: String) -> String {
        "\(Self.slug(project))/\(Self.slug(service))".lowercased()
    }

    /// The address `docker push` and ECS use for a service's repository:
    /// `ACCOUNT.dkr.ecr.REGION.DOMAIN/NAME`, the domain being the region's partition's
    /// (`amazonaws.com.cn` in China; see AWSRuntime's `Partition`).
    package func repositoryURI(service: String, account: String, region: String, dnsSuffix: String) -> String {
        "\(account).dkr.ecr.\(region).\(dnsSuffix)/\(repository(service: service))"
    }

    /// Whether an image reference names an ECR repository by tag rather than by digest: Berth
    /// pins such images to the digest the tag has at deploy time.
    package static func isECRTag(_ image: String) -> Bool {
        image.contains(".dkr.ecr.") && !image.contains("@")
    }

    /// The bucket of what Berth uploads for CloudFormation and CodeBuild (large templates, build
    /// contexts): account and region make the globally unique name predictable without storing
    /// it anywhere, and keep it in the stack's region, which both services require. A template
    /// passes `${AWS::AccountId}` and `${AWS::Region}` for an `Fn::Sub`.
    package static func artifactsBucket(account: String, region: String) -> String {
        "berth-artifacts-\(account)-\(region)"
    }

    /// Where `push --remote` puts the environment's build contexts in the artifacts bucket; the
    /// build role reads exactly these.
    package var buildContextPrefix: String { "builds/\(stack)/" }

    /// A build context's key: the same files give the same archive and the same key.
    package func buildContextKey(service: String, sha256: String) -> String {
        buildContextPrefix + Self.slug(service) + "-" + sha256 + ".zip"
    }

    /// The infrastructure stack's CodeBuild project for `push --remote` (names: 2–255 letters,
    /// digits, hyphens and underscores, a letter or digit first).
    package var imageBuildProject: String { String((stack + "-images").prefix(255)) }

    /// The prefix under which Berth keeps a site's secrets and parameters, so IAM can grant
    /// read access to exactly these.
    /// The environment's deploy lock (`EnvironmentLock`), a Parameter Store record outside the
    /// site's own prefix so that cleaning the site's parameters never removes it.
    package var lockParameter: String { "/berth-lock/\(Self.slug(project))/\(Self.slug(environment))" }

    package var secretPrefix: String { "berth/\(Self.slug(project))/\(Self.slug(environment))" }

    /// Lower-case letters, digits and hyphens (`String.slug`, whose home is ComposeModel so
    /// `validate` can find names that would collide).
    package static func slug(_ text: String) -> String { text.slug }

    /// The `awslogs-stream-prefix` of a compose service's container: awslogs names its streams
    /// `<prefix>/<container>/<task id>`.
    package static func logStreamPrefix(service: String) -> String { slug(service) }

    /// What the names of a service's log streams start with; the slash keeps `web` from also
    /// matching `web-admin`'s streams.
    package static func logStreamNamePrefix(service: String) -> String { logStreamPrefix(service: service) + "/" }

    /// The stream of one task's container of a compose service (the container is named after it).
    package static func logStreamName(service: String, taskId: String) -> String {
        logStreamName(prefix: logStreamPrefix(service: service), container: service, taskId: taskId)
    }

    /// The stream awslogs writes a container's output to: `<prefix>/<container>/<task id>`.
    package static func logStreamName(prefix: String, container: String, taskId: String) -> String { prefix + "/" + container + "/" + taskId }
}

/// The tags Berth puts on what it makes, and finds a site's resources again by.
package enum BerthTag {
    package static let project = "berth:project"
    package static let environment = "berth:environment"
    package static let service = "berth:service"
    package static let volume = "berth:volume"
    /// An access point's `service/volume` mount (see `AccessPointSpec.key`).
    package static let mount = "berth:mount"
    /// The hash of a task definition's or service's desired state: how the API mode sees a change.
    package static let hash = "berth:hash"
    package static let managed = "berth:managed"
    /// How the environment's stack is deployed (`DeployMode`): the other mode would read it as
    /// the wrong kind of stack.
    package static let mode = "berth:mode"
    /// What a kept resource is for (`backups` on the backup bucket): the stack's tags reach every
    /// resource it makes, so the environment's tags alone would also match a user's own bucket.
    package static let role = "berth:role"
    package static let backupsRole = "backups"
}

/// The two ways an environment is deployed: an infrastructure stack plus services through the
/// API, or one stack with everything (`--unified`).
package enum DeployMode: String, Sendable {
    case layers
    case unified
}

extension Names {
    /// The tags of what belongs to the project, whatever the environment: its ECR repositories.
    package var projectTags: [(String, String)] { [(BerthTag.project, project)] }

    /// The tags that mark a resource as this site's: its project and environment.
    package var siteTags: [(String, String)] { [(BerthTag.project, project), (BerthTag.environment, environment)] }
}
