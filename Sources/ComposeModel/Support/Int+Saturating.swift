extension Int {
    /// `value` rounded as asked and held within Int's range (NaN as 0): compose files carry
    /// numbers like `cpus: 1e19`, and `Int(_: Double)` traps on what it cannot hold. A value
    /// this large is then refused by the range check that follows, at its line.
    package init(saturating value: Double, rounding rule: FloatingPointRoundingRule = .toNearestOrAwayFromZero) {
        let rounded = value.rounded(rule)
        if rounded.isNaN {
            self = 0
        } else if rounded >= 9.2e18 {
            self = Int.max
        } else if rounded <= -9.2e18 {
            self = Int.min
        } else {
            self = Int(rounded)
        }
    }
}
