import AWSRuntime
import AWSServices
import Foundation
import SigV4
import StackTemplates

/// `berth push --remote`: builds a service's image in the team's own AWS account, for machines
/// without a Docker engine. The context (what `docker build` would send, `.dockerignore`
/// honoured) goes as a ZIP to the artifacts bucket; the infrastructure stack's CodeBuild project
/// builds it for the task's platform and pushes every tag; Berth follows the build and its log.
package struct RemoteImageBuilds: Sendable {
    let client: AWSClient
    let names: Names
    let accountId: String
    let waiter: Waiter

    package init(client: AWSClient, names: Names, accountId: String, waiter: Waiter = .operations(timeout: 40 * 60)) {
        self.client = client
        self.names = names
        self.accountId = accountId
        self.waiter = waiter
    }

    /// What a build is handed: the context's place and the variables the buildspec reads.
    package struct Request: Sendable, Equatable {
        package var bucket: String
        package var key: String
        package var files: Int
        package var bytes: Int
        package var start: CodeBuildClient.StartBuildInput
    }

    /// Reads and zips the context and decides the build's request, without touching AWS.
    /// - Parameter environment: where a build arg given by name alone takes its value (as compose
    ///   does); one the environment lacks is left out, as docker leaves it out.
    package func prepare(_ push: ImagePush, environment: [String: String]) throws -> (Request, Data) {
        guard !ImagePush.isRemote(push.context) else {
            throw DeployError(
                "service \(push.service) builds from \(push.context), which push --remote cannot upload",
                hint: "clone it and point build.context at the folder, or push it with a local docker")
        }
        let context: BuildContext
        let archive: Data
        do {
            context = try BuildContext.read(directory: push.context, dockerfile: push.dockerfile)
            archive = try ZipArchive.bytes(of: context.entries)
        } catch let problem as BuildContext.Problem {
            throw DeployError("service \(push.service): \(problem.description)", hint: "check build: in the compose file")
        } catch let problem as ZipArchive.TooLarge {
            throw DeployError("service \(push.service): \(problem.description)", hint: "leave more out with .dockerignore")
        }
        let sha = sha256Hex(archive)
        let bucket = Names.artifactsBucket(account: accountId, region: client.region)
        let key = names.buildContextKey(service: push.service, sha256: sha)
        let buildArgs = push.buildArgs.compactMap { arg -> String? in
            arg.contains("=") ? arg : environment[arg].map { "\(arg)=\($0)" }
        }
        let variables: [(String, String)] = [
            (InfraStack.ImageBuildVariable.repository, push.repositoryURI),
            (InfraStack.ImageBuildVariable.tags, push.tags.joined(separator: " ")),
            (InfraStack.ImageBuildVariable.dockerfile, context.dockerfile),
            (InfraStack.ImageBuildVariable.platform, push.platform),
            (InfraStack.ImageBuildVariable.target, push.target ?? ""),
            (InfraStack.ImageBuildVariable.buildArgs, buildArgs.joined(separator: "\n")),
        ]
        // The project is x86-64; another platform names its environment, natively.
        let environmentOverride = push.platform == "linux/amd64" ? nil : InfraStack.ImageBuildEnvironment.forPlatform(push.platform)
        // The same context and tags within five minutes are the same build (a retried call).
        let token = String(sha256Hex(Data((sha + "|" + push.references.joined(separator: ",")).utf8)).prefix(64))
        let start = CodeBuildClient.StartBuildInput(
            projectName: names.imageBuildProject, sourceLocation: bucket + "/" + key, environmentType: environmentOverride?.type,
            image: environmentOverride?.image, variables: variables.map { CodeBuildClient.EnvironmentVariable(name: $0.0, value: $0.1) },
            idempotencyToken: token)
        return (Request(bucket: bucket, key: key, files: context.files.count, bytes: archive.count, start: start), archive)
    }

    /// Uploads the context, starts the build and follows it to its end, handing `progress` the
    /// phases and `line` each line of the build's log. Throws when the build does not succeed.
    package func run(
        _ push: ImagePush, environment: [String: String], progress: @Sendable (String) -> Void, line: @Sendable (String) -> Void
    ) async throws {
        let (request, archive) = try prepare(push, environment: environment)
        let s3 = S3Client(client)
        try await s3.ensureBucket(request.bucket)
        progress("uploading the build context (\(request.files) files, \(archive.count) bytes) to s3://\(request.bucket)/\(request.key)")
        _ = try await s3.putObject(bucket: request.bucket, key: request.key, body: archive, contentType: "application/zip")
        let codeBuild = CodeBuildClient(client)
        let started: CodeBuildClient.Build
        do {
            started = try await codeBuild.startBuild(request.start)
        } catch let error as AWSServiceError where error.code == "ResourceNotFoundException" {
            throw DeployError(
                "\(names.stack) has no image build project (\(names.imageBuildProject)) yet: \(error.message)",
                hint: "run `berth deploy` once (it adds the CodeBuild project to the stack), then push --remote again")
        }
        progress("build \(started.id) started on CodeBuild")
        let final = try await follow(started.id, codeBuild: codeBuild, progress: progress, line: line)
        guard final.buildStatus == "SUCCEEDED" else {
            let failure = final.failure
            throw DeployError(
                "the remote build of \(push.service) \(final.buildStatus?.lowercased() ?? "failed")"
                    + (failure.map { " in \($0.phase)" + ($0.message.isEmpty ? "" : ": \($0.message)") } ?? ""),
                hint: "the build's log is above (log group \(final.logs?.groupName ?? names.logGroup), stream \(final.logs?.streamName ?? "?"))")
        }
    }

    /// Polls the build until it is complete, printing each new phase and the log lines written
    /// since the last poll (GetLogEvents from the last forward token: no line twice, none lost).
    func follow(_ id: String, codeBuild: CodeBuildClient, progress: @Sendable (String) -> Void, line: @Sendable (String) -> Void) async throws
        -> CodeBuildClient.Build
    {
        let logs = CloudWatchLogsClient(client)
        var phase: String?
        var token: String?
        func drain(_ build: CodeBuildClient.Build) async throws {
            guard let group = build.logs?.groupName, let stream = build.logs?.streamName else { return }
            while let page = try await logs.getLogEventsPage(groupName: group, streamName: stream, nextToken: token) {
                for event in page.events { line((event.message ?? "").trimmingCharacters(in: .newlines)) }
                let moved = page.nextToken != token
                token = page.nextToken
                if page.events.isEmpty || !moved { break }
            }
        }
        let final = try await waiter.wait(for: "build \(id)") { () -> Waiter.State<CodeBuildClient.Build> in
            guard let build = try await codeBuild.build(id) else {
                return .failed(DeployError("CodeBuild no longer knows build \(id)"))
            }
            if let current = build.currentPhase, current != phase {
                phase = current
                progress(current.lowercased().replacingOccurrences(of: "_", with: " "))
            }
            try await drain(build)
            return build.buildComplete == true ? .done(build) : .retry(build.currentPhase)
        }
        try await drain(final)
        return final
    }
}
