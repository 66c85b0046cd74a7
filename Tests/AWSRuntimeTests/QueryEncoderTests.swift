import AWSRuntime
import Foundation
import Testing

struct QueryEncoderTests {
    struct Input: Encodable {
        struct Tag: Encodable { var Key: String; var Value: String }
        var StackName: String
        var Tags: [Tag]
        var Capabilities: [String]
        var Attributes: QueryMap
        var Enabled: Bool
        var Count: Int
        var Nothing: String?
    }

    let input = Input(
        StackName: "s", Tags: [.init(Key: "a", Value: "1")], Capabilities: [], Attributes: QueryMap(["k": "v"]), Enabled: true, Count: 2)

    @Test func memberLists() throws {
        let pairs = try QueryEncoder(listStyle: .member).encode(input)
        #expect(
            pairs.map { "\($0.0)=\($0.1)" } == [
                "Attributes.entry.1.key=k", "Attributes.entry.1.value=v", "Capabilities=", "Count=2", "Enabled=true", "StackName=s",
                "Tags.member.1.Key=a", "Tags.member.1.Value=1",
            ])
    }

    @Test func flatLists() throws {
        let pairs = try QueryEncoder(listStyle: .flat).encode(input)
        #expect(pairs.contains { $0.0 == "Tags.1.Key" && $0.1 == "a" })
        #expect(!pairs.contains { $0.0 == "Capabilities" })
    }
}
