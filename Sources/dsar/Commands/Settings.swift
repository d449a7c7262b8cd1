import ArgumentParser

extension Dsar {
    /// `dsar settings …`: the desk's own details that letters quote.
    struct Settings: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "settings",
            abstract: "Show and change the desk's settings: organisation, DPO, mail domain, authority names.",
            discussion: """
                Letters take the organisation's name and address and the DPO's name, e-mail and phone \
                from these settings; a letter is refused until the required ones are set.

                Example:
                  dsar settings set organisation.name "Raqamli Xizmatlar MChJ"
                  dsar settings set dpo.email dpo@raqamli.uz
                  dsar settings list
                """,
            subcommands: [SetValue.self, Get.self, List.self]
        )
    }
}
