import ArgumentParser
import Foundation

/// `--color`, shared by every subcommand: whether diagnostics and reports use colour.
struct ColorOption: ParsableArguments {
    enum Choice: String, ExpressibleByArgument, CaseIterable {
        /// On a terminal, unless NO_COLOR is set (https://no-color.org).
        case auto
        case always
        case never
    }

    @Option(help: "Colour: auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color: Choice = .auto

    /// Whether to colour what is written to `descriptor`.
    func colors(on descriptor: Int32) -> Bool {
        switch color {
        case .always: true
        case .never: false
        case .auto: isatty(descriptor) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        }
    }
}
