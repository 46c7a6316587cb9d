import CZlib
import Foundation

/// Inflates a gzip body (`Content-Encoding: gzip`) through the system's zlib as its pieces arrive, handing
/// the inflated bytes on piece by piece (a streamed download stays streamed). At most `limit` inflated bytes
/// (a small body that inflates to gigabytes is refused); a damaged or cut-short stream is an error.
final class GzipInflater {
    enum Failure: Error, Equatable {
        /// Not gzip, a bad checksum, or data after the end of the stream.
        case damaged(String)
        /// The stream ended before its end marker.
        case truncated
        /// More than `limit` bytes once inflated.
        case tooLarge(limit: Int)
    }

    private var stream = z_stream()
    private var ready = false
    private var ended = false
    private var received = 0
    private(set) var inflated = 0
    let limit: Int
    private var out = [UInt8](repeating: 0, count: 64 * 1024)

    init(limit: Int) throws(Failure) {
        self.limit = limit
        // 15 + 16: a 32 KB window, gzip header and trailer expected (and checked).
        let r = inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard r == Z_OK else { throw .damaged("zlib could not start (\(r))") }
        ready = true
    }

    deinit { if ready { inflateEnd(&stream) } }

    /// Inflates `piece`, handing every inflated chunk to `deliver`.
    func feed(_ piece: Data, deliver: (Data) throws -> Void) throws {
        guard !piece.isEmpty else { return }
        received += piece.count
        guard !ended else { throw Failure.damaged("data after the end of the gzip stream") }
        var input = [UInt8](piece)
        let count = input.count
        try input.withUnsafeMutableBufferPointer { inBuf in
            stream.next_in = inBuf.baseAddress
            stream.avail_in = uInt(count)
            defer { stream.next_in = nil; stream.avail_in = 0 }
            while true {
                let (status, produced) = out.withUnsafeMutableBufferPointer { outBuf -> (Int32, Int) in
                    stream.next_out = outBuf.baseAddress
                    stream.avail_out = uInt(outBuf.count)
                    let s = inflate(&stream, Z_NO_FLUSH)
                    return (s, outBuf.count - Int(stream.avail_out))
                }
                switch status {
                case Z_OK, Z_STREAM_END, Z_BUF_ERROR: break
                default: throw Failure.damaged(Self.message(stream.msg, status))
                }
                if produced > 0 {
                    inflated += produced
                    if inflated > limit { throw Failure.tooLarge(limit: limit) }
                    try deliver(Data(out[0..<produced]))
                }
                if status == Z_STREAM_END { ended = true }
                // Done with this piece: the end, or all input taken and zlib holding no more output.
                if ended || (stream.avail_in == 0 && produced < out.count) || (status == Z_BUF_ERROR && produced == 0) { break }
            }
            if ended && stream.avail_in > 0 { throw Failure.damaged("data after the end of the gzip stream") }
        }
    }

    /// At the end of the body: the stream must have reached its end (an empty body is an empty answer).
    func finish() throws(Failure) {
        guard ended || received == 0 else { throw .truncated }
    }

    private static func message(_ msg: UnsafeMutablePointer<CChar>?, _ status: Int32) -> String {
        guard let msg else { return "zlib error \(status)" }
        return String(cString: msg)
    }
}
