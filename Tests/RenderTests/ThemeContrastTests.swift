import BundledResources
import Foundation
import XCTest

/// Both palettes of report.css (light, and dark through prefers-color-scheme) meet WCAG
/// AA for text: a contrast ratio of at least 4.5 between every text colour and every
/// background it is drawn on, badges included.
final class ThemeContrastTests: XCTestCase {
    private var css: String { String(decoding: BundledFiles.data(at: "assets/report.css") ?? Data(), as: UTF8.self) }

    /// The `--name: #rrggbb` declarations of the first `:root { … }` after `marker`.
    private func palette(after marker: String) throws -> [String: String] {
        let start = try XCTUnwrap(css.range(of: marker)).upperBound
        let root = try XCTUnwrap(css.range(of: ":root {", range: start..<css.endIndex))
        let end = try XCTUnwrap(css.range(of: "}", range: root.upperBound..<css.endIndex))
        var colours: [String: String] = [:]
        for declaration in css[root.upperBound..<end.lowerBound].split(separator: ";") {
            let parts = declaration.split(separator: ":").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            if parts.count == 2, parts[0].hasPrefix("--"), parts[1].hasPrefix("#") { colours[String(parts[0].dropFirst(2))] = parts[1] }
        }
        return colours
    }

    static func luminance(_ hex: String) -> Double {
        let value = Int(hex.dropFirst(), radix: 16)!
        func channel(_ shift: Int) -> Double {
            let c = Double((value >> shift) & 0xFF) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
    }

    static func contrast(_ a: String, _ b: String) -> Double {
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    func testBothPalettesMeetAA() throws {
        let light = try palette(after: "/* gomemreport")
        let dark = try palette(after: "prefers-color-scheme: dark")
        for (name, colours) in [("light", light), ("dark", dark)] {
            XCTAssertEqual(Set(colours.keys), ["fg", "muted", "bg", "panel", "rule", "accent", "code-bg"], name)
            for text in ["fg", "muted", "accent"] {
                for background in ["bg", "panel", "code-bg"] {
                    let ratio = Self.contrast(colours[text]!, colours[background]!)
                    XCTAssertGreaterThanOrEqual(ratio, 4.5, "\(name): --\(text) on --\(background) is \(ratio)")
                }
            }
        }
        // White badge text on the severity colours.
        for badge in ["#b71c1c", "#8a5300", "#3d5f85"] {
            XCTAssertTrue(css.contains(badge), badge)
            XCTAssertGreaterThanOrEqual(Self.contrast("#ffffff", badge), 4.5, badge)
        }
        XCTAssertLessThan(Self.contrast("#ffffff", "#5b7fa6"), 4.5, "the check can fail")
    }
}
