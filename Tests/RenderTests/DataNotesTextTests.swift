@testable import Render
import Analysis
import XCTest

/// A missing runtime/metrics series gets the advice its cause calls for: upgrade an old
/// Go, or enable client_golang's collector option on a Go that has the metric.
final class DataNotesTextTests: XCTestCase {
    func testOldGoAndCollectorOptionAreDifferentAdvice() {
        let old = DataNotesText.markdown(.noLiveHeap(goVersion: "go1.19.8"))
        XCTAssertTrue(old.contains("this service runs go1\\.19\\.8; Go 1.21 added it, so upgrading Go brings it"), old)
        XCTAssertFalse(old.contains("WithGoCollectorRuntimeMetrics"), old)

        let option = DataNotesText.markdown(.noLiveHeap(goVersion: "go1.24.2"))
        XCTAssertTrue(option.contains("this service runs go1\\.24\\.2, which has it, but the exporter did not export it: "
            + "client_golang exports it with `collectors.WithGoCollectorRuntimeMetrics(collectors.MetricsAll)`"), option)

        let unknown = DataNotesText.markdown(.noSchedulerStates(goVersion: nil))
        XCTAssertTrue(unknown.contains("(Go 1.26 and later; client_golang exports them with"), unknown)

        // GOGC and GOMEMLIMIT are in client_golang's default set since 1.15.
        let settings = DataNotesText.markdown(.noGCSettings(missing: ["go_gc_gogc_percent", "go_gc_gomemlimit_bytes"], goVersion: "go1.22.10"))
        XCTAssertTrue(settings.contains("which has them, but the exporter did not export them: client_golang 1.15 or later exports them by default"), settings)

        XCTAssertTrue(DataNotesText.markdown(.noGCCPU(goVersion: "go1.19.8", hasExpvar: true)).contains("an average since the process started"))
        XCTAssertTrue(DataNotesText.markdown(.noGCCPU(goVersion: "go1.19.8", hasExpvar: false)).contains("the GC's share of CPU is unknown"))
    }
}
