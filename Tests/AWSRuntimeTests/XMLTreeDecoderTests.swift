import AWSRuntime
import Foundation
import Testing

struct XMLTreeDecoderTests {
    struct Shape: Decodable {
        struct Item: Decodable { var Name: String }
        var Wrapped: [Item]
        var Items: [Item]?
        var Flat: [Item]?
        var Empty: [Item]?
        var Missing: [Item]?
        var Count: Int
        var Enabled: Bool
        var When: Date
    }

    @Test func listsInAllThreeFormsAndScalars() throws {
        let xml = """
            <Root>
              <Wrapped><member><Name>a</Name></member><member><Name>b</Name></member></Wrapped>
              <Items><item><Name>c</Name></item></Items>
              <Flat><Name>d</Name></Flat><Flat><Name>e</Name></Flat>
              <Empty/>
              <Count>3</Count><Enabled>true</Enabled><When>2026-11-27T10:00:00.123Z</When>
            </Root>
            """
        let tree = try #require(XMLTree.parse(Data(xml.utf8)))
        let shape = try XMLTreeDecoder().decode(Shape.self, from: tree)
        #expect(shape.Wrapped.map(\.Name) == ["a", "b"])
        #expect(shape.Items?.map(\.Name) == ["c"])
        #expect(shape.Flat?.map(\.Name) == ["d", "e"])
        #expect(shape.Empty?.isEmpty == true)
        #expect(shape.Missing == nil)
        #expect(shape.Count == 3)
        #expect(shape.Enabled)
        #expect(abs(shape.When.timeIntervalSince1970 - 1_795_773_600.123) < 0.001)
    }

    /// GetMetricData answers with lists of timestamps and of numbers.
    @Test func listsOfTimestampsAndNumbers() throws {
        struct Result: Decodable {
            var Timestamps: [Date]
            var Values: [Double]
        }
        let xml = """
            <Result>
              <Timestamps><member>2026-12-04T15:31:00Z</member><member>2026-12-04T15:30:00Z</member></Timestamps>
              <Values><member>20.5</member><member>60</member></Values>
            </Result>
            """
        let result = try XMLTreeDecoder().decode(Result.self, from: try #require(XMLTree.parse(Data(xml.utf8))))
        #expect(result.Timestamps.map(\.timeIntervalSince1970) == [1_796_398_260, 1_796_398_200])
        #expect(result.Values == [20.5, 60])
    }

    @Test func malformedXMLIsNil() {
        #expect(XMLTree.parse(Data("<a><b></a>".utf8)) == nil)
    }
}
