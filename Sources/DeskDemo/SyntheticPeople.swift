import DeskCore

/// A small seeded generator (SplitMix64) so that synthetic data is the same for the same seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in 0..<1.
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// One of `values`, each with its weight.
    mutating func pick<T>(_ values: [(T, Double)]) -> T {
        let total = values.reduce(0) { $0 + $1.1 }
        var point = unit() * total
        for (value, weight) in values {
            if point < weight { return value }
            point -= weight
        }
        return values[values.count - 1].0
    }
}

/// Invented requesters in the desk's four languages: common given names and surnames combined at
/// random, so no real person is described, with addresses on reserved `example.*` domains.
enum SyntheticPeople {
    private struct Names {
        let given: [String]
        let family: [String]
        let latin: [String]
        let domain: String
    }

    /// The Uzbek given names as they are written in an address, for both scripts (in the order of
    /// each script's `given`).
    private static let uzbekAddressNames = [
        "dilnoza", "aziz", "malika", "sardor", "nodira", "jasur", "gulnora", "bekzod", "shahlo", "otabek", "zarina", "ulugbek",
    ]

    private static let names: [Language: Names] = [
        .uzbekLatin: Names(
            given: ["Dilnoza", "Aziz", "Malika", "Sardor", "Nodira", "Jasur", "Gulnora", "Bekzod", "Shahlo", "Otabek", "Zarina", "Ulugʻbek"],
            family: ["Karimova", "Toshmatov", "Rahimova", "Yusupov", "Nazarova", "Ergashev", "Saidova", "Qodirov", "Mirzayeva", "Xolmatov"],
            latin: uzbekAddressNames,
            domain: "example.uz"),
        .uzbekCyrillic: Names(
            given: ["Дилноза", "Азиз", "Малика", "Сардор", "Нодира", "Жасур", "Гулнора", "Бекзод", "Шаҳло", "Отабек", "Зарина", "Улуғбек"],
            family: ["Каримова", "Тошматов", "Раҳимова", "Юсупов", "Назарова", "Эргашев", "Саидова", "Қодиров", "Мирзаева", "Холматов"],
            latin: uzbekAddressNames,
            domain: "example.uz"),
        .russian: Names(
            given: ["Анна", "Сергей", "Ольга", "Дмитрий", "Елена", "Алексей", "Наталья", "Игорь", "Мария", "Павел", "Ирина", "Виктор"],
            family: ["Иванова", "Петров", "Смирнова", "Кузнецов", "Попова", "Соколов", "Лебедева", "Козлов", "Новикова", "Морозов"],
            latin: ["anna", "sergey", "olga", "dmitry", "elena", "alexey", "natalya", "igor", "maria", "pavel", "irina", "viktor"],
            domain: "example.ru"),
        .english: Names(
            given: ["Alice", "Brian", "Clara", "David", "Emma", "Frank", "Grace", "Henry", "Isla", "James", "Kate", "Liam"],
            family: ["Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Thomas", "Roberts", "Walker", "Wright"],
            latin: ["alice", "brian", "clara", "david", "emma", "frank", "grace", "henry", "isla", "james", "kate", "liam"],
            domain: "example.com"),
    ]

    /// An invented name and email for a requester writing in `language`; `serial` keeps emails apart.
    static func person(_ language: Language, serial: Int64, using random: inout SeededGenerator) -> (name: String, email: String) {
        guard let set = names[language] else { return ("Requester \(serial)", "requester\(serial)@example.org") }
        let given = Int(random.next() % UInt64(set.given.count))
        let family = Int(random.next() % UInt64(set.family.count))
        return ("\(set.given[given]) \(set.family[family])", "\(set.latin[given]).\(serial)@\(set.domain)")
    }
}
