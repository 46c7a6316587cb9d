import Testing
@Test func WrikeAPITestsBuilds() { #expect(Bool(true)) }
