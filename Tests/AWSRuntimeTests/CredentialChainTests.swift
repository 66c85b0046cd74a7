import AWSRuntime
import BerthTesting
import Foundation
import SigV4
import Testing

struct CredentialChainTests {
    static let stsAnswer = """
        <AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIATEMP</AccessKeyId>\
        <SecretAccessKey>tempsecret</SecretAccessKey><SessionToken>tok</SessionToken>\
        <Expiration>2099-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>
        """

    func chain(_ environment: [String: String], config: String = "", credentials: String = "", transport: FakeTransport? = nil) -> CredentialChain {
        let files = SharedConfigFiles(
            config: INIFile(parsing: config), credentials: INIFile(parsing: credentials), configPath: "config", credentialsPath: "credentials")
        let env = environment.merging(["AWS_ENDPOINT_URL": "http://127.0.0.1:1"]) { a, _ in a }
        return CredentialChain(
            environment: env, files: files, transport: transport ?? FakeTransport { _, _ in HTTPResponse(status: 500) }, region: "us-east-1",
            endpoints: EndpointResolver(environment: env, profile: ProfileSettings(name: "default")))
    }

    @Test func environmentVariablesWithSessionToken() async throws {
        let provider = try chain(["AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "SECRET", "AWS_SESSION_TOKEN": "TOKEN"]).resolve(
            profileFlag: nil)
        #expect(provider.source == "environment variables")
        #expect(try await provider.credentials() == AWSCredentials(accessKeyId: "AKID", secretAccessKey: "SECRET", sessionToken: "TOKEN"))
    }

    @Test func anExplicitProfileWinsOverTheEnvironment() async throws {
        let provider = try chain(
            ["AWS_ACCESS_KEY_ID": "ENV", "AWS_SECRET_ACCESS_KEY": "ENV", "AWS_PROFILE": "dev"],
            credentials: "[dev]\naws_access_key_id = DEV\naws_secret_access_key = DEVSECRET\n"
        ).resolve(profileFlag: nil)
        #expect(try await provider.credentials().accessKeyId == "DEV")
    }

    @Test func anUnknownProfileIsAClearError() {
        #expect {
            try chain([:]).resolve(profileFlag: "nope")
        } throws: { error in
            (error as? CredentialError)?.message.contains("profile \"nope\" is not in") == true
        }
    }

    @Test func assumeRoleThroughSourceProfileSignsWithTheSource() async throws {
        let transport = FakeTransport { _, _ in FakeTransport.xml(200, Self.stsAnswer) }
        let provider = try chain(
            [:], config: "[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/deploy\nsource_profile = base\nrole_session_name = ci\n",
            credentials: "[base]\naws_access_key_id = BASE\naws_secret_access_key = BASESECRET\n", transport: transport
        ).resolve(profileFlag: "deploy")
        let credentials = try await provider.credentials()
        #expect(credentials.accessKeyId == "ASIATEMP")
        #expect(credentials.sessionToken == "tok")
        let request = try #require(transport.requests.first)
        let body = String(decoding: request.body, as: UTF8.self)
        #expect(body.contains("Action=AssumeRole&"))
        #expect(body.contains("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdeploy"))
        #expect(body.contains("RoleSessionName=ci"))
        #expect(request.header("Authorization")?.contains("Credential=BASE/") == true)
        // Cached: a second call asks STS nothing.
        _ = try await provider.credentials()
        #expect(transport.requests.count == 1)
    }

