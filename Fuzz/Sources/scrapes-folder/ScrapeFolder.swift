import Foundation
import FuzzSupport

/// A private folder for the scrapes, in /dev/shm when there is one so that writing two
/// files per input costs microseconds; removed when the fuzzer exits.
final class ScrapeFolder: @unchecked Sendable {
    static let shared = ScrapeFolder()

    let path: String

    private init() {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        path = (base as NSString).appendingPathComponent("gomemreport-fuzz-\(getpid())")
        try? FileManager.default.removeItem(atPath: path)
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            FuzzContract.fail("cannot make \(path): \(error)")
        }
        atexit { try? FileManager.default.removeItem(atPath: ScrapeFolder.shared.path) }
    }

    func write(_ bytes: [UInt8], as name: String) {
        let file = (path as NSString).appendingPathComponent(name)
        guard FileManager.default.createFile(atPath: file, contents: Data(bytes)) else {
            FuzzContract.fail("cannot write \(file)")
        }
    }
}
