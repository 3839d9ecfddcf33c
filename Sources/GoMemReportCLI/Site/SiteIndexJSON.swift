import Foundation
import Render

/// `index.json` of a site (schema `gomemreport/site/v1`): every page with its JSON
/// summary (schema `gomemreport/summary/v1`), and the recordings that failed.
struct SiteIndexJSON: Encodable {
    struct Page: Encodable {
        var page: String
        var recording: String
        var summary: ReportSummary
        /// With `site --baseline --budget`: each rule against the baseline (left out
        /// without them).
        var budgets: [CompareSummary.Budget]?
        /// With `site --baseline`: the page comparing the baseline with this recording,
        /// and its verdict (left out without a baseline, and for the baseline itself).
        var comparePage: String?
        var compareVerdict: String?
        enum CodingKeys: String, CodingKey {
            case page, recording, summary, budgets
            case comparePage = "compare_page", compareVerdict = "compare_verdict"
        }
    }

    struct Failure: Encodable {
        var recording: String
        var error: String
    }

    var schema: String
    var title: String
    var tool: String
    var pages: [Page]
    var failures: [Failure]

    func text() throws -> String {
        try StableJSON.text(self)
    }
}
