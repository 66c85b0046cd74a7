import ComposeModel
import Foundation
import StackTemplates
import Testing

struct OverlayTests {
    /// `x-aws-cloudformation` merges key by key over the generated template and can add resources.
    @Test func overlayMergesAndAdds() throws {
        let compose = """
            services:
              web: {image: nginx}
            x-aws-cloudformation:
              Resources:
                LogGroup:
                  Properties:
                    RetentionInDays: 90
                Extra:
                  Type: AWS::SNS::Topic
                  Properties:
                    DisplayName: extra
              Outputs:
                ExtraTopic:
                  Value: {Ref: Extra}
            """
        let site = try Fixtures.load(directory: "/p", environment: nil, inMemory: ["/p/compose.yaml": compose])
        let template = InfraStack(InfraStackInput(site: site, environmentName: "dev")).template()
        #expect(template.resource("LogGroup")?.properties["RetentionInDays"] == .int(90))
        #expect(template.resource("LogGroup")?.properties["LogGroupName"] == .string("/berth/p/dev"))
        #expect(template.resource("Extra")?.type == "AWS::SNS::Topic")
        #expect(template.outputs.contains { $0.name == "ExtraTopic" && $0.value == .ref("Extra") })
        #expect(template.sections.last?.comment.hasPrefix("x-aws-cloudformation") == true)
    }
}
