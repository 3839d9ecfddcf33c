import Analysis
import Dispatch
import Foundation
import Ingest
import MemoryModel
import Publish
import Render

struct SiteWriteFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
