/// Where a recording came from, as its `recording.json` says: recorded from a running
/// service, or queried from a Prometheus-compatible server. Both share the schema
/// `gomemreport/recording/v1` and differ by `source`.
public enum RecordingProvenance: Sendable, Equatable {
    case recorded(RecordingManifest)
    case queried(QueryManifest)
}
