/// Everything a load depends on, passed in explicitly: the loader never reads the process
/// environment or the current directory itself, so tests and the fuzz test load from memory and
/// give the same result on every machine.
package struct ComposeLoadOptions: Sendable {
    /// Files given with `-f`, in order, relative to `workingDirectory`. Empty means "discover
    /// `compose.yaml` and friends like `docker compose` does".
    package var files: [String]
    /// The directory the command runs in; an absolute path.
    package var workingDirectory: String
    /// `--project-name`; wins over `COMPOSE_PROJECT_NAME` and the file's `name:`.
    package var projectName: String?
    /// `--env-file`; when set, replaces the project's `.env`.
    package var envFiles: [String]
    /// The shell environment; it wins over `.env` values, as in compose.
    package var processEnvironment: [String: String]
    /// Active profiles (`--profile`); `COMPOSE_PROFILES` is used when this is empty.
    package var profiles: [String]
    /// Where files are read from; the real disk unless a test passes an in-memory one.
    package var fileSystem: any ComposeFileSystem
    /// What the files are read for; see `Purpose`.
    package var purpose: Purpose = .local

    /// `docker compose` reads `compose.override.yaml` beside the file it finds, and by its
    /// convention that file holds one developer's local settings: a published admin port, a
    /// source mount, a debug command. Local use reads it as compose does; a deploy leaves it out
    /// unless `-f` names it (a note says so), and warns about each port published only there,
    /// which would become a listener on the internet.
    package enum Purpose: Sendable, Equatable {
        case local
        case deploy
    }

    package init(
        files: [String] = [],
        workingDirectory: String,
        projectName: String? = nil,
        envFiles: [String] = [],
        processEnvironment: [String: String] = [:],
        profiles: [String] = [],
        fileSystem: any ComposeFileSystem = LocalFileSystem(),
        purpose: Purpose = .local
    ) {
        self.purpose = purpose
        self.files = files
        self.workingDirectory = workingDirectory
        self.projectName = projectName
        self.envFiles = envFiles
        self.processEnvironment = processEnvironment
        self.profiles = profiles
        self.fileSystem = fileSystem
    }
}
