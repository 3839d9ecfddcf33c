/// Feedback for libFuzzer from the rendered HTML. Debian's libcmark is not instrumented,
/// so without this every input covers the same few Swift edges and libFuzzer keeps no
/// corpus (it reported 2 units of 2 bytes): mutations never build on Markdown that
/// reached a table or a nested list. Each element kind below is its own branch, and its
/// loop's hit count lands in libFuzzer's count buckets, so inputs that render new kinds
/// or new numbers of elements are kept.
enum HTMLShape {
    /// The elements cmark renders (and the marker for omitted raw HTML).
    static let tags = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre",
                       "code", "em", "strong", "a", "img", "hr", "br", "!--"]

    private static var sink = 0

    @inline(never)
    private static func touch(_ kind: Int) { sink &+= kind }

    static func report(_ html: String) {
        var counts = [Int](repeating: 0, count: tags.count)
        let bytes = Array(html.utf8)
        var index = 0
        while index < bytes.count {
            defer { index += 1 }
            guard bytes[index] == UInt8(ascii: "<") else { continue }
            var end = index + 1
            while end < bytes.count, end - index <= 11, bytes[end] != UInt8(ascii: " "), bytes[end] != UInt8(ascii: ">"),
                  bytes[end] != UInt8(ascii: "/") || end == index + 1 {
                end += 1
            }
            let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
            if let kind = tags.firstIndex(of: name) { counts[kind] += 1 }
        }
        // One loop per kind, written out: a shared loop would be one edge for all kinds.
        for _ in 0..<min(counts[0], 64) { touch(0) }
        for _ in 0..<min(counts[1], 64) { touch(1) }
        for _ in 0..<min(counts[2], 64) { touch(2) }
        for _ in 0..<min(counts[3], 64) { touch(3) }
        for _ in 0..<min(counts[4], 64) { touch(4) }
        for _ in 0..<min(counts[5], 64) { touch(5) }
        for _ in 0..<min(counts[6], 64) { touch(6) }
        for _ in 0..<min(counts[7], 64) { touch(7) }
        for _ in 0..<min(counts[8], 64) { touch(8) }
        for _ in 0..<min(counts[9], 64) { touch(9) }
        for _ in 0..<min(counts[10], 64) { touch(10) }
        for _ in 0..<min(counts[11], 64) { touch(11) }
        for _ in 0..<min(counts[12], 64) { touch(12) }
        for _ in 0..<min(counts[13], 64) { touch(13) }
        for _ in 0..<min(counts[14], 64) { touch(14) }
        for _ in 0..<min(counts[15], 64) { touch(15) }
        for _ in 0..<min(counts[16], 64) { touch(16) }
        for _ in 0..<min(counts[17], 64) { touch(17) }
        for _ in 0..<min(counts[18], 64) { touch(18) }
        for _ in 0..<min(counts[19], 64) { touch(19) }
    }
}
