import AWSRuntime
import ComposeModel
import DeployEngine

extension CommandContext {
    /// The deployer for the chosen environment's site; the compose files are checked first, so
    /// bad input stops here before any AWS call.
    func siteDeployer(_ deployment: Deployment, progress: ProgressRenderer) throws -> SiteDeployer {
        let session = try awsSession(siteRegion: deployment.site.region)
        return SiteDeployer(
            client: session.client, site: deployment.site, input: deployment.infra, processEnvironment: processEnvironment,
            onEvent: { progress.show($0) })
    }

    /// The single-template deployer (`--unified`) for the chosen environment's site.
    func unifiedDeployer(_ deployment: Deployment, progress: ProgressRenderer) throws -> UnifiedDeployer {
        let session = try awsSession(siteRegion: deployment.site.region)
        return UnifiedDeployer(
            client: session.client, site: deployment.site, input: deployment.infra, processEnvironment: processEnvironment,
            onEvent: { progress.show($0) })
    }
}
