// The environment the app gives the core: the machine's calendar in its time zone, and an id prefix
// made of the process id and a random number, so two instances never give the same draft id.
import Browser
import Foundation
import Platform
#if canImport(Glibc)
import Glibc
#endif

extension CoreEnvironment {
    public static func live() -> CoreEnvironment {
        var calendar = Calendar.current
        calendar.timeZone = TimeZone.current
        let random = UInt32.random(in: 0...UInt32.max)
        var env = CoreEnvironment(calendar: calendar, idPrefix: "\(getpid())-" + String(random, radix: 16))
        env.canOpenLocally = ExternalOpener.canOpen(ProcessInfo.processInfo.environment)
        return env
    }
}
