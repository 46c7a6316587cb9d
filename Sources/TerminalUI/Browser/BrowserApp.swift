// The browser on the event loop: keys -> keymap -> intents -> state + effects; effects run in the
// background and come back as events through the inbox.
import Browser
import BrowserRuntime
import Foundation
import Synchronization
import TermText

extension Key {
    /// The canonical key name used by the keymap ("j", "G", "ctrl-d", "s-tab", "pgdn", "enter", "f5").
    public var canonicalName: String {
        // The config spelling, lowercased where case carries no meaning ("S-Tab" -> "s-tab", "F5" -> "f5").
        switch self {
        case .char, .ctrl: configName
        default: configName.lowercased()
        }
    }

    /// The character the key types, if it types one.
    public var typedText: String? {
        if case .char(let c) = self { return String(c) }
        return nil
    }
}

extension Keymap {
    /// The default keymap with the config file's `[keys]` applied; problems come back as messages.
    public static func from(config: Config) -> (Keymap, [String]) {
        let (keymap, messages) = Keymap.defaults.applying(config.keys) { Key(parsing: $0)?.canonicalName }
        let (withCommands, more) = keymap.adding(commands: config.commands)
        return (withCommands, messages + more)
    }
}

public struct BrowserApp: App {
    public typealias Event = Browser.Event

    public var state: AppState
    public let runner: EffectRunner
    /// The clock (injectable for tests).
    public var clock: @Sendable () -> Date
    /// For `$VISUAL` / `$EDITOR`.
    public var environment: [String: String] = ProcessInfo.processInfo.environment
    /// Drafts found at start, offered once the account is loaded.
    public var startupDrafts: DraftListing?
    /// Keeps the last screen on disk for the next start (nil: not kept, e.g. `--demo`).
    public var screenKeeper: ScreenKeeper?
    /// The text `$EDITOR` returned, until its event is handled: a signal that ends the app first (the
    /// loop handles signals before posted events) still saves it as a draft (`prepareToExit`).
    let externalText = ExternalTextBox()
    /// Lines to print after the screen is gone (what was kept as a draft on the way out).
    public private(set) var exitNotes: [String] = []
    private var started = false
    var size = (width: 0, height: 0)

    public init(state: AppState, runner: EffectRunner, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.state = state
        self.runner = runner
        self.clock = clock
    }

    /// Applies an intent and carries out its effects.
    public mutating func dispatch(_ intent: Intent, context: inout LoopContext) {
        let focus = state.focus
        let effects = state.update(intent)
        perform(effects, context: &context)
        if state.focus != focus { relayout(context: &context) }
        if let name = state.actions.pendingCommand {
            state.actions.pendingCommand = nil
            runCustomCommand(name, context: &context)
        }
        tickSoonIfWaiting(&context)
    }

    /// Something waits for the clock (go-to's search, the detail following the cursor): a tick soon.
    func tickSoonIfWaiting(_ context: inout LoopContext) {
        if state.wantsTickSoon { context.tickWithin(Self.debounceTick) }
    }

    /// The tick interval while a debounce waits.
    static let debounceTick: Duration = .milliseconds(50)

    /// Tells the model the pane sizes for the terminal's size and focus, and performs what that asks for
    /// (a resize that brings the cursor near the end of the loaded tasks asks for the next page).
    mutating func relayout(context: inout LoopContext) {
        guard size.width > 0 else { return }
        let layout = BrowserLayout.compute(width: size.width, height: size.height, focus: state.focus)
        let vp = layout.viewport(state: state)
        if vp != state.viewport { perform(state.update(.layout(vp)), context: &context) }
    }

