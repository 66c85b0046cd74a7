/// The one-off task `berth verify` starts to try, from inside the site's network, the
/// connections the services' dependencies need (`Site.dependencyEdges`): it runs in the
/// services' subnets with the services' security group, which every service's tasks share, so
/// what it reaches a service's task can reach. It connects to each task of each dependency at
/// its private address and port (Service Connect names resolve only inside services' tasks, so
/// the probe takes the addresses ECS reports) and writes one line per target. The infrastructure
/// stack declares it (`InfraStack.probe`) when the site has such dependencies.
package enum ReachabilityProbe {
    package static let containerName = "probe"
    /// The awslogs stream prefix: `probe/probe/<task id>`.
    package static let logPrefix = "probe"
    /// `server@address:port …`: what to try.
    package static let targetsVariable = "BERTH_PROBES"
    /// Seconds each connection may take (busybox `nc -w`).
    package static let timeoutSeconds = 3

    /// One target the probe tried.
    package struct Result: Sendable, Equatable {
        package var server: String
        package var address: String
        package var port: Int
        package var open: Bool

        package init(server: String, address: String, port: Int, open: Bool) {
            self.server = server
            self.address = address
            self.port = port
            self.open = open
        }

        /// The variable's form of the target.
        package var target: String { "\(server)@\(address):\(port)" }

        /// The line the script writes for it.
        package var line: String { "\(marker) \(server) \(address) \(port) \(open ? "open" : "closed")" }

        /// A line of the script's output, or nil for any other line.
        package init?(line: String) {
            let words = line.split(separator: " ").map(String.init)
            guard words.count == 5, words[0] == ReachabilityProbe.marker, let port = Int(words[3]), ["open", "closed"].contains(words[4])
            else { return nil }
            self.init(server: words[1], address: words[2], port: port, open: words[4] == "open")
        }
    }

    static let marker = "berth-probe"

    /// busybox `sh` and `nc -z` in alpine. Every target is tried, whatever the others answered;
    /// the script fails only when it was given nothing to try.
    package static let script = #"""
        set -u
        [ -n "${BERTH_PROBES:-}" ] || { echo "berth-probe: BERTH_PROBES is empty; nothing to try"; exit 2; }
        for target in $BERTH_PROBES; do
          server=${target%%@*} address=${target#*@}
          host=${address%:*} port=${address##*:}
          if nc -z -w \#(timeoutSeconds) "$host" "$port" 2>/dev/null; then result=open; else result=closed; fi
          echo "berth-probe $server $host $port $result"
        done

        """#
}

extension Names {
    /// The task definition family of the environment's reachability probe.
    package var probeTaskFamily: String { stack + "-probe" }
}
