/// One entry of the chart's legend.
public struct LegendEntry: Sendable {
    public var name: String
    /// A small inline SVG swatch (a filled square or a dashed or solid line).
    public var swatchSVG: String
}
