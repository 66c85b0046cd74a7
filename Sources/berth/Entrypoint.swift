import BerthCLI
import Foundation

/// The executable only hands over to BerthCLI, so every command can be tested as a library.
@main
struct Entrypoint {
    static func main() async {
        exit(await Berth.main(arguments: nil))
    }
}
