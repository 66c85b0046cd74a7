/// Reads the `x-berth` blocks: the top-level one and a service's own.
struct BerthDecoder {
    let reader: NodeReader
    var diagnostics: DiagnosticBag { reader.diagnostics }

    static let topLevelKeys: Set<String> = ["region", "alarms", "backup", "private_subnets", "bind_mounts", "environments"]
    static let environmentKeys: Set<String> = ["region", "alarms", "backup", "private_subnets", "services"]
    static let serviceKeys: Set<String> = [
        "replicas", "cpus", "cpu", "memory", "domain", "certificate", "image_tag", "task", "public_ports", "alarms", "dev",
    ]
    static let devKeys: Set<String> = ["host", "command", "directory"]
    static let limitKeys: Set<String> = ["cpu", "memory", "http_5xx", "minutes"]

    func settings(_ node: LocatedNode, _ path: String) -> BerthSettings {
        var settings = BerthSettings()
        guard let entries = reader.mapping(node, path) else { return settings }
        reader.checkKeys(entries, path, known: Self.topLevelKeys)
        for entry in entries {
            let keyPath = path.appendingKey(entry.key)
            switch entry.key {
            case "region": settings.region = region(entry.value, keyPath)
            case "alarms": settings.alarms = alarms(entry.value, keyPath)
            case "backup": settings.backup = backup(entry.value, keyPath)
            case "private_subnets": settings.privateSubnets = reader.bool(entry.value, keyPath)
            case "bind_mounts":
                switch reader.string(entry.value, keyPath) {
                case "volumes"?: settings.bindMountsAsVolumes = true
                case "error"?: settings.bindMountsAsVolumes = false
                case let other?:
                    diagnostics.error(
                        entry.value, keyPath, "\"\(other)\" is not a bind_mounts setting",
                        hint: "volumes (host directories become named EFS volumes) or error (the default)")
                case nil: break
                }
            case "environments":
                guard let environments = reader.mapping(entry.value, keyPath) else { continue }
                settings.environments = environments.map { environment($0, keyPath.appendingKey($0.key)) }
            default: break
            }
        }
        return settings
    }

    private func environment(_ entry: LocatedNode.Entry, _ path: String) -> DeploymentEnvironment {
        var environment = DeploymentEnvironment(name: entry.key, location: entry.keyLocation)
        if !ProjectName.isValid(entry.key) {
            diagnostics.add(
                .error(
                    at: entry.keyLocation, path: path, "\"\(entry.key)\" is not a valid environment name",
                    hint: "use lower-case letters, digits, '-' and '_', e.g. dev or prod"))
        }
        guard let entries = reader.mapping(entry.value, path) else { return environment }
        reader.checkKeys(entries, path, known: Self.environmentKeys)
        for item in entries {
            let keyPath = path.appendingKey(item.key)
            switch item.key {
            case "region": environment.region = region(item.value, keyPath)
            case "alarms": environment.alarms = alarms(item.value, keyPath)
            case "private_subnets": environment.privateSubnets = reader.bool(item.value, keyPath)
            case "backup": environment.backup = backup(item.value, keyPath)
            case "services":
                guard let services = reader.mapping(item.value, keyPath) else { continue }
                for service in services {
                    var settings = serviceSettings(service.value, keyPath.appendingKey(service.key), inEnvironment: true)
                    settings.location = service.keyLocation
                    environment.services[service.key] = settings
                }
            default: break
            }
        }
        return environment
    }

