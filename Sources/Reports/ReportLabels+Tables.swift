import DeskCore

// The wording tables. Uzbek Latin uses ʻ (U+02BB) in oʻ, gʻ and ʼ (U+02BC) for the
// tutuq belgisi (GLOSSARY.md); terms follow the glossary.

extension ReportLabels {
    public static let english = ReportLabels(
        language: .english,
        texts: [
            .title: "Monthly compliance report", .month: "Month", .timeZone: "Time zone",
            .policy: "Policy", .allPolicies: "all", .generatedAt: "Generated",
            .received: "Requests received", .byRight: "By right", .byChannel: "By channel",
            .byLanguage: "By language", .byPolicy: "By policy",
            .closed: "Requests closed", .byOutcome: "By outcome",
            .onTime: "Closed on time", .lateClosures: "Closed late",
            .timeToClose: "Days to close",
            .extensions: "Extensions granted", .clockPauses: "Clock pauses",
            .refusals: "Refusals by ground", .identityFailures: "Identity verification failures",
            .erasures: "Erasure-journal entries", .recipientNotifications: "Recipient notifications sent",
            .backlog: "Open backlog at month end", .aging: "Days since receipt",
            .overdue: "Overdue", .trend: "12-month trend",
            .right: "Right", .channel: "Channel", .language: "Language", .outcome: "Outcome",
            .ground: "Ground", .count: "Count", .total: "Total", .onTimeCount: "On time",
            .rate: "On-time rate", .median: "Median", .p90: "90th percentile",
            .reference: "Reference", .due: "Due", .closedOn: "Closed on", .daysLate: "Days late",
            .extendedBy: "Extended by", .reason: "Reason", .system: "System",
            .categories: "Data categories", .recipient: "Recipient", .sentOn: "Sent on",
            .open: "Open", .daysOverdue: "Days overdue", .assignee: "Assignee",
            .onTimeRate: "On-time rate", .pauseCount: "Pauses", .totalDays: "Total days",
            .unassigned: "unassigned", .noneInMonth: "None this month.", .allRights: "All rights",
            .receivedCount: "Received", .closedCount: "Closed",
            .days: "Days",
            .chartReceivedByRight: "Requests received by right",
            .chartTrend: "Received and closed over 12 months",
            .axisRequests: "Requests", .axisMonth: "Month",
        ],
        rights: [
            .access: "Access", .rectification: "Rectification", .erasure: "Erasure",
            .restriction: "Restriction", .portability: "Portability", .objection: "Objection",
        ],
        outcomes: [
            "fulfilled": "Fulfilled", "partially_fulfilled": "Partially fulfilled",
            "refused": "Refused", "withdrawn": "Withdrawn", "lifted": "Restriction lifted",
        ],
        grounds: [
            "identity_not_verified": "Identity not verified",
            "manifestly_unfounded": "Manifestly unfounded", "excessive": "Excessive",
            "legal_obligation_to_retain": "Legal obligation to retain",
            "no_data_held": "No data held", "exemption_other": "Other exemption",
        ],
        channels: [
            "email": "Email", "web_form": "Web form", "paper": "Paper letter",
            "phone": "Phone", "in_person": "In person",
        ],
        languages: [
            "uz": "Uzbek (Latin)", "uz-Cyrl": "Uzbek (Cyrillic)", "ru": "Russian", "en": "English",
        ]
    )

    public static let russian = ReportLabels(
        language: .russian,
        texts: [
            .title: "Ежемесячный отчёт о соблюдении требований", .month: "Месяц",
            .timeZone: "Часовой пояс", .policy: "Политика сроков", .allPolicies: "все",
            .generatedAt: "Сформирован",
            .received: "Поступившие запросы", .byRight: "По правам", .byChannel: "По каналам",
            .byLanguage: "По языкам", .byPolicy: "По политикам сроков",
            .closed: "Закрытые запросы", .byOutcome: "По результатам",
            .onTime: "Закрыто в срок", .lateClosures: "Закрыто с опозданием",
            .timeToClose: "Срок рассмотрения, дней",
            .extensions: "Продления срока", .clockPauses: "Приостановки срока",
            .refusals: "Отказы по основаниям", .identityFailures: "Неудачные проверки личности",
            .erasures: "Записи журнала удаления", .recipientNotifications: "Уведомления получателям",
            .backlog: "Открытые запросы на конец месяца", .aging: "Дней с момента поступления",
            .overdue: "Просроченные", .trend: "Динамика за 12 месяцев",
            .right: "Право", .channel: "Канал", .language: "Язык", .outcome: "Результат",
            .ground: "Основание", .count: "Количество", .total: "Всего", .onTimeCount: "В срок",
            .rate: "Доля в срок", .median: "Медиана", .p90: "90-й процентиль",
            .reference: "Номер", .due: "Срок", .closedOn: "Закрыт", .daysLate: "Дней просрочки",
            .extendedBy: "Продлено на", .reason: "Причина", .system: "Система",
            .categories: "Категории данных", .recipient: "Получатель", .sentOn: "Отправлено",
            .open: "Открыто", .daysOverdue: "Дней просрочки", .assignee: "Исполнитель",
            .onTimeRate: "Доля в срок", .pauseCount: "Приостановок", .totalDays: "Всего дней",
            .unassigned: "не назначен", .noneInMonth: "В этом месяце нет.", .allRights: "Все права",
            .receivedCount: "Поступило", .closedCount: "Закрыто",
            .days: "Дней",
            .chartReceivedByRight: "Поступившие запросы по правам",
            .chartTrend: "Поступило и закрыто за 12 месяцев",
            .axisRequests: "Запросы", .axisMonth: "Месяц",
        ],
        rights: [
            .access: "Доступ", .rectification: "Уточнение", .erasure: "Удаление",
            .restriction: "Ограничение обработки", .portability: "Переносимость", .objection: "Возражение",
        ],
        outcomes: [
            "fulfilled": "Исполнен", "partially_fulfilled": "Исполнен частично",
            "refused": "Отказано", "withdrawn": "Отозван", "lifted": "Ограничение снято",
        ],
        grounds: [
            "identity_not_verified": "Личность не подтверждена",
            "manifestly_unfounded": "Явно необоснованный запрос", "excessive": "Чрезмерный запрос",
            "legal_obligation_to_retain": "Обязанность хранения по закону",
            "no_data_held": "Данные не обрабатываются", "exemption_other": "Иное исключение",
        ],
        channels: [
            "email": "Электронная почта", "web_form": "Веб-форма", "paper": "Бумажное письмо",
            "phone": "Телефон", "in_person": "Лично",
        ],
        languages: [
            "uz": "Узбекский (латиница)", "uz-Cyrl": "Узбекский (кириллица)",
            "ru": "Русский", "en": "Английский",
        ]
    )

