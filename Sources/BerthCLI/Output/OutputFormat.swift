import ArgumentParser

package enum OutputFormat: String, ExpressibleByArgument, Sendable, CaseIterable {
    case text
    case json
}
