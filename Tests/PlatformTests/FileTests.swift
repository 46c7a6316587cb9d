import Foundation
import Testing
@testable import Platform
#if canImport(Glibc)
import Glibc
#endif

@Suite struct AtomicFileTests {
    @Test func writesPrivateFilesInPrivateDirectoriesAndReplacesWhole() throws {
        let scratch = ScratchDir()
        let path = scratch.path + "/a/b/file.json"
        try AtomicFile.write(Array("first".utf8), to: path, access: .owner)
        #expect(contents(path) == "first")
        #expect(permissions(path) == 0o600)
        #expect(permissions(scratch.path + "/a/b") == 0o700)
        #expect(permissions(scratch.path + "/a") == 0o700)
        try AtomicFile.write(Array("second".utf8), to: path, access: .owner)
        #expect(contents(path) == "second")
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/a/b") == ["file.json"])
    }

    @Test func sharedFilesAreReadableByOthers() throws {
        let scratch = ScratchDir()
        let path = scratch.path + "/out/result.json"
        try AtomicFile.write(Array("{}".utf8), to: path, access: .everyone)
        #expect(permissions(path) == 0o644)
        #expect(permissions(scratch.path + "/out") == 0o755)
    }

    @Test func anExistingDirectoryKeepsItsMode() throws {
        let scratch = ScratchDir()
        #expect(mkdir(scratch.path + "/d", 0o755) == 0)
        #expect(chmod(scratch.path + "/d", 0o755) == 0)
        try AtomicFile.write(Array("x".utf8), to: scratch.path + "/d/f", access: .owner)
        #expect(permissions(scratch.path + "/d") == 0o755)
        #expect(permissions(scratch.path + "/d/f") == 0o600)
    }

    @Test func failuresSayWhichStepAndKeepTheOldFile() throws {
        let scratch = ScratchDir()
        // A file where a directory should be.
        #expect(FileManager.default.createFile(atPath: scratch.path + "/blocker", contents: Data()))
        #expect(throws: FileWriteError(step: .createDirectory, path: scratch.path + "/blocker", code: ENOTDIR)) {
            try AtomicFile.write(Array("x".utf8), to: scratch.path + "/blocker/sub/f", access: .owner)
        }
        // A read-only directory: the old file stays, nothing else appears.
        guard getuid() != 0 else { return }  // root writes anywhere
        let dir = scratch.path + "/ro"
        try AtomicFile.write(Array("old".utf8), to: dir + "/f", access: .owner)
        #expect(chmod(dir, 0o500) == 0)
        do {
            try AtomicFile.write(Array("new".utf8), to: dir + "/f", access: .owner)
            Issue.record("wrote into a read-only directory")
        } catch {
            #expect(error.step == .createTemporary && error.code == EACCES)
            #expect(error.description.contains("Permission denied"))
        }
        #expect(contents(dir + "/f") == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["f"])
    }
}

@Suite struct SafeFileTests {
    @Test func readsRegularFilesWithTheirModeAndOwner() throws {
        let scratch = ScratchDir()
        let path = scratch.path + "/c.toml"
        try AtomicFile.write(Array("theme = \"light\"\n".utf8), to: path, access: .owner)
        let read = try SafeFile.read(path, limit: 100)
        #expect(read.text == "theme = \"light\"\n")
        #expect(read.mode == 0o600)
        #expect(read.owner == getuid())
        #expect(try SafeFile.readText(scratch.path + "/missing.toml") == nil)
        #expect(throws: FileReadError(.missing, path: scratch.path + "/none")) { try SafeFile.read(scratch.path + "/none", limit: 1) }
    }

    /// A FIFO would block `fopen` until a writer comes; a directory or a device is not a file.
    @Test func refusesFIFOsDirectoriesAndDevicesWithoutHanging() throws {
        let scratch = ScratchDir()
        let fifo = scratch.path + "/config.toml"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: FileReadError(.notRegular, path: fifo)) { try SafeFile.readText(fifo) }
        #expect(throws: FileReadError(.notRegular, path: scratch.path)) { try SafeFile.readText(scratch.path) }
        #expect(throws: FileReadError(.notRegular, path: "/dev/zero")) { try SafeFile.readText("/dev/zero") }
    }

    @Test func boundsTheSizeAndCanRefuseSymlinks() throws {
        let scratch = ScratchDir()
        let big = scratch.path + "/big"
        try AtomicFile.write([UInt8](repeating: 65, count: 2000), to: big, access: .owner)
        #expect(throws: FileReadError(.tooLarge(limit: 1000), path: big)) { try SafeFile.read(big, limit: 1000) }
        #expect(try SafeFile.read(big, limit: 2000).bytes.count == 2000)
        let link = scratch.path + "/link"
        #expect(symlink(big, link) == 0)
        #expect(try SafeFile.read(link, limit: 2000).bytes.count == 2000)
        #expect(throws: FileReadError(.notRegular, path: link)) { try SafeFile.read(link, limit: 2000, followSymlinks: false) }
        #expect(FileReadError(.tooLarge(limit: 1000), path: big).description.contains("larger than 1000 bytes"))
    }
}
