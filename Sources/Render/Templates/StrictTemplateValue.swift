import Foundation
import Mustache

/// Wraps a view-model value for swift-mustache so that lookups are strict.
///
/// Mustache resolves a name by asking each scope from the innermost outwards; the root
/// scope is asked last. So a name the root does not have either is unknown everywhere,
/// and is logged. A property that exists but is nil renders as empty (and as false in
/// sections), which is different from a name that does not exist.
struct StrictTemplateValue: MustacheParent {
    let value: Any
    let log: UnknownVariableLog
    let isRoot: Bool

    init(_ value: Any, log: UnknownVariableLog, isRoot: Bool = false) {
        self.value = value
        self.log = log
        self.isRoot = isRoot
    }

    func child(named name: String) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard let found = mirror.children.first(where: { $0.label == name }) else {
            if isRoot { log.names.append(name) }
            return nil
        }
        return Self.wrap(found.value, log: log)
    }

    static func wrap(_ value: Any, log: UnknownVariableLog) -> Any {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            guard let inner = mirror.children.first?.value else { return NullValue() }
            return wrap(inner, log: log)
        case .collection:
            return mirror.children.map { wrap($0.value, log: log) }
        case .struct, .class:
            return StrictTemplateValue(value, log: log)
        default:
            return value
        }
    }
}
