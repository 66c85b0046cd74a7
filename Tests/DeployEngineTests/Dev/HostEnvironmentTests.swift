import ComposeModel
import Testing

@testable import DeployEngine

/// A service on the developer's machine reaches the others at `localhost` and their published
/// ports; only unambiguous uses of a service's name change.
struct HostEnvironmentTests {
    static let ports = ["cms": [1337: 1337], "db": [5432: 15432], "cache": [6379: 6379]]

    @Test(arguments: [
        ("http://cms:1337", "http://localhost:1337"),
        ("postgres://app:secret@db:5432/app", "postgres://app:secret@localhost:15432/app"),
        ("db", "localhost"),
        ("db:5432", "localhost:15432"),
        ("redis://cache:6379/0", "redis://localhost:6379/0"),
        ("http://cms/ghost/api", "http://localhost/ghost/api"),
        ("cms:1337,db:5432", "localhost:1337,localhost:15432"),
        // Not a service's address: a word, a longer host name, another name that starts alike.
        ("the cms is slow", "the cms is slow"),
        ("http://cms.example.com:1337", "http://cms.example.com:1337"),
        ("http://cms-admin:1337", "http://cms-admin:1337"),
        ("database:5432", "database:5432"),
    ])
    func rewrites(_ value: String, _ expected: String) {
        #expect(HostEnvironment.rewrite(value, ports: Self.ports) == expected)
    }

    @Test func envFilesQuoteWhatDotenvWouldMisread() {
        let text = HostEnvironment.envFile([
            NamedValue(name: "PLAIN", value: "http://localhost:1337"), NamedValue(name: "EMPTY", value: ""),
            NamedValue(name: "LINES", value: "a\nb"), NamedValue(name: "QUOTE", value: "say \"hi\""),
            NamedValue(name: "HASH", value: "x#y"), NamedValue(name: "FROM_SHELL", value: nil),
        ])
        #expect(text == "PLAIN=http://localhost:1337\nEMPTY=\nLINES=\"a\\nb\"\nQUOTE=\"say \\\"hi\\\"\"\nHASH=\"x#y\"\n")
    }
}
