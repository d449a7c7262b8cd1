import ArgumentParser
import DeskProgram
import DeskStore

extension Dsar.Settings {
    /// `dsar settings get KEY`
    struct Get: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get",
            abstract: "Print the value of one desk setting (exit 3 when it is not set).",
            discussion: "Example:\n  dsar settings get dpo.email")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The setting, e.g. dpo.email.")
        var key: String

        func validate() throws {
            do {
                _ = try SettingsStore.key(key)
            } catch let error as StoreError {
                throw ValidationError(DeskFailure(store: error).message)
            }
        }

        func run() throws {
            let session = try DeskSession.open(global)
            print(try SettingsStore(session.db).get(key).value)
        }
    }
}
