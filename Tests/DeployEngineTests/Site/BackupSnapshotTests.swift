import DeployEngine
import Foundation
import Testing

struct BackupSnapshotTests {
    /// The id Berth gives `backup now` is the form the scripts make for scheduled runs, so both
    /// sort by time in `backup list` and are accepted by `restore`.
    @Test func idsAreUTCTimesInTheScriptsForm() {
        let id = BackupSnapshot.id(at: Date(timeIntervalSince1970: 1_796_353_200))
        #expect(id == "20261204T030000Z")
        #expect(BackupSnapshot.isId(id))
        for bad in ["2026-12-04", "20261204T030000", "20261204X030000Z", "2026120aT030000Z", "../../etc/passwd"] {
            #expect(!BackupSnapshot.isId(bad), "\(bad)")
        }
    }
}
