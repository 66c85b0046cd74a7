/// What Fargate cannot do, said at the key that asks for it, with the reason and what to do
/// instead (AWS, "Amazon ECS task definition differences for Fargate").
///
/// Errors are things a deploy would fail on or silently get wrong; warnings are things that change
/// behaviour but still run; notes are harmless local-only keys.
struct FargateCompatibility {
    let reader: NodeReader

    /// The only capability Fargate lets a task add (ECS `linuxParameters.capabilities.add`).
    static let addableCapabilities: Set<String> = ["SYS_PTRACE"]

    private enum Verdict {
        case error(String, hint: String)
        case warning(String, hint: String)
        case note(String)
    }

    /// Compose keys that are not read into the model, with what happens to them on Fargate.
    private static let verdicts: [String: Verdict] = [
        "devices": .error("Fargate gives tasks no access to host devices", hint: "remove it; Fargate cannot pass devices through"),
        "gpus": .error("Fargate has no GPUs", hint: "run GPU work on ECS with EC2 capacity instead"),
        "volumes_from": .error("Fargate tasks cannot share another container's volumes", hint: "mount the same named volume in both services"),
        "use_api_socket": .error("Fargate tasks have no Docker daemon to talk to", hint: "remove it"),
        "userns_mode": .error("Fargate does not support user namespace settings", hint: "remove it"),
        "cgroup_parent": .error("Fargate does not let tasks choose a cgroup", hint: "remove it"),
        "runtime": .warning("Fargate runs containers with its own runtime; this one is ignored", hint: "remove it"),
        "shm_size": .warning("Fargate does not support a custom /dev/shm size", hint: "remove it, or write to the ephemeral disk instead"),
        "sysctls": .warning("Fargate allows only a few namespaced kernel parameters", hint: "check the ECS systemControls list for Fargate"),
        "extra_hosts": .warning(
            "Fargate (awsvpc networking) does not support extra /etc/hosts entries", hint: "reach other services by their service name"),
        "dns": .warning("Fargate uses the VPC's DNS resolver; custom DNS servers are ignored", hint: "remove it"),
        "dns_search": .warning("Fargate uses the VPC's DNS settings; search domains are ignored", hint: "remove it"),
        "dns_opt": .warning("Fargate uses the VPC's DNS settings; resolver options are ignored", hint: "remove it"),
        "security_opt": .warning("Fargate ignores Docker security options", hint: "remove it"),
        "post_start": .warning("ECS has no lifecycle hooks; this command will not run", hint: "run it in the container's entrypoint"),
        "pre_stop": .warning("ECS has no lifecycle hooks; this command will not run", hint: "handle SIGTERM in the application"),
        "isolation": .warning("isolation applies to Windows containers; Berth runs Linux tasks", hint: "remove it"),
        "uts": .warning("Fargate does not share the host's UTS namespace", hint: "remove it"),
        "models": .warning("Berth does not provision AI models", hint: "run the model as its own service"),
        "provider": .warning("provider services are not deployed by Berth", hint: "declare the resource as a service or in x-aws-cloudformation"),
        "storage_opt": .warning("Fargate does not support storage driver options", hint: "remove it"),
        "container_name": .note("ignored: ECS names tasks itself, and other services reach this one by its service name"),
        "restart": .note("ignored: ECS always replaces tasks that stop"),
        "hostname": .note("ignored: Fargate tasks cannot set a hostname; other services reach this one by its service name"),
        "domainname": .note("ignored on Fargate"),
        "links": .note("ignored: every service can reach every other by its service name"),
        "external_links": .note("ignored on Fargate"),
        "tty": .note("ignored on Fargate"),
        "stdin_open": .note("ignored on Fargate"),
        "attach": .note("ignored on Fargate"),
        "pull_policy": .note("ignored: ECS pulls the image when a task starts"),
        "develop": .note("ignored: `develop` is for local `docker compose watch`"),
        "annotations": .note("ignored on Fargate"),
        "label_file": .note("ignored on Fargate"),
        "mac_address": .note("ignored on Fargate"),
        "group_add": .note("ignored on Fargate"),
        "credential_spec": .note("ignored on Fargate (Linux tasks)"),
        "device_cgroup_rules": .note("ignored on Fargate"),
        "blkio_config": .note("ignored on Fargate"),
        "cpu_count": .note("ignored: the Fargate size sets the CPUs"),
        "cpu_percent": .note("ignored: the Fargate size sets the CPUs"),
        "cpu_shares": .note("ignored: the Fargate size sets the CPUs"),
        "cpu_period": .note("ignored: the Fargate size sets the CPUs"),
        "cpu_quota": .note("ignored: the Fargate size sets the CPUs"),
        "cpu_rt_runtime": .note("ignored on Fargate"),
        "cpu_rt_period": .note("ignored on Fargate"),
        "cpuset": .note("ignored on Fargate"),
        "mem_swappiness": .note("ignored: Fargate tasks have no swap"),
        "memswap_limit": .note("ignored: Fargate tasks have no swap"),
        "oom_kill_disable": .note("ignored on Fargate"),
        "oom_score_adj": .note("ignored on Fargate"),
        "pids_limit": .note("ignored on Fargate"),
        "cgroup": .note("ignored on Fargate"),
        "pull_refresh_after": .note("ignored: ECS pulls the image when a task starts"),
    ]

