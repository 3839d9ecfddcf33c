/// Interns stacks (sequences of small integer ids) into one flat array, so that
/// hundreds of thousands of stacks cost one hash-table slot and their ids each, not an
/// array allocation and a generic dictionary entry apiece.
///
/// Open addressing with linear probing over a power-of-two table kept at most half
/// full; each stack's hash is stored, so growing the table and most failed probes never
/// read the ids again.
struct StackInterner {
    /// Stack `s` is `ids[starts[s] ..< starts[s + 1]]`.
    private(set) var starts: [Int] = [0]
    private(set) var ids: [Int32] = []
    private var hashes: [UInt64] = []
    /// Stack index + 1 per slot; 0 is empty.
    private var slots: [Int32] = Array(repeating: 0, count: 1024)

    var count: Int { starts.count - 1 }

    /// The index of `stack`, adding it if new.
    mutating func intern(_ stack: UnsafeBufferPointer<Int32>) -> Int {
        var hash: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(stack.count)
        for id in stack {
            hash = (hash ^ UInt64(UInt32(bitPattern: id))) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 29
        }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let candidate = Int(slots[slot]) - 1
            if hashes[candidate] == hash && equals(candidate, stack) { return candidate }
            slot = (slot + 1) & mask
        }
        let index = count
        ids.append(contentsOf: stack)
        starts.append(ids.count)
        hashes.append(hash)
        slots[slot] = Int32(index + 1)
        if count * 2 > slots.count { grow() }
        return index
    }

    func stack(_ index: Int) -> ArraySlice<Int32> { ids[starts[index]..<starts[index + 1]] }

    private func equals(_ index: Int, _ stack: UnsafeBufferPointer<Int32>) -> Bool {
        let start = starts[index]
        guard starts[index + 1] - start == stack.count else { return false }
        for position in 0..<stack.count where ids[start + position] != stack[position] { return false }
        return true
    }

    private mutating func grow() {
        var larger = [Int32](repeating: 0, count: slots.count * 2)
        let mask = larger.count - 1
        for index in 0..<count {
            var slot = Int(truncatingIfNeeded: hashes[index]) & mask
            while larger[slot] != 0 { slot = (slot + 1) & mask }
            larger[slot] = Int32(index + 1)
        }
        slots = larger
    }
}
