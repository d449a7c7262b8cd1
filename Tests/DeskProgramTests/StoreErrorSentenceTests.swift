import DeskCore
import DeskProgram
import DeskStore
import Testing

/// Every code of the store has its own sentence in DeskFailure+Store.swift: none falls to the
/// catch-all, and its exit code follows the code's category (SPEC §8).
struct StoreErrorSentenceTests {
    @Test func everyStoreCodeHasASentence() {
        #expect(StoreError.Code.allCases.count > 100)
        for code in StoreError.Code.allCases {
            let failure = DeskFailure(StoreError(code))
            #expect(!failure.message.hasPrefix("The desk refused the operation ("), "\(code) has no sentence")
            #expect(!failure.message.contains("Unexpected failure"))
            #expect(failure.exitCode == DeskFailure.exitCode(code.category))
        }
    }

    @Test func aLifecycleRefusalNamesTheRequest() {
        let refusal = LifecycleError(.extensionWithoutReason, state: .inProgress, allowedEvents: [])
        let failure = DeskFailure(StoreError(.lifecycleRefused, reference: "DSAR-2026-000001", state: .inProgress, lifecycle: refusal))
        #expect(failure.message == "DSAR-2026-000001: An extension needs a reason, which the extension_notice letter tells the requester.")
        #expect(failure.exitCode == DeskFailure.refused)
    }
}
