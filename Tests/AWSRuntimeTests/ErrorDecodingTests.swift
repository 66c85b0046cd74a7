import AWSRuntime
import BerthJSON
import Foundation
import Testing

struct ErrorDecodingTests {
    func decode(_ protocol: ServiceDescriptor.WireProtocol, status: Int, body: String, headers: [String: String] = [:]) -> AWSServiceError {
        let service = ServiceDescriptor(name: "Svc", endpointPrefix: "svc", serviceId: "Svc", protocol: `protocol`)
        return ErrorDecoding.decode(AWSResponse(status: status, headers: headers, body: Data(body.utf8)), service: service, operation: "Op")
    }

    @Test func json() {
        let error = decode(
            .json(version: "1.1", targetPrefix: "T"), status: 400,
            body: #"{"__type":"com.amazonaws.ecs#ClusterNotFoundException","message":"Cluster not found."}"#,
            headers: ["x-amzn-requestid": "req-1"])
        #expect(error.code == "ClusterNotFoundException")
        #expect(error.message == "Cluster not found.")
        #expect(error.requestId == "req-1")
        #expect(error.httpStatus == 400)
        #expect(error.description == "Svc Op failed: ClusterNotFoundException: Cluster not found. (HTTP 400, request id req-1)")
    }

    @Test func restJSONWithHeaderCodeAndExtraFields() {
        let error = decode(
            .restJSON, status: 409, body: #"{"ErrorCode":"AccessPointAlreadyExists","Message":"exists","AccessPointId":"fsap-1"}"#,
            headers: ["x-amzn-errortype": "AccessPointAlreadyExists:http://internal.amazon.com/"])
        #expect(error.code == "AccessPointAlreadyExists")
        #expect(error.fields["AccessPointId"] == "fsap-1")
    }

    @Test func query() {
        let error = decode(
            .query(version: "1"), status: 400,
            body: """
                <ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id x does not exist</Message></Error>\
                <RequestId>req-2</RequestId></ErrorResponse>
                """)
        #expect(error.code == "ValidationError")
        #expect(error.requestId == "req-2")
        #expect(error.isStackNotFoundLike)
    }

    @Test func ec2() {
        let error = decode(
            .ec2(version: "1"), status: 400,
            body: """
                <Response><Errors><Error><Code>InvalidVpcID.NotFound</Code><Message>nope</Message></Error></Errors><RequestID>req-3</RequestID></Response>
                """)
        #expect(error.code == "InvalidVpcID.NotFound")
        #expect(error.requestId == "req-3")
    }

    @Test func restXMLAndBodylessAnswers() {
        let error = decode(.restXML, status: 404, body: "<Error><Code>NoSuchKey</Code><Message>gone</Message><RequestId>req-4</RequestId></Error>")
        #expect(error.code == "NoSuchKey")
        #expect(error.requestId == "req-4")
        #expect(decode(.restXML, status: 404, body: "").code == "NotFound")
    }

    @Test func anUnreadableBodyKeepsItsText() {
        let error = decode(.json(version: "1.1", targetPrefix: "T"), status: 502, body: "<html>Bad Gateway</html>")
        #expect(error.code == "HTTP502")
        #expect(error.message.contains("Bad Gateway"))
        #expect(error.isTransient)
    }

    @Test func throttlingCodes() {
        #expect(decode(.query(version: "1"), status: 400, body: "<ErrorResponse><Error><Code>Throttling</Code></Error></ErrorResponse>").isThrottling)
        #expect(
            decode(.ec2(version: "1"), status: 503, body: "<Response><Errors><Error><Code>RequestLimitExceeded</Code></Error></Errors></Response>")
                .isThrottling)
        #expect(decode(.restXML, status: 503, body: "<Error><Code>SlowDown</Code></Error>").isThrottling)
    }
}

extension AWSServiceError {
    var isStackNotFoundLike: Bool { code == "ValidationError" && message.contains("does not exist") }
}