    func serviceSettings(_ node: LocatedNode, _ path: String, inEnvironment: Bool = false) -> BerthServiceSettings {
        var settings = BerthServiceSettings(location: node.location)
        guard let entries = reader.mapping(node, path) else { return settings }
        reader.checkKeys(entries, path, known: Self.serviceKeys)
        for entry in entries {
            let keyPath = path.appendingKey(entry.key)
            switch entry.key {
            case "replicas": settings.replicas = reader.int(entry.value, keyPath, minimum: 0)
            case "cpus":
                if let cpus = reader.double(entry.value, keyPath) {
                    if cpus > 0 { settings.cpus = cpus } else { diagnostics.error(entry.value, keyPath, "cpus must be more than 0") }
                }
            case "cpu": settings.cpu = reader.int(entry.value, keyPath)
            case "memory":
                if let text = entry.value.scalar?.text, let mib = Int(text) {
                    settings.memory = mib
                } else if let bytes = reader.bytes(entry.value, keyPath) {
                    settings.memory = Int((bytes + 1024 * 1024 - 1) / (1024 * 1024))
                }
            case "domain": settings.domain = domain(entry.value, keyPath)
            case "certificate":
                settings.certificate = certificate(entry.value, keyPath)
                settings.certificateLocation = entry.value.location
            case "image_tag": settings.imageTag = reader.string(entry.value, keyPath)
            case "alarms":
                if let text = entry.value.scalar?.text, ["off", "false", "no"].contains(text.lowercased()) {
                    settings.alarms = AlarmLimits(cpu: .off, memory: .off, http5xx: .off)
                    continue
                }
                guard let entries = reader.mapping(entry.value, keyPath) else { continue }
                reader.checkKeys(entries, keyPath, known: Self.limitKeys)
                settings.alarms = limits(entry.value, keyPath)
            case "public_ports":
                if inEnvironment {
                    diagnostics.error(
                        entry.value, keyPath, "public_ports is set on the service, not per environment",
                        hint: "move it to services.<name>.x-berth: what faces the internet is the same in every environment")
                    continue
                }
                settings.publicPorts = (reader.list(entry.value, keyPath) ?? []).enumerated().compactMap { index, item in
                    reader.int(item, "\(keyPath)[\(index)]", minimum: 1, maximum: 65535)
                }
            case "dev":
                if inEnvironment {
                    diagnostics.error(
                        entry.value, keyPath, "dev is set on the service, not per environment",
                        hint: "move it to services.<name>.x-berth: berth dev runs one local setup for every environment")
                    continue
                }
                settings.dev = dev(entry.value, keyPath)
            case "task":
                guard let name = reader.string(entry.value, keyPath) else { continue }
                if ProjectName.isValid(name) {
                    settings.task = name
                    settings.taskLocation = entry.value.location
                } else {
                    diagnostics.error(
                        entry.value, keyPath, "\"\(name)\" is not a valid task name",
                        hint: "use lower-case letters, digits, '-' and '_', e.g. web")
                }
            default: break
            }
        }
        return settings
    }

    private func dev(_ node: LocatedNode, _ path: String) -> DevSettings? {
        guard let entries = reader.mapping(node, path) else { return nil }
        reader.checkKeys(entries, path, known: Self.devKeys)
        var settings = DevSettings(location: node.location)
        for entry in entries {
            let keyPath = path.appendingKey(entry.key)
            switch entry.key {
            case "host": settings.host = reader.bool(entry.value, keyPath) ?? false
            case "command": settings.command = reader.string(entry.value, keyPath)
            case "directory": settings.directory = reader.string(entry.value, keyPath)
            default: break
            }
        }
        return settings
    }

    private func region(_ node: LocatedNode, _ path: String) -> String? {
        guard let region = reader.string(node, path) else { return nil }
        guard AWSNames.isRegion(region) else {
            diagnostics.error(node, path, "\"\(region)\" is not an AWS region name", hint: "e.g. eu-west-1, us-east-1")
            return nil
        }
        return region
    }

    private func domain(_ node: LocatedNode, _ path: String) -> String? {
        guard let domain = reader.string(node, path) else { return nil }
        guard AWSNames.isDomain(domain) else {
            diagnostics.error(node, path, "\"\(domain)\" is not a domain name", hint: "e.g. www.example.com")
            return nil
        }
        return domain.lowercased()
    }

    private func certificate(_ node: LocatedNode, _ path: String) -> String? {
        guard let arn = reader.string(node, path) else { return nil }
        guard AWSNames.isCertificateARN(arn) else {
            diagnostics.error(
                node, path, "\"\(arn)\" is not an ACM certificate ARN",
                hint: "e.g. arn:aws:acm:eu-west-1:123456789012:certificate/…, in the site's region")
            return nil
        }
        return arn
    }

    /// `alarms: off`, or who hears about them and the site's thresholds.
    private func alarms(_ node: LocatedNode, _ path: String) -> AlarmSettings? {
        if let text = node.scalar?.text, ["off", "false", "no"].contains(text.lowercased()) {
            return AlarmSettings(email: [], enabled: false)
        }
        guard let entries = reader.mapping(node, path) else { return nil }
        reader.checkKeys(entries, path, known: Self.limitKeys.union(["email"]))
        var emails: [String] = []
        if let emailNode = node["email"], let list = reader.strings(emailNode, path.appendingKey("email")) {
            emails = list
            for (index, email) in emails.enumerated() where !AWSNames.isEmail(email) {
                diagnostics.error(emailNode.items?[index] ?? emailNode, "\(path).email", "\"\(email)\" is not an e-mail address")
            }
        }
        return AlarmSettings(email: emails, limits: limits(node, path))
    }

