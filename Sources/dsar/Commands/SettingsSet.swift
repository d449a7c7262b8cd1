import ArgumentParser
import DeskProgram
import DeskStore

extension Dsar.Settings {
    /// `dsar settings set KEY VALUE`
    struct SetValue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set one desk setting (audited by key, not by value).",
            discussion: """
                Known keys: \(SettingsStore.knownKeys.map(\.name).joined(separator: ", ")), and \
                authority.<policy>.<lang> (e.g. authority.ru.ru) to name one policy's authority per language.

                Example:
                  dsar settings set organisation.address "Amir Temur ko'chasi 4, Toshkent"
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The setting, e.g. organisation.name, dpo.email, authority.ru.")
        var key: String

        @Argument(help: "Its new value.")
        var value: String

        func validate() throws {
            do {
                try SettingsStore.checkValue(value, for: try SettingsStore.key(key))
            } catch let error as StoreError {
                throw ValidationError(DeskFailure(store: error).message)
            }
        }

        func run() throws {
            let session = try DeskSession.open(global)
            let setting = try SettingsStore(session.db).set(key, to: value, actor: session.actor, now: session.now)
            print("\(setting.key) = \(setting.value)")
        }
    }
}
