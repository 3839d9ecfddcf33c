import Mustache

/// A property that exists but holds nil.
struct NullValue: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
}
