/// Flame graph colours: one per Go package, the same in every report and on every run.
///
/// A package's colour comes from the FNV-1a hash of its path (never from Swift's
/// `Hasher`, which is seeded per process), so `net/http` is always the same orange.
/// Go code gets warm colours (red to yellow); the runtime (`runtime`, `runtime/…`,
/// `internal/runtime/…`) gets cool grey-blues so it stands apart; frames without a
/// Go name (`[binary]`, addresses, `<unknown>`) are grey. Every function of a package
/// has the package's colour; the graphs draw thin white borders between frames.
public enum FlameGraphPalette {
    /// The package of a Go function name: `net/http` for `net/http.(*conn).serve`,
    /// `github.com/x/y` for `github.com/x/y.F.func1`, `main` for `main.main`. Generic
    /// type arguments (`[…]`) are ignored. A name without a dot is its own package.
    public static func packagePath(of functionName: String) -> String {
        var name = Substring(functionName)
        if let bracket = name.firstIndex(of: "["), bracket != name.startIndex { name = name[..<bracket] }
        let lastElementStart = name.lastIndex(of: "/").map { name.index(after: $0) } ?? name.startIndex
        if let dot = name[lastElementStart...].firstIndex(of: ".") { return String(name[..<dot]) }
        return String(name)
    }

    /// Whether frames of `packagePath` belong to the Go runtime.
    public static func isRuntime(_ packagePath: String) -> Bool {
        packagePath == "runtime" || packagePath.hasPrefix("runtime/") || packagePath.hasPrefix("internal/runtime/")
    }

    /// Whether `functionName` is a placeholder for a frame without symbols.
    static func isUnsymbolized(_ functionName: String) -> Bool {
        functionName.hasPrefix("[") || functionName.hasPrefix("0x") || functionName == "<unknown>"
    }

    /// `#rrggbb` for a function's frame.
    public static func color(forFunction functionName: String) -> String {
        if isUnsymbolized(functionName) { return "#bdbdbd" }
        let package = packagePath(of: functionName)
        let h = fnv1a(package)
        if isRuntime(package) {
            return hsl(hue: 195 + Double(h % 30), saturation: 22 + Double((h >> 8) % 18),
                       lightness: 70 + Double((h >> 16) % 10))
        }
        return hsl(hue: Double(h % 52), saturation: 62 + Double((h >> 8) % 28),
                   lightness: 58 + Double((h >> 16) % 14))
    }

    /// The root frame ("all").
    public static let root = "#d5d5d5"
    /// A box standing for several frames too narrow to draw.
    public static let merged = "#e6e6e6"

    /// 32-bit FNV-1a over the UTF-8 bytes.
    public static func fnv1a(_ text: String) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return hash
    }

    /// `#rrggbb` from hue in degrees and saturation and lightness in percent.
    static func hsl(hue: Double, saturation: Double, lightness: Double) -> String {
        let s = min(max(saturation, 0), 100) / 100, l = min(max(lightness, 0), 100) / 100
        let c = (1 - abs(2 * l - 1)) * s
        let hp = hue.truncatingRemainder(dividingBy: 360) / 60
        let x = c * (1 - abs(hp.truncatingRemainder(dividingBy: 2) - 1))
        let (r, g, b): (Double, Double, Double)
        switch hp {
        case ..<1: (r, g, b) = (c, x, 0)
        case ..<2: (r, g, b) = (x, c, 0)
        case ..<3: (r, g, b) = (0, c, x)
        case ..<4: (r, g, b) = (0, x, c)
        case ..<5: (r, g, b) = (x, 0, c)
        default: (r, g, b) = (c, 0, x)
        }
        let m = l - c / 2
        return hex(r + m, g + m, b + m)
    }

    /// `#rrggbb` from components in 0…1.
    static func hex(_ r: Double, _ g: Double, _ b: Double) -> String {
        let digits = Array("0123456789abcdef")
        var out = "#"
        for component in [r, g, b] {
            let value = Int((min(max(component, 0), 1) * 255).rounded())
            out.append(digits[value >> 4])
            out.append(digits[value & 15])
        }
        return out
    }
}
