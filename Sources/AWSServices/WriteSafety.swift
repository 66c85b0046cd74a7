/// Every write Berth sends to AWS, and what makes it safe to send again after a throttle, a 5xx
/// or a dropped connection, when AWS may or may not have done it already. The client of each
/// service passes `idempotent:` accordingly, and `WriteSafetyTests` holds the two together.
package enum WriteSafety: Sendable, Equatable {
    /// AWS recognises the repeat by a token Berth sends (`ClientToken`, `ClientRequestToken`).
    case clientToken
    /// Sending it twice leaves what sending it once leaves (a put, a tag, a register).
    case sameResult
    /// The repeat fails in a way the caller takes as done (already exists, not found).
    case toleratedError
    /// Not retried blindly: a repeat would make a second one (a task definition revision, a
    /// deployment). The next run re-reads what exists and finishes the job.
    case reRead

    package var retryable: Bool { self != .reRead }

    /// `service:Operation` → how the write is made safe, and why.
    package static let table: [String: (WriteSafety, String)] = [
        "ACM:RequestCertificate": (.clientToken, "IdempotencyToken: the same token within an hour returns the same certificate"),
        "ApplicationAutoScaling:RegisterScalableTarget": (.sameResult, "registering again sets the same capacity"),
        "ApplicationAutoScaling:DeregisterScalableTarget": (.toleratedError, "ObjectNotFound on a repeat"),
        "ApplicationAutoScaling:PutScalingPolicy": (.sameResult, "a policy of the same name is replaced"),
        "ApplicationAutoScaling:DeleteScalingPolicy": (.toleratedError, "ObjectNotFound on a repeat"),
        "CloudFormation:CreateChangeSet": (.clientToken, "ClientToken; the change set's name is unique"),
        "CloudFormation:ExecuteChangeSet": (.clientToken, "ClientRequestToken"),
        "CloudFormation:DeleteChangeSet": (.toleratedError, "deleting a deleted change set is refused harmlessly"),
        "CloudFormation:DeleteStack": (.clientToken, "ClientRequestToken"),
        "CloudFormation:ContinueUpdateRollback": (.clientToken, "ClientRequestToken"),
        "CodeBuild:StartBuild": (.clientToken, "idempotencyToken: a repeat within five minutes returns the build the first call started"),
        "CloudWatchLogs:CreateLogGroup": (.reRead, "ResourceAlreadyExists; only tests create log groups"),
        "CloudWatchLogs:DeleteLogGroup": (.reRead, "only tests delete log groups"),
        "CloudWatchLogs:CreateLogStream": (.reRead, "only tests create streams"),
        "CloudWatchLogs:PutLogEvents": (.reRead, "a repeat would write the events twice"),
        "ECR:CreateRepository": (.toleratedError, "RepositoryAlreadyExists is taken as done"),
        "ECR:PutLifecyclePolicy": (.sameResult, "the policy is replaced"),
        "ECS:CreateCluster": (.sameResult, "an existing cluster of that name is returned"),
        "ECS:DeleteCluster": (.toleratedError, "ClusterNotFound on a repeat"),
        "ECS:CreateService": (.clientToken, "clientToken; a repeat with it is refused as not idempotent, taken as done"),
        "ECS:UpdateService": (
            .sameResult, "the same settings again start no second deployment; a forced deployment (forceNewDeployment) is sent once"
        ),
        "ECS:DeleteService": (.toleratedError, "ServiceNotFound / ServiceNotActive taken as done"),
        "ECS:RunTask": (.clientToken, "clientToken; a repeat with it returns the task the first call started"),
        "ECS:ExecuteCommand": (.reRead, "each call opens another session; a failed one is run again by the user"),
        "ECS:TagResource": (.sameResult, "tags are set, not added"),
        "ECS:UntagResource": (.sameResult, "removing a removed tag changes nothing"),
        "ECS:RegisterTaskDefinition": (.reRead, "a repeat is a new revision; the next run finds the revision by its berth:hash"),
        "ECS:DeregisterTaskDefinition": (.sameResult, "deregistering again answers the inactive revision"),
        "ECS:DeleteTaskDefinitions": (.sameResult, "a repeat lists the revision among failures, taken as done"),
        "EFS:CreateAccessPoint": (.clientToken, "ClientToken"),
        "EFS:DeleteAccessPoint": (.toleratedError, "AccessPointNotFound taken as done"),
        "EFS:TagResource": (.sameResult, "tags are set, not added"),
        "EFS:CreateFileSystem": (.clientToken, "CreationToken"),
        "EFS:DeleteFileSystem": (.toleratedError, "FileSystemNotFound taken as done"),
        "IAM:PutRolePolicy": (.sameResult, "the inline policy is replaced"),
        "IAM:DeleteRolePolicy": (.toleratedError, "NoSuchEntity on a repeat"),
        "S3:CreateBucket": (.toleratedError, "BucketAlreadyOwnedByYou taken as done"),
        "S3:PutObject": (.sameResult, "the object is replaced"),
        "S3:DeleteObject": (.sameResult, "deleting a deleted key succeeds"),
        "S3:DeleteBucket": (.toleratedError, "NoSuchBucket on a repeat"),
        "S3:CreateMultipartUpload": (
            .reRead,
            "a repeat starts a second upload; the command fails and its re-run stores the archive again (the bucket's lifecycle rule drops parts of uploads left unfinished)"
        ),
        "S3:UploadPart": (.sameResult, "a part of the same number replaces the one sent before"),
        "S3:CompleteMultipartUpload": (
            .sameResult, "the same parts make the same object; S3's documentation asks clients to retry a failed completion"
        ),
        "S3:AbortMultipartUpload": (.toleratedError, "NoSuchUpload on a repeat, which the abort ignores"),
        "SSM:PutParameter": (.sameResult, "with Overwrite the value is replaced; without (the lock), the repeat finds its own token"),
        "SSM:DeleteParameters": (.sameResult, "unknown names come back in InvalidParameters"),
        "SecretsManager:CreateSecret": (.clientToken, "ClientRequestToken"),
        "SecretsManager:PutSecretValue": (.clientToken, "ClientRequestToken"),
        "SecretsManager:DeleteSecret": (.toleratedError, "ResourceNotFound taken as done"),
    ]
}
