import Foundation
import Analysis
import Markdown
import MemoryModel

extension ReportPage {
    /// Shapes the page of an analysed recording (one section per instance, in order).
    ///
    /// `css` is placed inline; `notes` overrides the recording's own `notes.md`.
    public static func build(_ analysis: ReportAnalysis, css: String, notes: String? = nil) -> ReportPage {
        let recording = analysis.recording, breakdowns = analysis.breakdowns, findings = analysis.findings
        let noteText = notes ?? recording.notes
        var usedAnchors: Set<String> = []
        let sections = breakdowns.enumerated().map { index, breakdown -> InstanceSection in
            var anchor = "instance-" + slug(breakdown.instance.description)
            while usedAnchors.contains(anchor) { anchor += "-" }
            usedAnchors.insert(anchor)
            return InstanceSection.build(breakdown: breakdown, anchor: anchor, recordingLocation: recording.location,
                                         findings: index < findings.count ? findings[index] : [],
                                         profiles: index == 0 ? recording.profiles : ProfileSet())
        }
        let warnings = inputWarnings(recording)
        let provenance = recording.provenance.map(RecordingProvenanceText.init)
        let problems = provenance?.problems ?? []
        return ReportPage(
            title: "Go memory report: \(recording.name)",
            toolName: ToolVersion.name,
            toolVersion: ToolVersion.current,
            recordingName: recording.name,
            sourceFiles: compact(sourceFiles: recording.sourceFiles),
            inputWarnings: warnings,
            hasInputWarnings: !warnings.isEmpty,
            recordedBy: provenance?.line,
            recorderProblems: problems,
            hasRecorderProblems: !problems.isEmpty,
            contentSecurityPolicy: ContentSecurityPolicy.forReport,
            css: css,
            printHeaderCSS: CSSString.escape(printHeader(recording: recording, breakdowns: breakdowns)),
            notesHTML: noteText.map(MarkdownHTML.render),
            findings: FindingsSection.build(findings: findings, breakdowns: breakdowns, profiles: recording.profiles),
            instances: sections,
            hasSeveralInstances: sections.count > 1,
            heapProfile: analysis.heapProfile.map(ProfileSectionView.build),
            goroutines: analysis.goroutines.map { GoroutineSectionView.build($0, states: analysis.schedulerStates) })
    }

    /// "Go memory: heapleak · 2026-11-28 07:32:43 UTC – 07:37:37 UTC", repeated on every printed page.
    static func printHeader(recording: Recording, breakdowns: [MemoryBreakdown]) -> String {
        guard let (start, end) = MemoryBreakdown.window(breakdowns) else { return "Go memory: \(recording.name)" }
        return "Go memory: \(recording.name) · \(UTCTime(unixSeconds: start).readable) – \(UTCTime(unixSeconds: end).clock(seconds: true)) UTC"
    }

    /// What was skipped or repaired while reading, one line each, with paths relative
    /// to the recording.
    static func inputWarnings(_ recording: Recording) -> [String] {
        recording.skipped.map { "Skipped \(relative($0.description, to: recording.location))" }
            + recording.warnings.map { "Repaired \(relative($0.description, to: recording.location))" }
    }

    /// A warning line with the recording's own path left out of file names in it.
    private static func relative(_ line: String, to location: String) -> String {
        let trimmed = location.hasSuffix("/") ? String(location.dropLast()) : location
        if line.hasPrefix(trimmed + ":") {
            // The recording is this one file.
            return (trimmed as NSString).lastPathComponent + line.dropFirst(trimmed.count)
        }
        return line.replacingOccurrences(of: trimmed + "/", with: "")
    }

    /// The files a report was read from, with more than three of one folder and
    /// extension (a live query saves one answer per metric) shown as one pattern:
    /// `prometheus/*.json (35 files)`.
    static func compact(sourceFiles: [String]) -> [String] {
        func pattern(_ file: String) -> String? {
            guard let slash = file.lastIndex(of: "/"), let dot = file.lastIndex(of: "."), dot > slash else { return nil }
            return "\(file[...slash])*\(file[dot...])"
        }
        var counts: [String: Int] = [:]
        for file in sourceFiles { if let key = pattern(file) { counts[key, default: 0] += 1 } }
        var shown: [String] = []
        var grouped: Set<String> = []
        for file in sourceFiles {
            guard let key = pattern(file), let count = counts[key], count > 3 else {
                shown.append(file)
                continue
            }
            if grouped.insert(key).inserted { shown.append("\(key) (\(count) files)") }
        }
        return shown
    }

    /// Lower-case letters, digits and dashes only, so it is safe as an id and a file name.
    public static func slug(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else if out.last != "-" {
                out.append("-")
            }
        }
        let trimmed = out.trimmingDashes()
        return trimmed.isEmpty ? "unnamed" : trimmed
    }
}

extension String {
    fileprivate func trimmingDashes() -> String {
        var characters = Substring(self)
        while characters.first == "-" { characters = characters.dropFirst() }
        while characters.last == "-" { characters = characters.dropLast() }
        return String(characters)
    }
}
