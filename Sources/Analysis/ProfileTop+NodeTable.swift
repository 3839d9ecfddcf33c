import MemoryModel

extension ProfileTop {
    /// Interns pprof graph nodes: one per function name (or function, file and line),
    /// shared across the profiles of a diff, which number their functions differently.
    struct NodeTable {
        struct Info: Hashable {
            var function: String
            var file: String
            var line: Int64
            /// For frames without a function name: the mapped binary's file name.
            var objfile: String
        }

        let granularity: Granularity
        private(set) var info: [Info] = []
        private var index: [Info: Int32] = [:]

        init(granularity: Granularity) {
            self.granularity = granularity
        }

        var count: Int { info.count }

        /// For each location of `profile`, its nodes innermost first (one per line).
        mutating func nodes(forLocationsOf profile: Profile) -> [[Int32]] {
            // Functions are looked up once each, not once per line.
            var functionNode = [Int32](repeating: -1, count: profile.functions.count)
            return profile.locations.map { location in
                // pprof keeps the binary's name only where there is no function name.
                func objfile() -> String {
                    guard location.mapping >= 0 else { return "" }
                    return profile.mappings[Int(location.mapping)].filename
                }
                guard !location.lines.isEmpty else {
                    return [intern(Info(function: "", file: "", line: 0, objfile: objfile()))]
                }
                return location.lines.map { line in
                    let functionIndex = Int(line.function)
                    if granularity == .functions, functionNode[functionIndex] >= 0 { return functionNode[functionIndex] }
                    let function = profile.functions[functionIndex]
                    let nameless = function.name.isEmpty
                    let key: Info
                    switch granularity {
                    case .functions:
                        key = Info(function: function.name, file: "", line: 0, objfile: nameless ? objfile() : "")
                    case .lines:
                        key = Info(function: function.name, file: Self.cleanPath(function.filename), line: line.line,
                                   objfile: nameless ? objfile() : "")
                    }
                    let node = intern(key)
                    if granularity == .functions && !nameless { functionNode[functionIndex] = node }
                    return node
                }
            }
        }

        private mutating func intern(_ key: Info) -> Int32 {
            if let existing = index[key] { return existing }
            let node = Int32(info.count)
            info.append(key)
            index[key] = node
            return node
        }

        /// The name pprof prints and sorts by (`NodeInfo.PrintableName`).
        func printableName(_ node: Int) -> String {
            let i = info[node]
            var parts: [String] = []
            if !i.function.isEmpty { parts.append(i.function) }
            if i.line != 0 {
                parts.append("\(i.file):\(i.line)")
            } else if !i.file.isEmpty {
                parts.append(i.file)
            } else if !i.function.isEmpty {
                // The function name alone.
            } else if !i.objfile.isEmpty {
                parts.append("[" + (i.objfile.split(separator: "/").last.map(String.init) ?? i.objfile) + "]")
            } else {
                parts.append("<unknown>")
            }
            return parts.joined(separator: " ")
        }

        /// Go's `filepath.Clean`, which pprof applies to file names.
        static func cleanPath(_ path: String) -> String {
            guard !path.isEmpty else { return "" }
            let rooted = path.hasPrefix("/")
            var parts: [Substring] = []
            for part in path.split(separator: "/", omittingEmptySubsequences: true) {
                if part == "." { continue }
                if part == ".." {
                    if let last = parts.last, last != ".." { parts.removeLast(); continue }
                    if rooted { continue }
                }
                parts.append(part)
            }
            let joined = parts.joined(separator: "/")
            if rooted { return "/" + joined }
            return joined.isEmpty ? "." : joined
        }
    }
}
