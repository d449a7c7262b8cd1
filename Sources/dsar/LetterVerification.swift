import DeskCore
import DeskProgram
import DeskStore
import Foundation

/// What `dsar letter verify` prints: the letter a code or a text belongs to, or why it is not genuine.
struct LetterVerification {
    let json: Bool

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

    /// The letter's text in the file at `path`.
    func text(of path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DeskFailure(message: "Cannot read \(path.prefix(80)); check the path.", exitCode: DeskFailure.badInput)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DeskFailure(
                message: "\(path.prefix(80)) is not UTF-8 text; verify the letter produced with --format text, or use its code.",
                exitCode: DeskFailure.badInput)
        }
        return text
    }

    /// Prints the result of re-hashing the text of `path`; throws when it is not genuine.
    func show(_ verification: LetterFileVerification, path: String) throws {
        switch verification {
        case .genuine(let letter):
            report(genuine: letter)
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

    /// Prints the genuine letter `letter`.
    func report(genuine letter: StoredLetter) {
        if json {
            try? JSONOutput.print(Answer("genuine", code: nil, letter: letter))
            return
        }
        print("Genuine: \(letter.verificationCode) is letter \(letter.id) (\(letter.kind), \(letter.language.rawValue), \(letter.format)) of \(letter.reference), produced \(Self.when(letter.producedAt)) by \(letter.producedBy).")
    }

    static func when(_ date: Date) -> String {
        Format.instant(date, InstantParser.deskTimeZone) + " (Tashkent time)"
    }
}
