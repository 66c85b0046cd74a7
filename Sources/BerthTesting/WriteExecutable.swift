import Foundation

/// Writes an executable script (a stand-in `nc`, `docker` or `aws`) through a child shell, so
/// that no process this one forks meanwhile inherits a descriptor open for writing on it: while
/// such a child lives, `exec` of the script fails with ETXTBSY ("Text file busy"), and tests that
/// run in parallel fork all the time. Written in place, then made executable.
package func writeExecutable(_ text: String, to url: URL) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", #"printf '%s' "$1" > "$2" && chmod 755 "$2""#, "sh", text, url.path]
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
    }
}
