import DeskCore

// DPO iborani qanday qo‘shadi / How a DPO adds a phrase: put it, in lower case, in the list of
// the right it asks for. Apostrophes are removed before matching (oʻ, o‘, o', o` all become "o",
// maʼlumot becomes "malumot"), so write phrases without them: "ochir" covers oʻchirish, o'chiring,
// o‘chirib. Write stems so that suffixes match (-ni, -ing, -ishingizni). Add a fixture with the
// misread mail under Tests/MailIntakeTests/Fixtures/ and run `swift test --filter MailIntakeTests`.
extension IntakeVocabulary {
    /// Uzbek in the Latin script (ZRU-547 wording and everyday writing).
    public static let uzbekLatin = IntakeVocabulary(
        language: .uzbekLatin,
        rights: [
            .access: [
                "nusxa", "qanday malumot", "qanday shaxsiy", "qaysi malumot", "qaysi shaxsiy",
                "malumotlarimni korish", "malumotlarim bilan tanish", "tanishib chiq", "tanishish", "tanishtir",
                "kirish huquq", "malumot bering", "malumot taqdim", "malumotlarni taqdim", "taqdim eting", "nima uchun ishlatil", "qanaqa malumot", "bilishni xohlayman", "bilishni istayman", "qayerda ishlatil",
                "qanday maqsadda", "korsatib bering", "bilmoqchiman", "qayta ishlanayotgan", "saqlanayotgan",
            ],
            .rectification: [
                "tuzat", "aniqlashtir", "ozgartir", "togrila", "notogri", "xato", "yangila", "toldir", "ozgargan", "ozgardi", "kiritib qoy", "yangisini",
                "eskirgan",
            ],
            .erasure: [
                "ochir", "yoq qil", "yoqot", "olib tashla", "butunlay yoq",
            ],
            .restriction: [
                "chekla", "cheklov", "toxtatib tur", "toxtatib qoy", "toxtatib tursangiz", "blokirov", "blokla",
                "vaqtincha toxtat", "vaqtincha ishlov", "ishlatmay tur", "foydalanmay tur", "hal bolguncha", "korib chiqilguncha",
            ],
            .portability: [
                "boshqa operatorga", "boshqa tashkilotga", "boshqa kompaniyaga", "uzatish", "uzating", "uzatib",
                "uzatishingiz", "kochirib", "eksport", "csv", "json", "mashina oqiy", "yuklab ol", "elektron shaklda", "boshqa bankka", "otkazish uchun", "otkazib bering", "fayl shaklida", "fayl qilib", "boshqa ilova", "fayl korinishida",
            ],
            .objection: [
                "etiroz", "yubormang", "obunadan", "qongiroq qilmang", "ishlatmang", "foydalanmang",
                "ishlov berishga qarshi", "qarshiman", "profillash",
            ],
        ],
        negations: [.erasure: [
            "ochirmang", "ochirmay", "ochirmas", "ochirilmas", "ochirish shart emas", "ochirish kerak emas",
            "ochirishni soramayman", "ochirishingizni soramayman", "ochirishni talab qilmayman", "ochirishni xohlamayman",
            "ochirilishini xohlamayman", "ochirishga hojat yoq", "ochiring demayman", "ochiringlar demayman",
            "ochirishni emas", "ochirish emas",
        ]],
        consentWithdrawal: [
            "rozilikni qaytarib", "roziligimni qaytarib", "rozilikni bekor", "roziligimni bekor",
            "roziligimni qaytaraman", "rozilikdan voz", "roziligimdan voz", "rozilikni qaytarish",
            "roziligimni qaytarish", "rozilik qaytarib",
        ],
        directMarketing: ["kredit", "taklif", "sms ", "reklama", "marketing", "aksiya", "sms xabar", "tijorat xabar", "reklam"],
        operative: ["iltimos", "sorayman", "talab qilaman", "soraymiz", "istayman", "xohlayman", "murojaat qilaman",
                    "sorovnoma", "sorov"],
        citation: ["modda", "qonun", "zru", "orq", "547"],
        markers: [
            "va", "men", "mening", "meni", "iltimos", "uchun", "bilan", "haqida", "malumot", "malumotlarim",
            "malumotlarimni", "shaxsiy", "sizning", "sizdan", "hurmat", "bilan", "assalomu", "alaykum", "salom",
            "qilish", "qiling", "bu", "ham", "yoki", "emas", "kerak", "edi", "sorayman", "hurmatli", "rahmat",
        ]
    )
}
