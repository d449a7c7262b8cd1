/// How a request reached the desk.
public enum Channel: String, CaseIterable, Codable, Sendable, Hashable {
    case email
    case webForm = "web_form"
    case paper
    case phone
    case inPerson = "in_person"
}
