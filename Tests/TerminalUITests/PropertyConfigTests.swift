import PropertyBased
import Testing
import TestSupport

@testable import TerminalUI

/// Random and mutated bytes into the TOML, config and theme parsers: an error naming a line, or a
/// value, never a crash or a hang.
@Suite(.offPool) struct PropertyConfigTests {
    static let sampleConfig = """
        # wrike-tui config
        theme = "light"
        ascii = false
        colors = "256"
        refresh-interval = 30
        rate-limit = 200
        columns = ["status", "title", "due"]

        [keys]
        quit = ["q", "ctrl-c"]
        down = ["j", "down"]
        status = "s"
        """

    static var corpus: [String] { [sampleConfig] + BuiltinThemes.files.map(\.text) }

    /// Applies byte edits (position, byte) to `text`: overwrite, insert, delete, duplicate a line.
    static func mutate(_ text: String, _ edits: [(Int, UInt8)]) -> [UInt8] {
        var bytes = Array(text.utf8)
        for (position, b) in edits {
            guard !bytes.isEmpty else { bytes.append(b); continue }
            let i = position % bytes.count
            switch b % 6 {
            case 0: bytes[i] = b
            case 1: bytes.insert(b, at: i)
            case 2: bytes.remove(at: i)
            case 3: bytes.insert(contentsOf: Array("[[{\"'\\=.#\n".utf8).shuffled().prefix(Int(b % 5) + 1), at: i)
            case 4:
                let end = bytes[i...].firstIndex(of: 0x0A) ?? bytes.count
                bytes.insert(contentsOf: bytes[i..<end], at: i)
            default: bytes.replaceSubrange(i..<min(bytes.count, i + Int(b % 8)), with: [0xFF, 0xC3, 0x00, 0x1B].prefix(Int(b % 4)))
            }
        }
        return bytes
    }

    /// The parse error, if any (a helper outside the async closures keeps the typed throw).
    static func tomlError(_ text: String) -> TOMLError? {
        do { _ = try TOML.parse(text); return nil } catch { return error }
    }

    static func themeError(_ text: String) -> TOMLError? {
        do { _ = try Theme.parse(text); return nil } catch { return error }
    }

    static func lineCount(_ text: String) -> Int { text.utf8.filter { $0 == 0x0A }.count + 1 }

    @Test func mutatedConfigAndThemesGiveALineNumberedErrorOrAResult() async {
        let edits = zip(Gen.int(in: 0...100_000), Gen.uint8()).array(of: 1...12)
        let corpus = Self.corpus
        await propertyCheck(count: 500, input: Gen.int(in: 0...(corpus.count - 1)), edits) { which, edits in
            let text = String(decoding: Self.mutate(corpus[which], edits), as: UTF8.self)
            let lines = Self.lineCount(text)
            if let error = Self.tomlError(text) {
                #expect((1...lines).contains(error.line), "line \(error.line) of \(lines): \(error.message)")
                #expect(!error.message.isEmpty)
            }
            let (_, messages) = Config.parse(text)
            for m in messages where m.line != nil {
                #expect((1...lines).contains(m.line ?? 0), "\(m)")
            }
            if let error = Self.themeError(text) {
                #expect((1...lines).contains(error.line))
            }
        }
    }

    @Test func randomBytesNeverCrashTheParsers() async {
        await propertyCheck(count: 500, input: Gen.uint8().array(of: 0...300)) { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            let lines = Self.lineCount(text)
            if let error = Self.tomlError(text) {
                #expect((1...lines).contains(error.line))
            }
            let (config, messages) = Config.parse(text)
            if messages.contains(where: { $0.message.hasSuffix("using the default settings") }) {
                #expect(config == Config())
            }
        }
    }

    @Test func syntaxErrorsNameTheRightLine() async {
        // A valid file with one broken line inserted: the error names that line.
        let broken = ["x = ", "= 1", "k = \"open", "k = [1, 2", "[table", "k = {a = 1", "k = tru", "k = 1 2", "[[a.b]]", "a.=1"]
        await propertyCheck(count: 200, input: Gen.int(in: 0...9), Gen.int(in: 0...12)) { which, at in
            var lines = Self.sampleConfig.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let index = min(at, lines.count)
            lines.insert(broken[which], at: index)
            let text = lines.joined(separator: "\n")
            let error = Self.tomlError(text)
            #expect(error != nil)
            if let error {
                // Errors in a value may be reported where the value ends; never before the broken line.
                #expect(error.line >= index + 1 && error.line <= lines.count, "\(broken[which]) at line \(index + 1): \(error)")
            }
        }
    }

    @Test func deepNestingIsAnErrorNotAStackOverflow() throws {
        for opener in ["[", "{a=", "{a={b="] {
            let text = "k = " + String(repeating: opener, count: 200_000)
            #expect(throws: TOMLError.self) { _ = try TOML.parse(text) }
        }
        let longKey = (0..<100_000).map { _ in "a" }.joined(separator: ".") + " = 1"
        do {
            let doc = try TOML.parse(longKey)
            #expect(doc["a"] != nil)
        } catch {
            #expect(error.line == 1)
        }
        let longHeader = "[" + (0..<100_000).map { _ in "t" }.joined(separator: ".") + "]\nx = 1"
        do { _ = try TOML.parse(longHeader) } catch { #expect(error.line == 1) }
    }
}
