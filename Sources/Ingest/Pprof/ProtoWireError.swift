/// Malformed protobuf, found at a byte offset of the (decompressed) message.
struct ProtoWireError: Error {
    var offset: Int
    var message: String
}