    mutating func perform(_ effects: [Browser.Effect], context: inout LoopContext) {
        guard !effects.isEmpty else { return }
        var quitBlocked = false
        for e in effects {
            switch e {
            case .keepDrafts(let drafts):
                // Saved here, not in the background: the process ends right after.
                if let failure = keep(drafts), !state.actions.quitLosingText {
                    quitBlocked = true
                    dispatch(.action(.draftsNotKept(failure)), context: &context)
                }
            case .quit:
                if !quitBlocked {
                    screenKeeper?.saveNow(state)
                    context.quit()
                }
            case .copyToClipboard(let text): context.copyToClipboard(text)
            case .showHyperlink(let url, let text):
                let x = BrowserRender.linkPrefix.count
                context.showHyperlink(url: url, text: text, x: x, y: max(0, context.height - 2))
            case .loadBootstrap, .loadDirectory, .revalidateBootstrap, .loadTree, .loadTasks, .loadDependencies,
                 .loadTasksById, .loadContacts, .loadDetail, .invalidateCache, .updateTask, .updateTasks, .deleteTask, .sendSteps, .addDependency,
                 .updateDependency, .deleteDependency, .createApproval, .cancelApproval, .updateComment, .deleteComment,
                 .loadTimelogCategories, .searchTasks, .loadMyApprovals, .loadMyTime, .revalidateTasks, .revalidateDetail,
                 .listDrafts, .timesheet, .timer, .resolvePermalink, .descriptionDraft, .inbox, .goTo, .links:
                break  // the runner's, below
            case .views(let v):
                // The process ends right after a quit: written here, not in the background.
                if effects.contains(.quit) { runner.performNow(v) }
            }
        }
        // Background work starts once this keystroke's frame is drawn: on a busy machine (or with the
        // in-process sandbox) it would otherwise compete with drawing it.
        let runner = self.runner
        context.afterFrame { runner.run(effects) }
    }

    public mutating func handle(key: Key, context: inout LoopContext) {
        if key == .resize {
            size = (context.width, context.height)
            // The screen's symbols (ASCII, the Linux console) for the text the model lays out.
            state.setGlyphs(context.glyphs)
            relayout(context: &context)
            if !started {
                started = true
                dispatch(.start, context: &context)
            }
            return
        }
        if BrowserLayout.compute(width: size.width, height: size.height, focus: state.focus).tooSmall {
            // Too small to draw anything: only quit works (and Ctrl-C, the terminal's interrupt key).
            if state.keymap.action(for: key.canonicalName) == .quit || key == .ctrl("c") { context.quit() }
            return
        }
        let filtering = state.keyMode == .filter || state.keyMode == .lineInput
        if let intent = state.keyIntent(key.canonicalName, typed: key.typedText) {
            let vp = state.viewport
            if let intent { dispatch(intent, context: &context) } else { context.needsRender = false }
            // The filter changes the list's rows (and the cursor's page).
            if filtering {
                relayout(context: &context)
                if vp != state.viewport { context.needsRender = true }
            }
            return
        }
        if state.features.timesheet != nil, state.help == nil {
            // The timesheet's rows of the key table; of the others only help, quit, messages, drafts and retry.
            let global: Set<Action> = [.help, .quit, .messages, .drafts, .retrySend]
            guard let action = state.keymap.action(for: key.canonicalName, in: .timesheet)
                    ?? state.keymap.action(for: key.canonicalName).flatMap({ global.contains($0) ? $0 : nil }) else {
                context.needsRender = false
                return
            }
            dispatch(action.intent, context: &context)
            return
        }
        guard let action = state.keymap.action(for: key.canonicalName) else {
            context.needsRender = false
            return
        }
        if action == .customCommand {
            if let command = state.keymap.customCommand(for: key.canonicalName) {
                dispatch(.action(.customCommand(name: command.name)), context: &context)
            }
            return
        }
        if action == .commentInEditor {
            guard state.session.bootstrap == .loaded else { return }
            let runner = self.runner
            let environment = self.environment
            let box = externalText
            context.releaseTerminal {
                func deliver(_ text: String) {
                    let keep = text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : text
                    box.set(keep)
                    runner.deliver(.externalComment(text: keep, error: nil))
                }
                do {
                    // A hangup or SIGTERM while the editor is open: what it had saved is kept.
                    deliver(try ExternalEditor.edit("", environment: environment, appEnding: { appMustEnd }))
                } catch ExternalEditorError.interrupted(_, _, let text) {
                    deliver(text)
                } catch {
                    runner.deliver(.externalComment(text: nil, error: "The editor failed: \(error)"))
                }
            }
            return
        }
        if action == .editDescription {
            editDescription(context: &context)
            return
        }
        dispatch(action.intent, context: &context)
        if action == .filter || action == .back || state.features.taskEdit.input != nil { relayout(context: &context) }
    }

