/// Finds `{{…}}` tags in template text, with their line numbers, to point error
/// messages at the right line. Assumes the default delimiters.
enum MustacheTagScanner {
    struct Tag: Equatable {
        /// `#`, `^`, `/`, `>`, `&`, `{`, `!` or empty for a plain variable.
        var sigil: String
        var name: String
        var line: Int
    }

    static func tags(in text: String) -> [Tag] {
        var tags: [Tag] = []
        var line = 1
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            line += rest[rest.startIndex..<open.lowerBound].filter { $0 == "\n" }.count
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.range(of: "}}") else { break }
            var body = afterOpen[afterOpen.startIndex..<close.lowerBound].trimmingSpaces()
            var sigil = ""
            if let first = body.first, "#^/>&{!".contains(first) {
                sigil = String(first)
                body = body.dropFirst().trimmingSpaces()
            }
            if sigil == "{", body.last == "}" { body = body.dropLast() }
            tags.append(Tag(sigil: sigil, name: String(body.trimmingSpaces()), line: line))
            line += afterOpen[afterOpen.startIndex..<close.upperBound].filter { $0 == "\n" }.count
            rest = afterOpen[close.upperBound...]
        }
        return tags
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        var result = self
        while let first = result.first, first.isWhitespace { result = result.dropFirst() }
        while let last = result.last, last.isWhitespace { result = result.dropLast() }
        return result
    }
}
