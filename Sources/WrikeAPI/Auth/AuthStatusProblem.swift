// Why `wrike-tui auth status` found the credentials not working, with the sign-in that mends them: the
// same advice as the app's signed-out line (`AppState.signedOutLine`): `auth login` for an OAuth profile,
// `auth token` for a stored permanent token, a new WRIKE_TOKEN for the environment's.

extension AuthStatusReport {
    /// The sentence for a failed account check.
    public static func problem(for error: any Error, kind: CredentialKind, source: ResolvedCredentials.Source,
                               profile: String) -> String {
        switch error {
        case TokenProviderError.signInRequired:
            return refused(kind: kind, source: source, profile: profile)
        case AuthError.api(401, _, _):
            return refused(kind: kind, source: source, profile: profile)
        case let error as AuthError:
            return error.description
        default:
            return "\(type(of: error))"
        }
    }

    /// Wrike refused the token: what to run.
    static func refused(kind: CredentialKind, source: ResolvedCredentials.Source, profile: String) -> String {
        let flag = profile == "default" ? "" : " --profile \(profile)"
        switch (kind, source) {
        case (_, .environment):
            return "Wrike refused the token in WRIKE_TOKEN (401); set a valid one"
        case (.permanent, .profile):
            return "Wrike refused the stored access token (401); store a new one with `wrike-tui auth token\(flag)`"
        case (.oauth, .profile):
            return "the token was refused and cannot be refreshed; sign in again with `wrike-tui auth login\(flag)`"
        }
    }
}
