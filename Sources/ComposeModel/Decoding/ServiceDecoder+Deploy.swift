/// `deploy` (replicas, resources, update_config, the `x-aws-*` keys inside it) and the Fargate
/// size chosen from the resources. Sizes are looked for in `x-berth`, then `deploy.resources.limits`,
/// then `reservations`, then the legacy `cpus`/`mem_limit`.
extension ServiceDecoder {
    /// ECS's "tasks per service" quota.
    static let tasksPerService = 5000

    static let deployKeys: Set<String> = [
        "mode", "endpoint_mode", "replicas", "labels", "rollback_config", "update_config", "resources", "restart_policy",
        "placement",
    ]

    func decodeDeployAndSize(_ entries: [LocatedNode.Entry], _ path: String, into service: inout Service) {
        var sizing = SizeRequest()
        if let deploy = entries.first(where: { $0.key == "deploy" })?.value {
            decodeDeploy(deploy, path.appendingKey("deploy"), into: &service, sizing: &sizing)
        }
        for entry in entries {
            let keyPath = path.appendingKey(entry.key)
            switch entry.key {
            case "cpus" where sizing.cpus == nil:
                sizing.cpus = reader.double(entry.value, keyPath).map { ($0, entry.value, keyPath) }
            case "mem_limit" where sizing.memory == nil, "mem_reservation" where sizing.memory == nil:
                sizing.memory = reader.bytes(entry.value, keyPath).map { ($0, entry.value, keyPath) }
            default: break
            }
        }
        if let berthNode = entries.first(where: { $0.key == "x-berth" })?.value {
            let berthPath = path.appendingKey("x-berth")
            if let cpu = service.berth.cpu, let node = berthNode["cpu"] { sizing.cpuUnits = (cpu, node, berthPath.appendingKey("cpu")) }
            if let cpus = service.berth.cpus, let node = berthNode["cpus"] { sizing.cpus = (cpus, node, berthPath.appendingKey("cpus")) }
            if let memory = service.berth.memory, let node = berthNode["memory"] {
                sizing.memory = (Int64(memory) * 1024 * 1024, node, berthPath.appendingKey("memory"))
            }
        }
        service.resources = sizing.request
        if let size = sizing.fargateSize(diagnostics: diagnostics) { service.fargateSize = size }
    }

    private func decodeDeploy(_ node: LocatedNode, _ path: String, into service: inout Service, sizing: inout SizeRequest) {
        guard let entries = reader.mapping(node, path) else { return }
        reader.checkKeys(entries, path, known: Self.deployKeys.union(["x-aws-autoscaling"]))
        for entry in entries {
            let keyPath = path.appendingKey(entry.key)
            switch entry.key {
            case "replicas":
                service.replicas = reader.int(entry.value, keyPath, minimum: 0) ?? service.replicas
                if service.replicas > Self.tasksPerService {
                    diagnostics.warning(
                        entry.value, keyPath, "ECS runs at most \(Self.tasksPerService) tasks per service (a service quota), not \(service.replicas)",
                        hint: "split the load over several services, or ask AWS about the quota first")
                }
            case "mode":
                if let mode = reader.string(entry.value, keyPath), mode != "replicated" {
                    diagnostics.warning(
                        entry.value, keyPath, "`mode: \(mode)` has no meaning on Fargate; the service runs `replicas` tasks",
                        hint: "remove it, or use replicas")
                }
            case "resources": decodeResources(entry.value, keyPath, sizing: &sizing)
            case "update_config": decodeUpdateConfig(entry.value, keyPath, into: &service)
            case "x-aws-autoscaling": service.aws.autoscaling = decodeAutoscaling(entry.value, keyPath)
            case "placement", "endpoint_mode", "rollback_config", "restart_policy":
                diagnostics.note(
                    entry.value, keyPath, "ignored on Fargate: ECS places, restarts and rolls back tasks itself")
            default: break
            }
        }
    }

