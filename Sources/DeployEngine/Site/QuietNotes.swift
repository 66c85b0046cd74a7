import Foundation

/// The notes of a quiet plan (the one a deploy makes before its lock), kept for when that plan
/// is the whole run: a deploy with nothing to change still says what the team has to do, such as
/// the DNS record that would validate a domain's certificate.
final class QuietNotes: @unchecked Sendable {
    private let lock = NSLock()
    private var notes: [String] = []

    func record(_ event: SiteDeployer.Event) {
        guard case .note(let note) = event else { return }
        lock.withLock { notes.append(note) }
    }

    var all: [String] { lock.withLock { notes } }
}
