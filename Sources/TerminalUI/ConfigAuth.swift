// `[auth]` in config.toml: the OAuth app of `wrike-tui auth login` and of the token refresh (docs/auth.md).
extension Config {
    /// The keys `[auth]` may hold. Their values are read where they are used (`AuthSupport.configClient`, with the
    /// file's permission check); the parser only checks the section, so that a typo is said at start.
    static let authKeys = ["client_id", "client_secret"]

    static func authProblems(_ value: TOMLValue, doc: TOMLTable, file: String) -> [ConfigMessage] {
        guard let table = value.table else {
            return [ConfigMessage(file: file, line: doc.line(of: "auth"),
                                  message: "auth must be a table: [auth] with client_id and client_secret")]
        }
        return table.keys.compactMap { key in
            let message: String
            if !authKeys.contains(key) {
                message = "unknown setting 'auth.\(key)' (known: \(authKeys.joined(separator: ", ")))"
            } else if table[key]?.string == nil {
                message = "auth.\(key) must be a string"
            } else {
                return nil
            }
            return ConfigMessage(file: file, line: table.line(of: key), message: message)
        }
    }
}
