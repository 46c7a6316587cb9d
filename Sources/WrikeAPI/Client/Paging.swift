import Foundation

/// One page of a paged list.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    /// 0 for the first page.
    public var index: Int
    /// The token for the next page, nil on the last one.
    public var nextPageToken: String?
    /// Wrike's total count of matching items, when it says.
    public var responseSize: Int?
    /// Body size of this page.
    public var bytes: Int

    public init(items: [Item], index: Int, nextPageToken: String?, responseSize: Int?, bytes: Int) {
        self.items = items
        self.index = index
        self.nextPageToken = nextPageToken
        self.responseSize = responseSize
        self.bytes = bytes
    }

    public var isLast: Bool { nextPageToken == nil }
}

/// The first page at once, the rest as they come.
public struct PagedResult<Item: Sendable>: Sendable {
    public let first: Page<Item>
    /// The following pages (empty when `first.isLast`). Cancelling the iteration stops the requests.
    public let rest: AsyncThrowingStream<Page<Item>, any Error>
}

extension WrikeClient {
    /// All pages of a paged GET as a stream. Every request resends `query` (filters and `fields`)
    /// plus `pageSize`; the paging stops on a missing or repeated token or an empty page.
    public func pages<Item: Decodable & Sendable>(
        _ path: String, query: [QueryItem] = [], pageSize: Int? = nil, as: Item.Type = Item.self,
        priority: RequestPriority = .normal
    ) -> AsyncThrowingStream<Page<Item>, any Error> {
        pageStream(path, query: query, pageSize: pageSize ?? configuration.pageSize, from: nil, index: 0,
                   seen: [], priority: priority)
    }

    /// The first page now, and a stream of the remaining pages.
    public func firstPage<Item: Decodable & Sendable>(
        _ path: String, query: [QueryItem] = [], pageSize: Int? = nil, as: Item.Type = Item.self,
        priority: RequestPriority = .interactive
    ) async throws -> PagedResult<Item> {
        let size = pageSize ?? configuration.pageSize
        let first: Page<Item> = try await fetchPage(path, query: query, pageSize: size, token: nil, index: 0,
                                                    priority: priority)
        var seen = Set<String>()
        guard let next = Self.nextToken(first, seen: &seen) else {
            let (s, c) = AsyncThrowingStream<Page<Item>, any Error>.makeStream()
            c.finish()
            return PagedResult(first: Page(items: first.items, index: 0, nextPageToken: nil,
                                           responseSize: first.responseSize, bytes: first.bytes), rest: s)
        }
        let rest: AsyncThrowingStream<Page<Item>, any Error> =
            pageStream(path, query: query, pageSize: size, from: next, index: 1, seen: seen, priority: priority)
        return PagedResult(first: first, rest: rest)
    }

    /// Every page, concatenated. `bytes` sums the bodies; tags are left to the caller.
    public func allPages<Item: Decodable & Sendable>(
        _ path: String, query: [QueryItem] = [], pageSize: Int? = nil, as: Item.Type = Item.self,
        priority: RequestPriority = .normal
    ) async throws -> Loaded<[Item]> {
        var items: [Item] = []
        var bytes = 0
        for try await page in pages(path, query: query, pageSize: pageSize, as: Item.self, priority: priority) {
            if items.isEmpty, let total = page.responseSize { items.reserveCapacity(min(total, 1_000_000)) }
            items += page.items
            bytes += page.bytes
        }
        return Loaded(items, bytes: bytes)
    }

    /// Reads by ids: unique ids chunked by `batchSize` (100), one request per chunk, all chunks in
    /// flight together (the limiter still caps them). Results follow the order of `ids` (first
    /// occurrence); ids Wrike did not return are left out.
    /// `path` builds the request path from a comma-separated id list (`{ "/tasks/\($0)" }`).
    public func batch<Item: Decodable & Sendable>(
        ids: [String], path: @escaping @Sendable (String) -> String, query: [QueryItem] = [],
        id: @escaping @Sendable (Item) -> String, priority: RequestPriority = .normal
    ) async throws -> Loaded<[Item]> {
        let chunks = IDList.chunks(ids, size: configuration.batchSize)
        guard !chunks.isEmpty else { return Loaded([], bytes: 0) }
        var byID: [String: Item] = [:]
        var bytes = 0
        try await withThrowingTaskGroup(of: WirePage<Item>.self) { group in
            for chunk in chunks {
                group.addTask { [self] in
                    try await envelope(.get, path(IDList.join(chunk)), query: query, as: Item.self, priority: priority)
                }
            }
            for try await page in group {
                bytes += page.bytes
                for item in page.data { byID[id(item)] = item }
            }
        }
        var seen = Set<String>()
        var out: [Item] = []
        out.reserveCapacity(byID.count)
        for i in ids where seen.insert(i).inserted {
            if let item = byID[i] { out.append(item) }
        }
        return Loaded(out, bytes: bytes)
    }

