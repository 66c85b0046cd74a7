import Foundation

/// Sizes as people read them.
package enum ByteSize {
    /// `512 B`, `3.4 MB`, `1.2 GB`: decimal units, as the EFS and S3 consoles show sizes.
    package static func text(_ count: Int64) -> String {
        let units = ["B", "kB", "MB", "GB", "TB", "PB"]
        var value = Double(count)
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: "%.1f", value) + " " + units[unit]
    }
}
