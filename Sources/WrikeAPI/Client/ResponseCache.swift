import Foundation

/// What a cached response is, which decides how long it stays fresh.
public enum CacheKind: String, Sendable, Hashable, CaseIterable {
    case account, contacts, workflows, spaces, folderTree, folders, customFields, timelogCategories
    case taskList, task, comments, timelogs, dependencies, approvals, attachments
    case other
}

/// Time to live per kind and memory bounds.
public struct CachePolicy: Sendable, Hashable {
    public var ttl: [CacheKind: TimeInterval]
    /// Used for kinds missing from `ttl`.
    public var defaultTTL: TimeInterval
    public var maxEntries: Int
    /// Approximate: the size of the response bodies an entry was decoded from.
    public var maxBytes: Int

    public static let longTTL: TimeInterval = 600
    public static let shortTTL: TimeInterval = 30
    public static let detailTTL: TimeInterval = 120

    public init(ttl: [CacheKind: TimeInterval]? = nil, defaultTTL: TimeInterval = 30,
                maxEntries: Int = 2_000, maxBytes: Int = 64 << 20) {
        self.ttl = ttl ?? [
            .account: Self.longTTL, .contacts: Self.longTTL, .workflows: Self.longTTL, .spaces: Self.longTTL,
            .folderTree: Self.longTTL, .customFields: Self.longTTL, .timelogCategories: Self.longTTL,
            .folders: 120,
            // A task's detail reads live two minutes: walking a 50-task folder at Wrike's rate takes about a
            // minute, and going back over it should cost nothing. Writes update or drop what they change, and
            // `r` refreshes explicitly.
            .taskList: Self.shortTTL, .task: Self.detailTTL, .comments: Self.detailTTL, .timelogs: Self.detailTTL,
            .dependencies: Self.detailTTL, .approvals: Self.detailTTL, .attachments: Self.detailTTL,
        ]
        self.defaultTTL = defaultTTL
        self.maxEntries = max(1, maxEntries)
        self.maxBytes = max(1, maxBytes)
    }

    public func timeToLive(_ kind: CacheKind) -> TimeInterval { ttl[kind] ?? defaultTTL }

    /// Nothing is kept.
    public static let disabled = CachePolicy(ttl: [:], defaultTTL: 0)
}

/// How a read uses the cache.
public enum CacheUse: Sendable, Hashable {
    /// A fresh cached value if there is one, else the network (single-flight).
    case useCache
    /// Always the network (sharing a request already in flight), then store.
    case refresh
}

/// A value read from the cache or the network, for stale-while-revalidate.
public enum Revalidated<Value: Sendable>: Sendable {
    /// What the cache held, at once; `age` in seconds; `isFresh` when still within its TTL.
    case cached(Value, age: TimeInterval, isFresh: Bool)
    /// The answer from Wrike.
    case fresh(Value)

    public var value: Value {
        switch self {
        case .cached(let v, _, _), .fresh(let v): return v
        }
    }
    public var isFromNetwork: Bool {
        if case .fresh = self { return true }
        return false
    }
}

/// What a loader produced: the value, the size of the bodies it came from, and the tags (ids) it
/// contains so writes can find it.
public struct Loaded<Value: Sendable>: Sendable {
    public var value: Value
    public var bytes: Int
    public var tags: Set<String>
    public init(_ value: Value, bytes: Int, tags: Set<String> = []) {
        self.value = value
        self.bytes = bytes
        self.tags = tags
    }
}

/// Cache statistics, for tests and the benchmark.
public struct CacheStats: Sendable, Hashable {
    public var entries: Int
    public var bytes: Int
    public var hits: Int
    public var misses: Int
    public var sharedInFlight: Int
    public var evictions: Int
}

