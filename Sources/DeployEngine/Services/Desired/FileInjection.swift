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

        package func storedName(_ names: Names) -> String {
            switch store {
            case .secretsManager: "\(names.secretPrefix)/\(key)"
            case .parameterStore: "/\(names.secretPrefix)/files/\(Names.slug(service))/\(key)"
            }
        }

        package var directory: String {
            let parts = target.split(separator: "/")
            return "/" + parts.dropLast().joined(separator: "/")
        }

        package var fileName: String { String(target.split(separator: "/").last ?? "file") }
    }

    package static func files(of service: Service, in site: Site) -> [File] {
        var files: [File] = []
        for (index, reference) in service.configFiles.enumerated() {
            var config = reference
            config.source = site.source(of: reference)
            let external = config.source.kind == .external
            files.append(
                File(
                    target: config.target, store: .parameterStore, key: "\(index)-" + Names.slug(config.configName ?? config.fileNameForKey),
                    service: service.name, source: external ? nil : config.source, externalName: external ? config.source.value : nil))
        }
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
            lines.append("printf '%s' \"$BERTH_FILE_\(index)\" > /berth/\(volume)/\(shellQuote(file.fileName))")
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
