/// What `berth --version` says about the build. `scripts/install.sh` and `scripts/release.sh`
/// write the Git commit into `BuildStamp.swift` (not in Git) and build with `-DBERTH_STAMPED`;
/// any other build (`swift build`, the tests) says it is a development build.
enum BuildInfo {
    static let version = "0.1.0"

    #if BERTH_STAMPED
        static let commit: String? = BuildStamp.commit
    #else
        static let commit: String? = nil
    #endif

    /// `berth 0.1.0 (commit 3d0972a)`.
    static var versionLine: String {
        "berth \(version) (" + (commit.map { "commit \($0)" } ?? "development build, commit not recorded") + ")"
    }
}
