/// Where a program is told which database to use, for the sentence that says it cannot be
/// reached: `dsar` reads `--database-url`, else `DSAR_DATABASE_URL`; `dsar-portal` reads its own
/// variable, `DSAR_PORTAL_DATABASE_URL`, first (SPEC §7).
public struct DatabaseSetting: Sendable, Hashable {
    /// The command-line option.
    public let option: String
    /// The environment variable the program reads first.
    public let variable: String

    public init(option: String, variable: String) {
        self.option = option
        self.variable = variable
    }

    /// `dsar` and `dsar-bench`.
    public static let desk = DatabaseSetting(option: "--database-url", variable: "DSAR_DATABASE_URL")
    /// `dsar-portal`.
    public static let portal = DatabaseSetting(option: "--database-url", variable: "DSAR_PORTAL_DATABASE_URL")
}
