/// Walking a call tree by function name: what `CallTree` and `CallTreeDiff` share.
/// A conforming tree gives each node's children, function and parent; the rest follows.
/// A node's children as node indices (stored in 4 bytes each, read as `Int`).
public typealias CallTreeChildren = LazyMapCollection<ArraySlice<Int32>, Int>

public protocol CallTreeNavigation {
    /// The root's index (always 0).
    static var root: Int { get }
    /// The children of `node`, in the tree's display order.
    func children(of node: Int) -> CallTreeChildren
    /// The function of `node`; nil for the root.
    func function(of node: Int) -> CallTreeFunction?
    /// The parent of `node` (−1 for the root).
    func parent(of node: Int) -> Int
}

extension CallTreeNavigation {
    /// The function name of `node`; empty for the root.
    public func name(of node: Int) -> String {
        function(of: node)?.name ?? ""
    }

    /// The child of `node` whose function is named `name`, if any.
    public func child(of node: Int, named name: String) -> Int? {
        children(of: node).first { self.name(of: $0) == name }
    }

    /// The node reached from the root by following `names` (outermost first).
    public func node(atPath names: [String]) -> Int? {
        var node = Self.root
        for name in names {
            guard let next = child(of: node, named: name) else { return nil }
            node = next
        }
        return node
    }

    /// The function names from the outermost frame down to `node` (empty for the root).
    public func path(of node: Int) -> [String] {
        var names: [String] = []
        var current = node
        while current != Self.root, current >= 0 {
            names.append(name(of: current))
            current = parent(of: current)
        }
        return names.reversed()
    }
}
