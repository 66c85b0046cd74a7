import AWSRuntime
import BerthTesting
import Foundation

/// A scripted CloudFormation (plus the STS and S3 calls of a template upload) behind a
/// `FakeTransport`. Each operation answers from its own queue of responders; the last one
/// repeats, so "UPDATE_IN_PROGRESS twice, then UPDATE_COMPLETE" is three entries.
final class FakeCloudFormation: @unchecked Sendable {
    typealias Responder = @Sendable (_ parameters: [String: String]) -> HTTPResponse

    struct Call: Sendable {
        var operation: String
        var parameters: [String: String]
    }

    private let lock = NSLock()
    private var script: [String: [Responder]] = [:]
    private var recorded: [Call] = []

    /// Operations that change something: what the gate counts as mutating.
    static func isMutating(_ operation: String) -> Bool {
        !["Describe", "List", "Get", "Head"].contains { operation.hasPrefix($0) }
    }

    func on(_ operation: String, _ responders: Responder...) {
        lock.withLock { script[operation, default: []] += responders }
    }

    var calls: [Call] { lock.withLock { recorded } }
    var operations: [String] { calls.map(\.operation) }
    var writes: [String] { operations.filter(Self.isMutating) }

    func parameters(of operation: String) -> [String: String]? {
        calls.first { $0.operation == operation }?.parameters
    }

    lazy var transport = FakeTransport { [unowned self] request, _ in self.answer(request) }

    lazy var client = AWSClient.forTesting(transport: transport)

    private func answer(_ request: HTTPRequest) -> HTTPResponse {
        let (operation, parameters) = Self.identify(request)
        let responder: Responder? = lock.withLock {
            recorded.append(Call(operation: operation, parameters: parameters))
            guard var queue = script[operation], !queue.isEmpty else { return nil }
            let next = queue.removeFirst()
            script[operation] = queue.isEmpty ? [next] : queue
            return next
        }
        guard let responder else {
            return Self.error("UnscriptedCall", "the test did not script \(operation)", status: 500)
        }
        return responder(parameters)
    }

