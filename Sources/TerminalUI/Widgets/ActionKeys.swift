// Keys for the action widgets: the editor, forms and the confirm dialog (the pickers' keys are rows of
// the key table, `KeyMode.picker`). Each maps a `Key` to the pure model's command (Browser/Actions), so
// the models never see curses. See docs/actions.md.
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
