import Analysis
import MemoryModel

/// A page for one profile (`gomemreport profile`): the "flame graph as a file" with
/// its top tables, a diff against a base profile, and goroutine groups for goroutine
/// profiles.
public struct ProfilePage: Sendable {
    public var title: String
    public var toolName: String
    public var toolVersion: String
    public var contentSecurityPolicy: String
    public var css: String
    public var kind: String
    /// Sample types the profile has, for the reader who wants another (`--sample-index`).
    public var sampleTypes: String
    public var section: ProfileSectionView
    public var goroutines: GoroutineSectionView?

    /// Shapes `analysis`, with `goroutines` (the same profile's groups) for a goroutine profile.
    public static func build(_ analysis: ProfileAnalysis, goroutines: GoroutineAnalysis?, css: String) -> ProfilePage {
        let current = analysis.current
        let name = current.file.split(separator: "/").last.map(String.init) ?? current.file
        return ProfilePage(
            title: "\(analysis.sampleType.type) profile: \(name)",
            toolName: ToolVersion.name, toolVersion: ToolVersion.current,
            contentSecurityPolicy: ContentSecurityPolicy.forReport, css: css,
            kind: current.kind.rawValue,
            sampleTypes: current.profile.sampleTypes.enumerated().map { "\($0.offset): \($0.element.type) (\($0.element.unit))" }
                .joined(separator: ", "),
            section: ProfileSectionView.build(analysis),
            goroutines: goroutines.map { GoroutineSectionView.build($0) })
    }
}
