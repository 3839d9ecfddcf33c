import Foundation

/// Finds the cgroup v2 folder of a process: the `0::/path` line of `/proc/PID/cgroup`
/// joined to the cgroup2 mount (`/sys/fs/cgroup`, or `/sys/fs/cgroup/unified` on hybrid
/// hosts). Nil when the process has no v2
/// cgroup, the folder has no `memory.current` (the memory controller is off there), or
/// anything cannot be read: the recording then goes on without container figures.
public enum CgroupLocator {
    public static func folder(ofProcess pid: Int32, procRoot: String = "/proc",
                              mounts: [String] = ["/sys/fs/cgroup", "/sys/fs/cgroup/unified"]) -> String? {
        guard let text = try? String(contentsOfFile: "\(procRoot)/\(pid)/cgroup", encoding: .utf8) else { return nil }
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("0::") }) else { return nil }
        let relative = line.dropFirst(3)
        guard relative.hasPrefix("/"), !relative.contains("..") else { return nil }
        for mount in mounts {
            let folder = relative == "/" ? mount : mount + relative
            if FileManager.default.fileExists(atPath: folder + "/memory.current") { return folder }
        }
        return nil
    }
}
