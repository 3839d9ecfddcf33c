/// Everything the page template places, already computed and formatted. Templates
/// only position these values; they make no decisions of their own.
///
/// Fields ending in `HTML` or `SVG` are trusted markup produced by this module (cmark
/// in safe mode, or our own escaping); every other string is plain text that the
/// template engine escapes.
public struct ReportPage: Sendable {
    public var title: String
    public var toolName: String
    public var toolVersion: String
    public var recordingName: String
    public var sourceFiles: [String]
    /// Input repaired or skipped while reading (one line each), shown near the top.
    public var inputWarnings: [String]
    public var hasInputWarnings: Bool
    /// How the recording was made, from its manifest; nil without one.
    public var recordedBy: String?
    /// What went wrong while recording (failures by endpoint, the recorder's notes).
    public var recorderProblems: [String]
    public var hasRecorderProblems: Bool
    /// The Content-Security-Policy for the `<meta>` tag.
    public var contentSecurityPolicy: String
    /// The stylesheet, inlined in `<style>`.
    public var css: String
    /// The running header of printed pages (recording and window), already escaped as a
    /// CSS string for `@page { @top-left { content: "…" } }`.
    public var printHeaderCSS: String
    /// The user's notes rendered from Markdown, nil when there are none.
    public var notesHTML: String?
    /// The findings, which lead the page.
    public var findings: FindingsSection
    public var instances: [InstanceSection]
    /// A table of contents, shown when there are several instances.
    public var hasSeveralInstances: Bool
    /// The latest heap profile, its diff against the earliest, and the heap goal.
    public var heapProfile: ProfileSectionView?
    /// Goroutine groups of the latest goroutine profile, and how they changed.
    public var goroutines: GoroutineSectionView?
}
