extension ProfileTop {
    /// Graph edges among shown nodes, keyed `caller << 32 | callee`: the summed weight
    /// and whether every occurrence was an inline call.
    ///
    /// A flat open-addressing table (linear probing, at most half full, a multiplicative
    /// hash) instead of a `Dictionary`: a diff of two large profiles shows tens of
    /// thousands of nodes joined by millions of distinct edges, and this table holds one
    /// in 17 bytes a slot with no per-entry hashing through `Hasher`.
    struct EdgeTable {
        private static let empty = Int64.min
        private(set) var keys: [Int64]
        private(set) var weights: [Int64]
        private(set) var calls: [Bool]
        private(set) var count = 0

        init(capacity: Int = 1024) {
            var size = 1024
            while size < capacity * 2 { size *= 2 }
            keys = [Int64](repeating: Self.empty, count: size)
            weights = [Int64](repeating: 0, count: size)
            calls = [Bool](repeating: false, count: size)
        }

        /// Adds `weight` to the edge `key`; `isCall` marks an occurrence that is not inline.
        mutating func add(_ key: Int64, weight: Int64, isCall: Bool) {
            let mask = keys.count - 1
            var slot = Self.slot(key, mask: mask)
            while true {
                let existing = keys[slot]
                if existing == key {
                    weights[slot] &+= weight
                    if isCall { calls[slot] = true }
                    return
                }
                if existing == Self.empty { break }
                slot = (slot + 1) & mask
            }
            keys[slot] = key
            weights[slot] = weight
            calls[slot] = isCall
            count += 1
            if count * 2 > keys.count { grow() }
        }

        private static func slot(_ key: Int64, mask: Int) -> Int {
            let mixed = UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15
            return Int(truncatingIfNeeded: mixed >> 20) & mask
        }

        private mutating func grow() {
            var larger = EdgeTable(capacity: keys.count)
            for slot in keys.indices where keys[slot] != Self.empty {
                larger.insertNew(keys[slot], weight: weights[slot], isCall: calls[slot])
            }
            self = larger
        }

        private mutating func insertNew(_ key: Int64, weight: Int64, isCall: Bool) {
            let mask = keys.count - 1
            var slot = Self.slot(key, mask: mask)
            while keys[slot] != Self.empty { slot = (slot + 1) & mask }
            keys[slot] = key
            weights[slot] = weight
            calls[slot] = isCall
            count += 1
        }
    }
}
