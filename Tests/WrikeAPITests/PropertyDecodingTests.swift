import Foundation
import PropertyBased
import Testing
import TestSupport
import WrikeSandbox

@testable import WrikeAPI

/// Random mutations of real Wrike JSON (the samples and sandbox datasets) into the model decoders and
/// `Dataset.decode`: each gives a value or a typed error (`DecodingError`, `DatasetError`), never a crash.
@Suite(.offPool) struct PropertyDecodingTests {
    /// Applies mutations to a JSON value: each (selector, choice) picks a node in pre-order and replaces
    /// it, deletes it from its container, or changes a key.
    static func mutate(_ json: Any, _ edits: [(UInt32, UInt32)]) -> Any {
        var value = json
        for (selector, choice) in edits {
            var counter = Int(selector % 96)  // samples are small: most edits should land
            value = mutateNode(value, &counter, choice)
        }
        return value
    }

    /// JSON bytes for a mutated value. (swift-corelibs-foundation traps, rather than throws, on a
    /// top-level scalar: those are wrapped in an array.)
    static func serialize(_ value: Any) -> Data? {
        let root: Any = JSONSerialization.isValidJSONObject(value) ? value : [value]
        guard JSONSerialization.isValidJSONObject(root) else { return nil }
        return try? JSONSerialization.data(withJSONObject: root)
    }

    static func replacement(_ choice: UInt32) -> Any {
        switch choice % 16 {
        case 0: return NSNull()
        case 1: return Int(choice) - 2_000_000_000
        case 2: return Double(choice) / 7
        case 3: return "\u{1B}]0;pwned\u{07}"
        case 4: return true
        case 5: return [Any]()
        case 6: return [String: Any]()
        case 7: return String(repeating: "x", count: Int(choice % 5000))
        case 8: return ["nested": ["deeper": [1, "two", NSNull()]]]
        case 9: return 1e300
        case 10: return -0.0
        case 11: return "2026-13-45T99:99:99Z"
        case 12: return "IEAAAAAQKQAB5BG5"
        case 13: return Int64.max
        case 14: return ["data": [], "kind": "tasks"]
        default: return ""
        }
    }

    static func mutateNode(_ node: Any, _ counter: inout Int, _ choice: UInt32) -> Any {
        if counter == 0 {
            counter = -1
            return replacement(choice)
        }
        counter -= 1
        if var dict = node as? [String: Any] {
            for key in dict.keys.sorted() {
                guard counter >= 0 else { break }
                if counter == 0, choice % 3 == 0 {  // delete this key
                    dict[key] = nil
                    counter = -1
                    break
                }
                if counter == 0, choice % 3 == 1 {  // rename it
                    let v = dict[key]
                    dict[key] = nil
                    dict[key + "_x"] = v
                    counter = -1
                    break
                }
                if let child = dict[key] { dict[key] = mutateNode(child, &counter, choice) }
            }
            return dict
        }
        if var array = node as? [Any] {
            for i in array.indices {
                guard counter >= 0 else { break }
                if counter == 0, choice % 4 == 0 {
                    array.remove(at: i)
                    counter = -1
                    break
                }
                array[i] = mutateNode(array[i], &counter, choice)
            }
            return array
        }
        return node
    }

    /// Decodes `data` as every model; returns how many succeeded. Any error must be a DecodingError.
    static func decodeAsEveryModel(_ data: Data) -> Int {
        var ok = 0
        func attempt<T: Codable & Sendable>(_ type: T.Type) {
            do {
                _ = try JSONDecoder().decode(Envelope<T>.self, from: data)
                ok += 1
            } catch is DecodingError {
            } catch {
                Issue.record("\(T.self): not a DecodingError: \(error)")
            }
        }
        attempt(WrikeTask.self)
        attempt(Folder.self)
        attempt(FolderTreeEntry.self)
        attempt(Account.self)
        attempt(Contact.self)
        attempt(CustomField.self)
        attempt(Workflow.self)
        attempt(Group.self)
        attempt(WrikeAPI.Comment.self)
        attempt(Timelog.self)
        attempt(Dependency.self)
        attempt(Approval.self)
        attempt(Attachment.self)
        attempt(Space.self)
        do { _ = try JSONDecoder().decode(WrikeErrorBody.self, from: data) } catch is DecodingError {} catch {
            Issue.record("WrikeErrorBody: \(error)")
        }
        return ok
    }

    static let samples: [Data] = {
        let dir = samplesDirectory()
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return files.filter { $0.hasSuffix(".json") && !$0.hasPrefix("wrike-official-api-doc-model") }.sorted()
            .compactMap { try? Data(contentsOf: dir.appendingPathComponent($0)) }
    }()

