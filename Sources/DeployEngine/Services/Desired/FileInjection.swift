import ComposeModel
import Foundation
import StackTemplates

/// Files placed into a container — compose `configs`, bind-mounted single files, and compose
/// `secrets` — delivered by an init container: ECS injects each file's stored value into it as
/// an environment variable (from Parameter Store or Secrets Manager), and it writes them into
/// ephemeral volumes that the main container mounts at the files' directories. The init
/// container runs the service's own image so it can first copy what the image already has in
/// those directories (nginx's `mime.types` next to `nginx.conf`).
package enum FileInjection {
    package struct File: Sendable, Equatable {
        package var target: String
        package var store: StoredValueSpec.Store
        /// For compose secrets: the secret's name; for configs: a per-service index.
        package var key: String
        package var service: String
        package var source: ContentSource?
        /// `x-aws-keys`: the JSON key of the secret this file holds.
        package var jsonKey: String?
        /// Parameter or secret that already exists (`external: true`).
        package var externalName: String?
        /// A config over one parameter's limit goes as consecutive parts: this one's index and
        /// how many there are (nil: the file is one parameter).
        package var part: Part?

        package struct Part: Sendable, Equatable {
            package var index: Int
            package var count: Int
        }

        package func storedName(_ names: Names) -> String {
            switch store {
            case .secretsManager: "\(names.secretPrefix)/\(key)"
            case .parameterStore: "/\(names.secretPrefix)/files/\(Names.slug(service))/\(key)" + (part.map { ".part\($0.index)" } ?? "")
            }
        }

        /// What this file's parameter holds of the whole contents.
        package func storedValue(_ contents: String) -> String {
            guard let part else { return contents }
            let parts = FileInjection.parts(contents)
            return part.index < parts.count ? parts[part.index] : ""
        }

        package var directory: String {
            let parts = target.split(separator: "/")
            return "/" + parts.dropLast().joined(separator: "/")
        }

        package var fileName: String { String(target.split(separator: "/").last ?? "file") }
    }

    /// A Parameter Store parameter holds 4 KB (Standard) or 8 KB (Advanced, at a monthly cost).
    /// Files up to 8 KB stay one parameter, as they always were (an Advanced parameter cannot be
    /// made Standard again); larger ones go as Standard parts of at most 4 KB each, which the
    /// init container joins. Contents are split between characters, never inside one.
    static let parameterLimit = 8192
    static let partSize = 4096

    static func parts(_ contents: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var size = 0
        for character in contents {
            let length = String(character).utf8.count
            if size + length > partSize {
                parts.append(current)
                current = ""
                size = 0
            }
            current.append(character)
            size += length
        }
        parts.append(current)
        return parts
    }

    /// The files of a service; `contents` reads a config's contents, whose size decides whether
    /// it goes as parts.
    package static func files(of service: Service, in site: Site, contents: (ContentSource) throws -> String) rethrows -> [File] {
        var files: [File] = []
        for (index, reference) in service.configFiles.enumerated() {
            var config = reference
            config.source = site.source(of: reference)
            let external = config.source.kind == .external
            let file = File(
                target: config.target, store: .parameterStore, key: "\(index)-" + Names.slug(config.configName ?? config.fileNameForKey),
                service: service.name, source: external ? nil : config.source, externalName: external ? config.source.value : nil)
            guard !external, case let text = try contents(config.source), text.utf8.count > parameterLimit else {
                files.append(file)
                continue
            }
            let count = parts(text).count
            for part in 0..<count {
                var piece = file
                piece.part = File.Part(index: part, count: count)
                files.append(piece)
            }
        }
        return files + secretFiles(of: service, in: site)
    }

    /// The service's compose secrets as files; unlike configs they need no reading to list.
    package static func secretFiles(of service: Service, in site: Site) -> [File] {
        var files: [File] = []
        for secret in service.secrets {
            guard let definition = site.definition(of: secret) else { continue }
            let external = definition.source.kind == .external
            if definition.awsKeys.isEmpty {
                files.append(
                    File(
                        target: secret.target, store: .secretsManager, key: Names.slug(secret.source), service: service.name,
                        source: external ? nil : definition.source, externalName: external ? definition.source.value : nil))
            } else {
                for key in definition.awsKeys {
                    files.append(
                        File(
                            target: secret.target + "/" + key, store: .secretsManager, key: Names.slug(secret.source), service: service.name,
                            source: external ? nil : definition.source, jsonKey: key, externalName: external ? definition.source.value : nil))
                }
            }
        }
        return files
    }

    /// Directories that get an ephemeral volume, in a stable order.
    package static func directories(_ files: [File]) -> [String] {
        files.map(\.directory).uniqued()
    }

    /// The init container's shell script: copy each directory's image contents into its volume,
    /// then write each file from its environment variable.
    package static func script(_ files: [File]) -> String {
        let directories = Self.directories(files)
        var lines = ["set -e"]
        for (index, directory) in directories.enumerated() {
            lines.append("mkdir -p /berth/\(index) && (cp -a \(shellQuote(directory))/. /berth/\(index)/ 2>/dev/null || true)")
        }
        for (index, file) in files.enumerated() {
            let volume = directories.firstIndex(of: file.directory) ?? 0
            // Later parts of a file are appended to its first.
            let redirect = (file.part?.index ?? 0) > 0 ? ">>" : ">"
            lines.append("printf '%s' \"$BERTH_FILE_\(index)\" \(redirect) /berth/\(volume)/\(shellQuote(file.fileName))")
        }
        return lines.joined(separator: "\n")
    }

    static func shellQuote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

extension ServiceConfigFile {
    var fileNameForKey: String { String(target.split(separator: "/").last ?? "file") }
}
