// edit-description's editor run: the core says what the editor starts with (`beginDescriptionEdit`),
// the terminal goes to $VISUAL / $EDITOR (no shell; `ExternalEditor`), and a changed text is kept on
// disk (`DraftStore.saveDescription`) before its event reaches the core, which sends the PUT. So the
// words are on disk before the request leaves, and survive a refusal, a crash or a hangup. See
// docs/editing.md.
import Browser
import BrowserRuntime

extension BrowserApp {
    mutating func editDescription(context: inout LoopContext) {
        guard state.session.bootstrap == .loaded else { return }
        let store = runner.drafts
        let profile = state.actions.profile
        guard let start = state.beginDescriptionEdit(keptOnDisk: { store?.loadDescription(profile: profile, taskId: $0) }) else {
            return
        }
        let runner = self.runner
        let environment = self.environment
        context.releaseTerminal {
            func keep(_ text: String) -> String? {
                guard text != start.original else { return nil }
                do {
                    try store?.saveDescription(text, profile: profile, taskId: start.taskId)
                    return nil
                } catch {
                    return "Your text could not be kept on disk (\(error.message)); it is kept until the app ends."
                }
            }
            func deliver(_ text: String?, _ error: String?) {
                runner.deliver(.descriptionEdited(DescriptionEdited(start: start, text: text, error: error)))
            }
            do {
                let text = try ExternalEditor.edit(start.text, environment: environment, fileName: "wrike-description.md",
                                                   appEnding: { exitSignalPending })
                deliver(text, keep(text))
            } catch ExternalEditorError.interrupted(_, _, let text) {
                deliver(text, keep(text))
            } catch ExternalEditorError.failed(let command, let status) {
                deliver(nil, "The editor \(command) exited with status \(status); the description was not changed.")
            } catch {
                deliver(nil, "The editor failed: \(error)")
            }
        }
    }
}
