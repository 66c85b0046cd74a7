import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a shell command in a process group of its own and collects its standard output, with a
/// deadline and a size cap: a `credential_process` that hangs (`sleep 1000`) or never stops
/// printing (`yes`) must not hang Berth or fill its memory, and must not outlive it. On either,
/// the whole group (the shell and what it started) is killed.
struct ChildProcess {
    struct Outcome {
        var output: Data
        var status: Int32
    }

    enum Failure: Error, Equatable {
        case couldNotStart(String)
        case timedOut
        case tooMuchOutput
    }

    var command: String
    var timeout: TimeInterval
    var outputLimit: Int

    func run() throws(Failure) -> Outcome {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw .couldNotStart(String(cString: strerror(errno))) }
        let (readEnd, writeEnd) = (ends[0], ends[1])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, writeEnd, STDOUT_FILENO)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        posix_spawn_file_actions_addclose(&actions, writeEnd)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var pid: pid_t = 0
        let arguments = ["/bin/sh", "-c", command]
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, environ)
        close(writeEnd)
        guard spawned == 0 else {
            close(readEnd)
            throw .couldNotStart(String(cString: strerror(spawned)))
        }
        defer { close(readEnd) }

        var output = Data()
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 65536)
        var failure: Failure?
        reading: while true {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else {
                failure = .timedOut
                break
            }
            var descriptor = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(min(left, 1) * 1000))
            if ready < 0, errno != EINTR { break }
            guard ready > 0 else { continue }
            let count = read(readEnd, &buffer, buffer.count)
            if count < 0, errno == EINTR || errno == EAGAIN { continue }
            guard count > 0 else { break reading }
            output.append(contentsOf: buffer[0..<count])
            if output.count > outputLimit {
                failure = .tooMuchOutput
                break
            }
        }
        if failure != nil { kill(-pid, SIGKILL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        if let failure { throw failure }
        // WIFEXITED / WEXITSTATUS, which Swift does not import as functions.
        let exited = status & 0x7f == 0
        return Outcome(output: output, status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f))
    }
}
