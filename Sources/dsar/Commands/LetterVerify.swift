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

        @Argument(help: "The verification code printed under the letter.")
        var code: String?

        @Option(help: "A letter in text form to check against the stored one.")
        var file: String?

        @Flag(help: "Print JSON for programs.")
        var json = false

        func validate() throws {
            guard (code == nil) != (file == nil) else {
                throw ValidationError("Give either a verification code or --file PATH, not both and not neither.")
            }
        }

        struct Answer: Encodable {
            let status: String
            let code: String?
            let reference: String?
            let letter_id: Int64?
            let kind: String?
            let language: String?
            let format: String?
            let produced_at: Date?
            let produced_by: String?

            init(_ status: String, code: String?, letter: StoredLetter?) {
                self.status = status
                self.code = code ?? letter?.verificationCode
                reference = letter?.reference
                letter_id = letter?.id
                kind = letter?.kind
                language = letter?.language.rawValue
                format = letter?.format
                produced_at = letter?.producedAt
                produced_by = letter?.producedBy
            }
        }

        func run() throws {
            do {
                let session = try DeskSession.open(global)
                let store = LetterStore(session.db)
                if let code {
                    report(Answer("genuine", code: nil, letter: try store.find(code: code)))
                    return
                }
                try verifyFile(store)
            } catch {
                throw DeskFailure(error)
            }
        }

        func verifyFile(_ store: LetterStore) throws {
            let path = file ?? ""
            guard let data = FileManager.default.contents(atPath: path) else {
                throw DeskFailure(message: "Cannot read \(path.prefix(80)); check the path.", exitCode: DeskFailure.badInput)
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw DeskFailure(
                    message: "\(path.prefix(80)) is not UTF-8 text; verify the letter produced with --format text, or use its code.",
                    exitCode: DeskFailure.badInput)
            }
            switch try store.verify(letterText: text) {
            case .genuine(let letter):
                report(Answer("genuine", code: nil, letter: letter))
            case .altered(let letter):
                if json { try JSONOutput.print(Answer("altered", code: nil, letter: letter)) }
                throw DeskFailure(
                    message: "The text in \(path.prefix(80)) does not match letter \(letter.verificationCode) of \(letter.reference) as produced on \(Self.when(letter.producedAt)): it was changed after it was issued; do not rely on it.",
                    exitCode: DeskFailure.refused)
            case .unknownCode(let code):
                if json { try JSONOutput.print(Answer("unknown", code: code, letter: nil)) }
                throw DeskFailure(
                    message: "No letter with the verification code \(code) was produced by this desk; the letter in \(path.prefix(80)) is not genuine.",
                    exitCode: DeskFailure.notFound)
            case .unknownText:
                if json { try JSONOutput.print(Answer("unknown", code: nil, letter: nil)) }
                throw DeskFailure(
                    message: "\(path.prefix(80)) carries no verification code and matches no letter produced by this desk.",
                    exitCode: DeskFailure.notFound)
            }
        }

        func report(_ answer: Answer) {
            if json {
                try? JSONOutput.print(answer)
                return
            }
            print("Genuine: \(answer.code ?? "") is letter \(answer.letter_id ?? 0) (\(answer.kind ?? ""), \(answer.language ?? ""), \(answer.format ?? "")) of \(answer.reference ?? ""), produced \(answer.produced_at.map(Self.when) ?? "") by \(answer.produced_by ?? "").")
        }

        static func when(_ date: Date) -> String {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = InstantParser.deskTimeZone
            formatter.dateFormat = "yyyy-MM-dd HH:mm"
            return formatter.string(from: date) + " (Tashkent time)"
        }
    }
}
