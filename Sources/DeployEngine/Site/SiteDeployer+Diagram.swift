import AWSRuntime
import StackTemplates

extension SiteDeployer {
    /// The site's diagram; with `deployed`, with the file systems and the load balancer address
    /// the stack has now (an error when nothing is deployed).
    package func diagram(deployed: Bool) async throws -> SiteDiagram {
        guard deployed else { return SiteDiagram(site: site, names: names) }
        guard let observed = try await stacks.observe(stackName: names.stack), observed.provisioned else {
            throw DeployError("\(names.stack) is not deployed", hint: "leave out --deployed to draw the site as planned")
        }
        let target = try target(of: observed, accountId: try await backend.accountId())
        return SiteDiagram(site: site, names: names, fileSystems: target.fileSystems, address: observed.outputs[.loadBalancerDNS])
    }
}
