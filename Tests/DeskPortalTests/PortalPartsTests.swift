import DeskCore
import DeskPortal
import Testing

/// The portal's pure parts: form decoding, language choice, the form's checks, codes.
struct PortalPartsTests {
    @Test func formBodyDecodes() {
        let body = FormBody("name=Aziz+Rahimov&email=a%40b.uz&details=O%CA%BBzbek%0D%0Amatn&name=second&bad=%ZZ&empty")
        #expect(body["name"] == "Aziz Rahimov")
        #expect(body["email"] == "a@b.uz")
        #expect(body["details"] == "Oʻzbek\r\nmatn")
        #expect(body["bad"] == "%ZZ")
        #expect(body["empty"] == "")
        #expect(body["missing"] == nil)
    }

    @Test func acceptLanguagePicksTheBestOfTheFour() {
        #expect(PortalLanguage.negotiate("ru-RU,ru;q=0.9,en;q=0.8") == .russian)
        #expect(PortalLanguage.negotiate("de-DE,en;q=0.5,uz;q=0.7") == .uzbekLatin)
        #expect(PortalLanguage.negotiate("uz-Cyrl-UZ") == .uzbekCyrillic)
        #expect(PortalLanguage.negotiate("en;q=0, fr") == nil)
        #expect(PortalLanguage.negotiate(nil) == nil)
        #expect(PortalLanguage.named("UZ-CYRL") == .uzbekCyrillic)
        #expect(PortalLanguage.named("de") == nil)
    }

    @Test func emailAddresses() {
        #expect(RequestForm.isEmail("dilnoza.karimova@itpark.uz"))
        #expect(!RequestForm.isEmail("dilnoza@itpark"))
        #expect(!RequestForm.isEmail("<a@b.uz>"))
        #expect(!RequestForm.isEmail("a b@c.uz"))
        #expect(!RequestForm.isEmail(String(repeating: "a", count: 250) + "@b.uz"))
    }

    @Test func portabilityNeedsAFormatAndPhonesAreDigits() {
        let (_, problems) = RequestForm.parse(FormBody("kind=portability&name=A&email=a%40b.uz&phone=%2B998+90+123+45+67"))
        #expect(problems.map(\.field) == ["details"])
        let (_, phone) = RequestForm.parse(FormBody("kind=access&name=A&email=a%40b.uz&phone=12"))
        #expect(phone.map(\.field) == ["phone"])
    }

    @Test func codesAndTokens() {
        let code = PortalSecret.code()
        #expect(code.count == 6 && code.allSatisfy(\.isNumber))
        #expect(PortalSecret.typedCode(" 123 456 ") == "123456")
        #expect(PortalSecret.typedCode("12345") == nil)
        #expect(PortalSecret.typedCode("12345a") == nil)
        #expect(PortalSecret.token().count == 64)
        #expect(PortalSecret.token() != PortalSecret.token())
        #expect(PortalSecret.hash(code: "123456", challenge: "a") != PortalSecret.hash(code: "123456", challenge: "b"))
        #expect(PortalSecret.same("abc", "abc") && !PortalSecret.same("abc", "abd") && !PortalSecret.same("abc", "ab"))
    }

    @Test func listenAddress() throws {
        #expect(try PortalConfiguration.listenAddress("127.0.0.1:8080") == ("127.0.0.1", 8080))
        #expect(try PortalConfiguration.listenAddress("[::1]:9000") == ("::1", 9000))
        #expect(throws: PortalError.self) { try PortalConfiguration.listenAddress("8080") }
        #expect(throws: PortalError.self) { try PortalConfiguration.listenAddress("localhost:70000") }
    }
}
