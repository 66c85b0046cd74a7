import ArgumentParser

public enum OutputFormat: String, ExpressibleByArgument, Sendable, CaseIterable {
    case text
    case json
}
