// Test-only control endpoints for `wrike-tui sandbox serve --test-control` (the server listens on
// 127.0.0.1 only): end-to-end tests read the sandbox's data back and schedule faults over HTTP.
//
//   GET    /__sandbox/snapshot  the whole dataset as JSON (Dataset format)
//   GET    /__sandbox/log       the request log: [{"method","path","status","applied"}]
//   POST   /__sandbox/faults    schedule a fault: {"count":1,"status":429,"method":"PUT","pathPrefix":"/tasks"}
//                               or {"kind":"dropConnection"|"applyThenDrop", ...}, or {"kind":"delay","ms":8000, ...}
//   DELETE /__sandbox/faults    clear scheduled faults
//   POST   /__sandbox/lock      lock time entries: {"through":"2026-11-30"} ({} unlocks)
//   POST   /__sandbox/comment   a comment by someone else: {"taskId","authorId","text"} (SandboxControl+Comment.swift)
import Foundation
import WrikeAPI

public enum SandboxControl {
    public static let prefix = "/__sandbox/"

    struct FaultSpec: Decodable {
        var count: Int?
        var status: Int?
        var kind: String?
        var method: String?
        var pathPrefix: String?
        /// For `"kind":"delay"`: how long the request is held.
        var ms: Int?
    }

    struct LockSpec: Decodable {
        var through: String?
    }

    struct LogLine: Encodable {
        var method: String
        var path: String
        var status: Int?
        var applied: Bool
    }

    /// Answers control requests; nil for other paths.
    public static func handle(_ request: HTTPRequest, sandbox: Sandbox) -> HTTPResponse? {
        guard request.path.hasPrefix(prefix) else { return nil }
        let name = String(request.path.dropFirst(prefix.count))
        func json(_ data: Data, status: Int = 200) -> HTTPResponse {
            HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: data)
        }
        func error(_ status: Int, _ message: String) -> HTTPResponse {
            json(Data(#"{"error":"\#(message)"}"#.utf8), status: status)
        }
        switch (request.method, name) {
        case (.get, "snapshot"):
            guard let data = try? sandbox.snapshot().encoded() else { return error(500, "cannot encode") }
            return json(data)
        case (.get, "log"):
            let lines = sandbox.requestLog.map {
                LogLine(method: $0.method.rawValue, path: $0.path, status: $0.status, applied: $0.applied)
            }
            guard let data = try? JSONEncoder().encode(lines) else { return error(500, "cannot encode") }
            return json(data)
        case (.post, "faults"):
            guard let body = request.body, let spec = try? JSONDecoder().decode(FaultSpec.self, from: body) else {
                return error(400, "expected {count,status|kind,ms,method,pathPrefix}")
            }
            let kind: Fault.Kind
            switch spec.kind {
            case "dropConnection"?: kind = .dropConnection
            case "applyThenDrop"?: kind = .applyThenDrop
            case "delay"?:
                guard let ms = spec.ms, (0...600_000).contains(ms) else { return error(400, "delay needs ms (0-600000)") }
                kind = .delay(.milliseconds(ms))
            case nil, "status"?:
                guard let s = spec.status, (100...599).contains(s) else { return error(400, "status must be 100-599") }
                kind = .status(s)
            default: return error(400, "unknown kind")
            }
            let method = spec.method.flatMap { HTTPMethod(rawValue: $0.uppercased()) }
            if spec.method != nil && method == nil { return error(400, "unknown method") }
            sandbox.schedule(Fault(count: max(1, spec.count ?? 1), kind: kind, method: method, pathPrefix: spec.pathPrefix))
            return json(Data(#"{"ok":true}"#.utf8))
        case (.post, "lock"):
            guard let body = request.body, let spec = try? JSONDecoder().decode(LockSpec.self, from: body),
                  spec.through.map(WrikeDate.isDate) ?? true else {
                return error(400, "expected {\"through\":\"yyyy-MM-dd\"}")
            }
            sandbox.lockTimelogs(through: spec.through)
            return json(Data(#"{"ok":true}"#.utf8))
        case (.post, "comment"):
            guard let body = request.body, let spec = try? JSONDecoder().decode(CommentSpec.self, from: body) else {
                return error(400, "expected {\"taskId\",\"authorId\",\"text\"}")
            }
            guard let c = sandbox.addComment(taskId: spec.taskId, authorId: spec.authorId, text: spec.text),
                  let data = try? JSONEncoder().encode(c) else { return error(404, "no such task") }
            return json(data)
        case (.delete, "faults"):
            sandbox.clearFaults()
            return json(Data(#"{"ok":true}"#.utf8))
        default:
            return error(404, "unknown control endpoint")
        }
    }
}
