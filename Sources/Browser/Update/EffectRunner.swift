// Runs load effects on background tasks against a `WrikeService` and posts the results as events.
import Foundation
import WrikeAPI

public final class EffectRunner: Sendable {
    public let service: any WrikeService
    private let post: @Sendable (Event) -> Void

    /// `post` is called from background tasks (e.g. `Inbox.post`).
    public init(service: any WrikeService, post: @escaping @Sendable (Event) -> Void) {
        self.service = service
        self.post = post
    }

    /// Starts the load effects in the list; terminal effects (clipboard, hyperlink, quit) are ignored
    /// here (the app does them). Returns the tasks started (tests may await them).
    @discardableResult
    public func run(_ effects: [Effect]) -> [Task<Void, Never>] {
        effects.compactMap { effect in
            switch effect {
            case .copyToClipboard, .showHyperlink, .quit: return nil
            default:
                let service = self.service
                let post = self.post
                return Task.detached { await Self.perform(effect, service: service, post: post) }
            }
        }
    }

    static func result<T>(_ body: () async throws -> T) async -> Result<T, ServiceFailure> {
        do { return .success(try await body()) } catch { return .failure(ServiceFailure.from(error)) }
    }

    /// Performs one effect and posts its events (also used directly by tests).
    public static func perform(_ effect: Effect, service: any WrikeService, post: @escaping @Sendable (Event) -> Void) async {
        switch effect {
        case .loadBootstrap:
            post(.bootstrap(await Self.result { try await service.bootstrap() }))
        case .loadTree(let space):
            post(.tree(spaceId: space, await Self.result { try await service.folderTree(spaceId: space) }))
        case .loadTasks(let folder, let generation, let token, let size):
            let r = await Self.result { try await service.tasks(inFolder: folder, pageSize: size, pageToken: token) }
            post(.taskPage(folderId: folder, generation: generation, firstPage: token == nil, r))
        case .loadDependencies(let ids):
            post(.dependencies(await Self.result { try await service.dependencies(ids: ids) }))
        case .loadTasksById(let ids):
            post(.tasksById(await Self.result { try await service.tasks(ids: ids) }))
        case .loadDetail(let id):
            // The task first (the header), then the parts concurrently, each posted as it arrives.
            post(.detailTask(taskId: id, await Self.result { try await service.tasks(ids: [id]).first }))
            await withTaskGroup(of: Void.self) { group in
                group.addTask { post(.comments(taskId: id, await Self.result { try await service.comments(taskId: id) })) }
                group.addTask { post(.approvals(taskId: id, await Self.result { try await service.approvals(taskId: id) })) }
                group.addTask {
                    post(.taskDependencies(taskId: id, await Self.result { try await service.dependencies(taskId: id) }))
                }
                group.addTask { post(.attachments(taskId: id, await Self.result { try await service.attachments(taskId: id) })) }
                group.addTask { post(.timelogs(taskId: id, await Self.result { try await service.timelogs(taskId: id) })) }
            }
        case .invalidateCache:
            await service.invalidate()
        case .copyToClipboard, .showHyperlink, .quit:
            break
        }
    }
}
