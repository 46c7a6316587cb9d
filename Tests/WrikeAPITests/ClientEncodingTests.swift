import Foundation
import Testing
@testable import WrikeAPI

@Suite struct ClientEncodingTests {
    @Test func timestampsHaveSecondsAndNoMillis() {
        let d = Date(timeIntervalSince1970: 1_550_402_265.987) // 2019-02-17T11:17:45.987Z
        #expect(WrikeFormat.timestamp(d) == "2019-02-17T11:17:45Z")
        #expect(WrikeFormat.day(d) == "2019-02-17")
        #expect(WrikeFormat.timestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(WrikeFormat.timestamp(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
        #expect(WrikeFormat.parseTimestamp("2019-02-17T11:17:45Z") == Date(timeIntervalSince1970: 1_550_402_265))
        #expect(WrikeFormat.parseTimestamp("garbage") == nil)
    }

    @Test func timestampRoundTripsOverManyDates() {
        var s: UInt64 = 42
        for _ in 0..<2000 {
            s = s &* 6364136223846793005 &+ 1442695040888963407
            let secs = Double(s % 4_000_000_000)
            let d = Date(timeIntervalSince1970: secs)
            #expect(WrikeFormat.parseTimestamp(WrikeFormat.timestamp(d)) == d)
        }
    }

    @Test func arraysAndObjectsAreJSONText() throws {
        var q = QueryBuilder()
        q.add("fields", ["responsibleIds", "parentIds"])
        q.add("status", ["Active"])
        q.add("empty", [String]())
        q.add("descendants", false)
        q.add("pageSize", 100)
        q.add("updatedDate", TimestampRange(start: Date(timeIntervalSince1970: 1_550_402_265),
                                            end: Date(timeIntervalSince1970: 1_550_575_065)))
        q.add("dueDate", DateFilter(equal: "2024-09-06"))
        q.add("title", nil as String?)
        #expect(q.items == [
            QueryItem("fields", #"["responsibleIds","parentIds"]"#),
            QueryItem("status", #"["Active"]"#),
            QueryItem("descendants", "false"),
            QueryItem("pageSize", "100"),
            QueryItem("updatedDate", #"{"end":"2019-02-19T11:17:45Z","start":"2019-02-17T11:17:45Z"}"#),
            QueryItem("dueDate", #"{"equal":"2024-09-06"}"#),
        ])
    }

    @Test func jsonStringEscapes() {
        #expect(WrikeFormat.jsonArray(["a\"b", "c\\d", "e\nf", "\u{1}"]) == #"["a\"b","c\\d","e\nf","\u0001"]"#)
    }

    @Test func percentEncodingEscapesEverythingButUnreserved() {
        #expect(WrikeFormat.percentEncode(#"["a b","c+d"]"#) == "%5B%22a%20b%22%2C%22c%2Bd%22%5D")
        #expect(WrikeFormat.percentEncode("é&=") == "%C3%A9%26%3D")
        #expect(WrikeFormat.queryString([QueryItem("fields", #"["x"]"#), QueryItem("t", "a&b")])
                == "fields=%5B%22x%22%5D&t=a%26b")
    }

    @Test func urlSessionTransportBuildsURLs() throws {
        let t = try SocketTransport(baseURL: try #require(URL(string: "https://app-eu.wrike.com/api/v4/")))
        let u = t.url(for: HTTPRequest(path: "/tasks/IEAB,MAAAAAEQ_kSH",
                                       query: [QueryItem("fields", #"["description"]"#)]))
        #expect(u?.absoluteString == "https://app-eu.wrike.com/api/v4/tasks/IEAB,MAAAAAEQ_kSH?fields=%5B%22description%22%5D")
        let h = try SocketTransport(host: "www.wrike.com")
        #expect(h.baseURL.absoluteString == "https://www.wrike.com/api/v4")
    }

    @Test func plainHTTPOnlyForLoopback() throws {
        for ok in ["http://127.0.0.1:8080/api/v4", "http://localhost:9/api/v4", "http://[::1]:80/api/v4", "http://127.8.9.10/api/v4"] {
            #expect(throws: Never.self) { try SocketTransport(baseURL: try #require(URL(string: ok))) }
        }
        for bad in ["http://www.wrike.com/api/v4", "http://128.0.0.1/api/v4", "http://127.0.0.1.evil.com/api/v4",
                    "http://10.0.0.1/api/v4"] {
            #expect(throws: TransportConfigurationError.self) { try SocketTransport(baseURL: try #require(URL(string: bad))) }
        }
        #expect(throws: TransportConfigurationError.self) {
            try SocketTransport(baseURL: try #require(URL(string: "ftp://127.0.0.1/api/v4")))
        }
    }

    @Test func readErrorsAreUnknownOutcomesOrCancellations() {
        for e: HTTPWire.ReadError in [.timedOut, .failed, .closedEarly, .nothingReceived, .malformed("x")] {
            if case .outcomeUnknown = SocketTransport.map(e) {} else { Issue.record("\(e) must be outcomeUnknown") }
        }
        #expect(SocketTransport.map(.cancelled) == .cancelled)
    }

    @Test func idChunksAreUniqueAndOrdered() {
        let ids = (0..<250).map { "ID\($0)" } + ["ID3", "ID7"]
        let chunks = IDList.chunks(ids, size: 100)
        #expect(chunks.map(\.count) == [100, 100, 50])
        #expect(chunks.flatMap { $0 } == (0..<250).map { "ID\($0)" })
    }
}
