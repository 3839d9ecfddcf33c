/// What a goroutine is waiting for, read from the runtime frames at the leaf of its
/// stack (or, for a `debug=2` dump, from its wait reason when the frames say nothing).
public enum BlockingOperation {
    /// Names the operation for a stack given leaf first; nil when no frame is telling.
    public static func classify(_ functions: [String]) -> String? {
        var generic: String?
        for function in functions.prefix(12) {
            guard let name = name(for: function) else { continue }
            // A bare semaphore is usually a WaitGroup, Mutex or Cond a frame or two up.
            if name == "semaphore" { generic = generic ?? name; continue }
            return name
        }
        return generic
    }

    private static func name(for function: String) -> String? {
        switch function {
        case "runtime.chanrecv", "runtime.chanrecv1", "runtime.chanrecv2": return "chan receive"
        case "runtime.chansend", "runtime.chansend1": return "chan send"
        case "runtime.selectgo": return "select"
        case "runtime.block": return "select with no cases"
        case "sync.(*WaitGroup).Wait": return "WaitGroup wait"
        case "sync.(*Cond).Wait", "sync.runtime_notifyListWait": return "sync.Cond wait"
        case "sync.(*Mutex).Lock", "sync.(*Mutex).lockSlow", "sync.runtime_SemacquireMutex": return "mutex"
        case "sync.(*RWMutex).Lock", "sync.(*RWMutex).RLock", "sync.runtime_SemacquireRWMutex",
             "sync.runtime_SemacquireRWMutexR": return "RWMutex"
        case "sync.runtime_Semacquire": return "semaphore"
        case "runtime.netpollblock", "internal/poll.runtime_pollWait": return "network wait"
        case "time.Sleep": return "sleep"
        case "runtime.gcBgMarkWorker", "runtime.bgsweep", "runtime.bgscavenge", "runtime.forcegchelper",
             "runtime.runfinq", "runtime.gcenable": return "runtime background work"
        case "runtime.goroutineProfileWithLabels", "runtime/pprof.writeGoroutineStacks", "runtime.Stack": return "running (profiling)"
        case "syscall.Syscall", "syscall.Syscall6", "syscall.RawSyscall", "syscall.RawSyscall6",
             "internal/syscall/unix.Syscall", "runtime.cgocall": return "syscall or cgo"
        case "os/signal.signal_recv", "os/signal.loop": return "signal wait"
        default: return nil
        }
    }

    /// Whether a frame belongs to the runtime or a standard blocking wrapper, which
    /// people skip to find the code that owns the goroutine.
    public static func isPlumbing(_ function: String) -> Bool {
        function.hasPrefix("runtime.") || function.hasPrefix("runtime/") || function.hasPrefix("internal/")
            || function.hasPrefix("sync.") || function.hasPrefix("sync/atomic.") || function == "time.Sleep"
            || function.hasPrefix("syscall.")
    }
}
