import ComposeModel
import Testing

/// Names ECS would refuse, or that two services would share once Berth derives AWS names from
/// them, are errors at the service's line.
@Suite struct ServiceNameTests {
    @Test func aDotIsRefusedWithARename() {
        let result = TestSupport.load("services:\n  web.app: {image: nginx}\n")
        #expect(
            result.errorSummaries == ["2:3 services.web.app: ECS names services and containers with letters, digits, - and _ only, not \".\""])
        #expect(result.errors.first?.hint?.hasPrefix("rename it, e.g. web-app") == true)
    }

    @Test(arguments: [("web_app", "web-app"), ("Web", "web"), ("API", "api")])
    func namesWithOneSlugCollide(first: String, second: String) {
        let result = TestSupport.load("services:\n  \(first): {image: nginx}\n  \(second): {image: nginx}\n")
        #expect(
            result.errorSummaries == [
                "3:3 services.\(second): services \"\(first)\" and \"\(second)\" would both be named \(second.slug) on AWS (Service Connect, logs, task families)"
            ])
    }

    @Test func aNameLongerThanPortNamesAllowIsRefused() {
        let long = String(repeating: "a", count: 51)
        let result = TestSupport.load("services:\n  \(long): {image: nginx}\n  \(String(repeating: "b", count: 50)): {image: nginx}\n")
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.message.hasPrefix("the name has 51 characters; ECS port names") == true)
    }
}
