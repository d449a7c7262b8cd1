import ArgumentParser
import DeskStore
import Foundation

extension Dsar.Letter {
    /// `dsar letter verify CODE` / `dsar letter verify --file PATH`
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Say whether a letter is genuine: by its verification code, or by re-hashing its text.",
            discussion: """
                With a code, prints the request and letter it was issued for (exit 3 when the desk \
                never issued it). With --file, re-hashes the letter's text (as produced with \
                --format text) and compares it with the stored letter: exit 4 when the text was changed.

                Example:
                  dsar letter verify ABCD-EFGH-JK23
                  dsar letter verify --file reply.txt
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The verification code printed under the letter.") var code: String?
        @Option(help: "A letter in text form to check against the stored one.") var file: String?
        @Flag(help: "Print JSON for programs.") var json = false
        func validate() throws {
            guard (code == nil) != (file == nil) else {
                throw ValidationError("Give either a verification code or --file PATH, not both and not neither.")
            }
        }

        func run() throws {
            let session = try DeskSession.open(global)
            let output = LetterVerification(json: json)
            if let code {
                output.report(genuine: try LetterStore(session.db).find(code: code))
            } else {
                let path = file ?? ""
                try output.show(try LetterStore(session.db).verify(letterText: try output.text(of: path)), path: path)
            }
        }
    }
}
