public import DeskCore

/// A request's state as the requester reads it in a `status_reply` letter.
public enum StatusText {
    public static func text(_ state: RequestState, language: Language) -> String {
        if language == .uzbekCyrillic { return UzbekTransliterator.toCyrillic(text(state, language: .uzbekLatin)) }
        let table: [RequestState: (uz: String, ru: String, en: String)] = [
            .received: ("qabul qilingan, koʻrib chiqish navbatida", "зарегистрировано и ожидает рассмотрения", "registered and waiting to be handled"),
            .awaitingIdentity: ("shaxsingiz tasdiqlanishi kutilmoqda", "ожидаем подтверждения вашей личности", "waiting for confirmation of your identity"),
            .inProgress: ("koʻrib chiqilmoqda", "рассматривается", "being handled"),
            .awaitingRequester: ("sizdan soʻralgan maʼlumot kutilmoqda", "ожидаем от вас запрошенных сведений", "waiting for the information we asked you for"),
            .fulfilled: ("bajarilgan", "исполнено", "fulfilled"),
            .partiallyFulfilled: ("qisman bajarilgan", "исполнено частично", "partly fulfilled"),
            .refused: ("rad etilgan", "в исполнении отказано", "refused"),
            .withdrawn: ("siz tomoningizdan qaytarib olingan", "отозвано вами", "withdrawn by you"),
            .lifted: ("cheklov bekor qilingan", "ограничение снято", "the restriction has been lifted"),
        ]
        guard let row = table[state] else { return state.rawValue }
        switch language {
        case .uzbekLatin, .uzbekCyrillic: return row.uz
        case .russian: return row.ru
        case .english: return row.en
        }
    }
}
