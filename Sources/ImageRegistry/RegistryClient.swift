import AWSRuntime
import ComposeModel
import Crypto
import Foundation

/// Reads an image's configuration through the OCI distribution API (Docker Hub, ECR, GHCR, Quay,
/// any OCI registry): the manifest for the tag, the platform's manifest when the tag names a
/// multi-platform index, then the config blob.
///
/// Authentication follows the registry's challenge: an anonymous (or credentialed) token from the
/// `Bearer` realm, or `Basic` with the provider's credential (ECR). A 429 is waited out as the
/// registry asks (`Retry-After`), a few times, then reported; nothing here is fatal to a command,
/// the caller turns failures into warnings.
package struct RegistryClient: Sendable {
    package struct Platform: Sendable, Hashable, CustomStringConvertible {
        package var os: String
        package var architecture: String

        package init(os: String = "linux", architecture: String) {
            self.os = os
            self.architecture = architecture
        }

        /// `linux/amd64`, `linux/arm64/v8`, `linux/x86_64`, `linux/aarch64`; nil otherwise.
        package init?(_ text: String) {
            let parts = text.lowercased().split(separator: "/").map(String.init)
            guard parts.count >= 2 else { return nil }
            let architecture = ["x86_64": "amd64", "aarch64": "arm64"][parts[1]] ?? parts[1]
            self.init(os: parts[0], architecture: architecture)
        }

        package static let amd64 = Platform(architecture: "amd64")
        package var description: String { "\(os)/\(architecture)" }
    }

    static let indexTypes = ["application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json"]
    static let manifestTypes = ["application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json"]

    private let transport: any HTTPTransport
    private let credentials: any RegistryCredentialProvider
    private let sleeper: any Sleeper
    /// Stands in for Docker Hub (`registry-mirrors` in docker's daemon.json, a pull-through cache).
    private let dockerHubMirror: URL?
    /// Longest single wait for a 429's `Retry-After`; longer asks are reported instead.
    private let longestWait: Double
    private let attempts = 4

    package init(
        transport: any HTTPTransport, credentials: any RegistryCredentialProvider = NoRegistryCredentials(), sleeper: any Sleeper = TaskSleeper(),
        dockerHubMirror: URL? = nil, longestWait: Double = 20
    ) {
        self.transport = transport
        self.credentials = credentials
        self.sleeper = sleeper
        self.dockerHubMirror = dockerHubMirror
        self.longestWait = longestWait
    }

    /// The configuration of `image` for `platform`.
    package func config(of image: ImageReference, platform: Platform) async throws(RegistryError) -> ImageConfig {
        var session = Session(image: image)
        let top = try await fetch(manifest: image.reference, in: &session)
        let digest = top.digest
        var manifest = top.manifest
        if Self.indexTypes.contains(manifest.mediaType ?? top.contentType) || manifest.manifests != nil {
            let entries = manifest.manifests ?? []
            guard let entry = Self.entry(for: platform, in: entries) else {
                let offered = entries.compactMap { $0.platform.map { "\($0.os)/\($0.architecture)" } }.filter { !$0.contains("unknown") }
                throw RegistryError(
                    .unsupported, image: image.description,
                    "has no \(platform) image (it offers \(offered.isEmpty ? "none" : offered.joined(separator: ", ")))")
            }
            manifest = try await fetch(manifest: entry.digest, in: &session).manifest
        }
        guard let config = manifest.config else {
            throw RegistryError(
                .unsupported, image: image.description, "the registry sent a manifest without a config (schema 1 images are not supported)")
        }
        let blob = try await fetchBlob(config.digest, in: &session)
        let decoded: ConfigBlob
        do {
            decoded = try JSONDecoder().decode(ConfigBlob.self, from: blob)
        } catch {
            throw RegistryError(.unsupported, image: image.description, "its config blob \(config.digest) is not an image configuration")
        }
        let ports = (decoded.config?.exposedPorts ?? [:]).keys.compactMap(ImageConfig.Port.init)
        let user = decoded.config?.user.flatMap { $0.isEmpty ? nil : $0 }
        return ImageConfig(exposedPorts: ports, user: user, digest: digest)
    }

    /// The digest `image`'s tag names now, from a HEAD of its manifest: Docker Hub does not count
    /// a HEAD against its pull rate limit, so a deploy that finds the digest it already knows
    /// spends nothing. Nil when the registry does not say (`Docker-Content-Digest` is optional).
    package func digest(of image: ImageReference) async throws(RegistryError) -> String? {
        var session = Session(image: image)
        let path = "/v2/\(image.repository)/manifests/\(image.reference)"
        let response = try await request("HEAD", path, accept: (Self.indexTypes + Self.manifestTypes).joined(separator: ", "), in: &session)
        return response.headers["docker-content-digest"].flatMap { $0.hasPrefix("sha256:") ? $0 : nil }
    }

    static func entry(for platform: Platform, in entries: [Manifest.Entry]) -> Manifest.Entry? {
        entries.first { $0.platform?.os == platform.os && $0.platform?.architecture == platform.architecture }
    }

    // MARK: - Requests

    /// Per image: the base URL and the authorization won from a challenge, reused for every request.
    struct Session {
        var image: ImageReference
        var authorization: String?
        var challenged = false
    }

    private func baseURL(of image: ImageReference) -> String {
        if image.isDockerHub { return (dockerHubMirror?.absoluteString ?? "https://registry-1.docker.io").trimmingSuffix("/") }
        return (image.isLoopback ? "http://" : "https://") + image.registry
    }

    private func fetch(manifest reference: String, in session: inout Session) async throws(RegistryError) -> (
        manifest: Manifest, digest: String, contentType: String
    ) {
        let path = "/v2/\(session.image.repository)/manifests/\(reference)"
        let response = try await get(path, accept: (Self.indexTypes + Self.manifestTypes).joined(separator: ", "), in: &session)
        let computed = "sha256:" + SHA256.hash(data: response.body).map { String(format: "%02x", $0) }.joined()
        if reference.hasPrefix("sha256:"), reference != computed {
            throw RegistryError(.unsupported, image: session.image.description, "the manifest sent for \(reference) has digest \(computed)")
        }
        do {
            let manifest = try JSONDecoder().decode(Manifest.self, from: response.body)
            let contentType = response.headers["content-type"]?.split(separator: ";").first.map(String.init) ?? ""
            return (manifest, response.headers["docker-content-digest"] ?? computed, contentType)
        } catch {
            throw RegistryError(.unsupported, image: session.image.description, "the registry's manifest for \(reference) is not JSON Berth can read")
        }
    }

    private func fetchBlob(_ digest: String, in session: inout Session) async throws(RegistryError) -> Data {
        try await get("/v2/\(session.image.repository)/blobs/\(digest)", accept: "*/*", in: &session).body
    }

    private func get(_ path: String, accept: String, in session: inout Session) async throws(RegistryError) -> HTTPResponse {
        try await request("GET", path, accept: accept, in: &session)
    }

    /// One GET or HEAD, through the challenge and 429s; a non-2xx answer becomes a `RegistryError`.
    private func request(_ method: String, _ path: String, accept: String, in session: inout Session) async throws(RegistryError)
        -> HTTPResponse
    {
        let image = session.image.description
        guard let url = URL(string: baseURL(of: session.image) + path) else {
            throw RegistryError(.unsupported, image: image, "\(session.image.registry) is not a registry address")
        }
        var attempt = 0
        while true {
            var headers = [(name: "Accept", value: accept)]
            if let authorization = session.authorization { headers.append((name: "Authorization", value: authorization)) }
            let response = try await send(HTTPRequest(method: method, url: url, headers: headers, timeout: 15), image: image)
            switch response.status {
            case 200..<300:
                return response
            case 401 where !session.challenged:
                session.challenged = true
                session.authorization = try await authorization(answering: response, for: session.image)
            case 429 where attempt + 1 < attempts:
                let asked = response.headers["retry-after"].flatMap(Double.init) ?? pow(2, Double(attempt))
                guard asked <= longestWait else { throw Self.failure(response, image: image) }
                try? await sleeper.sleep(seconds: asked)
                attempt += 1
            default:
                throw Self.failure(response, image: image)
            }
        }
    }

    private func send(_ request: HTTPRequest, image: String) async throws(RegistryError) -> HTTPResponse {
        do {
            return try await transport.send(request)
        } catch {
            throw RegistryError(.unreachable, image: image, "could not reach \(request.url.host ?? "the registry"): \(error)")
        }
    }

    /// The `Authorization` header that answers a 401's challenge.
    private func authorization(answering response: HTTPResponse, for image: ImageReference) async throws(RegistryError) -> String {
        let name = image.description
        guard let header = response.headers["www-authenticate"], let challenge = RegistryChallenge(header: header) else {
            throw RegistryError(.unauthorized, image: name, "the registry refused the request without saying how to authenticate")
        }
        let credential: RegistryCredential?
        do {
            credential = try await credentials.credential(forRegistry: image.registry)
        } catch {
            throw RegistryError(.unauthorized, image: name, "no credentials for \(image.registry): \(error)")
        }
        let basic = credential.map { "Basic " + Data("\($0.username):\($0.password)".utf8).base64EncodedString() }
        switch challenge.scheme {
        case .basic:
            guard let basic else {
                throw RegistryError(.unauthorized, image: name, "\(image.registry) needs credentials (docker login) and Berth has none for it")
            }
            return basic
        case .bearer:
            guard let realm = challenge.realm, var components = URLComponents(string: realm) else {
                throw RegistryError(.unauthorized, image: name, "the registry's token challenge names no realm")
            }
            var query = components.queryItems ?? []
            if let service = challenge.service { query.append(URLQueryItem(name: "service", value: service)) }
            query.append(URLQueryItem(name: "scope", value: challenge.scope ?? "repository:\(image.repository):pull"))
            components.queryItems = query
            guard let url = components.url else { throw RegistryError(.unauthorized, image: name, "the token realm \(realm) is not a URL") }
            let token = try await send(
                HTTPRequest(method: "GET", url: url, headers: basic.map { [(name: "Authorization", value: $0)] } ?? [], timeout: 15), image: name)
            guard (200..<300).contains(token.status) else { throw Self.failure(token, image: name) }
            guard let answer = try? JSONDecoder().decode(TokenAnswer.self, from: token.body), let value = answer.token ?? answer.accessToken else {
                throw RegistryError(.unauthorized, image: name, "the token endpoint \(url.host ?? realm) sent no token")
            }
            return "Bearer \(value)"
        }
    }

    static func failure(_ response: HTTPResponse, image: String) -> RegistryError {
        let first = (try? JSONDecoder().decode(ErrorAnswer.self, from: response.body))?.errors?.first
        let code = first?.code
        let detail = first?.message.map { ": \($0)" } ?? ""
        switch response.status {
        case 404:
            return RegistryError(.notFound, image: image, "the registry has no such image\(detail)", code: code ?? "NOT_FOUND")
        case 401, 403:
            return RegistryError(.unauthorized, image: image, "the registry refused access (HTTP \(response.status))\(detail)", code: code)
        case 429:
            return RegistryError(
                .rateLimited, image: image, "the registry's rate limit was reached (HTTP 429)\(detail); try again later or log in",
                code: code ?? "TOOMANYREQUESTS")
        default:
            return RegistryError(.unreachable, image: image, "the registry answered HTTP \(response.status)\(detail)", code: code)
        }
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
