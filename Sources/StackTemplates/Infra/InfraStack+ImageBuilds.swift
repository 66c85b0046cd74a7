extension InfraStack {
    /// The CodeBuild environments images are built in, by the platform the task definition runs:
    /// the build runs natively on the task's architecture. The project is x86-64; an arm64 build
    /// overrides type and image when it starts.
    package enum ImageBuildEnvironment {
        package static func forPlatform(_ platform: String) -> (type: String, image: String) {
            platform == "linux/arm64"
                ? ("ARM_CONTAINER", "aws/codebuild/amazonlinux2-aarch64-standard:3.0")
                : ("LINUX_CONTAINER", "aws/codebuild/amazonlinux2-x86_64-standard:5.0")
        }
    }

    /// What `berth push --remote` hands a build, besides the context: the names of the variables
    /// the buildspec reads (set per build through StartBuild's overrides).
    package enum ImageBuildVariable {
        package static let repository = "BERTH_IMAGE_REPOSITORY"
        /// Space-separated.
        package static let tags = "BERTH_IMAGE_TAGS"
        /// Relative to the context.
        package static let dockerfile = "BERTH_DOCKERFILE"
        package static let platform = "BERTH_PLATFORM"
        /// Empty for the last stage.
        package static let target = "BERTH_TARGET"
        /// `NAME=value` lines.
        package static let buildArgs = "BERTH_BUILD_ARGS"
    }

    /// The buildspec: log in to the registry with the role's own token, build for the task's
    /// platform with the compose file's Dockerfile, target and build args, and push every tag.
    static let imageBuildSpec = """
        version: 0.2
        env:
          shell: bash
        phases:
          pre_build:
            commands:
              - aws ecr get-login-password --region "$AWS_REGION" | docker login --username AWS --password-stdin "${\(ImageBuildVariable.repository)%%/*}"
          build:
            commands:
              - |
                args=(--platform "$\(ImageBuildVariable.platform)" --file "$\(ImageBuildVariable.dockerfile)")
                if [ -n "$\(ImageBuildVariable.target)" ]; then args+=(--target "$\(ImageBuildVariable.target)"); fi
                while IFS= read -r arg; do if [ -n "$arg" ]; then args+=(--build-arg "$arg"); fi; done <<< "$\(ImageBuildVariable.buildArgs)"
                for tag in $\(ImageBuildVariable.tags); do args+=(--tag "$\(ImageBuildVariable.repository):$tag"); done
                docker build "${args[@]}" .
              - for tag in $\(ImageBuildVariable.tags); do docker push "$\(ImageBuildVariable.repository):$tag"; done

        """

    /// For a site with `build:` services, a CodeBuild project that builds an uploaded context and
    /// pushes it to the service's repository (`berth push --remote`, where no Docker engine runs),
    /// and its role: the site's log group, the environment's build contexts, and push rights on
    /// the project's repositories only.
    var imageBuilds: TemplateSection {
        let repositories = input.services.filter(\.hasRepository)
        guard !repositories.isEmpty else { return TemplateSection("CodeBuild: no service builds an image", []) }
        let bucket = "arn:${AWS::Partition}:s3:::" + Names.artifactsBucket(account: "${AWS::AccountId}", region: "${AWS::Region}")
        let statements: [TemplateValue] = [
            [
                "Sid": "WriteBuildLogs", "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
                "Resource": .getAtt("LogGroup", "Arn"),
            ],
            [
                "Sid": "ReadBuildContexts", "Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectVersion"],
                "Resource": .sub(bucket + "/" + input.names.buildContextPrefix + "*"),
            ],
            ["Sid": "FindBuildContexts", "Effect": "Allow", "Action": ["s3:GetBucketAcl", "s3:GetBucketLocation"], "Resource": .sub(bucket)],
            ["Sid": "ECRLogin", "Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"],
            [
                "Sid": "PushSiteImages", "Effect": "Allow",
                "Action": [
                    "ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage",
                    "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer",
                ],
                "Resource": .list(repositories.map { repositoryArn(service: $0.name) }),
            ],
        ]
        let environment = ImageBuildEnvironment.forPlatform("linux/amd64")
        return TemplateSection(
            "CodeBuild: builds and pushes images from an uploaded context (berth push --remote)",
            [
                Resource(
                    "ImageBuildRole", "AWS::IAM::Role",
                    [
                        "Description": .sub("${AWS::StackName}: builds and pushes the site's images"),
                        "AssumeRolePolicyDocument": [
                            "Version": "2012-10-17",
                            "Statement": [
                                [
                                    "Effect": "Allow", "Principal": ["Service": "codebuild.amazonaws.com"], "Action": "sts:AssumeRole",
                                    "Condition": ["StringEquals": ["aws:SourceAccount": .ref("AWS::AccountId")]],
                                ]
                            ],
                        ],
                        "Policies": [["PolicyName": "image-build", "PolicyDocument": ["Version": "2012-10-17", "Statement": .list(statements)]]],
                        "Tags": tags(),
                    ],
                    skippedChecks: ["CKV_AWS_111", "CKV_AWS_356"].map {
                        SkippedCheck($0, "ecr:GetAuthorizationToken has no resource-level permissions; AWS requires \"*\".")
                    }),
                Resource(
                    "ImageBuilder", "AWS::CodeBuild::Project",
                    [
                        "Name": .string(input.names.imageBuildProject),
                        "Description": .sub("${AWS::StackName}: berth push --remote"),
                        "ServiceRole": .getAtt("ImageBuildRole", "Arn"),
                        "Source": ["Type": "NO_SOURCE", "BuildSpec": .string(Self.imageBuildSpec)],
                        "Artifacts": ["Type": "NO_ARTIFACTS"],
                        "Environment": [
                            "Type": .string(environment.type), "Image": .string(environment.image), "ComputeType": "BUILD_GENERAL1_SMALL",
                            "PrivilegedMode": true,
                        ],
                        "LogsConfig": ["CloudWatchLogs": ["Status": "ENABLED", "GroupName": .ref("LogGroup"), "StreamName": "codebuild"]],
                        "TimeoutInMinutes": 30,
                        "Tags": tags(),
                    ],
                    skippedChecks: [
                        SkippedCheck(
                            "CKV_AWS_316", "docker build needs a privileged build container; the project builds only the site's own images."),
                        SkippedCheck(
                            "CKV_AWS_147", "The project makes no artifacts (images go to ECR, encrypted there); nothing for a customer key to hold."),
                    ]),
            ])
    }

    /// A project repository's ARN, built from its name so the stack need not hold it.
    func repositoryArn(service: String) -> TemplateValue {
        .sub("arn:${AWS::Partition}:ecr:${AWS::Region}:${AWS::AccountId}:repository/\(input.names.repository(service: service))")
    }
}
