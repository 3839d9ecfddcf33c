/// The tool's name and version, shown in reports and by `--version`.
public enum ToolVersion {
    public static let name = "gomemreport"
    public static let current = "0.1.0"
}