    @Test func mutatedSamplesDecodeOrFailWithDecodingError() async throws {
        let samples = Self.samples
        try #require(samples.count >= 40)
        let edits = zip(Gen.uint32(), Gen.uint32()).array(of: 1...6)
        await propertyCheck(count: 300, input: Gen.int(in: 0...(samples.count - 1)), edits) { which, edits in
            guard let json = try? JSONSerialization.jsonObject(with: samples[which], options: [.fragmentsAllowed]) else {
                Issue.record("sample \(which) is not JSON")
                return
            }
            let mutated = Self.mutate(json, edits)
            guard let data = Self.serialize(mutated) else { return }
            _ = Self.decodeAsEveryModel(data)
        }
    }

    @Test func truncatedAndCorruptedBytesFailWithDecodingError() async throws {
        let samples = Self.samples
        try #require(!samples.isEmpty)
        await propertyCheck(count: 300, input: Gen.int(in: 0...(samples.count - 1)), Gen.int(in: 0...100_000),
                            Gen.uint8()) { which, cut, byte in
            let sample = samples[which]
            let truncated = sample.prefix(cut % max(1, sample.count))
            #expect(Self.decodeAsEveryModel(Data(truncated)) == 0 || truncated.count == sample.count)
            var corrupted = sample
            if !corrupted.isEmpty { corrupted[cut % corrupted.count] = byte }
            _ = Self.decodeAsEveryModel(corrupted)
        }
    }

    @Test func hostileBodiesAreErrorsNotCrashes() {
        let bodies: [String] = [
            "", " ", "null", "[]", "{}", "\"data\"", "{\"kind\":\"tasks\"}", "{\"data\":{}}", "{\"kind\":1,\"data\":[]}",
            "{\"kind\":\"tasks\",\"data\":[{}]}", "{\"kind\":\"tasks\",\"data\":[null]}",
            "{\"kind\":\"tasks\",\"data\":[{\"id\":1,\"title\":2}]}",
            "<html><body><h1>502 Bad Gateway</h1></body></html>",
            "{\"error\":\"server_error\",\"errorDescription\":\"\u{1B}]0;pwned\u{07}\"}",
            String(repeating: "[", count: 100_000), String(repeating: "{\"a\":", count: 100_000),
            "{\"kind\":\"tasks\",\"data\":[" + String(repeating: "{\"id\":\"x\",\"title\":\"t\"},", count: 2000) + "]",
            "{\"kind\":\"tasks\",\"data\":[{\"id\":\"x\",\"title\":\"t\",\"dates\":{\"type\":\"Wormhole\"},\"importance\":\"Max\"}]}",
            "\u{FEFF}{\"kind\":\"tasks\",\"data\":[]}", "{\"kind\":\"tasks\",\"data\":[]}garbage",
        ]
        for body in bodies {
            _ = Self.decodeAsEveryModel(Data(body.utf8))
        }
        #expect(Self.decodeAsEveryModel(Data("<html>".utf8)) == 0)
    }

    static let smallDataset: Data? = try? DatasetGenerator.generate(tasks: 12, folders: 3, seed: 7).encoded()

    @Test func mutatedDatasetsLoadOrFailWithADatasetError() async throws {
        let data = try #require(Self.smallDataset)
        let json = try JSONSerialization.jsonObject(with: data)
        _ = json
        let edits = zip(Gen.uint32(), Gen.uint32()).array(of: 1...5)
        await propertyCheck(count: 150, input: edits, Gen.int(in: 0...3)) { edits, how in
            guard let base = try? JSONSerialization.jsonObject(with: data) else { return }
            var bytes: Data
            switch how {
            case 0:
                bytes = data.prefix(Int(edits[0].0) % data.count)
            default:
                guard let d = Self.serialize(Self.mutate(base, edits)) else { return }
                bytes = d
            }
            do {
                let loaded = try Dataset.decode(bytes, file: "fuzz.json")
                #expect(loaded.tasks.count <= 13)
            } catch let error as DatasetError {
                #expect(error.file == "fuzz.json")
                #expect(!error.message.isEmpty)
                #expect(error.description.hasPrefix("fuzz.json: "))
            } catch {
                Issue.record("not a DatasetError: \(error)")
            }
        }
    }

    @Test func datasetFilesThatCannotBeReadAreDatasetErrors() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reliab-ds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: DatasetError.self) { _ = try Dataset.load(contentsOf: dir.appendingPathComponent("missing.json")) }
        #expect(throws: DatasetError.self) { _ = try Dataset.load(contentsOf: dir) }  // a directory
        let empty = dir.appendingPathComponent("empty.json")
        try Data().write(to: empty)
        #expect(throws: DatasetError.self) { _ = try Dataset.load(contentsOf: empty) }
        let hostile = dir.appendingPathComponent("hostile.json")
        try HostileDataset.make().encoded().write(to: hostile)
        let loaded = try Dataset.load(contentsOf: hostile)
        #expect(loaded.tasks.contains { $0.title.count >= HostileDataset.longTitleLength })
        #expect(loaded.comments.contains { $0.text.utf8.count >= HostileDataset.hugeCommentBytes - 1000 })
    }
}
