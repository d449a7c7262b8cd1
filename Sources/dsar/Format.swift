import Foundation

/// Small formatting rules shared by the human screens.
enum Format {
    /// `2026-11-21 10:00` in the desk's time zone.
    static func instant(_ date: Date, _ zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    /// "3 working days left", "due today", "2 working days overdue".
    static func daysLeft(_ days: Int) -> String {
        if days == 0 { return "due today" }
        if days > 0 { return "\(days) working day\(days == 1 ? "" : "s") left" }
        return "\(-days) working day\(days == -1 ? "" : "s") overdue"
    }
}
