import ArgumentParser
import InteractionLogging

/// `--log-on-all-projects on|off`: the company setting "Log calls and messages on all
/// projects" for this run, whatever the directory says, so that a product owner can try the
/// other setting without editing the directory.
struct CompanySettingOption: ParsableArguments {
    enum Setting: String, ExpressibleByArgument, CaseIterable {
        case on, off
    }

    @Option(
        help: ArgumentHelp(
            "The company setting \"Log calls and messages on all projects\" for this run, overriding the directory's.",
            valueName: "on|off"))
    var logOnAllProjects: Setting?

    /// The setting given, or nil to keep the directory's.
    var flag: Bool? { logOnAllProjects.map { $0 == .on } }

    /// The directory with the setting applied, if given.
    func apply(to directory: SparkDirectory) -> SparkDirectory {
        flag.map { directory.overridingLogOnAllProjects($0) } ?? directory
    }
}
