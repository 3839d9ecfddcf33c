import Capture
import Foundation
import Ingest

/// A recording run that produced nothing a report can use.
struct RecordFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
