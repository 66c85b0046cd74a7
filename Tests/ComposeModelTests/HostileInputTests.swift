import ComposeModel
import Foundation
import Testing

/// Files written to hurt: validate answers with located errors, in bounded time and memory, and
/// nothing traps.
@Suite struct HostileInputTests {
    @Test func anAliasBombIsRefusedNotExpanded() {
        var yaml = "x-0: &l0 [\(Array(repeating: "\"lol\"", count: 9).joined(separator: ", "))]\n"
        for level in 1...8 {
            yaml += "x-\(level): &l\(level) [\(Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", "))]\n"
        }
        yaml += "services:\n  web:\n    image: nginx\n    command: *l8\n"
        let result = TestSupport.load(yaml)
        #expect(result.errors.contains { $0.message.contains("expands to more than 1000000 values") }, "\(result.errorSummaries)")
        #expect(result.errors.allSatisfy { $0.location != nil })
    }

    @Test func hugeNumbersAreErrorsNotTraps() {
        let result = TestSupport.load(
            """
            services:
              web:
                image: nginx
                cpus: 1e19
                stop_grace_period: 99999999999999999999s
                healthcheck:
                  test: ["CMD", "true"]
                  interval: 99999999999999999999s
                  retries: 99999999999999999999
              api:
                image: nginx
                deploy:
                  replicas: 99999999999999999999
                  resources: {limits: {cpus: "1e300", memory: 99999999999999999999G}}
              worker:
                image: nginx
                x-berth: {cpus: 1e19, memory: 1e30}
            """)
        #expect(!result.errors.isEmpty)
        #expect(result.errors.allSatisfy { $0.location != nil }, "\(result.errorSummaries)")
        #expect(result.errors.contains { $0.path == "services.web.cpus" })
        #expect(result.errors.contains { $0.path == "services.api.deploy.replicas" })
    }

    @Test func aFileThatIsNotYAMLIsNeverQuoted() {
        let key =
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n"
        let result = TestSupport.load("services: {}", files: ["id_ed25519": key], composeFiles: ["id_ed25519"])
        #expect(result.errorSummaries == ["1:1 : the top level of a compose file must be a mapping, found text"])
        for diagnostic in result.diagnostics {
            #expect(!diagnostic.description.contains("b3BlbnNz"))
            #expect(!diagnostic.description.contains("PRIVATE KEY"))
        }
    }

    @Test func aHugeValueIsQuotedAsAShortExcerpt() {
        let huge = String(repeating: "x", count: 5_000_000)
        let result = TestSupport.load("services:\n  web:\n    image: nginx\n    cpus: \"\(huge)\"\n    ports: [\"80\\n:80\"]\n")
        #expect(result.errors.count == 2)
        for error in result.errors {
            #expect(error.description.count < 200, "\(error.description.prefix(300))")
            #expect(!error.description.contains("\n"))
        }
        #expect(result.errors.first?.message == "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (5000000 characters)\" is not a number")
    }
}

/// Limits AWS documents, checked offline at the line that breaks them.
@Suite struct AWSLimitTests {
    @Test(arguments: [
        ("/../../etc", "EFS refuses a level starting with \".\" (..) in a root directory"),
        ("data", "the root directory must start with /, not \"data\""),
        ("/a/b/c/d/e", "EFS takes root directories at most 4 levels deep, this has 5"),
        ("/a;rm", "EFS refuses \";\" in a root directory"),
    ])
    func rootDirectoriesEFSRefuses(path: String, message: String) {
        let result = TestSupport.load(
            "services:\n  web: {image: nginx, volumes: [data:/d]}\nvolumes:\n  data:\n    driver_opts: {root_directory: \"\(path)\"}\n")
        #expect(result.errorSummaries == ["5:35 volumes.data.driver_opts.root_directory: \(message)"])
    }

    @Test func posixIdsAboveEFSsRangeAreRefused() {
        let result = TestSupport.load(
            "services:\n  web: {image: nginx, volumes: [data:/d]}\nvolumes:\n  data:\n    driver_opts: {uid: \"1000\", gid: \"99999999999\"}\n")
        #expect(result.errorSummaries == ["5:37 volumes.data.driver_opts.gid: 99999999999 is above the maximum of 4294967295"])
    }

    @Test func replicasOverTheTasksPerServiceQuotaWarn() {
        let result = TestSupport.load("services:\n  web:\n    image: nginx\n    deploy: {replicas: 10000}\n")
        #expect(result.diagnostics(matching: "at most 5000 tasks per service").count == 1)
    }
}
