import AWSRuntime
import Foundation
import Testing

/// AWS's timestamps in their three forms, read without ICU.
struct AWSDateTests {
    @Test func theFormsAWSWrites() {
        #expect(AWSDate.parse("2026-12-04T03:00:00Z") == Date(timeIntervalSince1970: 1_796_353_200))
        #expect(AWSDate.parse("2026-12-04T03:00:00.250Z") == Date(timeIntervalSince1970: 1_796_353_200.25))
        #expect(AWSDate.parse("2026-12-04T04:00:00+01:00") == Date(timeIntervalSince1970: 1_796_353_200))
        #expect(AWSDate.parse("1796353200.5") == Date(timeIntervalSince1970: 1_796_353_200.5))
        #expect(AWSDate.parse("yesterday") == nil)
        #expect(AWSDate.iso8601(Date(timeIntervalSince1970: 1_796_353_200.75)) == "2026-12-04T03:00:00Z")
    }
}
