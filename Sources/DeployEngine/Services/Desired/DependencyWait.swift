import ComposeModel
import StackTemplates

/// Compose starts a service after those it `depends_on`; ECS starts every service's tasks at
/// once. A service whose dependencies run in other tasks gets a first, short-lived container
/// that waits until each is reachable at its Service Connect name and first port, writing one
/// line per dependency, and the service's own container starts only when it succeeds
/// (`dependsOn` SUCCESS). Services grouped into one task wait through ECS container
/// dependencies instead (`DesiredStateBuilder.desiredTaskDefinition`).
///
/// Service Connect sends traffic only to tasks ECS sees as healthy, so a dependency that
/// answers at its name has passed its health check, if it has one: `service_healthy` is met
/// by the same wait.
package enum DependencyWait {
    package static let containerName = "berth-wait"
    /// Fargate allows a container's `startTimeout` of at most 120 seconds, after which the
    /// containers depending on it give up and the task stops; the script gives up first, so its
    /// last line says which dependency was missing.
    package static let startTimeout = 120
    package static let giveUpAfter = 110

    /// `host:port …`, the variable the script reads.
    package static let targetsVariable = "BERTH_WAIT_FOR"
    package static let secondsVariable = "BERTH_WAIT_SECONDS"

    /// `host:port …` of the dependencies in other tasks (`Site.crossTaskDependencies`), as the
    /// script reads them.
    package static func targets(of service: Service, in task: SiteTask, site: Site) -> [String] {
        site.crossTaskDependencies(of: service, in: task).map { "\($0.server):\($0.port)" }
    }

    /// busybox `sh` and `nc -z` in alpine; a shared deadline for all dependencies.
    package static let script = #"""
        set -u
        deadline=$(( $(date +%s) + ${BERTH_WAIT_SECONDS:-110} ))
        status=0
        for target in $BERTH_WAIT_FOR; do
          host=${target%:*} port=${target##*:} started=$(date +%s)
          until nc -z -w 2 "$host" "$port" 2>/dev/null; do
            if [ "$(date +%s)" -ge "$deadline" ]; then
              echo "berth-wait: $host:$port is not reachable after $(( $(date +%s) - started )) s; is $host running? (berth status, berth logs $host)"
              status=1
              continue 2
            fi
            sleep 2
          done
          echo "berth-wait: $host:$port is reachable (after $(( $(date +%s) - started )) s)"
        done
        exit $status

        """#
}
