/// `depends_on` (already in canonical mapping form) and `healthcheck`. Whether a dependency names a
/// real service is checked once all services are known, in `SiteValidator`.
extension ServiceDecoder {
    func decodeDependencies(_ node: LocatedNode, _ path: String) -> [ServiceDependency] {
        guard let entries = reader.mapping(node, path) else { return [] }
        var dependencies: [ServiceDependency] = []
        for entry in entries {
            let keyPath = path.appendingKey(entry.key)
            var dependency = ServiceDependency(
                service: entry.key, condition: .serviceStarted, required: true, restart: false, location: entry.keyLocation)
            if let options = entry.value.isNull ? [] : reader.mapping(entry.value, keyPath) {
                reader.checkKeys(options, keyPath, known: ["condition", "required", "restart"])
                if let conditionNode = entry.value["condition"], let text = reader.string(conditionNode, keyPath.appendingKey("condition")) {
                    if let condition = ServiceDependency.Condition(rawValue: text) {
                        dependency.condition = condition
                    } else {
                        diagnostics.error(
                            conditionNode, keyPath.appendingKey("condition"), "\"\(text)\" is not a dependency condition",
                            hint: "use service_started, service_healthy or service_completed_successfully")
                    }
                }
                dependency.required = entry.value["required"].flatMap { reader.bool($0, keyPath.appendingKey("required")) } ?? true
                dependency.restart = entry.value["restart"].flatMap { reader.bool($0, keyPath.appendingKey("restart")) } ?? false
            }
            dependencies.append(dependency)
        }
        return dependencies
    }

    func decodeHealthCheck(_ node: LocatedNode, _ path: String) -> HealthCheck? {
        guard let entries = reader.mapping(node, path) else { return nil }
        reader.checkKeys(entries, path, known: ["test", "interval", "timeout", "retries", "start_period", "start_interval", "disable"])
        var check = HealthCheck(test: [], disabled: false)
        for entry in entries {
            let keyPath = path.appendingKey(entry.key)
            switch entry.key {
            case "test":
                if let scalar = entry.value.scalar, !entry.value.isNull {
                    check.test = ["CMD-SHELL", scalar.text]
                } else if let words = reader.stringList(entry.value, keyPath) {
                    if let first = words.first, !["CMD", "CMD-SHELL", "NONE"].contains(first) {
                        diagnostics.error(
                            entry.value, keyPath, "a healthcheck test list must start with CMD, CMD-SHELL or NONE, not \"\(first)\"",
                            hint: "e.g. [\"CMD\", \"curl\", \"-f\", \"http://localhost\"]")
                    }
                    check.test = words
                    if words.first == "NONE" { check.disabled = true }
                }
            case "interval":
                check.intervalSeconds = reader.seconds(entry.value, keyPath)
                noteOutOfRange(check.intervalSeconds, HealthCheck.intervalRange, "s", entry.value, keyPath)
            case "timeout":
                check.timeoutSeconds = reader.seconds(entry.value, keyPath)
                noteOutOfRange(check.timeoutSeconds, HealthCheck.timeoutRange, "s", entry.value, keyPath)
            case "start_period":
                check.startPeriodSeconds = reader.seconds(entry.value, keyPath)
                noteOutOfRange(check.startPeriodSeconds, HealthCheck.startPeriodRange, "s", entry.value, keyPath)
            case "start_interval": check.startIntervalSeconds = reader.seconds(entry.value, keyPath)
            case "retries":
                check.retries = reader.int(entry.value, keyPath, minimum: 0)
                noteOutOfRange(check.retries.map(Double.init), HealthCheck.retriesRange, "", entry.value, keyPath)
            case "disable": check.disabled = reader.bool(entry.value, keyPath) ?? false
            default: break
            }
        }
        return check
    }

    /// ECS takes health-check values only within its ranges; say what the task will get.
    private func noteOutOfRange(_ value: Double?, _ range: ClosedRange<Int>, _ unit: String, _ node: LocatedNode, _ path: String) {
        guard let value else { return }
        let rounded = Int(saturating: value)
        guard !range.contains(rounded) else { return }
        let used = min(range.upperBound, max(range.lowerBound, rounded))
        diagnostics.note(
            node, path, "ECS accepts \(range.lowerBound)–\(range.upperBound)\(unit) here, so the task's health check uses \(used)\(unit)",
            hint: "write a value in that range to make this explicit")
    }
}
