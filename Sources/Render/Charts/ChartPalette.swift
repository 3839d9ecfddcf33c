import MemoryModel

/// Fixed colours, so the same colour means the same thing in every report.
public enum ChartPalette {
    /// One colour per memory category (Tableau 20, dark/light pairs per family).
    public static func color(for category: MemoryCategory) -> String {
        switch category {
        case .heapObjects: return "#4e79a7"
        case .heapReserve: return "#a0cbe8"
        case .goroutineStacks: return "#f28e2b"
        case .osThreadStacks: return "#ffbe7d"
        case .gcOverhead: return "#59a14f"
        case .allocatorOverhead: return "#8cd17d"
        case .runtimeOverhead: return "#b6992d"
        case .profilerOverhead: return "#d37295"
        }
    }

    public static let goMemoryLine = "#222222"
    public static let heapTotalLine = "#1f3f6e"
    public static let rssLine = "#c0392b"
    public static let limitLine = "#6a1b9a"
    public static let restartMarker = "#b35900"

    /// Finding bands and badges by severity.
    public static func severity(_ severity: String) -> String {
        switch severity {
        case "critical": return "#b71c1c"
        case "warning": return "#e08a00"
        default: return "#3d5f85"
        }
    }
}
