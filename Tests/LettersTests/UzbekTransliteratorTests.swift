import Testing
@testable import Letters

@Suite struct UzbekTransliteratorTests {
    static let table: [(latin: String, cyrillic: String)] = [
        ("shaxsga doir maʼlumotlar", "шахсга доир маълумотлар"),
        ("oʻchirish", "ўчириш"),
        ("Hurmatli", "Ҳурматли"),
        ("murojaat", "мурожаат"),
        ("yoʻq qilish", "йўқ қилиш"),
        ("eʼtiroz", "эътироз"),
        ("rozilikni qaytarib olish", "розиликни қайтариб олиш"),
        ("ish kuni", "иш куни"),
        ("soʻrov", "сўров"),
        ("Toshkent", "Тошкент"),
        ("yangi", "янги"),
        ("ayol", "аёл"),
        ("Yoʻldosh", "Йўлдош"),
        ("taʼminlash", "таъминлаш"),
        ("Oʻzbekiston Respublikasi", "Ўзбекистон Республикаси"),
        ("Vazirlar Mahkamasi huzuridagi", "Вазирлар Маҳкамаси ҳузуридаги"),
        ("Davlat personallashtirish markazi", "Давлат персоналлаштириш маркази"),
        ("subyekt", "субъект"),
        ("obyekt", "объект"),
        ("tayyor", "тайёр"),
        ("hayot", "ҳаёт"),
        ("oyoq", "оёқ"),
        ("yuborish", "юбориш"),
        ("yetkazish", "етказиш"),
        ("keyin", "кейин"),
        ("elektron pochta", "электрон почта"),
        ("telefon", "телефон"),
        ("poeziya", "поэзия"),
        ("ega", "эга"),
        ("identifikatsiya", "идентификация"),
        ("ketsa", "кетса"),
        ("funksiyalari", "функциялари"),
        ("gʻisht", "ғишт"),
        ("tugʻilgan", "туғилган"),
        ("bogʻlanamiz", "боғланамиз"),
        ("qoʻshimcha", "қўшимча"),
        ("choralar", "чоралар"),
        ("jurnalida", "журналида"),
        ("xabarnoma", "хабарнома"),
        ("SHAXSGA DOIR", "ШАХСГА ДОИР"),
        ("Shaxsga", "Шахсга"),
        ("OʻZBEKISTON", "ЎЗБЕКИСТОН"),
        ("Eʼlon", "Эълон"),
        ("mingta", "мингта"),
        ("Yangiyoʻl", "Янгийўл"),
        ("roʻyxatga olindi", "рўйхатга олинди"),
        ("Hurmatli {{requester_name}}!", "Ҳурматли {{requester_name}}!"),
        ("{{#is_extended}}Uzaytirilgan muddat: {{extended_due_date}}{{/is_extended}}",
         "{{#is_extended}}Узайтирилган муддат: {{extended_due_date}}{{/is_extended}}"),
        ("{{{raw_shaxs}}} shaxs", "{{{raw_shaxs}}} шахс"),
        ("Murojaat raqami: {{reference}}.", "Мурожаат рақами: {{reference}}."),
        // Issue 14 item 10.
        ("operatsion tizim", "операцион тизим"),
        ("Konstitutsiya", "Конституция"),
        ("tsement", "цемент"),
        ("aytsa", "айтса"),
        ("ketsangiz", "кетсангиз"),
        ("oʻtsin", "ўтсин"),
        ("noyabr", "ноябрь"),
        ("dekabrgacha", "декабрьгача"),
        ("yanvar", "январь"),
        ("Isʼhoq", "Исҳоқ"),
        ("Is'hoqov", "Исҳоқов"),
        ("aksiya", "акция"),
        ("kolleksiya", "коллекция"),
        ("Mashina", "Машина"),
        ("pensiya", "пенсия"),
    ]

    /// Desk-entered values: words that are file names, hashes, addresses or acronyms stay as written.
    static let values: [(latin: String, cyrillic: String)] = [
        ("Raqamli Xizmatlar MChJ", "Рақамли Хизматлар МЧЖ"),
        ("Amir Temur koʻchasi 108, Toshkent", "Амир Темур кўчаси 108, Тошкент"),
        ("CRM: aloqa maʼlumotlari, oʻchirildi, 2026-11-08", "CRM: алоқа маълумотлари, ўчирилди, 2026-11-08"),
        ("profil.pdf (SHA-256 9f2c…e1)", "profil.pdf (SHA-256 9f2c…e1)"),
        ("dpo@raqamli.uz", "dpo@raqamli.uz"),
        ("Бекзод Алиев", "Бекзод Алиев"),
        ("SMS orqali aksiya xabarlari", "SMS орқали акция хабарлари"),
    ]

    @Test func onlyUzbekFreeTextIsTransliterated() {
        #expect(UzbekTransliterator.looksUzbekLatin("CRM: aloqa maʼlumotlari, oʻchirildi"))
        #expect(UzbekTransliterator.looksUzbekLatin("marketing xabarlari toʻxtatildi"))
        #expect(!UzbekTransliterator.looksUzbekLatin("CRM: contact details and order history, deleted"))
        #expect(!UzbekTransliterator.looksUzbekLatin("Courier Express LLC"))
        #expect(!UzbekTransliterator.looksUzbekLatin("new address recorded"))
    }

    @Test(arguments: values)
    func deskValuesKeepTheirTechnicalWords(row: (latin: String, cyrillic: String)) {
        #expect(UzbekTransliterator.toCyrillicValue(row.latin) == row.cyrillic)
    }

    @Test(arguments: table)
    func latinToCyrillic(row: (latin: String, cyrillic: String)) {
        #expect(UzbekTransliterator.toCyrillic(row.latin) == row.cyrillic)
    }

    @Test func tableIsLargeEnough() { #expect(Self.table.count >= 40) }

    /// People type ' ‘ ’ ` instead of ʻ and ʼ; all must give the same Cyrillic.
    @Test(arguments: ["'", "‘", "’", "`", "ʼ", "ʻ"])
    func apostropheVariants(apostrophe: String) {
        #expect(UzbekTransliterator.toCyrillic("o\(apostrophe)chirish") == "ўчириш")
        #expect(UzbekTransliterator.toCyrillic("ma\(apostrophe)lumot") == "маълумот")
        #expect(UzbekTransliterator.toCyrillic("G\(apostrophe)afur") == "Ғафур")
    }

    @Test func quotationApostrophesAreKept() {
        #expect(UzbekTransliterator.toCyrillic("'ariza'") == "'ариза'")
    }

    @Test func outputHasNoLatinOutsideTags() {
        let text = Self.table.map(\.latin).joined(separator: " ")
        let output = UzbekTransliterator.toCyrillic(text)
        let withoutTags = output.replacing(#/\{\{\{?[^}]*\}\}\}?/#, with: "")
        #expect(!withoutTags.unicodeScalars.contains { ("a"..."z").contains($0) || ("A"..."Z").contains($0) })
    }
}
