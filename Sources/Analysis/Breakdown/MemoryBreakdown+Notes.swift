import MemoryModel

extension MemoryBreakdown {
    /// Notes on series an older Go or client_golang does not export, each saying what
    /// the report does without it.
    static func missingSeriesNotes(_ instance: InstanceSeries, breakdown: MemoryBreakdown) -> [DataNote] {
        var notes: [DataNote] = []
        if breakdown.scheme == .memStats { notes.append(.memStatsFallback) }
        if !breakdown.hasRSS { notes.append(.noRSS) }
        let settings = ["go_gc_gogc_percent", "go_gc_gomemlimit_bytes"].filter { instance.series(named: $0) == nil }
        if !settings.isEmpty { notes.append(.noGCSettings(missing: settings, goVersion: breakdown.goVersion)) }
        // Said either way: which series the heap trends rest on changes what they mean.
        notes.append(instance.series(named: "go_gc_heap_live_bytes") == nil ? .noLiveHeap(goVersion: breakdown.goVersion) : .liveHeapMeasured)
        if instance.series(named: GCCPUShare.gcSeconds) == nil {
            notes.append(.noGCCPU(goVersion: breakdown.goVersion, hasExpvar: instance.series(named: GCCPUShare.expvarFraction) != nil))
        }
        if instance.series(named: GoroutineSchedulerStates.waitingSeries) == nil {
            notes.append(.noSchedulerStates(goVersion: breakdown.goVersion))
        }
        return notes
    }
}
