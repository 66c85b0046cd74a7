/// The region, from the most specific place that names one: `--region`, `AWS_REGION`,
/// `AWS_DEFAULT_REGION`, then the profile's `region`.
package enum RegionResolver {
    package struct Resolved: Sendable, Equatable {
        package var region: String
        package var source: String
    }

    package static func resolve(flag: String?, environment: [String: String], profile: ProfileSettings) -> Resolved? {
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

    /// Whether a region name can stand in an endpoint's host name, the check the SDKs make
    /// (botocore's `validate_region_name`): one DNS label of letters, digits and hyphens.
    package static func isValid(_ region: String) -> Bool {
        let characters = Array(region.utf8)
        guard (1...63).contains(characters.count), characters.first != UInt8(ascii: "-"), characters.last != UInt8(ascii: "-") else { return false }
        return characters.allSatisfy {
            $0 == UInt8(ascii: "-") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0 | 0x20)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
        }
    }
}