    private func decodeResources(_ node: LocatedNode, _ path: String, sizing: inout SizeRequest) {
        guard let entries = reader.mapping(node, path) else { return }
        reader.checkKeys(entries, path, known: ["limits", "reservations"])
        for group in ["reservations", "limits"] {
            guard let groupNode = node[group], let groupEntries = reader.mapping(groupNode, path.appendingKey(group)) else { continue }
            let groupPath = path.appendingKey(group)
            reader.checkKeys(groupEntries, groupPath, known: ["cpus", "memory", "pids", "devices", "generic_resources"])
            for entry in groupEntries {
                let keyPath = groupPath.appendingKey(entry.key)
                switch entry.key {
                case "cpus":
                    if let cpus = reader.double(entry.value, keyPath) {
                        if cpus <= 0 {
                            diagnostics.error(entry.value, keyPath, "cpus must be more than 0", hint: "use e.g. 0.25, 0.5, 1")
                        } else if group == "limits" || sizing.cpus == nil {
                            sizing.cpus = (cpus, entry.value, keyPath)
                        }
                    }
                case "memory":
                    if let bytes = reader.bytes(entry.value, keyPath), group == "limits" || sizing.memory == nil {
                        sizing.memory = (bytes, entry.value, keyPath)
                    }
                case "devices", "generic_resources":
                    diagnostics.error(
                        entry.value, keyPath, "Fargate has no GPUs or other devices to reserve",
                        hint: "run GPU work on ECS with EC2 capacity instead")
                default: break
                }
            }
        }
    }

    private func decodeUpdateConfig(_ node: LocatedNode, _ path: String, into service: inout Service) {
        guard let entries = reader.mapping(node, path) else { return }
        for entry in entries {
            let keyPath = path.appendingKey(entry.key)
            switch entry.key {
            case "x-aws-min_percent": service.aws.minimumHealthyPercent = reader.int(entry.value, keyPath, minimum: 0, maximum: 100)
            case "x-aws-max_percent": service.aws.maximumPercent = reader.int(entry.value, keyPath, minimum: 100, maximum: 200)
            default: break
            }
        }
    }

    private func decodeAutoscaling(_ node: LocatedNode, _ path: String) -> Autoscaling? {
        guard let entries = reader.mapping(node, path) else { return nil }
        reader.checkKeys(entries, path, known: ["min", "max", "cpu", "memory"])
        let minimum = node["min"].flatMap { reader.int($0, path.appendingKey("min"), minimum: 0) } ?? 1
        guard let maxNode = node["max"], let maximum = reader.int(maxNode, path.appendingKey("max"), minimum: 1) else {
            diagnostics.error(node, path, "x-aws-autoscaling needs `max`, the most tasks to scale out to")
            return nil
        }
        if minimum > maximum {
            diagnostics.error(node["min"], path.appendingKey("min"), "min (\(minimum)) is above max (\(maximum))")
        }
        let cpu = node["cpu"].flatMap { reader.int($0, path.appendingKey("cpu"), minimum: 1, maximum: 100) }
        let memory = node["memory"].flatMap { reader.int($0, path.appendingKey("memory"), minimum: 1, maximum: 100) }
        if cpu == nil && memory == nil {
            diagnostics.error(node, path, "x-aws-autoscaling needs a `cpu` or `memory` target in percent", hint: "e.g. cpu: 75")
        }
        return Autoscaling(min: minimum, max: maximum, cpu: cpu, memory: memory)
    }
}

/// The sizing inputs with the nodes they came from, so a size Fargate cannot offer is reported
/// at the value that asked for it.
struct SizeRequest {
    var cpus: (Double, LocatedNode, String)?
    var cpuUnits: (Int, LocatedNode, String)?
    var memory: (Int64, LocatedNode, String)?

    var memoryMiB: Int? { memory.map { Int(($0.0 + 1024 * 1024 - 1) / (1024 * 1024)) } }

    var request: ResourceRequest {
        ResourceRequest(cpus: cpus?.0, cpuUnits: cpuUnits?.0, memoryMiB: memoryMiB)
    }

    func fargateSize(diagnostics: DiagnosticBag) -> FargateSize? {
        switch FargateSize.fitting(request) {
        case .success(let size):
            return size
        case .failure(let problem):
            let node = problem.blamesCPU ? (cpuUnits?.1 ?? cpus?.1 ?? memory?.1) : (memory?.1 ?? cpuUnits?.1 ?? cpus?.1)
            let path = problem.blamesCPU ? (cpuUnits?.2 ?? cpus?.2 ?? memory?.2) : (memory?.2 ?? cpuUnits?.2 ?? cpus?.2)
            diagnostics.error(node, path ?? "", problem.message, hint: problem.hint)
            return nil
        }
    }
}
