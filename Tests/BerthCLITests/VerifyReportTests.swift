import DeployEngine
import Testing

@testable import BerthCLI

/// How `berth verify` prints the probe's matrix: clients down, dependencies across, each cell
/// the answering tasks of all and the port.
struct VerifyReportTests {
    @Test func theMatrixShowsWhoReachesWhom() {
        let matrix = Berth.Verify.matrix([
            Reachability(client: "proxy", server: "web", port: 3000, addresses: ["10.0.1.4", "10.0.2.4"], answered: ["10.0.1.4", "10.0.2.4"]),
            Reachability(client: "web", server: "db", port: 5432, addresses: ["10.0.1.7"], answered: []),
            Reachability(client: "worker", server: "db", port: 5432, addresses: [], answered: []),
        ])
        #expect(
            matrix == [
                "reaches  web           db",
                "proxy    ok 2/2 :3000  -",
                "web      -             FAIL 0/1 :5432",
                "worker   -             FAIL 0/0 :5432",
            ])
    }

    @Test func findingsThenTheMatrixThenTheCount() {
        let report = VerifyReport(
            findings: [
                VerifyFinding(check: .securityGroup, subject: "web -> db:5432", ok: true, detail: "open", fix: nil),
                VerifyFinding(check: .reachability, subject: "web -> db:5432", ok: false, detail: "10.0.1.7 did not answer", fix: "listen"),
            ],
            reachability: [Reachability(client: "web", server: "db", port: 5432, addresses: ["10.0.1.7"], answered: [])])
        #expect(
            Berth.Verify.text(report) == """
                ok   security-group web -> db:5432: open
                FAIL reachability web -> db:5432: 10.0.1.7 did not answer
                       fix: listen

                reaches  db
                web      FAIL 0/1 :5432

                1 of 2 checks failed
                """)
    }
}
