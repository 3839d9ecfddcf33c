import FuzzSupport
import Ingest

/// CgroupReader: cgroup v2 `memory.stat`, `memory.events`, `memory.current` and
/// `memory.max`. Every reader reads every input; they share the line syntax.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = FuzzContract.bytes(start, count)
    let file = FuzzContract.fileName
    FuzzContract.check { try CgroupReader.readStat(bytes, file: file, time: 1_795_851_163.5) }
    FuzzContract.check { try CgroupReader.readEvents(bytes, file: file, time: 1_795_851_163.5) }
    FuzzContract.check { try CgroupReader.readSingle(bytes, file: file, time: 1_795_851_163.5, name: "cgroup_memory_current_bytes") }
    FuzzContract.check { try CgroupReader.readSingle(bytes, file: file, time: nil, name: "cgroup_memory_max_bytes") }
    return 0
}