/// The in-memory response cache of one client (one account): decoded values keyed by
/// method+path+query, TTL per kind, LRU bounded by entries and bytes, single-flight loads, tags
/// for write-through patching and invalidation.
public actor ResponseCache {
    struct Entry {
        var value: any Sendable
        var bytes: Int
        var storedAt: Date
        var kind: CacheKind
        var tags: Set<String>
        var lastUse: UInt64
    }

    private struct Flight {
        let id: UInt64
        let task: Task<Loaded<any Sendable>, any Error>
    }

    public let policy: CachePolicy
    private let clock: any ClientClock
    private var entries: [String: Entry] = [:]
    private var flights: [String: Flight] = [:]
    private var tick: UInt64 = 0
    private var flightID: UInt64 = 0
    private var totalBytes = 0
    /// Bumped by every invalidation or patch; a load that overlapped one is not stored.
    private var epoch: UInt64 = 0
    private var hits = 0, misses = 0, shared = 0, evictions = 0

    public init(policy: CachePolicy = .init(), clock: any ClientClock = SystemClock()) {
        self.policy = policy
        self.clock = clock
    }

    public var stats: CacheStats {
        CacheStats(entries: entries.count, bytes: totalBytes, hits: hits, misses: misses,
                   sharedInFlight: shared, evictions: evictions)
    }

    public var keys: [String] { Array(entries.keys) }

    /// The cached value for `key` regardless of age, with its age and freshness.
    public func peek<T: Sendable>(_ key: String, as: T.Type = T.self) -> (value: T, age: TimeInterval, isFresh: Bool)? {
        guard var e = entries[key], let v = e.value as? T else { return nil }
        tick += 1
        e.lastUse = tick
        entries[key] = e
        let age = clock.now.timeIntervalSince(e.storedAt)
        return (v, age, age < policy.timeToLive(e.kind))
    }

    /// Returns a fresh cached value, or loads it once however many callers ask at the same time.
    public func value<T: Sendable>(_ key: String, kind: CacheKind, use: CacheUse = .useCache,
                                   load: @escaping @Sendable () async throws -> Loaded<T>) async throws -> T {
        if use == .useCache, let hit = peek(key, as: T.self), hit.isFresh {
            hits += 1
            return hit.value
        }
        if let flight = flights[key] {
            shared += 1
            return try Self.cast(try await flight.task.value.value)
        }
        misses += 1
        flightID += 1
        let id = flightID
        let startEpoch = epoch
        let task = Task<Loaded<any Sendable>, any Error> {
            let l = try await load()
            return Loaded<any Sendable>(l.value, bytes: l.bytes, tags: l.tags)
        }
        flights[key] = Flight(id: id, task: task)
        do {
            let loaded = try await task.value
            if flights[key]?.id == id { flights[key] = nil }
            if epoch == startEpoch {
                store(key, loaded.value, bytes: loaded.bytes, kind: kind, tags: loaded.tags)
            }
            return try Self.cast(loaded.value)
        } catch {
            if flights[key]?.id == id { flights[key] = nil }
            throw error
        }
    }

    /// Stores a value (replacing any previous one) and evicts least-recently-used entries over the bounds.
    public func store(_ key: String, _ value: any Sendable, bytes: Int, kind: CacheKind, tags: Set<String> = []) {
        guard policy.timeToLive(kind) > 0 else { return }
        if let old = entries[key] { totalBytes -= old.bytes }
        tick += 1
        entries[key] = Entry(value: value, bytes: max(0, bytes), storedAt: clock.now, kind: kind, tags: tags,
                             lastUse: tick)
        totalBytes += max(0, bytes)
        evictIfNeeded(keep: key)
    }

    public func invalidate(key: String) {
        epoch += 1
        remove(key)
    }

    /// Drops every entry carrying `tag`.
    public func invalidate(tag: String) {
        epoch += 1
        for (k, e) in entries where e.tags.contains(tag) { remove(k) }
    }

    public func invalidate(kind: CacheKind) {
        epoch += 1
        for (k, e) in entries where e.kind == kind { remove(k) }
    }

    public func removeAll() {
        epoch += 1
        entries.removeAll()
        totalBytes = 0
    }

    /// Rewrites every entry carrying `tag` with `transform`; nil drops the entry. Keeps age and LRU rank.
    public func patch(tag: String, _ transform: @Sendable (any Sendable) -> (any Sendable)?) {
        epoch += 1
        for (k, e) in entries where e.tags.contains(tag) {
            if let v = transform(e.value) {
                entries[k]?.value = v
            } else {
                remove(k)
            }
        }
    }

    /// Adds tags to an existing entry (after a patch added an id to a list, say).
    public func addTags(_ tags: Set<String>, key: String) {
        entries[key]?.tags.formUnion(tags)
    }

    private func remove(_ key: String) {
        if let old = entries.removeValue(forKey: key) { totalBytes -= old.bytes }
    }

    private func evictIfNeeded(keep: String) {
        while entries.count > policy.maxEntries || (totalBytes > policy.maxBytes && entries.count > 1) {
            guard let victim = entries.filter({ $0.key != keep }).min(by: { $0.value.lastUse < $1.value.lastUse })?.key
            else { return }
            remove(victim)
            evictions += 1
        }
    }

    private static func cast<T>(_ v: any Sendable) throws -> T {
        guard let t = v as? T else {
            throw APIError(kind: .malformedResponse, detail: "cache holds \(type(of: v)), expected \(T.self)")
        }
        return t
    }
}
