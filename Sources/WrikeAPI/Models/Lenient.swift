import Foundation

extension KeyedDecodingContainer {
    /// A string, or a number/bool rendered as text; `nil` when absent or null.
    func decodeLenientStringIfPresent(forKey key: Key) throws -> String? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let s = try? decode(String.self, forKey: key) { return s }
        if let i = try? decode(Int64.self, forKey: key) { return String(i) }
        if let d = try? decode(Double.self, forKey: key) { return String(d) }
        if let b = try? decode(Bool.self, forKey: key) { return b ? "true" : "false" }
        return try decode(String.self, forKey: key)  // throws the real type mismatch
    }

    /// An integer, or a numeric string (`"3600"`), or a whole double; `nil` when absent or null.
    func decodeLenientIntIfPresent(forKey key: Key) throws -> Int? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let i = try? decode(Int.self, forKey: key) { return i }
        if let d = try? decode(Double.self, forKey: key), d.isFinite, d.rounded() == d, abs(d) < 9e15 { return Int(d) }
        if let s = try? decode(String.self, forKey: key) {
            let t = s.trimmingCharacters(in: .whitespaces)
            if let i = Int(t) { return i }
            if let d = Double(t), d.isFinite, abs(d) < 9e15 { return Int(d.rounded()) }
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "Expected an integer, found \"\(s)\"")
        }
        return try decode(Int.self, forKey: key)
    }

    /// A number, or a numeric string.
    func decodeLenientDouble(forKey key: Key) throws -> Double {
        if let d = try? decode(Double.self, forKey: key) { return d }
        if let s = try? decode(String.self, forKey: key), let d = Double(s.trimmingCharacters(in: .whitespaces)), d.isFinite {
            return d
        }
        return try decode(Double.self, forKey: key)
    }
}