    /// What `batchSplittingNotFound` read.
    public struct SplitBatch<Item: Sendable>: Sendable {
        /// The items read, in the order of `ids` (first occurrence).
        public var items: Loaded<[Item]>
        /// Ids Wrike answered 404 for, alone: deleted, or not visible to the user.
        public var notFound: Set<String>
        /// Ids in a chunk still answered 404 when the extra requests ran out (not read, not proved missing).
        public var unresolved: Set<String>
    }

    /// Reads by ids where Wrike answers 404 for the whole request when one id does not exist or is not
    /// visible (`GET /dependencies/{ids}`). Like `batch`; then a chunk answered 404 is halved and both
    /// halves read again (together), down to single ids: one missing id among 100 costs about 14 more
    /// requests, and every other id is still read. At most `maxSplitRequests` more requests per call:
    /// what is left then is `unresolved`. Other errors are thrown as by `batch`.
    public func batchSplittingNotFound<Item: Decodable & Sendable>(
        ids: [String], path: @escaping @Sendable (String) -> String, query: [QueryItem] = [],
        id: @escaping @Sendable (Item) -> String, priority: RequestPriority = .normal, maxSplitRequests: Int = 32
    ) async throws -> SplitBatch<Item> {
        var pending = IDList.chunks(ids, size: configuration.batchSize)
        var byID: [String: Item] = [:]
        var bytes = 0
        var notFound = Set<String>()
        var unresolved = Set<String>()
        var extra = 0
        while !pending.isEmpty {
            let round = pending
            pending = []
            // Each chunk of this round: its page, or nil when Wrike answered 404.
            let answers = try await withThrowingTaskGroup(of: ([String], WirePage<Item>?).self) { group in
                for chunk in round {
                    group.addTask { [self] in
                        do {
                            return (chunk, try await envelope(.get, path(IDList.join(chunk)), query: query, as: Item.self,
                                                              priority: priority))
                        } catch let e as APIError where e.kind == .notFound {
                            return (chunk, nil)
                        }
                    }
                }
                var out: [([String], WirePage<Item>?)] = []
                for try await a in group { out.append(a) }
                return out
            }
            for (chunk, page) in answers {
                if let page {
                    bytes += page.bytes
                    for item in page.data { byID[id(item)] = item }
                } else if chunk.count == 1 {
                    notFound.insert(chunk[0])
                } else if extra + 2 <= maxSplitRequests {
                    extra += 2
                    let mid = chunk.count / 2
                    pending += [Array(chunk[..<mid]), Array(chunk[mid...])]
                } else {
                    unresolved.formUnion(chunk)
                }
            }
        }
        var seen = Set<String>()
        let out = ids.compactMap { i in seen.insert(i).inserted ? byID[i] : nil }
        return SplitBatch(items: Loaded(out, bytes: bytes), notFound: notFound, unresolved: unresolved)
    }

    // MARK: - internals

    func fetchPage<Item: Decodable & Sendable>(
        _ path: String, query: [QueryItem], pageSize: Int, token: String?, index: Int, priority: RequestPriority
    ) async throws -> Page<Item> {
        var q = query
        q.append(QueryItem("pageSize", String(pageSize)))
        if let token { q.append(QueryItem("nextPageToken", token)) }
        let w = try await envelope(.get, path, query: q, as: Item.self, priority: priority)
        return Page(items: w.data, index: index, nextPageToken: w.nextPageToken, responseSize: w.responseSize,
                    bytes: w.bytes)
    }

    /// The token to follow after `page`, or nil when paging must stop (and then the page is the last).
    static func nextToken<Item>(_ page: Page<Item>, seen: inout Set<String>) -> String? {
        guard !page.items.isEmpty, let t = page.nextPageToken, !t.isEmpty, seen.insert(t).inserted else { return nil }
        return t
    }

    private func pageStream<Item: Decodable & Sendable>(
        _ path: String, query: [QueryItem], pageSize: Int, from start: String?, index: Int, seen: Set<String>,
        priority: RequestPriority
    ) -> AsyncThrowingStream<Page<Item>, any Error> {
        let (stream, continuation) = AsyncThrowingStream<Page<Item>, any Error>.makeStream()
        let task = Task { [self] in
            var token = start
            var index = index
            var seen = seen
            do {
                while true {
                    var page: Page<Item> = try await fetchPage(path, query: query, pageSize: pageSize, token: token,
                                                               index: index, priority: priority)
                    let next = Self.nextToken(page, seen: &seen)
                    if next == nil { page.nextPageToken = nil }
                    continuation.yield(page)
                    guard let next else { break }
                    token = next
                    index += 1
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}
