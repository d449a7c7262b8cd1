import DeskCore

// How a DPO adds a phrase: put it, in lower case, in the list of the right it asks for.
// A stem is enough ("rectif" covers rectify/rectification); apostrophes and punctuation are
// ignored ("don't" is written "dont"); end a phrase with a space to demand a whole word ("sar ").
// Add a fixture under Tests/MailIntakeTests/Fixtures/ with the mail that was misread, then run
// `swift test --filter MailIntakeTests`.
extension IntakeVocabulary {
    /// English, including the wording of GDPR template letters.
    public static let english = IntakeVocabulary(
        language: .english,
        rights: [
            .access: [
                "access request", "subject access", "access to my", "access to the personal", "access to all",
                "right of access", "right to access", "copy of my", "copy of all", "copy of the personal",
                "copy of any", "what personal data", "what data you", "what information you", "which personal data",
                "which data you", "confirm whether", "confirmation whether", "confirmation as to whether",
                "sar ", "dsar ", "data you hold", "data you have about", "information you hold",
                "categories of personal data", "purposes of the processing", "see my data", "obtain a copy", "what info", "info you have", "information you have", "data you have", "have on me", "hold on me", "know what data", "know what information", "who you shared", "shared my data", "what do you know about me", "see the personal", "personal information your", "personal information you", "collected about me", "see what",
            ],
            .rectification: [
                "rectif", "correct my", "correct the", "correction", "incorrect", "inaccurate", "update my",
                "update the", "is wrong", "are wrong", "wrong ", "misspel", "spelled", "spelt",
                "change my name", "change my address", "change my phone", "outdated", "out of date",
                "fix my", "fix the", "amend", "not accurate", "incomplete", "fix ", "should be", "but it is", "not correct",
            ],
            .erasure: [
                "delete", "deletion", "erase", "erasure", "remove my personal", "remove my data",
                "remove all my", "remove all personal", "right to be forgotten", "be forgotten", "wipe",
                "destroy my", "get rid of my", "forget me", "close my account", "dont want you keeping", "stop keeping", "remove me from your database", "delete everything", "remove my account", "every trace", "remove me from all", "remove me from your", "data gone",
            ],
            .restriction: [
                "restrict", "suspend processing", "suspend the processing", "suspension of processing",
                "limit the processing", "limit processing", "limit the use", "freeze my", "block my data",
                "block the processing", "pause the processing", "pause processing", "stop using my data until",
                "do not delete but", "not to delete", "keep my data but", "while you verify", "on hold", "put the processing", "until the dispute", "until the complaint", "until my complaint",
            ],
            .portability: [
                "portability", "portable", "machine readable", "csv", "json", "transfer my data",
                "transfer my personal", "transmit my", "transmitted directly", "export my", "export of my",
                "move my data", "structured commonly used", "commonly used format", "send my data to", "download all my", "download my data", "as a file", "move to another", "another app", "another provider", "another service",
            ],
            .objection: [
                "object to", "objection", "i object", "stop processing", "stop using my", "stop sending",
                "stop contacting", "stop calling", "unsubscribe me", "opt out", "no longer wish to receive",
                "do not want to receive", "dont want to receive", "do not contact", "dont contact",
                "profiling", "legitimate interest", "no longer want you to use", "do not use my", "dont use my", "not to use my", "stop emailing", "stop texting",
            ],
        ],
        negations: [.erasure: [
            "do not delete", "dont delete", "not to delete", "do not erase", "dont erase", "not to erase", "without deleting",
            "without erasing", "dont want to delete", "do not want to delete", "dont want you to delete",
            "do not want you to delete", "dont want them deleted", "do not want them deleted", "dont want it deleted",
            "do not want it deleted", "dont want my data deleted", "do not want my data deleted", "not be deleted",
            "not be erased", "not asking you to delete", "not asking for deletion", "not asking for erasure",
            "not requesting deletion", "not requesting erasure", "no need to delete", "dont need you to delete",
            "instead of deleting", "rather than deleting", "rather than delete", "rather than erase",
        ]],
        consentWithdrawal: [
            "withdraw my consent", "withdraw consent", "withdraw the consent", "withdrawing my consent",
            "withdrawal of consent", "withdrawal of my consent", "revoke my consent", "revoking my consent",
            "no longer consent", "withdraw all consent", "consent is withdrawn",
        ],
        directMarketing: [
            "marketing", "newsletter", "promotional", "advertis", "promo ", "special offers", "offers",
            "sms messages", "mailing list",
        ],
        operative: [
            "i request", "i hereby request", "i would like", "i want", "please", "kindly", "i ask", "i am asking",
            "i am writing to request", "i demand", "i require", "request that you", "i wish to", "could you",
            "can you", "i need you", "i am requesting", "i formally request", "i hereby",
        ],
        citation: ["article ", "articles ", "art ", "recital", "regulation", "under section", "pursuant to"],
        markers: [
            "the", "and", "my", "please", "i", "you", "your", "of", "to", "data", "request", "is", "with",
            "would", "like", "regards", "dear", "hello", "thank",
        ]
    )
}
