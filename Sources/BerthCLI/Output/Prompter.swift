import Foundation

/// Asks before destructive work. Without a terminal (scripts, CI) it never asks: the command
/// must be told with `--yes`.
struct Prompter: Sendable {
    var isInteractive: Bool = isatty(STDIN_FILENO) != 0
    var console: Console = .standard
    /// The next line typed; `nil` at the end of input.
    var readAnswer: @Sendable () -> String? = { readLine() }

    /// `y` or `yes` confirms.
    func confirm(_ question: String) -> Bool {
        guard isInteractive else { return false }
        console.write("\(question) [y/N] ", .error)
        let answer = readAnswer()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        return answer == "y" || answer == "yes"
    }

    /// The user must type `expected` exactly, as for deleting data.
    func confirmByTyping(_ question: String, expected: String) -> Bool {
        guard isInteractive else { return false }
        console.write("\(question)\nType \(expected) to confirm: ", .error)
        return readAnswer()?.trimmingCharacters(in: .whitespaces) == expected
    }
}
