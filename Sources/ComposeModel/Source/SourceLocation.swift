/// Where a value came from, so every diagnostic can point at `file:line:column`.
///
/// `file` is the path as shown to users: relative to the working directory when the file lies
/// inside it, absolute otherwise. Lines and columns start at 1, as libyaml reports them.
package struct SourceLocation: Sendable, Codable, Hashable, CustomStringConvertible {
    package var file: String
    package var line: Int
    package var column: Int

    package init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    package var description: String { "\(file):\(line):\(column)" }
}
