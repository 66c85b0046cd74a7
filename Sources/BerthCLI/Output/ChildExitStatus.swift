/// The exit status of what Berth ran for the user (a one-off task's container, the Session
/// Manager plugin), passed on as Berth's own as `docker compose run` and `exec` pass theirs on;
/// already reported, so the renderer prints nothing.
struct ChildExitStatus: Error, Sendable {
    var code: Int32
}