    /// Keys handled here (including the ones with their own checks below).
    static let knownKeys: Set<String> = Set(verdicts.keys).union(["privileged", "network_mode", "ipc", "pid"])

    func check(_ entries: [LocatedNode.Entry], path: String) {
        let diagnostics = reader.diagnostics
        for entry in entries {
            let keyPath = path.appendingKey(entry.key)
            let at = entry.keyLocation ?? entry.value.location
            switch entry.key {
            case "privileged":
                if reader.bool(entry.value, keyPath) == true {
                    diagnostics.add(
                        .error(
                            at: at, path: keyPath, "Fargate does not run privileged containers",
                            hint: "remove it; add only the capability you need (Fargate allows SYS_PTRACE)"))
                }
            case "network_mode":
                checkNetworkMode(entry.value, keyPath, at: at)
            case "ipc", "pid":
                checkNamespace(entry.key, entry.value, keyPath, at: at)
            case "cap_add":
                for (index, item) in (entry.value.items ?? []).enumerated() {
                    guard let name = item.scalar?.text else { continue }
                    let capability = name.uppercased().hasPrefix("CAP_") ? String(name.uppercased().dropFirst(4)) : name.uppercased()
                    if !Self.addableCapabilities.contains(capability) {
                        diagnostics.add(
                            .error(
                                at: item.location, path: "\(keyPath)[\(index)]", "Fargate cannot add the \(capability) capability",
                                hint: "only SYS_PTRACE can be added on Fargate; remove it or run on ECS with EC2 capacity"))
                    }
                }
            default:
                guard let verdict = Self.verdicts[entry.key], !entry.value.isNull else { continue }
                switch verdict {
                case .error(let message, let hint): diagnostics.add(.error(at: at, path: keyPath, message, hint: hint))
                case .warning(let message, let hint): diagnostics.add(.warning(at: at, path: keyPath, message, hint: hint))
                case .note(let message): diagnostics.add(.note(at: at, path: keyPath, message))
                }
            }
        }
    }

    private func checkNetworkMode(_ node: LocatedNode, _ path: String, at: SourceLocation?) {
        guard let mode = reader.string(node, path) else { return }
        let diagnostics = reader.diagnostics
        switch mode {
        case "host":
            diagnostics.add(
                .error(
                    at: at, path: path, "Fargate tasks cannot use the host's network (only awsvpc networking)",
                    hint: "remove network_mode and publish the ports the service listens on"))
        case let other where other.hasPrefix("service:") || other.hasPrefix("container:"):
            diagnostics.add(
                .error(
                    at: at, path: path, "Fargate tasks cannot share another service's network namespace",
                    hint: "remove network_mode and reach the other service by its name"))
        case "none":
            diagnostics.add(
                .warning(at: at, path: path, "Fargate tasks always get a network interface", hint: "remove network_mode"))
        default:
            diagnostics.add(.note(at: at, path: path, "ignored: Fargate always uses awsvpc networking"))
        }
    }

    private func checkNamespace(_ key: String, _ node: LocatedNode, _ path: String, at: SourceLocation?) {
        guard let mode = reader.string(node, path) else { return }
        let diagnostics = reader.diagnostics
        if mode == "host" || mode.hasPrefix("service:") || mode.hasPrefix("container:") {
            let what = key == "ipc" ? "IPC" : "process"
            diagnostics.add(
                .error(
                    at: at, path: path, "Fargate tasks cannot share the \(what) namespace of the host or another service",
                    hint: "remove \(key); talk between services over the network instead"))
        } else {
            diagnostics.add(.note(at: at, path: path, "ignored on Fargate"))
        }
    }
}
