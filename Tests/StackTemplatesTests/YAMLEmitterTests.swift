import Foundation
import Testing

@testable import StackTemplates

struct YAMLEmitterTests {
    @Test(arguments: [
        ("plain", "plain"), ("", "\"\""), ("true", "\"true\""), ("No", "\"No\""), ("2010-09-09", "\"2010-09-09\""),
        ("0755", "\"0755\""), ("1e3", "\"1e3\""), ("a: b", "\"a: b\""), ("x #y", "\"x #y\""), ("*", "\"*\""),
        ("-1", "\"-1\""), ("${AWS::StackName}-a", "${AWS::StackName}-a"), ("line\nbreak", "\"line\\nbreak\""),
        ("say \"hi\"", "say \"hi\""), ("\"quoted", "\"\\\"quoted\""), ("ünïcode", "\"ünïcode\""), ("10.80.0.0/16", "10.80.0.0/16"),
        ("1.2.3", "\"1.2.3\""),
        ("arn:aws:iam::1:role/x", "arn:aws:iam::1:role/x"), ("ends:", "\"ends:\""),
    ])
    func scalarQuoting(_ text: String, _ expected: String) {
        #expect(YAMLScalar.render(text) == expected)
    }

    @Test func nestedListsAndMapsAndSectionComments() {
        let template = Template(
            description: "d",
            sections: [
                TemplateSection(
                    "First",
                    [Resource("A", "AWS::X::Y", ["List": ["a", ["K": "v", "L": [1, 2]], []], "Empty": [:]], dependsOn: ["B"], retain: true)])
            ],
            outputs: [TemplateOutput("Out", .getAtt("A", "Arn"))])
        #expect(
            YAMLEmitter.render(template) == """
                AWSTemplateFormatVersion: "2010-09-09"
                Description: d
                Resources:
                  # First
                  A:
                    Type: AWS::X::Y
                    DependsOn:
                      - B
                    DeletionPolicy: Retain
                    UpdateReplacePolicy: Retain
                    Properties:
                      List:
                        - a
                        - K: v
                          L:
                            - 1
                            - 2
                        - []
                      Empty: {}
                Outputs:
                  Out:
                    Value:
                      Fn::GetAtt:
                        - A
                        - Arn

                """)
    }
}
