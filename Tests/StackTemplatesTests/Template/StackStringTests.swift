import StackTemplates
import Testing

/// A `StackString` is text in the API mode and an intrinsic function in a template; each case
/// renders one way only.
struct StackStringTests {
    static let arn: StackString = .joined([
        "arn:", .ref("AWS::Partition"), ":ssm:", .ref("AWS::Region"), ":", .ref("AWS::AccountId"), ":parameter", .ref("ConfigWeb0"),
    ])

    @Test func knownTextIsAPlainString() {
        #expect(StackString.literal("fs-1").template == .string("fs-1"))
        #expect(StackString.literal("fs-1").text == "fs-1")
        // No escaping outside Fn::Sub: the text is taken as it is.
        #expect(StackString.literal("costs ${HOME}").template == .string("costs ${HOME}"))
    }

    @Test func stackValuesAreIntrinsicsAndHaveNoText() {
        #expect(StackString.ref("LogGroup").template == .ref("LogGroup"))
        #expect(StackString.getAtt("TaskExecutionRole", "Arn").template == .getAtt("TaskExecutionRole", "Arn"))
        #expect(StackString.selected(1, fromList: "Subnets").template == .select(1, .ref("Subnets")))
        #expect(StackString.ref("LogGroup").text == nil)
        #expect(Self.arn.text == nil)
    }

    /// The partition is a piece of the ARN like the region, so the template names it.
    @Test func joinedTextIsASubWithThePartitionRegionAndAccountNamed() {
        #expect(Self.arn.template == .sub("arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${ConfigWeb0}"))
        let role: StackString = .joined(["role ", .getAtt("TaskRoleWeb", "Arn")])
        #expect(role.template == .sub("role ${TaskRoleWeb.Arn}"))
    }

    /// Fn::Sub reads `${…}` as a variable: literal text keeps it as `${!…}`.
    @Test func aLiteralDollarBraceInJoinedTextIsEscaped() {
        let name: StackString = .joined(["secret:old/${weird}/", .ref("Suffix")])
        #expect(name.template == .sub("secret:old/${!weird}/${Suffix}"))
    }

    /// Assembled text stays a Sub even when every piece is known, as it was written before
    /// StackString existed (`service/<existing cluster>/web`).
    @Test func joinedKnownTextIsStillASubAndHasText() {
        let resource: StackString = .joined(["service/", .literal("shared-cluster"), "/web"])
        #expect(resource.template == .sub("service/shared-cluster/web"))
        #expect(resource.text == "service/shared-cluster/web")
    }

    @Test func aJoinOfOneStackValueIsThatValue() {
        #expect(StackString.joined([.ref("SecretArn")]).template == .ref("SecretArn"))
        #expect(StackString.joined(["", .ref("SecretArn"), ""]).template == .ref("SecretArn"))
    }

    /// A list entry cannot be named inside Fn::Sub; Fn::Join holds it instead.
    @Test func aSelectedValueInJoinedTextIsAJoin() {
        let text: StackString = .joined(["subnet ", .selected(0, fromList: "Subnets")])
        #expect(text.template == .join("", ["subnet ", .select(0, .ref("Subnets"))]))
    }

    @Test func nestedJoinsRenderAsOne() {
        let nested: StackString = .joined([.joined(["a", .ref("B")]), "c", .joined(["d"])])
        #expect(nested.template == .sub("a${B}cd"))
        #expect(StackString.joined(["a", .joined(["b", "c"])]).text == "abc")
    }

    /// A secret's JSON key after its ARN: text stays text, a reference becomes a Sub.
    @Test func appendingKeepsTextTextAndJoinsTheRest() {
        #expect(StackString.literal("arn:aws:secretsmanager:x").appending(":key::") == .literal("arn:aws:secretsmanager:x:key::"))
        #expect(StackString.ref("SecretKeysArn").appending(":public::").template == .sub("${SecretKeysArn}:public::"))
        #expect(Self.arn.appending("/x").template == .sub("arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${ConfigWeb0}/x"))
    }

    /// Ids that are prefixes of each other sort as the `{{berth:…}}` tokens they replace did:
    /// the closing brace comes after every letter and digit.
    @Test func stackValuesSortByTheirSubText() {
        let a: StackString = .joined(["ap/", .ref("AccessPointWebData")])
        let b: StackString = .joined(["ap/", .ref("AccessPointWebData2")])
        #expect([a, b].sorted { $0.sortKey < $1.sortKey } == [b, a])
        #expect(StackString.literal("b").sortKey == "b")
    }
}