    /// A paste is text for the focused input (the model routes it), never keys.
    public mutating func handle(paste: Paste, context: inout LoopContext) {
        if BrowserLayout.compute(width: size.width, height: size.height, focus: state.focus).tooSmall {
            context.needsRender = false
            return
        }
        dispatch(.paste(paste.text, truncated: paste.truncated), context: &context)
        relayout(context: &context)
    }

    public mutating func handle(event: Browser.Event, context: inout LoopContext) {
        if case .externalComment = event { externalText.set(nil) }
        let effects = state.handle(event)
        perform(effects, context: &context)
        screenKeeper?.observe(state)
        if case .bootstrap(.success) = event, let drafts = startupDrafts {
            startupDrafts = nil
            dispatch(.action(.offerDrafts(drafts.drafts, problems: drafts.problems)), context: &context)
        }
    }

    public mutating func tick(context: inout LoopContext) {
        let loading = state.session.bootstrap == .loading || state.detail.isLoading || state.list.status == .loading
            || state.list.loadingMore || state.tree.spaceLoad.values.contains(.loading)
        let before = state.status.client
        let line = state.status.lastError
        let minute = Int(state.now.timeIntervalSince1970 / 60)
        let timerLabel = state.timerLabel
        state.status.clientUnderPressure = runner.service.isUnderPressure()
        let tickEffects = state.update(.tick(clock()))
        if !tickEffects.isEmpty { perform(tickEffects, context: &context) }
        screenKeeper?.tick(state)
        tickSoonIfWaiting(&context)
        let client = runner.service.statusLine()
        if client != before { perform(state.handle(.clientStatus(client)), context: &context) }
        context.needsRender = loading || client != before || minute != Int(state.now.timeIntervalSince1970 / 60)
            || state.status.lastError != line  // e.g. the automatic retry's countdown
            || state.timerLabel != timerLabel  // the timer's minutes
    }

    /// A signal or a lost terminal ends the app: the text in the comment editor goes to a draft (offered
    /// at the next start) before the process exits.
    public mutating func prepareToExit() {
        let now = clock()
        var drafts = state.draftsToKeepOnExit(now: now)
        // `$EDITOR`'s text whose event was not handled yet (the signal came first): into a composer, then a draft.
        if let text = externalText.take(), let d = state.externalCommentDraft(text, now: now) { drafts.append(d) }
        _ = keep(drafts)
        screenKeeper?.saveNow(state)
    }

    /// Saves drafts now and notes for after the exit what was kept; returns why a save failed, if one did.
    mutating func keep(_ drafts: [Draft]) -> String? {
        let (kept, failure) = runner.keepNow(drafts)
        if let note = state.exitNote(kept: kept) { exitNotes = [note] }
        return failure?.message
    }

    public mutating func render(into canvas: inout Canvas, context: RenderContext) {
        BrowserRender.render(state, into: &canvas, glyphs: context.glyphs)
    }
}

/// `$EDITOR`'s result between the editor (on the loop's thread, inside `releaseTerminal`) and its event.
final class ExternalTextBox: Sendable {
    private let value = Mutex<String?>(nil)
    func set(_ text: String?) { value.withLock { $0 = text } }
    func take() -> String? { value.withLock { v in defer { v = nil }; return v } }
}