    /// `cpu`, `memory` (percent), `http_5xx` (a count) as a number or `off`, and `minutes`.
    private func limits(_ node: LocatedNode, _ path: String) -> AlarmLimits {
        func limit(_ key: String, maximum: Int) -> AlarmLimit? {
            guard let value = node[key] else { return nil }
            if let text = value.scalar?.text, ["off", "false", "no"].contains(text.lowercased()) { return .off }
            return reader.int(value, path.appendingKey(key), minimum: 1, maximum: maximum).map(AlarmLimit.value)
        }
        let minutes = node["minutes"].flatMap { reader.int($0, path.appendingKey("minutes"), minimum: 1, maximum: 1440) }
        return AlarmLimits(
            cpu: limit("cpu", maximum: 100), memory: limit("memory", maximum: 100), http5xx: limit("http_5xx", maximum: 1_000_000), minutes: minutes)
    }

    private func backup(_ node: LocatedNode, _ path: String) -> BackupSettings? {
        if let text = node.scalar?.text, ["off", "false", "no"].contains(text.lowercased()) {
            return BackupSettings(enabled: false)
        }
        guard let entries = reader.mapping(node, path) else { return nil }
        reader.checkKeys(entries, path, known: ["schedule", "retention", "volumes"])
        var schedule = BackupSettings.defaultSchedule
        if let scheduleNode = node["schedule"], let text = reader.string(scheduleNode, path.appendingKey("schedule")) {
            if let expression = BackupSchedule.expression(for: text) {
                schedule = expression
            } else {
                diagnostics.error(
                    scheduleNode, path.appendingKey("schedule"), "\"\(text)\" is not a backup schedule",
                    hint: "use hourly, daily, weekly or an AWS cron expression such as cron(0 3 * * ? *)")
            }
        }
        var retention = BackupSettings.defaultRetentionDays
        if let retentionNode = node["retention"], let text = reader.string(retentionNode, path.appendingKey("retention")) {
            if let days = BackupSchedule.days(text) {
                retention = days
            } else {
                diagnostics.error(
                    retentionNode, path.appendingKey("retention"), "\"\(text)\" is not a retention period",
                    hint: "use a number of days, or e.g. 35d, 6w, 12m, 1y")
            }
        }
        let volumes = node["volumes"].flatMap { reader.stringList($0, path.appendingKey("volumes")) } ?? []
        return BackupSettings(schedule: schedule, retentionDays: retention, volumes: volumes)
    }
}

/// Light syntax checks for AWS names, so a typo fails at validate time rather than mid-deploy.
/// The forms of AWS names and ARNs the compose extensions take.
package enum AWSNames {
    static func isRegion(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let last = parts.last, Int(last) != nil else { return false }
        return parts.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy { ("a"..."z").contains($0) } }
    }

    static func isDomain(_ text: String) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, text.count <= 253 else { return false }
        return labels.enumerated().allSatisfy { index, label in
            if index == 0 && label == "*" { return true }
            guard !label.isEmpty, label.count <= 63, label.first != "-", label.last != "-" else { return false }
            return label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    /// The region of a well-formed ACM certificate ARN.
    package static func certificateRegion(_ arn: String) -> String? {
        guard isCertificateARN(arn) else { return nil }
        return String(arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)[3])
    }

    static func isCertificateARN(_ text: String) -> Bool {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[1].hasPrefix("aws"), parts[2] == "acm" else { return false }
        guard isRegion(String(parts[3])), parts[4].count == 12, parts[4].allSatisfy(\.isNumber) else { return false }
        return parts[5].hasPrefix("certificate/") && parts[5].count > "certificate/".count
    }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(" ")
    }
}

/// AWS Backup schedule shorthands and retention periods.
enum BackupSchedule {
    static func expression(for text: String) -> String? {
        switch text.lowercased() {
        case "hourly": return "cron(0 * * * ? *)"
        case "daily": return BackupSettings.defaultSchedule
        case "weekly": return "cron(0 3 ? * SUN *)"
        default:
            guard text.hasPrefix("cron(") && text.hasSuffix(")") else { return nil }
            let fields = text.dropFirst(5).dropLast().split(separator: " ")
            return fields.count == 6 ? text : nil
        }
    }

    static func days(_ text: String) -> Int? {
        if let days = Int(text) { return days > 0 ? days : nil }
        guard let unit = text.last, let number = Int(text.dropLast()), number > 0 else { return nil }
        switch unit {
        case "d": return number
        case "w": return number * 7
        case "m": return number * 30
        case "y": return number * 365
        default: return nil
        }
    }
}
