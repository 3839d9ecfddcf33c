/// An array of integers kept in the narrowest of three widths that holds every element:
/// 2 bytes while all are in 0…65,535, else 4 while all fit an `Int32`, else 8.
///
/// A large profile's samples are mostly stack frames (location indices, which fit 2
/// bytes whenever the profile has fewer than 65,536 locations) and values (counts and
/// byte sizes, which usually fit 4): stored as plain `Int32`/`Int64` they took twice to
/// four times the room of the varints they were read from.
///
/// Contract: elements read back exactly as appended, whatever the storage. Appending an
/// element that does not fit widens the whole array once (it never narrows again). Equality compares elements, not storage. `Element` must be `Int32`
/// or `Int64`; an `Int32` array never needs the 8-byte storage.
public struct PackedIntegers<Element: FixedWidthInteger & SignedInteger & Sendable>: RandomAccessCollection, Sendable {
    /// The elements, in one of the three widths.
    public enum Storage: Sendable {
        case narrow([UInt16])
        case medium([Int32])
        case wide([Int64])
    }

    /// Settable only so that inlinable code can grow it in place; go through the methods.
    @usableFromInline var _storage: Storage

    public var storage: Storage { _storage }

    @inlinable
    public init() { _storage = .narrow([]) }

    /// The elements of `array`, in the narrowest storage that holds them all.
    @inlinable
    public init(_ array: [Element]) {
        _storage = .narrow([])
        append(contentsOf: array)
    }

    @inlinable public var startIndex: Int { 0 }

    @inlinable
    public var endIndex: Int {
        switch _storage {
        case .narrow(let array): return array.count
        case .medium(let array): return array.count
        case .wide(let array): return array.count
        }
    }

    /// Bytes per element in the current storage: 2, 4 or 8.
    @inlinable
    public var bytesPerElement: Int {
        switch _storage {
        case .narrow: return 2
        case .medium: return 4
        case .wide: return 8
        }
    }

    @inlinable @inline(__always)
    public subscript(position: Int) -> Element {
        switch _storage {
        case .narrow(let array): return Element(truncatingIfNeeded: array[position])
        case .medium(let array): return Element(truncatingIfNeeded: array[position])
        case .wide(let array): return Element(truncatingIfNeeded: array[position])
        }
    }

    /// Calls the closure for the current storage with its elements' buffer. Hot loops pass
    /// one generic function for all three, so each width runs specialised code.
    @inlinable
    public func withUnsafeBuffers<R>(narrow: (UnsafeBufferPointer<UInt16>) throws -> R,
                                     medium: (UnsafeBufferPointer<Int32>) throws -> R,
                                     wide: (UnsafeBufferPointer<Int64>) throws -> R) rethrows -> R {
        switch _storage {
        case .narrow(let array): return try array.withUnsafeBufferPointer(narrow)
        case .medium(let array): return try array.withUnsafeBufferPointer(medium)
        case .wide(let array): return try array.withUnsafeBufferPointer(wide)
        }
    }

    @inlinable
    public mutating func reserveCapacity(_ capacity: Int) {
        switch _storage {
        case .narrow(var array):
            _storage = .narrow([])
            array.reserveCapacity(capacity)
            _storage = .narrow(array)
        case .medium(var array):
            _storage = .narrow([])
            array.reserveCapacity(capacity)
            _storage = .medium(array)
        case .wide(var array):
            _storage = .narrow([])
            array.reserveCapacity(capacity)
            _storage = .wide(array)
        }
    }

    @inlinable
    public mutating func append(_ element: Element) {
        append(contentsOf: CollectionOfOne(element))
    }

    /// Appends `elements`, widening first (once) if some of them do not fit the storage.
    @inlinable
    public mutating func append<C: Collection>(contentsOf elements: C) where C.Element == Element {
        guard !elements.isEmpty else { return }
        widen(toHold: Self.width(of: elements))
        // The array is taken out of the enum while it grows, so that it is uniquely
        // referenced and grows in place instead of being copied.
        switch _storage {
        case .narrow(var array):
            _storage = .narrow([])
            array.append(contentsOf: elements.lazy.map { UInt16(truncatingIfNeeded: $0) })
            _storage = .narrow(array)
        case .medium(var array):
            _storage = .narrow([])
            array.append(contentsOf: elements.lazy.map { Int32(truncatingIfNeeded: $0) })
            _storage = .medium(array)
        case .wide(var array):
            _storage = .narrow([])
            array.append(contentsOf: elements.lazy.map { Int64(truncatingIfNeeded: $0) })
            _storage = .wide(array)
        }
    }

    /// Appends another packed array (the parts of a profile decoded in parallel).
    @inlinable
    public mutating func append(contentsOf other: PackedIntegers) {
        switch other.storage {
        case .narrow(let array): append(contentsOf: array.lazy.map { Element(truncatingIfNeeded: $0) })
        case .medium(let array): append(contentsOf: array.lazy.map { Element(truncatingIfNeeded: $0) })
        case .wide(let array): append(contentsOf: array.lazy.map { Element(truncatingIfNeeded: $0) })
        }
    }

    // MARK: - Widths

    /// The bytes per element (2, 4 or 8) that the narrowest storage holding every one
    /// of `elements` takes.
    @inlinable
    static func width<C: Collection>(of elements: C) -> Int where C.Element == Element {
        var bytes = 2
        for element in elements where element < 0 || element > 65_535 {
            if element < Element(Int32.min) || element > Element(Int32.max) { return 8 }
            bytes = 4
        }
        return bytes
    }

    /// Moves the elements to the storage of `bytes` per element, if that is wider.
    @inlinable
    mutating func widen(toHold bytes: Int) {
        guard bytes > bytesPerElement else { return }
        // The wider array keeps the narrower one's capacity: a reserved array that widens
        // early would otherwise grow by doubling, copying itself at each step.
        switch _storage {
        case .narrow(let array):
            _storage = .narrow([])
            _storage = bytes == 4 ? .medium(Self.widened(array, as: Int32.self)) : .wide(Self.widened(array, as: Int64.self))
        case .medium(let array):
            _storage = .narrow([])
            _storage = .wide(Self.widened(array, as: Int64.self))
        case .wide:
            break
        }
    }

    @inlinable
    static func widened<Narrow: FixedWidthInteger, Wide: FixedWidthInteger>(_ array: [Narrow], as: Wide.Type) -> [Wide] {
        var wider: [Wide] = []
        wider.reserveCapacity(array.capacity)
        wider.append(contentsOf: array.lazy.map { Wide(truncatingIfNeeded: $0) })
        return wider
    }
}

extension PackedIntegers: Equatable {
    @inlinable
    public static func == (lhs: PackedIntegers, rhs: PackedIntegers) -> Bool {
        lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }
}

extension PackedIntegers: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Element...) {
        self.init(elements)
    }
}
