import Testing
@Test func WrikeSandboxTestsBuilds() { #expect(Bool(true)) }
