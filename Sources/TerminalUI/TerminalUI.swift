// TerminalUI module. See docs/architecture.md.
