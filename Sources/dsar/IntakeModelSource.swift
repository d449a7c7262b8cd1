import DeskStore
import Foundation
import MailIntake

/// Which model reads the mail: the desk's own (stored by `dsar intake train`) when the database
/// holds one, else the shipped `Models/intake.model`, else the vocabulary alone.
enum IntakeModelSource {
    /// The shipped model, or nil (with a note on stderr) when the file is missing or unreadable.
    static func shipped() -> IntakeModel? {
        guard let url = try? ResourceLocator.intakeModelFile(), let data = FileManager.default.contents(atPath: url.path) else {
            FileHandleOutput.note("The shipped intake model (Models/intake.model) was not found; the vocabulary alone classifies.")
            return nil
        }
        guard let model = IntakeModel(serialized: Array(data)) else {
            FileHandleOutput.note("\(url.path) is not an intake model this version reads; the vocabulary alone classifies.")
            return nil
        }
        return model
    }

    /// The classifier for commands that read mail.
    static func classifier(_ global: GlobalOptions) throws -> RightClassifier {
        RightClassifier(model: shipped())
    }
}
