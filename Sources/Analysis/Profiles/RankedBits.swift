/// A fixed-length bit array that answers "how many bits are set before position p" in
/// constant time: one word of bits per 64 positions plus, per word, the count of bits
/// set in the words before it (a rank directory).
///
/// `CallTreeBuilder` keeps one bit per frame of every sample (does the stack go on
/// below this frame?) where it kept a 4-byte index, which for a profile of millions of
/// frames was as large as the profile's own stacks. Contract: `rank(before:)` is only
/// valid after `finish()`, and positions must be in `0 ..< count`.
struct RankedBits {
    private var words: [UInt64]
    private var ranks: [Int] = []
    let count: Int

    init(count: Int) {
        self.count = count
        words = [UInt64](repeating: 0, count: (count + 63) / 64)
    }

    /// Sets the bit at `position`.
    @inline(__always)
    mutating func set(_ position: Int) {
        words[position >> 6] |= 1 << UInt64(position & 63)
    }

    /// Whether the bit at `position` is set.
    @inline(__always)
    subscript(position: Int) -> Bool {
        words[position >> 6] & (1 << UInt64(position & 63)) != 0
    }

    /// Builds the rank directory; call once, after the last `set`.
    mutating func finish() {
        ranks = [Int](repeating: 0, count: words.count + 1)
        for index in words.indices { ranks[index + 1] = ranks[index] + words[index].nonzeroBitCount }
    }

    /// The number of bits set at positions `0 ..< position` (`position` may be `count`).
    @inline(__always)
    func rank(before position: Int) -> Int {
        let word = position >> 6, bit = position & 63
        guard bit != 0 else { return ranks[word] }
        return ranks[word] + (words[word] & ((1 << UInt64(bit)) - 1)).nonzeroBitCount
    }
}
