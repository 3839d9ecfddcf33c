/// Reads protobuf wire format (varints, fixed and length-delimited fields) from a
/// byte buffer, checking every read against the end of the current message.
///
/// Malformed input throws `ProtoWireError` with the byte offset; nothing traps.
/// A reader is a view: `offset` and `end` index the shared buffer, so nested messages
/// cost no copies.
struct ProtoWireReader {
    enum WireType: UInt8 {
        case varint = 0, fixed64 = 1, lengthDelimited = 2, fixed32 = 5
    }

    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var offset: Int
    let end: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, offset: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.offset = offset
        self.end = end ?? bytes.count
    }

    var isAtEnd: Bool { offset >= end }

    /// Reads a field key: the field number and wire type.
    mutating func readKey() throws -> (field: UInt64, type: WireType) {
        let start = offset
        let key = try readVarint()
        guard let type = WireType(rawValue: UInt8(key & 7)) else {
            throw ProtoWireError(offset: start, message: "unsupported wire type \(key & 7)")
        }
        let field = key >> 3
        guard field > 0 else { throw ProtoWireError(offset: start, message: "field number 0") }
        return (field, type)
    }

    /// Reads a base-128 varint of at most 10 bytes.
    @inline(__always)
    mutating func readVarint() throws -> UInt64 {
        // Fast path: one byte.
        if offset < end, bytes[offset] < 0x80 {
            let value = UInt64(bytes[offset])
            offset += 1
            return value
        }
        let start = offset
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < end else { throw ProtoWireError(offset: start, message: "truncated varint") }
            let byte = bytes[offset]
            offset += 1
            if shift == 63 && byte >= 0x80 {
                throw ProtoWireError(offset: start, message: "varint longer than 10 bytes")
            }
            if shift == 63 && byte > 1 {
                throw ProtoWireError(offset: start, message: "varint overflows 64 bits")
            }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    mutating func readInt64() throws -> Int64 {
        Int64(bitPattern: try readVarint())
    }

    /// Reads a length prefix and returns a reader over just those bytes, moving past them.
    mutating func readMessage() throws -> ProtoWireReader {
        let start = offset
        let length = try readVarint()
        guard length <= UInt64(end - offset) else {
            throw ProtoWireError(offset: start, message: "length \(length) runs past the end of the message (\(end - offset) bytes left)")
        }
        let sub = ProtoWireReader(bytes, offset: offset, end: offset + Int(length))
        offset += Int(length)
        return sub
    }

    /// Reads a length-delimited field as a UTF-8 string (invalid sequences replaced).
    mutating func readString() throws -> String {
        let sub = try readMessage()
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[sub.offset..<sub.end]), as: UTF8.self)
    }

    /// Reads a repeated varint field that may be packed (length-delimited) or not,
    /// appending to `values`.
    @inline(__always)
    mutating func readRepeatedVarint(type: WireType, into values: inout [UInt64]) throws {
        switch type {
        case .varint:
            values.append(try readVarint())
        case .lengthDelimited:
            var packed = try readMessage()
            while !packed.isAtEnd { values.append(try packed.readVarint()) }
        default:
            throw ProtoWireError(offset: offset, message: "wire type \(type.rawValue) for a repeated varint field")
        }
    }

    /// Skips a field's value of the given type (fields this reader does not know).
    mutating func skip(_ type: WireType) throws {
        switch type {
        case .varint: _ = try readVarint()
        case .lengthDelimited: _ = try readMessage()
        case .fixed64: try advance(8)
        case .fixed32: try advance(4)
        }
    }

    /// Fails unless the field has the wire type the schema gives it.
    func expect(_ type: WireType, _ wanted: WireType, field: UInt64, in message: String) throws {
        guard type == wanted else {
            throw ProtoWireError(offset: offset, message: "\(message) field \(field) has wire type \(type.rawValue), expected \(wanted.rawValue)")
        }
    }

    private mutating func advance(_ count: Int) throws {
        guard end - offset >= count else { throw ProtoWireError(offset: offset, message: "truncated fixed-size field") }
        offset += count
    }
}
