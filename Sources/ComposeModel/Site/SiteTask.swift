/// One ECS task: the compose services that run as its containers. A service without `x-berth`
/// `task` is a task of its own, named after it; services that name the same `task` share one.
package struct SiteTask: Sendable, Equatable {
    /// The task definition family's and the ECS service's name.
    package var name: String
    /// In file order; never empty.
    package var members: [Service]

    package init(name: String, members: [Service]) {
        self.name = name
        self.members = members
    }

    package var memberNames: [String] { members.map(\.name) }

    /// Whether this task is one ungrouped service (named after it): everything about it keeps
    /// the names and shapes of a one-container task.
    package var isSingle: Bool { members.count == 1 && members[0].name == name }

    /// The largest member's replicas.
    package var replicas: Int { members.map(\.replicas).max() ?? 1 }

    /// The smallest Fargate size that fits the members' sizes added up; nil when none does.
    package var fargateSize: FargateSize? {
        if members.count == 1 { return members[0].fargateSize }
        return FargateSize.smallest(
            fitting: members.map(\.fargateSize.cpu).reduce(0, +), memory: members.map(\.fargateSize.memory).reduce(0, +))
    }

    package func contains(_ service: String) -> Bool { members.contains { $0.name == service } }

    /// The CPU architecture the task runs on: ARM64 when the first member that names a `platform`
    /// names arm64, X86_64 when one names another; nil leaves it to ECS (X86_64).
    package var cpuArchitecture: String? {
        members.lazy.compactMap(\.platform).first.map { $0.contains("arm64") ? "ARM64" : "X86_64" }
    }

    /// The platform images for this task are built for (`docker build --platform`).
    package var buildPlatform: String { cpuArchitecture == "ARM64" ? "linux/arm64" : "linux/amd64" }

    /// The named volumes a one-replica task writes: it is their only writer (Ghost with SQLite,
    /// any database), so an old and a new task must never run against them together. Empty for
    /// a task with several replicas, which write together anyway.
    package var singleWriterVolumes: [String] {
        guard replicas == 1 else { return [] }
        return members.flatMap(\.mounts).filter { $0.kind == .volume && !$0.readOnly }.compactMap(\.source).uniqued()
    }

    /// Members that another member waits for with `service_completed_successfully`: they are
    /// expected to exit, so they are not essential.
    package var completingMembers: Set<String> {
        var names = Set<String>()
        for member in members {
            for dependency in member.dependencies where dependency.condition == .serviceCompletedSuccessfully && contains(dependency.service) {
                names.insert(dependency.service)
            }
        }
        return names
    }
}

extension Service {
    /// The name of the task this service runs in.
    package var taskName: String { berth.task ?? name }
}

extension Site {
    /// The site's tasks in file order of their first member.
    /// Only services that name a task join it: a service without `task` is never a member of
    /// another's group, even one named like it (`taskDiagnostics` reports that).
    package var tasks: [SiteTask] {
        var tasks: [SiteTask] = []
        var grouped: [String: Int] = [:]
        for service in services {
            if let task = service.berth.task {
                if let index = grouped[task] {
                    tasks[index].members.append(service)
                } else {
                    grouped[task] = tasks.count
                    tasks.append(SiteTask(name: task, members: [service]))
                }
            } else {
                tasks.append(SiteTask(name: service.name, members: [service]))
            }
        }
        return tasks
    }

    package func task(named name: String) -> SiteTask? {
        tasks.first { $0.name == name }
    }

    /// The task a compose service runs in.
    package func task(containing service: String) -> SiteTask? {
        tasks.first { $0.contains(service) }
    }

    /// Problems with `x-berth` `task` groups: a task named like a service outside it, members
    /// that listen on the same port (containers of a task share one network namespace), and a
    /// group too big for any Fargate size.
    package var taskDiagnostics: [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let names = Set(services.map(\.name))
        for task in tasks where !task.isSingle {
            let grouped = task.members.first { $0.berth.task != nil } ?? task.members[0]
            let path = "services.\(grouped.name).x-berth.task"
            if names.contains(task.name), !task.contains(task.name) {
                diagnostics.append(
                    .error(
                        at: grouped.berth.taskLocation, path: path,
                        "task \"\(task.name)\" has the name of service \"\(task.name)\", which is not in it",
                        hint: "name the task differently, or put \"\(task.name)\" in it with x-berth task: \(task.name)"))
            }
            var seen: [String: String] = [:]
            for member in task.members {
                let ports = member.ports.map { "\($0.target)/\($0.transport.rawValue)" } + member.expose.map { "\($0.port)/\($0.transport.rawValue)" }
                for port in ports.uniqued() {
                    if let other = seen[port] {
                        diagnostics.append(
                            .error(
                                at: member.berth.taskLocation ?? member.location, path: "services.\(member.name).x-berth.task",
                                "services \"\(other)\" and \"\(member.name)\" of task \"\(task.name)\" both listen on container port \(port)",
                                hint: "containers of one task share its network; use different ports or separate tasks"))
                    } else {
                        seen[port] = member.name
                    }
                }
            }
            if task.fargateSize == nil {
                diagnostics.append(
                    .error(
                        at: grouped.berth.taskLocation, path: path,
                        "the services of task \"\(task.name)\" together need more than the largest Fargate size",
                        hint: "give them smaller sizes, or run them as separate tasks"))
            }
        }
        return diagnostics
    }
}

extension Site {
    /// The tasks `task` waits for through its members' `depends_on`, by task name: `true` when it
    /// must wait until that task's service is stable (`service_healthy`, or a completed job),
    /// `false` when it only needs the service to exist (`service_started`). Dependencies inside
    /// the task are the containers' own ordering, not the services'.
    package func taskDependencies(of task: SiteTask) -> [String: Bool] {
        let taskOf = Dictionary(tasks.flatMap { task in task.memberNames.map { ($0, task.name) } }, uniquingKeysWith: { first, _ in first })
        var waits: [String: Bool] = [:]
        for member in task.members {
            for dependency in member.dependencies {
                guard let other = taskOf[dependency.service], other != task.name else { continue }
                waits[other] = (waits[other] ?? false) || dependency.condition != .serviceStarted
            }
        }
        return waits
    }

    /// `tasks` in the order their services must be created: each wave depends only on earlier
    /// waves (ECS gives a Service Connect endpoint only to tasks started after it exists, so a
    /// service started before its dependency's could never reach it). Dependencies outside
    /// `tasks` are taken as there already; a cycle (which validation reports) ends in one last
    /// wave rather than never.
    package func taskWaves(_ tasks: [SiteTask]) -> [[SiteTask]] {
        let names = Set(tasks.map(\.name))
        var placed = Set<String>()
        var remaining = tasks
        var waves: [[SiteTask]] = []
        while !remaining.isEmpty {
            let ready = remaining.filter { task in taskDependencies(of: task).keys.allSatisfy { !names.contains($0) || placed.contains($0) } }
            let wave = ready.isEmpty ? remaining : ready
            waves.append(wave)
            placed.formUnion(wave.map(\.name))
            remaining.removeAll { placed.contains($0.name) }
        }
        return waves
    }
}
