import Foundation

/// Human remarks that are not the command's result go to stderr, so stdout stays scriptable.
enum FileHandleOutput {
    static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
