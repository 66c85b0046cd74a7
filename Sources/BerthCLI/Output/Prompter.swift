import Foundation

/// Asks before destructive work. Without a terminal (scripts, CI) it never asks: the command
/// must be told with `--yes`.
struct Prompter: Sendable {
    var isInteractive: Bool = isatty(STDIN_FILENO) != 0

    /// `y` or `yes` confirms.
    func confirm(_ question: String) -> Bool {
        guard isInteractive else { return false }
        FileHandle.standardError.write(Data("\(question) [y/N] ".utf8))
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        return answer == "y" || answer == "yes"
    }

    /// The user must type `expected` exactly, as for deleting data.
    func confirmByTyping(_ question: String, expected: String) -> Bool {
        guard isInteractive else { return false }
        FileHandle.standardError.write(Data("\(question)\nType \(expected) to confirm: ".utf8))
        return readLine()?.trimmingCharacters(in: .whitespaces) == expected
    }
}
