import AWSRuntime
import Foundation
import StackTemplates

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Who holds an environment's deploy lock, as written into it.
package struct LockHolder: Sendable, Codable, Equatable {
    /// `user@host`.
    package var owner: String
    /// The Berth command, e.g. `deploy` or `down`.
    package var command: String
    package var pid: Int32
    package var started: Date
    /// Tells this run's lock from another's, so a run releases only its own.
    package var token: String

    package init(owner: String, command: String, pid: Int32, started: Date = Date(), token: String = UUID().uuidString) {
        self.owner = owner
        self.command = command
        self.pid = pid
        self.started = started
        self.token = token
    }

    /// This process: `$USER@host`, its pid, now.
    package static func current(command: String, environment: [String: String]) -> LockHolder {
        let user = environment["USER"] ?? environment["LOGNAME"] ?? "someone"
        return LockHolder(owner: "\(user)@\(ProcessInfo.processInfo.hostName)", command: command, pid: ProcessInfo.processInfo.processIdentifier)
    }

    /// Whether the holder was a process of this machine that no longer runs (killed, crashed):
    /// its lock can be taken at once instead of after `staleAfter`.
    package var isGoneFromThisMachine: Bool {
        guard owner.hasSuffix("@\(ProcessInfo.processInfo.hostName)"), pid > 0, pid != ProcessInfo.processInfo.processIdentifier else {
            return false
        }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}

/// Where locks live: a record that is created only when absent (Parameter Store's PutParameter
/// without Overwrite fails with ParameterAlreadyExists, atomically, in AWS), so it holds across
/// machines with no server of Berth's own.
package protocol LockStore: Sendable {
    /// Writes `value` at `name` unless a record is there; false when one was.
    func createLock(_ name: String, value: String) async throws -> Bool
    func readLock(_ name: String) async throws -> String?
    func deleteLock(_ name: String) async throws
}

/// Another run holds the environment.
package struct LockHeldError: HintedError, Sendable {
    package var stack: String
    package var holder: LockHolder
    package var now: Date

    package var message: String {
        let minutes = Int(now.timeIntervalSince(holder.started) / 60)
        let since = AWSDate.iso8601(holder.started)
        return "\(stack) is locked by \(holder.owner) (berth \(holder.command), pid \(holder.pid)) since \(since), \(minutes) min ago"
    }

    package var hint: String? { "wait for it to finish, or re-run with --wait-for-lock" }
}

/// One deploy or teardown per environment at a time.
///
/// The lock is a Parameter Store record named after the environment (`Names.lockParameter`);
/// the second run says who holds it since when and stops (or, with `waitForLock`, waits). A lock
/// older than `staleAfter` belongs to a run that died without releasing it (a kill -9, a lost
/// machine) and is taken over with a note. Two environments never share a lock.
package struct EnvironmentLock: Sendable {
    let store: any LockStore
    let name: String
    let stack: String
    var staleAfter: TimeInterval
    var waitForLock: Bool
    var sleeper: any Sleeper
    var onNote: @Sendable (String) -> Void

    /// Three hours: longer than any deploy's waits (a stack's 60-minute timeout, the services' 30).
    package static let staleAfterDefault: TimeInterval = 3 * 3600

    package init(
        store: any LockStore, name: String, stack: String, staleAfter: TimeInterval = Self.staleAfterDefault, waitForLock: Bool = false,
        sleeper: any Sleeper = TaskSleeper(), onNote: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.store = store
        self.name = name
        self.stack = stack
        self.staleAfter = staleAfter
        self.waitForLock = waitForLock
        self.sleeper = sleeper
        self.onNote = onNote
    }

    /// The lock of the environment `names` name, its notes sent as deploy events.
    init(backend: any SiteBackend, names: Names, waitForLock: Bool, onEvent: @escaping @Sendable (SiteDeployer.Event) -> Void) {
        self.init(
            store: backend, name: names.lockParameter, stack: names.stack, waitForLock: waitForLock, onNote: { onEvent(.note($0)) })
    }

    /// Runs `body` holding the lock, and releases it whether `body` succeeds or throws.
    package func holding<T: Sendable>(_ holder: LockHolder, _ body: () async throws -> T) async throws -> T {
        try await acquire(holder)
        let result: T
        do {
            result = try await body()
        } catch {
            await release(holder)
            throw error
        }
        await release(holder)
        return result
    }

    package func acquire(_ holder: LockHolder) async throws {
        let value = String(decoding: try LockHolder.encoder.encode(holder), as: UTF8.self)
        var waited = false
        while true {
            if try await store.createLock(name, value: value) { return }
            guard let text = try await store.readLock(name) else { continue }  // released meanwhile
            guard let current = try? LockHolder.decoder.decode(LockHolder.self, from: Data(text.utf8)) else {
                onNote("the lock of \(stack) could not be read; taking it over")
                try await store.deleteLock(name)
                continue
            }
            // A retried create whose first answer was lost finds its own record.
            if current.token == holder.token { return }
            let now = Date()
            if current.isGoneFromThisMachine {
                onNote("\(LockHeldError(stack: stack, holder: current, now: now)), but that process has ended; taking the lock over")
                try await store.deleteLock(name)
                continue
            }
            if now.timeIntervalSince(current.started) > staleAfter {
                onNote("\(LockHeldError(stack: stack, holder: current, now: now)): older than \(Int(staleAfter / 3600)) h, taking it over")
                try await store.deleteLock(name)
                continue
            }
            guard waitForLock else { throw LockHeldError(stack: stack, holder: current, now: now) }
            if !waited { onNote("\(LockHeldError(stack: stack, holder: current, now: now)); waiting for it") }
            waited = true
            try await sleeper.sleep(seconds: 10)
        }
    }

    /// Deletes the lock if it is still this run's; a failure leaves a lock that goes stale.
    package func release(_ holder: LockHolder) async {
        guard let text = try? await store.readLock(name), let current = try? LockHolder.decoder.decode(LockHolder.self, from: Data(text.utf8)),
            current.token == holder.token
        else { return }
        try? await store.deleteLock(name)
    }
}
