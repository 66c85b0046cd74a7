/// The region, from the most specific place that names one: `--region`, `AWS_REGION`,
/// `AWS_DEFAULT_REGION`, then the profile's `region`.
public enum RegionResolver {
    public struct Resolved: Sendable, Equatable {
        public var region: String
        public var source: String
    }

    public static func resolve(flag: String?, environment: [String: String], profile: ProfileSettings) -> Resolved? {
        let candidates: [(String?, String)] = [
            (flag, "--region"),
            (environment["AWS_REGION"], "AWS_REGION"),
            (environment["AWS_DEFAULT_REGION"], "AWS_DEFAULT_REGION"),
            (profile["region"], "profile \(profile.name)"),
        ]
        for (value, source) in candidates {
            if let value, !value.isEmpty { return Resolved(region: value, source: source) }
        }
        return nil
    }
}
