// Datasets for the benchmark: the sandbox generator, with every task moved into one folder so that a
// single listing holds them all.
import Foundation
import WrikeAPI
import WrikeSandbox

struct FolderDataset {
    var dataset: Dataset
    /// The folder that holds every task (a direct child of the first space, visible when the tree opens).
    var folderId: String
    var taskCount: Int
}

enum Datasets {
    /// `tasks` generated tasks (about 15% subtasks), all in one folder under the first space.
    static func oneFolder(tasks: Int, seed: UInt64 = 42) throws -> FolderDataset {
        var d = DatasetGenerator.generate(tasks: tasks, seed: seed)
        guard let space = d.spaces.first?.id,
              let folder = d.folders.first(where: { $0.parentIds?.contains(space) == true && $0.project == nil })?.id
        else { throw BenchError.setup("the generated dataset has no folder under its first space") }
        for i in d.tasks.indices {
            if d.tasks[i].superTaskIds?.isEmpty ?? true {
                d.tasks[i].parentIds = [folder]
            } else {
                d.tasks[i].parentIds = []
                d.tasks[i].superParentIds = [folder]
            }
        }
        return FolderDataset(dataset: d, folderId: folder, taskCount: d.tasks.count)
    }
}
