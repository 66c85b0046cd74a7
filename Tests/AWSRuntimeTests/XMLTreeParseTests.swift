import AWSRuntime
import Foundation
import Testing

/// Berth's XML reader reads what AWS answers hold: a declaration, namespaces, entities, CDATA,
/// comments, empty elements and attributes, as XMLParser with namespace processing did; and it
/// refuses what is not well-formed.
struct XMLTreeParseTests {
    @Test func anAWSAnswerWithEverythingItMayHold() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- a comment -->
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/" xmlns:s3='x'>
              <Name>b&amp;c</Name>
              <s3:Prefix>dev/ &lt;data&gt; &quot;x&quot; &apos;y&apos; &#233;&#xE9; ünï</s3:Prefix>
              <Contents><Key><![CDATA[a<b>&c]]></Key><ETag>"abc"</ETag></Contents>
              <Contents><Key>two</Key><Owner/></Contents>
              <Empty attr="a > b"></Empty>
            </ListBucketResult>
            """
        let tree = try #require(XMLTree.parse(Data(xml.utf8)))
        #expect(tree.name == "ListBucketResult" && tree.text == "")
        #expect(tree.child("Name")?.text == "b&c")
        #expect(tree.child("Prefix")?.text == "dev/ <data> \"x\" 'y' éé ünï")
        #expect(tree.children("Contents").map { $0.child("Key")?.text } == ["a<b>&c", "two"])
        #expect(tree.children("Contents")[0].child("ETag")?.text == "\"abc\"")
        #expect(tree.children("Contents")[1].child("Owner") == XMLTree(name: "Owner"))
        #expect(tree.child("Empty")?.text == "")
    }

    @Test(arguments: ["", "<a>", "<a></b>", "<a><b></a></b>", "<a></a><b></b>", "<a>&bogus;</a>", "<a><!-- open</a>", "text"])
    func notWellFormedIsNil(_ xml: String) {
        #expect(XMLTree.parse(Data(xml.utf8)) == nil, "\(xml)")
    }
}
