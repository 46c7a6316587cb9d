// What may reach the log file: never a credential. Every line the file handler writes (message,
// metadata, error) passes through `LogRedaction.redact`.
import TermText

public enum LogRedaction {
    public static let placeholder = "[redacted]"

    /// Markers after which a credential follows: the word after "Bearer ", and the values of
    /// access_token / refresh_token / token / client_secret / code parameters or JSON fields.
    static let markers = ["Bearer ", "bearer ", "access_token", "refresh_token", "client_secret", "\"token", "token=",
                          "code="]
    /// Characters that end a credential.
    static let stops: Set<Character> = ["&", "\"", " ", ",", "}", "'"]
    /// Metadata keys whose whole value is hidden.
    static let secretKeys = ["token", "secret", "password", "authorization", "code", "credential"]

    /// Hides credentials and strips control characters (one line, at most 8192 characters).
    public static func redact(_ s: String) -> String {
        var out = Sanitizer.cleanLine(s, maxLength: 8192)
        for marker in markers { out = redact(out, after: marker) }
        return out
    }

    /// A metadata key that names a secret (`accessToken`, `client_secret`, `Authorization`).
    public static func isSecretKey(_ key: String) -> Bool {
        let k = key.lowercased()
        return secretKeys.contains { k.contains($0) }
    }

    static func redact(_ text: String, after marker: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let r = rest.firstRange(of: marker) {
            result += rest[..<r.upperBound]
            var after = rest[r.upperBound...]
            // Separators such as `=`, `":"`, spaces.
            while let c = after.first, c == "=" || c == ":" || c == "\"" || c == " " {
                result.append(c)
                after = after.dropFirst()
            }
            let end = after.firstIndex { stops.contains($0) } ?? after.endIndex
            if end > after.startIndex { result += placeholder }
            rest = after[end...]
        }
        return result + rest
    }
}
