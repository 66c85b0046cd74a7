import ComposeModel
import ImageRegistry
import StackTemplates

/// What a public image's tag pointed to when it was deployed.
package struct ImagePin: Sendable, Codable, Equatable {
    package var service: String
    /// The reference as the compose file (and `x-berth` `image_tag`) gives it.
    package var image: String
    package var digest: String

    package init(service: String, image: String, digest: String) {
        self.service = service
        self.image = image
        self.digest = digest
    }
}

/// Pins images from public registries to the digest their tag has at deploy time.
///
/// A tag moves (`nginx:1.27-alpine` is rebuilt for every Alpine fix); Fargate pulls it again for
/// every task it starts, so without a pin a scale-out or a replaced task may run other bytes than
/// the tasks beside it, and nobody sees the change. Pinned, a moved tag shows in `plan` as a new
/// task definition and takes effect by a deploy. Built images and ECR tags are pinned by the
/// services layer from ECR itself (`ServicesReconciler.resolveImages`); images already pinned
/// are left as written.
package struct ImagePinning: Sendable {
    package var source: any ImageConfigSource

    package init(source: any ImageConfigSource) {
        self.source = source
    }

    package struct Result: Sendable {
        package var site: Site
        package var pins: [ImagePin]
        package var diagnostics: [Diagnostic]
    }

    /// Whether `service`'s image is one this step pins.
    static func pins(_ service: Service) -> ImageReference? {
        guard service.build == nil, let image = service.deployedImage, !Names.isECRTag(image),
            let reference = ImageReference(parsing: image), reference.digest == nil
        else { return nil }
        return reference
    }

    package func pin(_ site: Site) async -> Result {
        let wanted = site.services.indices.compactMap { index in Self.pins(site.services[index]).map { (index, $0) } }
        let answers = await withTaskGroup(of: (Int, Swift.Result<ImageConfig, RegistryError>).self) { group in
            for (index, reference) in wanted {
                let platform = site.services[index].registryPlatform
                group.addTask {
                    do throws(RegistryError) {
                        return (index, .success(try await source.config(of: reference, platform: platform)))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            var answers: [Int: Swift.Result<ImageConfig, RegistryError>] = [:]
            for await (index, answer) in group { answers[index] = answer }
            return answers
        }
        var result = Result(site: site, pins: [], diagnostics: [])
        for (index, _) in wanted {
            let service = site.services[index]
            guard let image = service.deployedImage, let answer = answers[index] else { continue }
            switch answer {
            case .success(let config):
                result.site.services[index].image = ImageReference.pinning(image, to: config.digest)
                result.site.services[index].berth.imageTag = nil
                result.pins.append(ImagePin(service: service.name, image: image, digest: config.digest))
            case .failure(let error):
                result.diagnostics.append(
                    .warning(
                        at: service.location, path: "services.\(service.name)",
                        "its image \(image) is deployed by its tag, not pinned: \(error.message)\(error.code.map { " (\($0))" } ?? "")",
                        hint: "tasks started later run whatever the tag names then; pin it as image@sha256:… to be sure"))
            }
        }
        return result
    }
}
