import StackTemplates

/// The stack's alarms as CloudWatch has them now: each declared alarm the stack holds, found by
/// its physical name (one DescribeAlarms for up to 100), with what it watches.
package struct SiteAlarm: Sendable, Equatable, Encodable {
    package var subject: DeclaredAlarm.Subject
    package var description: String
    package var state: AlarmState

    package var watches: String {
        switch subject {
        case .service(let name): "service \(name)"
        case .volume(let name): "volume \(name)"
        }
    }

    enum CodingKeys: String, CodingKey { case watches, description, name, state, reason }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(watches, forKey: .watches)
        try container.encode(description, forKey: .description)
        try container.encode(state.name, forKey: .name)
        try container.encode(state.state, forKey: .state)
        try container.encodeIfPresent(state.reason, forKey: .reason)
    }
}

enum SiteAlarms {
    static func read(input: InfraStackInput, observed: ObservedStack, backend: any SiteBackend) async throws -> [SiteAlarm] {
        let declared = InfraStack(input).declaredAlarms.compactMap { alarm in observed.physicalIds[alarm.logicalId].map { (alarm, $0) } }
        let states = Dictionary(
            try await backend.alarmStates(names: declared.map(\.1).sorted()).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        return declared.compactMap { alarm, name in
            states[name].map { SiteAlarm(subject: alarm.subject, description: alarm.description, state: $0) }
        }
    }
}

extension SiteDeployer {
    /// `berth alarms`: every alarm of the deployed stack with its state; reads only.
    package func alarms() async throws -> [SiteAlarm] {
        guard let observed = try await stacks.observe(stackName: names.stack), observed.provisioned else {
            throw DeployError("\(names.stack) is not deployed", hint: "run `berth deploy` first")
        }
        return try await SiteAlarms.read(input: input, observed: observed, backend: backend)
    }
}
