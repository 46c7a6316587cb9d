// WrikeSandbox module. See docs/architecture.md.
