import Foundation
import TermText
#if canImport(Glibc)
import Glibc
#endif
import Testing

@testable import TerminalUI

/// XON/XOFF flow control is off while the app has the terminal (Ctrl-S is a key), but while the terminal
/// is released ($EDITOR, Ctrl-Z until `fg`) the shell's mode is back, with flow control on: a Ctrl-S typed
/// then stops the terminal's output. The app must take the terminal back without waiting on it.
extension ScreenTests {
    @Test func aCtrlSTypedWhileTheTerminalIsReleasedDoesNotFreezeTheApp() throws {
        let pty = try #require(HeadlessTerminal(width: 40, height: 10))
        let screen = try makeScreen(pty)
        _ = pty.waitForOutput(containing: Self.on)
        pty.clearCaptured()
        nonisolated(unsafe) let released = screen
        nonisolated(unsafe) let terminal = pty
        let done = DispatchSemaphore(value: 0)
        Thread {
            released.withTerminalReleased {
                terminal.send([0x13])  // Ctrl-S, read by the line discipline as XOFF (stop output)
                usleep(200_000)
            }
            done.signal()
        }.start()
        let returned = done.wait(timeout: .now() + 30) == .success
        if !returned {
            pty.send([0x11])  // Ctrl-Q lets the stuck write go on, so the thread ends
            done.wait()
        }
        #expect(returned, "the screen did not come back after a Ctrl-S typed while it was released (waited 30 s)")
        let out = pty.waitForOutput(containing: Self.on, timeoutSeconds: 30)
        #expect(out.contains(Self.on), "no output after taking the terminal back: \(out.debugDescription)")
        screen.shutdown()
    }

    /// Started on a terminal whose output a Ctrl-S stopped (after a frozen program was killed), the screen
    /// starts and draws.
    @Test func aScreenStartsOnATerminalStoppedByCtrlS() throws {
        let pty = try #require(HeadlessTerminal(width: 40, height: 10))
        pty.send([0x13])
        usleep(200_000)
        nonisolated(unsafe) var made: NcursesScreen?
        nonisolated(unsafe) let options = pty.screenOptions()
        let done = DispatchSemaphore(value: 0)
        Thread {
            made = try? NcursesScreen(options: options)
            done.signal()
        }.start()
        let returned = done.wait(timeout: .now() + 30) == .success
        if !returned {
            pty.send([0x11])
            done.wait()
        }
        #expect(returned, "the screen did not start on a terminal stopped by Ctrl-S (waited 30 s)")
        let out = pty.waitForOutput(containing: Self.on, timeoutSeconds: 30)
        #expect(out.contains(Self.on), "no output at start: \(out.debugDescription)")
        made?.shutdown()
    }
}
