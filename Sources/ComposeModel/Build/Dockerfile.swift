import Foundation

/// What a Dockerfile says about the image it builds, for a service with `build:`: the ports its
/// stages `EXPOSE`, the image the chosen stage starts from (whose own ports it inherits) and its
/// last `USER`.
///
/// Only what Berth needs is read: `FROM` (with `AS` and `--platform`), `ARG` defaults and build
/// arguments for `${VAR}` in those lines, `EXPOSE`, `USER`, and the build-context sources of
/// `COPY` and `ADD`; line continuations and comments as BuildKit reads them.
package struct Dockerfile: Sendable, Equatable {
    package struct Stage: Sendable, Equatable {
        package var name: String?
        /// The `FROM` argument: an image, or an earlier stage's name.
        package var base: String
        package var exposed: [ExposedPort]
        package var user: String?
        /// `COPY`/`ADD` from the build context (not `--from` another stage or image, not URLs).
        package var copied: [Copy] = []
        /// The last `WORKDIR`, absolute; relative destinations are taken against it.
        package var workingDirectory = "/"
    }

    /// One source of a `COPY`/`ADD` and where it lands in the image.
    package struct Copy: Sendable, Equatable, Hashable {
        /// As written: `.`, `src`, `./package.json`, `*.py`.
        package var source: String
        /// Absolute (a relative one is resolved against the `WORKDIR` of that moment); a
        /// trailing `/` kept, as it says "into this directory".
        package var destination: String

        package init(source: String, destination: String) {
            self.source = source
            self.destination = destination
        }
    }

    package var stages: [Stage]

    /// The ports, base image and user of the stage `target` (the last one by default).
    package struct Image: Sendable, Equatable {
        package var exposed: [ExposedPort]
        /// The image outside this Dockerfile that the stage builds on (nil for `scratch`); its
        /// configuration adds its ports and may give the user.
        package var baseImage: String?
        package var user: String?
        /// What the stage and the stages it builds on copy from the build context.
        package var copied: [Copy] = []

        package init(exposed: [ExposedPort], baseImage: String?, user: String?, copied: [Copy] = []) {
            self.exposed = exposed
            self.baseImage = baseImage
            self.user = user
            self.copied = copied
        }
    }

    package init(text: String, buildArgs: [String: String] = [:]) {
        var stages: [Stage] = []
        var arguments = buildArgs
        var globalArguments: [String: String] = [:]
        for (instruction, argument) in Self.instructions(text) {
            switch instruction {
            case "ARG":
                for word in argument.split(separator: " ") {
                    let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
                    let name = parts[0]
                    if buildArgs[name] == nil, parts.count == 2 { arguments[name] = Self.unquoted(parts[1]) }
                    if stages.isEmpty { globalArguments[name] = arguments[name] }
                }
            case "FROM":
                let words = argument.split(separator: " ").map(String.init).filter { !$0.hasPrefix("--") }
                guard let base = words.first else { continue }
                let name = words.count >= 3 && words[1].uppercased() == "AS" ? words[2] : nil
                var stage = Stage(name: name, base: Self.substitute(base, globalArguments), exposed: [], user: nil)
                // A stage built on an earlier one starts in its WORKDIR.
                if let earlier = stages.last(where: { $0.name?.lowercased() == stage.base.lowercased() }) {
                    stage.workingDirectory = earlier.workingDirectory
                }
                stages.append(stage)
            case "EXPOSE" where !stages.isEmpty:
                for word in argument.split(separator: " ") {
                    stages[stages.count - 1].exposed += Self.ports(Self.substitute(String(word), arguments))
                }
            case "USER" where !stages.isEmpty:
                stages[stages.count - 1].user = Self.substitute(argument, arguments)
            case "WORKDIR" where !stages.isEmpty:
                let directory = Self.substitute(Self.unquoted(argument.trimmingCharacters(in: .whitespaces)), arguments)
                let current = stages[stages.count - 1].workingDirectory
                stages[stages.count - 1].workingDirectory = directory.hasPrefix("/") ? directory : (current == "/" ? "/" : current + "/") + directory
            case "COPY" where !stages.isEmpty, "ADD" where !stages.isEmpty:
                let stage = stages[stages.count - 1]
                stages[stages.count - 1].copied += Self.contextCopies(Self.substitute(argument, arguments), workingDirectory: stage.workingDirectory)
            default:
                continue
            }
        }
        self.stages = stages
    }

    /// The image built for `target`, following `FROM <stage>` back to an outside image; nil when
    /// the Dockerfile has no such stage.
    package func image(target: String? = nil) -> Image? {
        guard var index = target.map({ name in stages.lastIndex { $0.name?.lowercased() == name.lowercased() } }) ?? stages.indices.last else {
            return nil
        }
        var exposed: [ExposedPort] = []
        var user: String?
        var copied: [Copy] = []
        var visited: Set<Int> = []
        while visited.insert(index).inserted {
            let stage = stages[index]
            exposed += stage.exposed
            copied += stage.copied
            if user == nil { user = stage.user }
            guard let earlier = stages[..<index].lastIndex(where: { $0.name?.lowercased() == stage.base.lowercased() }) else {
                let base = stage.base.lowercased() == "scratch" ? nil : stage.base
                return Image(exposed: exposed.uniqued(), baseImage: base, user: user, copied: copied.uniqued())
            }
            index = earlier
        }
        return nil
    }

    /// The build-context sources of a `COPY`/`ADD` argument with their destination (the last
    /// path), in the plain or the JSON form; none when it copies `--from` elsewhere.
    static func contextCopies(_ argument: String, workingDirectory: String) -> [Copy] {
        var options: [String] = []
        var rest = argument.trimmingCharacters(in: .whitespaces)
        while rest.hasPrefix("--") {
            let option = rest.prefix { $0 != " " }
            options.append(String(option))
            rest = String(rest.dropFirst(option.count)).trimmingCharacters(in: .whitespaces)
        }
        if options.contains(where: { $0.hasPrefix("--from") }) { return [] }
        let words: [String]
        if rest.hasPrefix("["), let data = rest.data(using: .utf8), let array = try? JSONSerialization.jsonObject(with: data) as? [String] {
            words = array
        } else {
            words = rest.split(separator: " ").map { unquoted(String($0)) }
        }
        guard words.count >= 2, var last = words.last else { return [] }
        while last.hasPrefix("./") { last.removeFirst(2) }
        let base = workingDirectory == "/" ? "/" : workingDirectory + "/"
        let destination = last.hasPrefix("/") ? last : (last.isEmpty || last == "." ? base : base + last)
        return words.dropLast().filter { !$0.contains("://") && !$0.hasPrefix("<<") }.map { Copy(source: $0, destination: destination) }
    }

    /// Instructions with their argument, continuations joined and comments dropped.
    static func instructions(_ text: String) -> [(String, String)] {
        var result: [(String, String)] = []
        var pending = ""
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#") { continue }
            if line.hasSuffix("\\") {
                pending += line.dropLast() + " "
                continue
            }
            let whole = (pending + line).trimmingCharacters(in: .whitespaces)
            pending = ""
            guard !whole.isEmpty else { continue }
            let parts = whole.split(separator: " ", maxSplits: 1).map(String.init)
            result.append((parts[0].uppercased(), parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""))
        }
        return result
    }

    /// `80`, `80/tcp`, `53/udp`, a short range `8000-8002`.
    static func ports(_ word: String) -> [ExposedPort] {
        let parts = word.lowercased().split(separator: "/").map(String.init)
        let transport = parts.count > 1 ? PortMapping.TransportProtocol(rawValue: parts[1]) : .tcp
        guard let transport, let first = parts.first else { return [] }
        let bounds = first.split(separator: "-").compactMap { Int($0) }
        guard let low = bounds.first, let high = bounds.last, bounds.count == first.split(separator: "-").count, low <= high, high - low < 100,
            (1...65535).contains(low), high <= 65535
        else { return [] }
        return (low...high).map { ExposedPort(port: $0, transport: transport) }
    }

    /// `$NAME`, `${NAME}` and `${NAME:-default}` from the arguments known at that line.
    static func substitute(_ text: String, _ arguments: [String: String]) -> String {
        guard text.contains("$") else { return text }
        var result = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            rest = rest[rest.index(after: dollar)...]
            if rest.first == "{", let close = rest.firstIndex(of: "}") {
                let inside = rest[rest.index(after: rest.startIndex)..<close]
                let parts = inside.components(separatedBy: ":-")
                result += arguments[parts[0]].flatMap { $0.isEmpty ? nil : $0 } ?? (parts.count > 1 ? parts[1] : "")
                rest = rest[rest.index(after: close)...]
            } else {
                let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                result += arguments[String(name)] ?? ""
                rest = rest[name.endIndex...]
            }
        }
        return result + rest
    }

    static func unquoted(_ text: String) -> String {
        guard text.count >= 2, let first = text.first, first == text.last, first == "\"" || first == "'" else { return text }
        return String(text.dropFirst().dropLast())
    }
}