    public static let uzbekLatin = ReportLabels(
        language: .uzbekLatin,
        texts: [
            .title: "Oylik muvofiqlik hisoboti", .month: "Oy", .timeZone: "Vaqt mintaqasi",
            .policy: "Muddatlar siyosati", .allPolicies: "barchasi", .generatedAt: "Tuzilgan vaqti",
            .received: "Qabul qilingan soʻrovlar", .byRight: "Huquqlar boʻyicha",
            .byChannel: "Kanallar boʻyicha", .byLanguage: "Tillar boʻyicha",
            .byPolicy: "Siyosatlar boʻyicha",
            .closed: "Yopilgan soʻrovlar", .byOutcome: "Natijalar boʻyicha",
            .onTime: "Muddatida yopilgan", .lateClosures: "Muddatidan kech yopilgan",
            .timeToClose: "Koʻrib chiqish muddati, kun",
            .extensions: "Muddatni uzaytirish", .clockPauses: "Muddatni toʻxtatib turish",
            .refusals: "Rad etish asoslari boʻyicha", .identityFailures: "Shaxs tasdiqlanmagan holatlar",
            .erasures: "Oʻchirish jurnali yozuvlari", .recipientNotifications: "Oluvchilarga yuborilgan xabarnomalar",
            .backlog: "Oy oxiridagi ochiq soʻrovlar", .aging: "Qabul qilingandan beri kunlar",
            .overdue: "Muddati oʻtgan", .trend: "12 oylik dinamika",
            .right: "Huquq", .channel: "Kanal", .language: "Til", .outcome: "Natija",
            .ground: "Asos", .count: "Soni", .total: "Jami", .onTimeCount: "Muddatida",
            .rate: "Muddatida ulushi", .median: "Mediana", .p90: "90-persentil",
            .reference: "Raqam", .due: "Muddat", .closedOn: "Yopilgan sana", .daysLate: "Kechikish, kun",
            .extendedBy: "Uzaytirildi", .reason: "Sabab", .system: "Tizim",
            .categories: "Maʼlumotlar toifalari", .recipient: "Oluvchi", .sentOn: "Yuborilgan sana",
            .open: "Ochiq", .daysOverdue: "Muddati oʻtgan kunlar", .assignee: "Masʼul xodim",
            .onTimeRate: "Muddatida ulushi", .pauseCount: "Toʻxtatishlar soni", .totalDays: "Jami kunlar",
            .unassigned: "tayinlanmagan", .noneInMonth: "Bu oyda yoʻq.", .allRights: "Barcha huquqlar",
            .receivedCount: "Qabul qilingan", .closedCount: "Yopilgan",
            .days: "Kun",
            .chartReceivedByRight: "Huquqlar boʻyicha qabul qilingan soʻrovlar",
            .chartTrend: "12 oy: qabul qilingan va yopilgan",
            .axisRequests: "Soʻrovlar", .axisMonth: "Oy",
        ],
        rights: [
            .access: "Maʼlumotlar bilan tanishish", .rectification: "Aniqlashtirish",
            .erasure: "Oʻchirish", .restriction: "Ishlov berishni cheklash",
            .portability: "Uzatish", .objection: "Eʼtiroz bildirish",
        ],
        outcomes: [
            "fulfilled": "Bajarildi", "partially_fulfilled": "Qisman bajarildi",
            "refused": "Rad etildi", "withdrawn": "Qaytarib olindi", "lifted": "Cheklov bekor qilindi",
        ],
        grounds: [
            "identity_not_verified": "Shaxs tasdiqlanmadi",
            "manifestly_unfounded": "Mutlaqo asossiz", "excessive": "Haddan tashqari",
            "legal_obligation_to_retain": "Qonun boʻyicha saqlash majburiyati",
            "no_data_held": "Maʼlumotlar mavjud emas", "exemption_other": "Boshqa istisno",
        ],
        channels: [
            "email": "Elektron pochta", "web_form": "Veb-shakl", "paper": "Qogʻoz xat",
            "phone": "Telefon", "in_person": "Shaxsan",
        ],
        languages: [
            "uz": "Oʻzbekcha (lotin)", "uz-Cyrl": "Oʻzbekcha (kirill)", "ru": "Ruscha", "en": "Inglizcha",
        ]
    )

