import AWSRuntime
import AWSServices
import Foundation

extension SiteBackups {
    /// Stops the ECS services among `services` that run now (desired count 0) and waits until
    /// their tasks have stopped, so nothing writes to a volume while a restore swaps its files (a
    /// database restored under a running server is corrupt). Returns the desired counts to put
    /// back; on a failure the services are started again before the error is thrown.
    package func stopWriters(
        _ services: [String], in place: Place, waiter: Waiter, progress: @escaping @Sendable (String) -> Void
    ) async throws -> [String: Int] {
        guard !services.isEmpty else { return [:] }
        let ecs = ECSClient(client)
        let running = try await ecs.describeServices(cluster: place.cluster, named: services)
        var stopped: [String: Int] = [:]
        do {
            for service in running where service.status == .active && (service.desiredCount ?? 0) > 0 {
                guard let name = service.serviceName else { continue }
                _ = try await ecs.updateService(.init(cluster: place.cluster, service: name, desiredCount: 0))
                stopped[name] = service.desiredCount
            }
            guard !stopped.isEmpty else { return [:] }
            let names = stopped.keys.sorted()
            progress("stopping \(names.joined(separator: ", ")) while the volume's files are replaced")
            _ = try await waiter.wait(for: "the tasks of \(names.joined(separator: ", ")) to stop") { () -> Waiter.State<Bool> in
                let services = try await ecs.describeServices(cluster: place.cluster, named: names)
                let left = services.map { ($0.runningCount ?? 0) + ($0.pendingCount ?? 0) }.reduce(0, +)
                return left == 0 ? .done(true) : .retry("\(left) task\(left == 1 ? "" : "s") still running")
            }
            return stopped
        } catch {
            await startWriters(stopped, in: place, progress: progress)
            throw error
        }
    }

    /// Puts the services' desired counts back. Runs in a task of its own, so that Ctrl-C during a
    /// restore still starts them again; a failure is reported with the command that fixes it.
    package func startWriters(_ counts: [String: Int], in place: Place, progress: @escaping @Sendable (String) -> Void) async {
        guard !counts.isEmpty else { return }
        let client = self.client
        let failed = await Task {
            var failed: [String] = []
            for (name, count) in counts.sorted(by: { $0.key < $1.key }) {
                do {
                    _ = try await ECSClient(client).updateService(.init(cluster: place.cluster, service: name, desiredCount: count))
                } catch {
                    failed.append(name)
                }
            }
            return failed
        }.value
        let started = counts.keys.sorted().filter { !failed.contains($0) }
        if !started.isEmpty { progress("started \(started.joined(separator: ", ")) again") }
        if !failed.isEmpty {
            progress("could not start \(failed.joined(separator: ", ")) again: run berth deploy (it sets their desired counts)")
        }
    }
}
