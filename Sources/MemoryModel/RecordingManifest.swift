/// `recording.json` of a recording made by `gomemreport record`: what was recorded,
/// how, and what went wrong on the way.
///
/// Written when recording starts, after every sample, and at the end, each time whole
/// (to a hidden file, then renamed), so the folder always holds a complete manifest:
/// `state` is `recording` until the recorder ends, and stays so if it was killed.
/// The README's "Recording layout" documents the fields for other tools that write
/// recordings. Capture encodes it (keys sorted, so the same facts give the same bytes);
/// Ingest reads it back for the report.
public struct RecordingManifest: Codable, Sendable, Equatable {
    /// The `schema` of every manifest, whichever `source` wrote it.
    public static let schemaName = "gomemreport/recording/v1"

    /// How the recording ended.
    public enum State: String, Codable, Sendable {
        /// Still recording, or the recorder was killed.
        case recording
        /// The planned duration passed.
        case completed
        /// Ctrl-C or SIGTERM; the final profiles were taken within the grace period.
        case interrupted
        /// A second Ctrl-C: stopped at once, without final profiles.
        case stoppedAtOnce = "stopped-at-once"
        /// The process given with --pid exited.
        case targetExited = "target-exited"
        /// Writing into the recording failed (disk full, permissions).
        case writeFailed = "write-failed"
    }

    public struct Target: Codable, Sendable, Equatable {
        public var url: String
        public var pid: Int32?
        public var cgroup: String?

        public init(url: String, pid: Int32? = nil, cgroup: String? = nil) {
            self.url = url
            self.pid = pid
            self.cgroup = cgroup
        }
    }

    public struct Samples: Codable, Sendable, Equatable {
        /// Samples taken (slots at which at least one endpoint was asked).
        public var taken: Int
        /// Taken more than a tenth of an interval after their slot.
        public var late: Int
        /// Slots skipped because an earlier sample overran them.
        public var missed: Int

        public init(taken: Int, late: Int, missed: Int) {
            self.taken = taken
            self.late = late
            self.missed = missed
        }
    }

    public struct ProfileRound: Codable, Sendable, Equatable {
        public var time: String
        /// `start`, `periodic` or `final`.
        public var reason: String
        /// Paths inside the recording: `pprof/heap-<stamp>.pb.gz`, …
        public var files: [String]

        public init(time: String, reason: String, files: [String]) {
            self.time = time
            self.reason = reason
            self.files = files
        }
    }

    public struct Failure: Codable, Sendable, Equatable {
        public var kind: String
        public var count: Int
        public var first: String
        public var last: String
        public var message: String

        public init(kind: String, count: Int, first: String, last: String, message: String) {
            self.kind = kind
            self.count = count
            self.first = first
            self.last = last
            self.message = message
        }
    }

    public struct EndpointReport: Codable, Sendable, Equatable {
        public var endpoint: String
        /// The URL or file asked, without credentials.
        public var source: String
        public var requests: Int
        public var answers: Int
        public var bytes: Int
        /// Answered 404 or does not exist: asked once, then skipped.
        public var absent: Bool
        public var skipped: Int
        public var errors: [Failure]

        public init(endpoint: String, source: String, requests: Int, answers: Int, bytes: Int, absent: Bool, skipped: Int, errors: [RecordingManifest.Failure]) {
            self.endpoint = endpoint
            self.source = source
            self.requests = requests
            self.answers = answers
            self.bytes = bytes
            self.absent = absent
            self.skipped = skipped
            self.errors = errors
        }
    }

    public var schema = RecordingManifest.schemaName
    /// `record`: written by `gomemreport record` (a `QueryManifest` says `prometheus`).
    public var source = "record"
    public var tool: String
    public var target: Target
    public var intervalSeconds: Double
    /// Nil: until stopped.
    public var durationSeconds: Double?
    /// Nil: only at the start and the end.
    public var profilesEverySeconds: Double?
    public var started: String
    public var ended: String?
    public var state: State
    public var samples: Samples
    public var profileRounds: [ProfileRound]
    public var endpoints: [EndpointReport]
    /// Things a reader should know: endpoints found absent, dumps skipped, the process exiting.
    public var notes: [String]
    /// Failures over every endpoint.
    public var errorCount: Int

    public init(tool: String,
                target: Target,
                intervalSeconds: Double,
                durationSeconds: Double?,
                profilesEverySeconds: Double?,
                started: String,
                ended: String?,
                state: State,
                samples: Samples,
                profileRounds: [ProfileRound],
                endpoints: [EndpointReport],
                notes: [String],
                errorCount: Int) {
        self.tool = tool
        self.target = target
        self.intervalSeconds = intervalSeconds
        self.durationSeconds = durationSeconds
        self.profilesEverySeconds = profilesEverySeconds
        self.started = started
        self.ended = ended
        self.state = state
        self.samples = samples
        self.profileRounds = profileRounds
        self.endpoints = endpoints
        self.notes = notes
        self.errorCount = errorCount
    }

    enum CodingKeys: String, CodingKey {
        case schema, source, tool, target, started, ended, state, samples, endpoints, notes
        case intervalSeconds = "interval_seconds"
        case durationSeconds = "duration_seconds"
        case profilesEverySeconds = "profiles_every_seconds"
        case profileRounds = "profile_rounds"
        case errorCount = "error_count"
    }
}