    @Test func aSourceProfileLoopIsAnError() {
        #expect(throws: CredentialError.self) {
            try chain([:], config: "[profile a]\nrole_arn = r\nsource_profile = b\n[profile b]\nrole_arn = r\nsource_profile = a\n").resolve(
                profileFlag: "a")
        }
    }

    @Test func webIdentityIsUnsignedAndSendsTheToken() async throws {
        let tokenFile = FileManager.default.temporaryDirectory.appendingPathComponent("berth-token-\(UUID().uuidString)")
        try "eyJ.token\n".write(to: tokenFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: tokenFile) }
        let transport = FakeTransport { _, _ in
            FakeTransport.xml(200, Self.stsAnswer.replacingOccurrences(of: "AssumeRole", with: "AssumeRoleWithWebIdentity"))
        }
        let provider = try chain(["AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile.path, "AWS_ROLE_ARN": "arn:aws:iam::1:role/gh"], transport: transport)
            .resolve(profileFlag: nil)
        #expect(try await provider.credentials().accessKeyId == "ASIATEMP")
        let request = try #require(transport.requests.first)
        #expect(request.header("Authorization") == nil)
        #expect(
            String(decoding: request.body, as: UTF8.self).contains("WebIdentityToken=eyJ.token&")
                || String(decoding: request.body, as: UTF8.self).hasSuffix("WebIdentityToken=eyJ.token"))
    }

    @Test func credentialProcess() async throws {
        let config = """
            [profile tool]
            credential_process = printf '{"Version":1,"AccessKeyId":"PROC","SecretAccessKey":"S","SessionToken":"T","Expiration":"2099-01-01T00:00:00Z"}'
            """
        let provider = try chain([:], config: config).resolve(profileFlag: "tool")
        let credentials = try await provider.credentials()
        #expect(credentials.accessKeyId == "PROC")
        #expect(credentials.sessionToken == "T")
    }

    @Test func containerCredentialsWithAuthorizationToken() async throws {
        let transport = FakeTransport { request, _ in
            #expect(request.url.absoluteString == "http://127.0.0.1:9/creds")
            #expect(request.header("Authorization") == "secret-auth")
            return FakeTransport.json(200, #"{"AccessKeyId":"ECS","SecretAccessKey":"S","Token":"T","Expiration":"2099-01-01T00:00:00Z"}"#)
        }
        let provider = try chain(
            ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:9/creds", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "secret-auth"],
            transport: transport
        ).resolve(profileFlag: nil)
        #expect(try await provider.credentials().accessKeyId == "ECS")
    }

    @Test func instanceMetadataUsesIMDSv2Tokens() async throws {
        let transport = FakeTransport { request, index in
            switch (index, request.method, request.url.path) {
            case (0, "PUT", "/latest/api/token"):
                #expect(request.header("x-aws-ec2-metadata-token-ttl-seconds") == "21600")
                return HTTPResponse(status: 200, body: Data("imds-token".utf8))
            case (1, "GET", "/latest/meta-data/iam/security-credentials"):
                #expect(request.header("x-aws-ec2-metadata-token") == "imds-token")
                return HTTPResponse(status: 200, body: Data("web-role\n".utf8))
            case (2, "GET", "/latest/meta-data/iam/security-credentials/web-role"):
                return FakeTransport.json(
                    200, #"{"Code":"Success","AccessKeyId":"EC2","SecretAccessKey":"S","Token":"T","Expiration":"2099-01-01T00:00:00Z"}"#)
            default:
                return HTTPResponse(status: 404)
            }
        }
        let provider = try chain(["AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:8"], transport: transport).resolve(profileFlag: nil)
        #expect(try await provider.credentials().accessKeyId == "EC2")
    }

    @Test func nothingFoundWhenMetadataIsDisabled() {
        #expect {
            try chain(["AWS_EC2_METADATA_DISABLED": "true"]).resolve(profileFlag: nil)
        } throws: { error in
            (error as? CredentialError)?.message == "no AWS credentials found"
        }
    }

    @Test func temporaryCredentialsAreRefreshedBeforeTheyExpire() async throws {
        struct Counting: CredentialProvider {
            let counter: Counter
            var source: String { "counting" }
            func credentials() async throws -> AWSCredentials {
                let n = counter.next()
                return AWSCredentials(accessKeyId: "K\(n)", secretAccessKey: "s", expiration: Date(timeIntervalSince1970: 1000))
            }
        }
        final class Counter: @unchecked Sendable {
            var value = 0
            let lock = NSLock()
            func next() -> Int {
                lock.withLock {
                    value += 1; return value
                }
            }
        }
        final class Clock: @unchecked Sendable { var now = Date(timeIntervalSince1970: 0) }
        let clock = Clock()
        let cached = CachedCredentialProvider(Counting(counter: Counter()), refreshMargin: 300, now: { clock.now })
        #expect(try await cached.credentials().accessKeyId == "K1")
        clock.now = Date(timeIntervalSince1970: 600)
        #expect(try await cached.credentials().accessKeyId == "K1")
        clock.now = Date(timeIntervalSince1970: 750)
        #expect(try await cached.credentials().accessKeyId == "K2")
    }
}