    /// Query-protocol calls by their `Action`; S3 calls by method and path depth.
    static func identify(_ request: HTTPRequest) -> (String, [String: String]) {
        let body = String(decoding: request.body, as: UTF8.self)
        if request.header("Content-Type")?.hasPrefix("application/x-www-form-urlencoded") == true {
            var parameters: [String: String] = [:]
            for pair in body.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
                parameters[parts[0]] = parts.count > 1 ? parts[1] : ""
            }
            return (parameters["Action"] ?? "?", parameters)
        }
        let depth = request.url.path.split(separator: "/").count
        switch (request.method, depth) {
        case ("HEAD", _): return ("HeadBucket", ["path": request.url.path])
        case ("PUT", 1): return ("CreateBucket", ["path": request.url.path])
        case ("PUT", _): return ("PutObject", ["path": request.url.path, "bytes": String(request.body.count)])
        default: return ("\(request.method) \(request.url.path)", [:])
        }
    }

    // MARK: answers

    static func ok(_ operation: String, _ result: String = "") -> HTTPResponse {
        FakeTransport.xml(
            200,
            "<\(operation)Response><\(operation)Result>\(result)</\(operation)Result><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></\(operation)Response>"
        )
    }

    static func error(_ code: String, _ message: String, status: Int = 400) -> HTTPResponse {
        FakeTransport.xml(
            status,
            "<ErrorResponse><Error><Type>Sender</Type><Code>\(code)</Code><Message>\(escape(message))</Message></Error><RequestId>r-2</RequestId></ErrorResponse>"
        )
    }

    static func escape(_ text: String) -> String { XMLTree.escapedText(text) }

    static let stackId = "arn:aws:cloudformation:us-east-1:123456789012:stack/site-dev/1111"

    static func stack(
        _ status: String, name: String = "site-dev", reason: String? = nil, parameters: [String: String] = [:], tags: [String: String] = [:],
        outputs: [String: String] = [:]
    ) -> Responder {
        { _ in
            var xml = "<Stacks><member><StackName>\(name)</StackName><StackId>\(stackId)</StackId><StackStatus>\(status)</StackStatus>"
            if let reason { xml += "<StackStatusReason>\(escape(reason))</StackStatusReason>" }
            xml +=
                "<Parameters>"
                + parameters.map { "<member><ParameterKey>\($0)</ParameterKey><ParameterValue>\($1)</ParameterValue></member>" }.joined()
                + "</Parameters>"
            xml += "<Tags>" + tags.map { "<member><Key>\($0)</Key><Value>\($1)</Value></member>" }.joined() + "</Tags>"
            xml +=
                "<Outputs>" + outputs.map { "<member><OutputKey>\($0)</OutputKey><OutputValue>\($1)</OutputValue></member>" }.joined() + "</Outputs>"
            return ok("DescribeStacks", xml + "</member></Stacks>")
        }
    }

    static let noStack: Responder = { parameters in error("ValidationError", "Stack with id \(parameters["StackName"] ?? "") does not exist") }

    struct Event {
        var id: String
        var logicalId: String
        var type = "AWS::Logs::LogGroup"
        var status: String
        var reason: String?
        var second: Int
    }

    /// `events` oldest first; answered newest first, as AWS does.
    static func events(_ events: [Event]) -> Responder {
        { _ in
            let members = events.reversed().map { event in
                "<member><EventId>\(event.id)</EventId><StackName>site-dev</StackName><StackId>\(stackId)</StackId>"
                    + "<LogicalResourceId>\(event.logicalId)</LogicalResourceId><ResourceType>\(event.type)</ResourceType>"
                    + "<Timestamp>2026-01-01T00:00:\(String(format: "%02d", event.second)).000Z</Timestamp><ResourceStatus>\(event.status)</ResourceStatus>"
                    + (event.reason.map { "<ResourceStatusReason>\(escape($0))</ResourceStatusReason>" } ?? "") + "</member>"
            }
            return ok("DescribeStackEvents", "<StackEvents>\(members.joined())</StackEvents>")
        }
    }

    static func stackEvent(_ id: String, _ status: String, reason: String? = nil, second: Int) -> Event {
        Event(id: id, logicalId: "site-dev", type: "AWS::CloudFormation::Stack", status: status, reason: reason, second: second)
    }

    static let changeSetId = "arn:aws:cloudformation:us-east-1:123456789012:changeSet/berth-x/2222"

    static let created: Responder = { _ in ok("CreateChangeSet", "<Id>\(changeSetId)</Id><StackId>\(stackId)</StackId>") }

    static func changeSet(_ status: String, execution: String = "AVAILABLE", reason: String? = nil, changes: String = "") -> Responder {
        { _ in
            ok(
                "DescribeChangeSet",
                "<ChangeSetName>berth-x</ChangeSetName><ChangeSetId>\(changeSetId)</ChangeSetId><StackId>\(stackId)</StackId><Status>\(status)</Status>"
                    + "<ExecutionStatus>\(execution)</ExecutionStatus>" + (reason.map { "<StatusReason>\(escape($0))</StatusReason>" } ?? "")
                    + "<Changes>\(changes)</Changes>")
        }
    }

    static func change(_ action: String, _ logicalId: String, _ type: String, replacement: String? = nil) -> String {
        "<member><Type>Resource</Type><ResourceChange><Action>\(action)</Action><LogicalResourceId>\(logicalId)</LogicalResourceId>"
            + "<ResourceType>\(type)</ResourceType>" + (replacement.map { "<Replacement>\($0)</Replacement>" } ?? "") + "</ResourceChange></member>"
    }

    /// A `ListChangeSets` answer of `site-dev`'s change sets.
    static func changeSets(_ members: [String]) -> Responder {
        { _ in ok("ListChangeSets", "<Summaries>\(members.joined())</Summaries>") }
    }

    static func changeSetSummary(id: String, name: String = "berth-x", status: String, execution: String = "AVAILABLE") -> String {
        "<member><ChangeSetName>\(name)</ChangeSetName><ChangeSetId>\(id)</ChangeSetId><StackName>site-dev</StackName>"
            + "<StackId>\(stackId)</StackId><Status>\(status)</Status><ExecutionStatus>\(execution)</ExecutionStatus></member>"
    }

    static func done(_ operation: String) -> Responder { { _ in ok(operation) } }

    static func template(_ body: String) -> Responder { { _ in ok("GetTemplate", "<TemplateBody>\(escape(body))</TemplateBody>") } }
}
