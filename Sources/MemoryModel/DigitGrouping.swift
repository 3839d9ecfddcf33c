/// Thousands separators for whole numbers, `1,234,567`, with a true minus for
/// negatives (`−1,234`): one definition for tables, titles and summaries alike.
public enum DigitGrouping {
    public static func string(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var out = value < 0 ? "−" : ""
        out.reserveCapacity(digits.count + digits.count / 3 + 1)
        for (offset, character) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }
}
