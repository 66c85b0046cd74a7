import ComposeModel
import ImageRegistry
import Testing

@Suite struct ImageReferenceTests {
    @Test(arguments: [
        ("nginx", "docker.io", "library/nginx", "latest"),
        ("ghost:5-alpine", "docker.io", "library/ghost", "5-alpine"),
        ("bitnami/redis:7.2", "docker.io", "bitnami/redis", "7.2"),
        ("docker.io/library/mysql:8.0", "docker.io", "library/mysql", "8.0"),
        ("index.docker.io/postgres", "docker.io", "library/postgres", "latest"),
        ("ghcr.io/plausible/community-edition:v2.1", "ghcr.io", "plausible/community-edition", "v2.1"),
        ("localhost:5000/site", "localhost:5000", "site", "latest"),
        ("127.0.0.1:5000/team/site:dev", "127.0.0.1:5000", "team/site", "dev"),
        ("123456789012.dkr.ecr.eu-west-1.amazonaws.com/website/site:abc", "123456789012.dkr.ecr.eu-west-1.amazonaws.com", "website/site", "abc"),
    ])
    func parsesAsDockerDoes(text: String, registry: String, repository: String, reference: String) throws {
        let image = try #require(ImageReference(parsing: text))
        #expect(image.registry == registry)
        #expect(image.repository == repository)
        #expect(image.reference == reference)
    }

    @Test func digestWinsOverTheTagAndIsKept() throws {
        let digest = "sha256:" + String(repeating: "ab", count: 32)
        let image = try #require(ImageReference(parsing: "nginx:1.27@\(digest)"))
        #expect(image.tag == "1.27")
        #expect(image.reference == digest)
        #expect(image.description == "docker.io/library/nginx:1.27@\(digest)")
    }

    @Test(arguments: ["", "${REGISTRY}/site", "Nginx", "nginx:", "/nginx", "a b", "nginx@md5:00"])
    func refusesWhatIsNotAnImageName(text: String) {
        #expect(ImageReference(parsing: text) == nil)
    }

    @Test func loopbackRegistriesAreSpokenToInPlainHTTP() throws {
        #expect(try #require(ImageReference(parsing: "127.0.0.1:5000/site")).isLoopback)
        #expect(try #require(ImageReference(parsing: "localhost:5000/site")).isLoopback)
        #expect(try #require(ImageReference(parsing: "ghcr.io/a/b")).isLoopback == false)
    }
}

@Suite struct RegistryChallengeTests {
    @Test func bearerWithRealmServiceAndScope() throws {
        let challenge = try #require(
            RegistryChallenge(
                header: #"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull""#))
        #expect(challenge.scheme == .bearer)
        #expect(challenge.realm == "https://auth.docker.io/token")
        #expect(challenge.service == "registry.docker.io")
        #expect(challenge.scope == "repository:library/nginx:pull")
    }

    @Test func basicAsECRSendsIt() throws {
        let challenge = try #require(
            RegistryChallenge(header: #"Basic realm="https://123456789012.dkr.ecr.eu-west-1.amazonaws.com/",service="ecr.amazonaws.com""#))
        #expect(challenge.scheme == .basic)
        #expect(challenge.service == "ecr.amazonaws.com")
    }

    @Test func otherSchemesAreNotChallengesBerthAnswers() {
        #expect(RegistryChallenge(header: "Negotiate abc") == nil)
    }
}
