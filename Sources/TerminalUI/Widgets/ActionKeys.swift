// Keys for the action widgets: the editor, forms, pickers and the confirm dialog. Each maps a `Key` to
// the pure model's command (Browser/Actions), so the models never see curses. See docs/actions.md.
import Browser

/// Inline editor keys. Send: Ctrl-S (Alt-Enter arrives as Esc then Enter and cannot be told apart from
/// Esc followed by Enter, so it is not used). Esc: cancel (the editor asks before losing text).
public struct EditorKeys: Sendable {
    public var send: Set<Key>
    public init(send: Set<Key> = [.ctrl("s")]) { self.send = send }

    public func command(for key: Key) -> EditorCommand? {
        if send.contains(key) { return .send }
        switch key {
        case .char(let c): return .insert(String(c))
        case .enter: return .newline
        case .tab: return .insert("    ")
        case .backspace: return .backspace
        case .delete: return .delete
        case .left: return .left
        case .right: return .right
        case .up: return .up
        case .down: return .down
        case .home, .ctrl("a"): return .home
        case .end, .ctrl("e"): return .end
        case .pageUp: return .pageUp
        case .pageDown: return .pageDown
        case .ctrl("w"): return .deleteWordBackward
        case .ctrl("u"): return .deleteToLineStart
        case .ctrl("k"): return .deleteToLineEnd
        case .ctrl("b"): return .wordLeft
        case .ctrl("f"): return .wordRight
        case .ctrl("d"): return .delete
        case .escape: return .cancel(confirmed: false)
        default: return nil
        }
    }

    /// Maps and applies a key. `.ignored` for keys the editor does not use.
    public func handle(_ key: Key, editor: inout TextEditorState) -> EditorOutcome {
        guard let cmd = command(for: key) else { return .ignored }
        return editor.apply(cmd)
    }

    /// The hint line for the editor.
    public func hint(ascii: Bool = false) -> String {
        let sendName = send.map { $0.name(ascii: ascii) }.sorted().joined(separator: "/")
        return "\(sendName) send · Esc cancel · Enter new line"
    }
}

/// Keys for the time-log and approval forms.
public enum FormKeys {
    public static func input(for key: Key) -> FormInput? {
        switch key {
        case .char(" "): return .toggle
        case .char(let c): return .insert(String(c))
        case .tab: return .nextField
        case .backTab: return .previousField
        case .enter: return .enter
        case .ctrl("s"): return .submit
        case .escape: return .cancel(confirmed: false)
        case .backspace: return .backspace
        case .delete: return .delete
        case .left: return .left
        case .right: return .right
        case .up: return .up
        case .down: return .down
        case .home, .ctrl("a"): return .home
        case .end, .ctrl("e"): return .end
        default: return nil
        }
    }
}

/// What a key does in a picker (status, relation type, finder, side).
public enum PickerInput: Sendable, Equatable {
    case type(String), deleteBackward, up, down, pageUp, pageDown, top, bottom, toggleMark, accept, cancel
}

public enum PickerKeys {
    /// Typing narrows, so letters are never commands here: arrows and Ctrl-N/Ctrl-P move.
    public static func input(for key: Key, multiSelect: Bool = false) -> PickerInput? {
        switch key {
        case .char(" ") where multiSelect: return .toggleMark
        case .char(let c): return .type(String(c))
        case .backspace: return .deleteBackward
        case .up, .ctrl("p"): return .up
        case .down, .ctrl("n"): return .down
        case .pageUp: return .pageUp
        case .pageDown: return .pageDown
        case .home: return .top
        case .end: return .bottom
        case .enter: return .accept
        case .escape: return .cancel
        default: return nil
        }
    }

    /// Applies the movement and query inputs to a picker; returns false for accept/cancel (the caller's).
    @discardableResult
    public static func apply<T>(_ input: PickerInput, to picker: inout PickerModel<T>, pageSize: Int = 10) -> Bool {
        switch input {
        case .type(let s): picker.type(s)
        case .deleteBackward: picker.deleteBackward()
        case .up: picker.moveUp()
        case .down: picker.moveDown()
        case .pageUp: picker.page(by: -pageSize)
        case .pageDown: picker.page(by: pageSize)
        case .top: picker.moveToTop()
        case .bottom: picker.moveToBottom()
        case .toggleMark: picker.toggleMark()
        case .accept, .cancel: return false
        }
        return true
    }
}

public enum ConfirmKeys {
    public static func input(for key: Key) -> ConfirmModel.Input? {
        switch key {
        case .char("y"), .char("Y"): return .yes
        case .char("n"), .char("N"), .char("q"): return .no
        case .escape: return .cancel
        case .enter: return .accept
        case .left, .right, .tab, .backTab, .char("h"), .char("l"): return .toggle
        default: return nil
        }
    }
}
