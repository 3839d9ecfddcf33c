/// What the kernel says of the process's memory beyond its RSS, from
/// `/proc/PID/status` and `/proc/PID/smaps_rollup`, aligned to a breakdown's samples
/// (nil where not recorded near a sample).
///
/// RSS splits into anonymous memory (the Go heap, stacks, and cgo's or `mmap`'s
/// anonymous pages), file-backed pages (the binary, shared libraries, mapped files) and
/// shared memory. PSS charges shared pages in proportion to the processes sharing them.
public struct ProcessMemory: Sendable, Equatable {
    public var anonymous: [Double?]
    public var fileBacked: [Double?]
    public var sharedMemory: [Double?]
    public var swap: [Double?]
    /// The highest RSS since the process started (VmHWM).
    public var peakRSS: [Double?]
    /// Proportional set size (smaps_rollup).
    public var pss: [Double?]

    /// The series each field is read from, in field order.
    static let seriesNames = ["proc_rss_anon_bytes", "proc_rss_file_bytes", "proc_rss_shmem_bytes", "proc_vm_swap_bytes",
                              "proc_vm_hwm_bytes", "proc_smaps_pss_bytes"]

    init(aligned: [[Double?]]) {
        anonymous = aligned[0]
        fileBacked = aligned[1]
        sharedMemory = aligned[2]
        swap = aligned[3]
        peakRSS = aligned[4]
        pss = aligned[5]
    }
}
