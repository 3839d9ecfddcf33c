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

        /// Each location's nodes, innermost first (one per line), stored flat so the hot
        /// loops touch no nested arrays: location `l` has `nodes[starts[l] ..< starts[l + 1]]`.
        struct LocationFrames {
            var starts: [Int32]
            var nodes: [Int32]
        }

        mutating func frames(forLocationsOf profile: Profile) -> LocationFrames {
            var starts: [Int32] = [0]
            var flat: [Int32] = []
            starts.reserveCapacity(profile.locations.count + 1)
            flat.reserveCapacity(profile.locations.count + profile.locations.count / 4)
            index.reserveCapacity(index.count + profile.functions.count)
            info.reserveCapacity(info.count + profile.functions.count)
            // Functions are looked up once each, not once per line; so are file names.
            var functionNode = [Int32](repeating: -1, count: profile.functions.count)
            var cleanFiles = [String?](repeating: nil, count: granularity == .lines ? profile.functions.count : 0)
            for location in profile.locations {
                appendNodes(of: location, in: profile, functionNode: &functionNode, cleanFiles: &cleanFiles, to: &flat)
                starts.append(Int32(flat.count))
            }
            return LocationFrames(starts: starts, nodes: flat)
        }

        /// Appends a location's nodes, innermost first (one per line).
        private mutating func appendNodes(of location: ProfileLocation, in profile: Profile, functionNode: inout [Int32],
                                          cleanFiles: inout [String?], to flat: inout [Int32]) {
            // pprof keeps the binary's name only where there is no function name.
            func objfile() -> String {
                guard location.mapping >= 0 else { return "" }
                return profile.mappings[Int(location.mapping)].filename
            }
            guard !location.lines.isEmpty else {
                flat.append(intern(Info(function: "", file: "", line: 0, objfile: objfile())))
                return
            }
            for line in location.lines {
                let functionIndex = Int(line.function)
                if granularity == .functions, functionNode[functionIndex] >= 0 {
                    flat.append(functionNode[functionIndex])
                    continue
                }
                let function = profile.functions[functionIndex]
                let nameless = function.name.isEmpty
                let key: Info
                switch granularity {
                case .functions:
                    key = Info(function: function.name, file: "", line: 0, objfile: nameless ? objfile() : "")
                case .lines:
                    let file = cleanFiles[functionIndex] ?? Self.cleanPath(function.filename)
                    cleanFiles[functionIndex] = file
                    key = Info(function: function.name, file: file, line: line.line, objfile: nameless ? objfile() : "")
                }
                let node = intern(key)
                if granularity == .functions && !nameless { functionNode[functionIndex] = node }
                flat.append(node)
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
            if isClean(path) { return path }
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

        /// Whether `Clean` would return `path` unchanged (the common case): no empty,
        /// `.` or `..` segments and no trailing slash.
        private static func isClean(_ path: String) -> Bool {
            var position = 0, segmentLength = 0, segmentDots = 0
            for byte in path.utf8 {
                if byte == UInt8(ascii: "/") {
                    if position > 0 && segmentLength == 0 { return false }                       // "//"
                    if segmentLength > 0 && segmentLength == segmentDots && segmentDots <= 2 { return false }  // "." or ".."
                    segmentLength = 0
                    segmentDots = 0
                } else {
                    segmentLength += 1
                    if byte == UInt8(ascii: ".") { segmentDots += 1 }
                }
                position += 1
            }
            if segmentLength == 0 && position > 1 { return false }                               // trailing "/"
            return !(segmentLength > 0 && segmentLength == segmentDots && segmentDots <= 2)
        }
    }
}
