import Foundation

/// `--every 5m`: seconds (`30s`), minutes (`5m`) or hours (`1h`); at least 10 seconds.
enum PollInterval {
    static func seconds(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let number = Double(text.dropLast()), number > 0 else { return nil }
        let seconds: Double
        switch unit {
        case "s": seconds = number
        case "m": seconds = number * 60
        case "h": seconds = number * 3600
        default: return nil
        }
        return seconds >= 10 && seconds <= 86_400 ? seconds : nil
    }
}
