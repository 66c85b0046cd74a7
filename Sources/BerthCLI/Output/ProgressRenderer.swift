import AWSServices
import DeployEngine
import Foundation

/// Draws deploy progress as plain lines on stderr, with the time since the command started.
/// Stdout stays for results, so `--output json` output is never mixed with progress.
final class ProgressRenderer: @unchecked Sendable {
    private let start = Date()
    private let lock = NSLock()
    private let printer: Printer

    init(printer: Printer) {
        self.printer = printer
    }

    private func line(_ text: String) {
        let elapsed = Int(Date().timeIntervalSince(start))
        lock.withLock { printer.progress(String(format: "[%3d:%02d] ", elapsed / 60, elapsed % 60) + text) }
    }

    func show(_ event: SiteDeployer.Event) {
        switch event {
        case .layer(let layer, let text):
            line("\(layer.rawValue): \(text)")
        case .note(let text):
            line(text)
        case .stack(.resource(let resource)):
            // CloudFormation reports IN_PROGRESS twice (requested, then initiated): show it once.
            if resource.reason == "Resource creation Initiated" { return }
            var text = "  \(resource.logicalResourceId) \(resource.status.rawValue)"
            if let reason = resource.reason, !reason.isEmpty, resource.isFailure || resource.isStack { text += " — \(reason)" }
            line(text)
        case .stack(.step(let step)):
            line("  " + Self.describe(step))
        case .services(let event):
            switch event {
            case .action(let action, let applied):
                guard action.kind != .noChange else { return }
                line("  \(applied ? "" : "would ")\(action.kind.rawValue) \(action.resource.rawValue) \(action.name): \(action.reason)")
            case .rollout(let service, let running, let desired, let state):
                line("  \(service): \(running)/\(desired) running (\(state.rawValue.lowercased().replacingOccurrences(of: "_", with: " ")))")
            case .serviceEvent(let service, let message):
                line("  \(service): \(message)")
            case .stable(let service):
                line("  \(service): stable")
            case .note(let text):
                line("  " + text)
            }
        }
    }

    static func describe(_ step: DeployStep) -> String {
        switch step {
        case .waitingForStack(let status): "waiting for the stack's current operation (\(status))"
        case .stillWaiting(let status, let seconds): "still \(status), \(seconds / 60)m \(String(format: "%02d", seconds % 60))s so far"
        case .deletingLeftoverChangeSet(let name): "removing change set \(name) left by an interrupted run"
        case .changeSetRemoved(let reason): "the change set was deleted by another run before it ran (\(reason)); starting again"
        case .uploadingTemplate(let url, let bytes): "uploading the template (\(bytes) bytes) to \(url)"
        case .creatingChangeSet(let name, let type): "creating \(type.lowercased()) change set \(name)"
        case .executingChangeSet(let name): "executing change set \(name)"
        case .noChanges: "no changes"
        case .deletingStack(let status): "deleting the stack (it is \(status))"
        case .continuingUpdateRollback: "continuing the update rollback"
        }
    }
}
