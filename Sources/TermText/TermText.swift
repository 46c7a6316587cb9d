// TermText module. See docs/architecture.md.
