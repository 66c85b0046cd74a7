/// The JSON documents of the distribution API, with only the members Berth reads.
struct Manifest: Decodable {
    struct Entry: Decodable {
        var digest: String
        var platform: EntryPlatform?
    }
    struct EntryPlatform: Decodable {
        var os: String
        var architecture: String
    }
    struct Descriptor: Decodable {
        var digest: String
    }
    var mediaType: String?
    /// An index (multi-platform image) has these…
    var manifests: [Entry]?
    /// …an image manifest has this.
    var config: Descriptor?
}

struct ConfigBlob: Decodable {
    struct Inner: Decodable {
        struct Nothing: Decodable {}
        var exposedPorts: [String: Nothing?]?
        var user: String?

        enum CodingKeys: String, CodingKey {
            case exposedPorts = "ExposedPorts"
            case user = "User"
        }
    }
    var config: Inner?
}

struct TokenAnswer: Decodable {
    var token: String?
    var accessToken: String?

    enum CodingKeys: String, CodingKey {
        case token
        case accessToken = "access_token"
    }
}

struct ErrorAnswer: Decodable {
    struct Entry: Decodable {
        var code: String?
        var message: String?
    }
    var errors: [Entry]?
}
