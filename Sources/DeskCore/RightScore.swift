/// One right the classifier considered, with how likely it is the message's primary right.
public struct RightScore: Sendable, Hashable, Codable {
    public let right: Right
    /// 0…1.
    public let probability: Double

    public init(right: Right, probability: Double) {
        self.right = right
        self.probability = probability
    }
}
