// Browser module. See docs/architecture.md.
