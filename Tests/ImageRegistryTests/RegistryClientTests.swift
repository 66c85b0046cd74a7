import AWSRuntime
import BerthTesting
import ComposeModel
import Crypto
import Foundation
import ImageRegistry
import Testing

/// The client against a registry played by a `FakeTransport`: the token dance, multi-platform
/// indexes, 404 and 429. The same flows run against the emulator's registry on loopback in the
/// integration tests.
@Suite struct RegistryClientTests {
    static func digest(_ text: String) -> String {
        "sha256:" + SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static let config = #"{"architecture":"amd64","os":"linux","config":{"ExposedPorts":{"3306/tcp":{},"33060/tcp":{}},"User":"mysql"}}"#
    static let armConfig = #"{"architecture":"arm64","os":"linux","config":{"ExposedPorts":{"3306/tcp":{}}}}"#
    static let manifest = #"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"digest":"\#(digest(config))"}}"#
    static let armManifest =
        #"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"digest":"\#(digest(armConfig))"}}"#
    static let index = """
        {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[\
        {"digest":"\(digest(armManifest))","platform":{"os":"linux","architecture":"arm64","variant":"v8"}},\
        {"digest":"\(digest(manifest))","platform":{"os":"linux","architecture":"amd64"}},\
        {"digest":"sha256:\(String(repeating: "0", count: 64))","platform":{"os":"unknown","architecture":"unknown"}}]}
        """

    /// Docker Hub as it behaves: 401 with a Bearer challenge, an anonymous token, then content.
    static func dockerHub(throttled: Int = 0, retryAfter: String? = nil) -> FakeTransport {
        let throttles = Counter()
        return FakeTransport { request, _ in
            let url = request.url.absoluteString
            if url.hasPrefix("https://auth.docker.io/token") {
                #expect(url.contains("scope=repository:library/mysql:pull"))
                #expect(url.contains("service=registry.docker.io"))
                return FakeTransport.json(200, #"{"token":"anon-token"}"#)
            }
            guard request.header("Authorization") == "Bearer anon-token" else {
                return HTTPResponse(
                    status: 401,
                    headers: [
                        "www-authenticate":
                            #"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/mysql:pull""#
                    ])
            }
            if throttles.next() < throttled {
                return HTTPResponse(
                    status: 429, headers: retryAfter.map { ["retry-after": $0] } ?? [:],
                    body: Data(#"{"errors":[{"code":"TOOMANYREQUESTS","message":"You have reached your pull rate limit."}]}"#.utf8))
            }
            switch url {
            case "https://registry-1.docker.io/v2/library/mysql/manifests/8.0":
                return HTTPResponse(
                    status: 200, headers: ["content-type": "application/vnd.oci.image.index.v1+json", "docker-content-digest": digest(index)],
                    body: Data(index.utf8))
            case "https://registry-1.docker.io/v2/library/mysql/manifests/\(digest(manifest))":
                return HTTPResponse(status: 200, body: Data(manifest.utf8))
            case "https://registry-1.docker.io/v2/library/mysql/manifests/\(digest(armManifest))":
                return HTTPResponse(status: 200, body: Data(armManifest.utf8))
            case "https://registry-1.docker.io/v2/library/mysql/blobs/\(digest(config))":
                return HTTPResponse(status: 200, body: Data(config.utf8))
            case "https://registry-1.docker.io/v2/library/mysql/blobs/\(digest(armConfig))":
                return HTTPResponse(status: 200, body: Data(armConfig.utf8))
            default:
                return HTTPResponse(status: 404, body: Data(#"{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}"#.utf8))
            }
        }
    }

    let mysql = ImageReference(parsing: "mysql:8.0")!

    @Test func readsThePlatformsPortsThroughAnAnonymousToken() async throws {
        let transport = Self.dockerHub()
        let client = RegistryClient(transport: transport, sleeper: RecordingSleeper())
        let config = try await client.config(of: mysql, platform: .amd64)
        #expect(config.exposedPorts == [.init(number: 3306), .init(number: 33060)])
        #expect(config.user == "mysql")
        #expect(config.digest == Self.digest(Self.index), "the index's digest, so a pinned image still lets ECS choose the platform")
        // manifest (401), token, manifest, platform manifest, blob: the token is asked for once.
        #expect(transport.requests.count == 5)
        #expect(transport.requests.filter { $0.url.host == "auth.docker.io" }.count == 1)
        #expect(transport.requests.allSatisfy { $0.url.host == "auth.docker.io" || $0.url.host == "registry-1.docker.io" })
    }

    @Test func aTagsDigestIsAHeadNotAPull() async throws {
        let transport = Self.dockerHub()
        let digest = try await RegistryClient(transport: transport, sleeper: RecordingSleeper()).digest(of: mysql)
        #expect(digest == Self.digest(Self.index))
        #expect(transport.requests.filter { $0.url.host == "registry-1.docker.io" }.allSatisfy { $0.method == "HEAD" })
    }

    @Test func choosesArmWhenTheTaskRunsOnGraviton() async throws {
        let client = RegistryClient(transport: Self.dockerHub(), sleeper: RecordingSleeper())
        let config = try await client.config(of: mysql, platform: RegistryClient.Platform("linux/arm64/v8")!)
        #expect(config.exposedPorts == [.init(number: 3306)])
        #expect(config.user == nil)
    }

    @Test func waitsOutA429AsAsked() async throws {
        let sleeper = RecordingSleeper()
        let client = RegistryClient(transport: Self.dockerHub(throttled: 2, retryAfter: "3"), sleeper: sleeper)
        let config = try await client.config(of: mysql, platform: .amd64)
        #expect(config.exposedPorts.count == 2)
        #expect(sleeper.delays == [3, 3])
    }

    @Test func reportsTheRateLimitWhenItLasts() async throws {
        let sleeper = RecordingSleeper()
        let client = RegistryClient(transport: Self.dockerHub(throttled: 100), sleeper: sleeper)
        let error = await #expect(throws: RegistryError.self) { try await client.config(of: mysql, platform: .amd64) }
        #expect(error?.kind == .rateLimited)
        #expect(error?.code == "TOOMANYREQUESTS")
        #expect(error?.description.contains("pull rate limit") == true)
        #expect(sleeper.delays == [1, 2, 4], "backs off when the registry does not say how long")
    }

    @Test func aLongRetryAfterIsReportedNotWaited() async throws {
        let sleeper = RecordingSleeper()
        let client = RegistryClient(transport: Self.dockerHub(throttled: 1, retryAfter: "3600"), sleeper: sleeper)
        let error = await #expect(throws: RegistryError.self) { try await client.config(of: mysql, platform: .amd64) }
        #expect(error?.kind == .rateLimited)
        #expect(sleeper.delays.isEmpty)
    }

    @Test func aMissingTagIsNotFoundWithTheRegistrysCode() async throws {
        let client = RegistryClient(transport: Self.dockerHub(), sleeper: RecordingSleeper())
        let error = await #expect(throws: RegistryError.self) {
            try await client.config(of: ImageReference(parsing: "mysql:0.1")!, platform: .amd64)
        }
        #expect(error?.kind == .notFound)
        #expect(error?.code == "MANIFEST_UNKNOWN")
        #expect(error?.description == "docker.io/library/mysql:0.1: the registry has no such image: manifest unknown (MANIFEST_UNKNOWN)")
    }

    @Test func aPlatformTheIndexLacksIsNamedWithWhatItOffers() async throws {
        let client = RegistryClient(transport: Self.dockerHub(), sleeper: RecordingSleeper())
        let error = await #expect(throws: RegistryError.self) {
            try await client.config(of: mysql, platform: RegistryClient.Platform("linux/s390x")!)
        }
        #expect(error?.kind == .unsupported)
        #expect(error?.message == "has no linux/s390x image (it offers linux/arm64, linux/amd64)")
    }

    @Test func aMirrorStandsInForDockerHub() async throws {
        let transport = FakeTransport { request, _ in
            #expect(request.url.host == "127.0.0.1")
            return HTTPResponse(status: 404)
        }
        let client = RegistryClient(transport: transport, sleeper: RecordingSleeper(), dockerHubMirror: URL(string: "http://127.0.0.1:5999/"))
        _ = try? await client.config(of: mysql, platform: .amd64)
        #expect(transport.requests.first?.url.absoluteString == "http://127.0.0.1:5999/v2/library/mysql/manifests/8.0")
    }

    @Test func basicChallengeUsesTheProvidersCredentialAndNeverAnonymous() async throws {
        struct Provider: RegistryCredentialProvider {
            func credential(forRegistry registry: String) async throws -> RegistryCredential? {
                registry.hasSuffix("amazonaws.com") ? RegistryCredential(username: "AWS", password: "secret-token") : nil
            }
        }
        let expected = "Basic " + Data("AWS:secret-token".utf8).base64EncodedString()
        let transport = FakeTransport { request, _ in
            guard request.header("Authorization") == expected else {
                return HTTPResponse(status: 401, headers: ["www-authenticate": #"Basic realm="https://x/",service="ecr.amazonaws.com""#])
            }
            if request.url.path.contains("/manifests/") { return HTTPResponse(status: 200, body: Data(Self.manifest.utf8)) }
            return HTTPResponse(status: 200, body: Data(Self.config.utf8))
        }
        let image = ImageReference(parsing: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/website/db:1")!
        let config = try await RegistryClient(transport: transport, credentials: Provider(), sleeper: RecordingSleeper()).config(
            of: image, platform: .amd64)
        #expect(config.exposedPorts.map(\.number) == [3306, 33060])
        #expect(transport.requests.map(\.url.scheme) == ["https", "https", "https"])

        let anonymous = RegistryClient(transport: transport, sleeper: RecordingSleeper())
        let error = await #expect(throws: RegistryError.self) { try await anonymous.config(of: image, platform: .amd64) }
        #expect(error?.kind == .unauthorized)
    }

    @Test func aManifestWhoseBytesDoNotMatchItsDigestIsRefused() async throws {
        let transport = FakeTransport { request, _ in
            if request.url.path.hasSuffix("/manifests/1") { return HTTPResponse(status: 200, body: Data(Self.index.utf8)) }
            return HTTPResponse(status: 200, body: Data(Self.armManifest.utf8))  // sent for the amd64 digest
        }
        let error = await #expect(throws: RegistryError.self) {
            try await RegistryClient(transport: transport, sleeper: RecordingSleeper()).config(
                of: ImageReference(parsing: "localhost:5000/db:1")!, platform: .amd64)
        }
        #expect(error?.kind == .unsupported)
        #expect(transport.requests.first?.url.absoluteString == "http://localhost:5000/v2/db/manifests/1")
    }

    @Test func anUnreachableRegistryIsReportedNotThrownAsSomethingElse() async throws {
        let transport = FakeTransport { request, _ in
            throw TransportError(kind: .connectionRefused, message: "refused", url: request.url.absoluteString)
        }
        let error = await #expect(throws: RegistryError.self) {
            try await RegistryClient(transport: transport, sleeper: RecordingSleeper()).config(
                of: ImageReference(parsing: "ghcr.io/a/b:1")!, platform: .amd64)
        }
        #expect(error?.kind == .unreachable)
        #expect(error?.message.hasPrefix("could not reach ghcr.io") == true)
    }
}

/// A thread-safe counter for fakes that change their answer after N requests.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int {
        lock.withLock {
            defer { value += 1 }; return value
        }
    }
}

@Suite struct ImageConfigCacheTests {
    @Test func tagsExpireDigestsDoNot() throws {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("berth-cache-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let cache = ImageConfigCache(directory: directory)
        let tagged = ImageReference(parsing: "mysql:8.0")!
        let pinned = tagged.pinned(to: "sha256:" + String(repeating: "1", count: 64))
        let config = ImageConfig(exposedPorts: [.init(number: 3306)], digest: "sha256:x")
        let then = Date(timeIntervalSince1970: 1_000_000)
        cache.store(config, of: tagged, platform: .amd64, now: then)
        cache.store(config, of: pinned, platform: .amd64, now: then)
        #expect(cache.config(of: tagged, platform: .amd64, tagLifetime: 60, now: then.addingTimeInterval(30)) == config)
        #expect(cache.config(of: tagged, platform: .amd64, tagLifetime: 60, now: then.addingTimeInterval(90)) == nil)
        #expect(cache.config(of: tagged, platform: RegistryClient.Platform("linux/arm64")!, tagLifetime: 60, now: then) == nil)
        #expect(cache.config(of: pinned, platform: .amd64, tagLifetime: 0, now: then.addingTimeInterval(1e9)) == config)
    }

    @Test func followsXDGThenHome() {
        #expect(ImageConfigCache(environment: ["XDG_CACHE_HOME": "/c", "HOME": "/h"])?.directory.path == "/c/berth/images")
        #expect(ImageConfigCache(environment: ["HOME": "/h"])?.directory.path == "/h/.cache/berth/images")
        #expect(ImageConfigCache(environment: [:]) == nil)
    }
}
