import AWSServices
import StackTemplates

/// The calls a site's workflows make beyond the services layer's: who and where the caller is,
/// the network of an existing VPC, nested templates, image repositories, and the data that
/// `down --delete-data` removes. `AWSServicesBackend` makes them for real; tests use an
/// in-memory one, so `plan`, `deploy`, `down` and `status` run in process.
///
/// Every delete tolerates what is already gone, so an interrupted `down` finishes on the next run.
package protocol SiteBackend: ServicesBackend, LockStore {
    var region: String { get }
    func accountId() async throws -> String
    /// The subnet parameters of a site in an existing VPC (`x-aws-vpc`); none otherwise.
    func networkParameters(for input: InfraStackInput) async throws -> [String: String]
    /// Puts each file at `key` in `bucket`, creating the bucket when it is missing.
    func uploadTemplates(_ files: [(key: String, body: String)], bucket: String) async throws

    func repositoryExists(_ name: String) async throws -> Bool
    /// Creates the repository (one made by an interrupted run is just as good) and sets its
    /// lifecycle rule.
    func createRepository(_ name: String, tags: [(String, String)], lifecyclePolicy: String) async throws

    /// The status of an ACM certificate of this account and region; `nil` when there is none.
    func certificateStatus(_ arn: String) async throws -> CertificateStatus?
    /// The account's public Route 53 hosted zone that holds `domain` (the longest zone name the
    /// domain ends with); `nil` when there is none.
    func hostedZone(for domain: String) async throws -> HostedZone?
    /// The ACM certificate of this region for exactly `domain` that serves it or soon will: an
    /// issued one first, else one pending DNS validation; `nil` when there is neither.
    func certificate(forDomain domain: String) async throws -> DomainCertificate?
    /// Requests a DNS-validated certificate for `domain`; the same `token` returns the same one.
    func requestCertificate(domain: String, token: String, tags: [(String, String)]) async throws -> DomainCertificate

    /// The cluster's running tasks (ListTasks, then DescribeTasks 100 at a time).
    func runningTasks(cluster: String) async throws -> [RunningTask]
    /// Each service's CPU and memory use over the last 15 minutes (one GetMetricData call).
    func utilization(cluster: String, services: [String]) async throws -> [String: Utilization]
    /// The named alarms' states (DescribeAlarms, 100 names a call).
    func alarmStates(names: [String]) async throws -> [AlarmState]
    /// Every file system and bucket tagged for the environment that still exists, whether a
    /// stack holds it or not (see `RetainedData`).
    func taggedData(project: String, environment: String) async throws -> RetainedData
    /// Deletes the file system after its access points.
    func deleteFileSystem(_ id: String) async throws
    /// Deletes every version of every object, then the bucket; `false` when there was no bucket.
    func emptyAndDeleteBucket(_ name: String) async throws -> Bool
}
