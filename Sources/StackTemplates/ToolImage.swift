/// The published images Berth's own containers run (backups, restores, dependency waits), from
/// ECR Public so that pulls need no Docker Hub login and count against no Docker Hub limit;
/// pinned, so a task definition changes only when Berth does.
package enum ToolImage {
    /// busybox's tools (`tar`, `gzip`, `sha256sum`, `nc -z`) in alpine.
    package static let alpine = "public.ecr.aws/docker/library/alpine:3.20"
    /// The AWS CLI; its image has no `tar` (aws/aws-cli#5106).
    package static let awsCLI = "public.ecr.aws/aws-cli/aws-cli:2.17.0"
}
