import Foundation
import Testing

@testable import DeployEngine

/// `.dockerignore` as docker's context loader reads it (moby's patternmatcher): the cases its
/// documentation gives, and the ones that trip people up.
struct DockerIgnoreTests {
    @Test(arguments: [
        // pattern, path, excluded
        ("*/temp*", "somedir/temporary.txt", true),
        ("*/temp*", "somedir/temp", true),
        ("*/temp*", "temp.txt", false),
        ("*/*/temp*", "somedir/subdir/temporary.txt", true),
        ("temp?", "tempa", true),
        ("temp?", "tempab", false),
        ("**/*.go", "a/b/c.go", true),
        ("**/*.go", "c.go", true),
        ("node_modules", "node_modules/left-pad/index.js", true),
        ("/node_modules", "node_modules/x", true),
        ("node_modules/", "node_modules/x", true),
        ("node_modules", "src/node_modules/x", false),
        ("**/node_modules", "src/node_modules/x", true),
        ("*.md", "README.md", true),
        ("*.md", "docs/guide.md", false),
        ("./secret.txt", "secret.txt", true),
        ("[a-c].txt", "b.txt", true),
        ("[!a-c].txt", "b.txt", false),
        ("[!a-c].txt", "d.txt", true),
        ("\\*.txt", "*.txt", true),
        ("\\*.txt", "a.txt", false),
        ("a/**/b", "a/b", true),
        ("a/**/b", "a/x/y/b", true),
        ("a/**", "a/x/y", true),
        ("file.txt.", "file.txt", false),
    ])
    func onePattern(pattern: String, path: String, excluded: Bool) {
        #expect(DockerIgnore(pattern).excludes(path) == excluded, "\(pattern) vs \(path)")
    }

    @Test func theLastMatchingLineDecidesAndExceptionsBringFilesBack() {
        let ignore = DockerIgnore(
            """
            # comments and blank lines are skipped

            *.md
            !README*.md
            README-secret.md
            """)
        #expect(ignore.excludes("CHANGES.md"))
        #expect(!ignore.excludes("README.md"))
        #expect(ignore.excludes("README-secret.md"))
        #expect(!ignore.excludes("main.go"))
        #expect(ignore.hasExceptions)
        #expect(!DockerIgnore("*.md").hasExceptions)
    }

    @Test func anExceptionInsideAnExcludedDirectory() {
        let ignore = DockerIgnore("logs\n!logs/keep.txt\n")
        #expect(ignore.excludes("logs/today.txt"))
        #expect(!ignore.excludes("logs/keep.txt"))
    }
}
