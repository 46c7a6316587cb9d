import Foundation
import Platform
import Testing
@testable import WrikeAPI

/// A profile's `token_command`: run without a shell, its first output line is the token, nothing of the
/// output in errors, never written to the credentials file.
@Suite struct TokenCommandTests {
    @Test func wordsAreSplitLikeAShellWithoutAnyExpansion() throws {
        #expect(CommandWords.split("pass show wrike") == ["pass", "show", "wrike"])
        #expect(CommandWords.split("  a  'b c'  \"d \\\" e\" f\\ g ") == ["a", "b c", "d \" e", "f g"])
        #expect(CommandWords.split("echo $(touch /tmp/x); rm -rf ~ `id` *") == ["echo", "$(touch", "/tmp/x);", "rm", "-rf", "~", "`id`", "*"])
        #expect(CommandWords.split("a ''") == ["a", ""])
        #expect(throws: CommandWords.UnclosedQuote.self) { try CommandWords.strictSplit("pass show 'wrike") }
        #expect(CommandWords.split("   ").isEmpty)
    }

    @Test func theFirstLineOfTheOutputTrimmedIsTheToken() throws {
        #expect(try TokenCommand.token(from: "printf '  tok-123  \\nsecond line\\n'") == "tok-123")
        #expect(try TokenCommand.token(from: "echo abc") == "abc")
    }

    @Test func noShellRunsWhatTheCommandSays() throws {
        let marker = NSTemporaryDirectory() + "wtui-tokencmd-\(UInt32.random(in: 0...UInt32.max))"
        // `echo` gets the words as they are: nothing is substituted, no second command runs.
        #expect(throws: TokenCommand.Failure.self) { try TokenCommand.token(from: "echo $(touch \(marker)); touch \(marker)") }
        #expect(try TokenCommand.token(from: "echo $(id)") == "$(id)")
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test func failuresAreInPlainWordsWithoutTheOutput() throws {
        func failure(_ command: String, timeout: TimeInterval = 60) -> TokenCommand.Failure? {
            do { _ = try TokenCommand.token(from: command, timeout: timeout); return nil } catch { return error }
        }
        let exited = failure("sh -c 'echo SECRET-123; exit 3'")
        #expect(exited == .exited(program: "sh", status: 3))
        #expect(!(exited?.description.contains("SECRET") ?? true))
        #expect(failure("/nonexistent/wrike-pass") == .cannotStart(program: "/nonexistent/wrike-pass", reason: "not found in PATH"))
        #expect(failure("sleep 5", timeout: 0.3) == .timedOut(program: "sleep", seconds: 0))
        #expect(failure("true") == .noToken(program: "true"))
        #expect(failure("echo two words") == .noToken(program: "echo"))
        #expect(failure("'unclosed") == .unbalancedQuote)
        #expect(failure("") == .empty)
    }

    @Test func aProfileWithTokenCommandGetsItsTokenAtResolveAndNeverStoresIt() async throws {
        let dir = AuthTempDir()
        let creds = StoredCredentials(kind: .permanent, accessToken: "", host: "127.0.0.1:9", baseURL: "http://127.0.0.1:9/api/v4")
        var withCommand = creds
        withCommand.tokenCommand = "printf from-the-command"
        try dir.store.save(withCommand, profile: "pm")
        let file = try String(contentsOfFile: dir.store.path, encoding: .utf8)
        #expect(try dir.store.load(profile: "pm")?.accessToken == "")
        let resolved = try Credentials.resolve(profile: "pm", environment: dir.environment, store: dir.store)
        #expect(try await resolved.tokens.accessToken() == "from-the-command")
        #expect(try String(contentsOfFile: dir.store.path, encoding: .utf8) == file, "resolving writes nothing")
        // A failing command: AuthError in plain words.
        withCommand.tokenCommand = "false"
        try dir.store.save(withCommand, profile: "bad")
        #expect(throws: AuthError.tokenCommand(TokenCommand.Failure.exited(program: "false", status: 1).description)) {
            try Credentials.resolve(profile: "bad", environment: dir.environment, store: dir.store)
        }
    }

    @Test func aProfileWithoutAccessTokenButWithTokenCommandDecodes() throws {
        let json = #"{"kind":"permanent","token_command":"pass show wrike","host":"www.wrike.com","base_url":"https://www.wrike.com/api/v4"}"#
        let c = try JSONDecoder().decode(StoredCredentials.self, from: Data(json.utf8))
        #expect(c.tokenCommand == "pass show wrike" && c.accessToken.isEmpty)
        let noToken = #"{"kind":"permanent","host":"www.wrike.com","base_url":"https://www.wrike.com/api/v4"}"#
        #expect(throws: (any Error).self) { try JSONDecoder().decode(StoredCredentials.self, from: Data(noToken.utf8)) }
    }
}