    public static let uzbekCyrillic = ReportLabels(
        language: .uzbekCyrillic,
        texts: [
            .title: "Ойлик мувофиқлик ҳисоботи", .month: "Ой", .timeZone: "Вақт минтақаси",
            .policy: "Муддатлар сиёсати", .allPolicies: "барчаси", .generatedAt: "Тузилган вақти",
            .received: "Қабул қилинган сўровлар", .byRight: "Ҳуқуқлар бўйича",
            .byChannel: "Каналлар бўйича", .byLanguage: "Тиллар бўйича",
            .byPolicy: "Сиёсатлар бўйича",
            .closed: "Ёпилган сўровлар", .byOutcome: "Натижалар бўйича",
            .onTime: "Муддатида ёпилган", .lateClosures: "Муддатидан кеч ёпилган",
            .timeToClose: "Кўриб чиқиш муддати, кун",
            .extensions: "Муддатни узайтириш", .clockPauses: "Муддатни тўхтатиб туриш",
            .refusals: "Рад этиш асослари бўйича", .identityFailures: "Шахс тасдиқланмаган ҳолатлар",
            .erasures: "Ўчириш журнали ёзувлари", .recipientNotifications: "Олувчиларга юборилган хабарномалар",
            .backlog: "Ой охиридаги очиқ сўровлар", .aging: "Қабул қилингандан бери кунлар",
            .overdue: "Муддати ўтган", .trend: "12 ойлик динамика",
            .right: "Ҳуқуқ", .channel: "Канал", .language: "Тил", .outcome: "Натижа",
            .ground: "Асос", .count: "Сони", .total: "Жами", .onTimeCount: "Муддатида",
            .rate: "Муддатида улуши", .median: "Медиана", .p90: "90-персентил",
            .reference: "Рақам", .due: "Муддат", .closedOn: "Ёпилган сана", .daysLate: "Кечикиш, кун",
            .extendedBy: "Узайтирилди", .reason: "Сабаб", .system: "Тизим",
            .categories: "Маълумотлар тоифалари", .recipient: "Олувчи", .sentOn: "Юборилган сана",
            .open: "Очиқ", .daysOverdue: "Муддати ўтган кунлар", .assignee: "Масъул ходим",
            .onTimeRate: "Муддатида улуши", .pauseCount: "Тўхтатишлар сони", .totalDays: "Жами кунлар",
            .unassigned: "тайинланмаган", .noneInMonth: "Бу ойда йўқ.", .allRights: "Барча ҳуқуқлар",
            .receivedCount: "Қабул қилинган", .closedCount: "Ёпилган",
            .days: "Кун",
            .chartReceivedByRight: "Ҳуқуқлар бўйича қабул қилинган сўровлар",
            .chartTrend: "12 ой: қабул қилинган ва ёпилган",
            .axisRequests: "Сўровлар", .axisMonth: "Ой",
        ],
        rights: [
            .access: "Маълумотлар билан танишиш", .rectification: "Аниқлаштириш",
            .erasure: "Ўчириш", .restriction: "Ишлов беришни чеклаш",
            .portability: "Узатиш", .objection: "Эътироз билдириш",
        ],
        outcomes: [
            "fulfilled": "Бажарилди", "partially_fulfilled": "Қисман бажарилди",
            "refused": "Рад этилди", "withdrawn": "Қайтариб олинди", "lifted": "Чеклов бекор қилинди",
        ],
        grounds: [
            "identity_not_verified": "Шахс тасдиқланмади",
            "manifestly_unfounded": "Мутлақо асоссиз", "excessive": "Ҳаддан ташқари",
            "legal_obligation_to_retain": "Қонун бўйича сақлаш мажбурияти",
            "no_data_held": "Маълумотлар мавжуд эмас", "exemption_other": "Бошқа истисно",
        ],
        channels: [
            "email": "Электрон почта", "web_form": "Веб-шакл", "paper": "Қоғоз хат",
            "phone": "Телефон", "in_person": "Шахсан",
        ],
        languages: [
            "uz": "Ўзбекча (лотин)", "uz-Cyrl": "Ўзбекча (кирилл)", "ru": "Русча", "en": "Инглизча",
        ]
    )
}
