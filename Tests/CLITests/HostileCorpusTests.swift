import Foundation
import TestSupport
import XCTest

/// The hostile corpus (Tests/Fixtures/hostile, README.md there): one test per input, each
/// running the real executable and checking that it fails as bad input must (exit 1, one
/// line naming the file, no output, no signal, under 512 MiB). Generated inputs (100 MiB
/// lines, the 10 GiB gzip bomb, deep nesting, many series) are made in a scratch folder.
final class HostileCorpusTests: XCTestCase {
    /// Every input, committed or generated, has a README row and a test method, and there
    /// are at least the 60 the issue asks for.
    func testEveryInputHasARowAndATest() {
        let inputs = Set(HostileCorpus.committedNames.filter { !$0.hasSuffix("README.md") && !$0.hasSuffix(".py") } + HostileInputs.names)
        XCTAssertGreaterThanOrEqual(inputs.count, 60)
        XCTAssertEqual(Set(HostileCorpus.expectedLines.keys), inputs, "README.md rows versus files in the corpus")
        // XCTest on Linux lists no methods at run time: this file is read instead.
        let source = (try? String(contentsOfFile: #filePath, encoding: .utf8)) ?? ""
        for input in inputs.sorted() {
            let method = HostileCorpus.methodName(input)
            XCTAssertTrue(source.contains("func \(method)() throws { try HostileCorpus.check(\"\(input)\") }"), "no test method \(method) for \(input)")
        }
    }

    /// The bomb really is one: ~10 MB stating 10 GiB (mod 2^32); and the same
    /// construction at 2 MiB passes zlib's CRC-32 and length checks whole, so the
    /// executable gets to decode the zeros (and finds no profile in them).
    func testTheGzipBombIsValidGzip() throws {
        let bomb = GzipBomb.make(expandedBytes: 10 << 30)
        XCTAssertEqual(bomb.count, 10_404_507)
        XCTAssertEqual(GzipBomb.expandedSize(10 << 30), 10_737_418_459)
        XCTAssertEqual(Array(bomb.suffix(4)), [0xDB, 0x00, 0x00, 0x80], "ISIZE, the size mod 2^32")

        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let small = folder.appendingPathComponent("zeros.pb.gz")
        XCTAssertTrue(FileManager.default.createFile(atPath: small.path, contents: Data(GzipBomb.make(expandedBytes: 2 << 20))))
        let result = try CommandRunner.run(["top", small.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "gomemreport: \(small.path): byte 0: not a valid profile.proto: field number 0\n")
    }

    // MARK: Prometheus query_range answers

    func testQueryRangeControlCharacterJson() throws { try HostileCorpus.check("query-range/control-character.json") }
    func testQueryRangeDeepNestingJson() throws { try HostileCorpus.check("query-range/deep-nesting.json") }
    func testQueryRangeEmptyJson() throws { try HostileCorpus.check("query-range/empty.json") }
    func testQueryRangeInfMemoryClassJson() throws { try HostileCorpus.check("query-range/inf-memory-class.json") }
    func testQueryRangeInvalidEscapeJson() throws { try HostileCorpus.check("query-range/invalid-escape.json") }
    func testQueryRangeLabelsEveryEscapeJson() throws { try HostileCorpus.check("query-range/labels-every-escape.json") }
    func testQueryRangeLoneSurrogateJson() throws { try HostileCorpus.check("query-range/lone-surrogate.json") }
    func testQueryRangeLongStringJson() throws { try HostileCorpus.check("query-range/long-string.json") }
    func testQueryRangeManySeriesJson() throws { try HostileCorpus.check("query-range/many-series.json") }
    func testQueryRangeMultilineErrorJson() throws { try HostileCorpus.check("query-range/multiline-error.json") }
    func testQueryRangeNanEverywhereJson() throws { try HostileCorpus.check("query-range/nan-everywhere.json") }
    func testQueryRangeNegInfMemoryClassJson() throws { try HostileCorpus.check("query-range/neg-inf-memory-class.json") }
    func testQueryRangeNegativeTimeJson() throws { try HostileCorpus.check("query-range/negative-time.json") }
    func testQueryRangeNotAnObjectJson() throws { try HostileCorpus.check("query-range/not-an-object.json") }
    func testQueryRangeRandomJson() throws { try HostileCorpus.check("query-range/random.json") }
    func testQueryRangeSparse1GiBJson() throws { try HostileCorpus.check("query-range/sparse-1GiB.json") }
    func testQueryRangeTime1e400Json() throws { try HostileCorpus.check("query-range/time-1e400.json") }
    func testQueryRangeTimeAsStringJson() throws { try HostileCorpus.check("query-range/time-as-string.json") }
    func testQueryRangeTruncatedJson() throws { try HostileCorpus.check("query-range/truncated.json") }
    func testQueryRangeUnterminatedStringJson() throws { try HostileCorpus.check("query-range/unterminated-string.json") }
    func testQueryRangeValueNotANumberJson() throws { try HostileCorpus.check("query-range/value-not-a-number.json") }
    func testQueryRangeYear30000Json() throws { try HostileCorpus.check("query-range/year-30000.json") }

    // MARK: /metrics scrapes (Prometheus text 0.0.4, OpenMetrics)

    func testScrapesBadMetricNameProm() throws { try HostileCorpus.check("scrapes/bad-metric-name.prom") }
    func testScrapesEmptyProm() throws { try HostileCorpus.check("scrapes/empty.prom") }
    func testScrapesInfByteCountProm() throws { try HostileCorpus.check("scrapes/inf-byte-count.prom") }
    func testScrapesLabelsEveryEscapeProm() throws { try HostileCorpus.check("scrapes/labels-every-escape.prom") }
    func testScrapesLongLineProm() throws { try HostileCorpus.check("scrapes/long-line.prom") }
    func testScrapesManySeriesProm() throws { try HostileCorpus.check("scrapes/many-series.prom") }
    func testScrapesNanByteCountProm() throws { try HostileCorpus.check("scrapes/nan-byte-count.prom") }
    func testScrapesNanTimestampProm() throws { try HostileCorpus.check("scrapes/nan-timestamp.prom") }
    func testScrapesNegInfByteCountProm() throws { try HostileCorpus.check("scrapes/neg-inf-byte-count.prom") }
    func testScrapesNegativeTimestampProm() throws { try HostileCorpus.check("scrapes/negative-timestamp.prom") }
    func testScrapesNulBytesProm() throws { try HostileCorpus.check("scrapes/nul-bytes.prom") }
    func testScrapesRandomProm() throws { try HostileCorpus.check("scrapes/random.prom") }
    func testScrapesTruncatedProm() throws { try HostileCorpus.check("scrapes/truncated.prom") }
    func testScrapesUnclosedLabelProm() throws { try HostileCorpus.check("scrapes/unclosed-label.prom") }
    func testScrapesValueNotANumberProm() throws { try HostileCorpus.check("scrapes/value-not-a-number.prom") }
    func testScrapesYear30000OpenmetricsProm() throws { try HostileCorpus.check("scrapes/year-30000-openmetrics.prom") }
    func testScrapesYear30000Prom() throws { try HostileCorpus.check("scrapes/year-30000.prom") }

    // MARK: expvar /debug/vars bodies

    func testExpvarDeepNestingJson() throws { try HostileCorpus.check("expvar/deep-nesting.json") }
    func testExpvarEmptyJson() throws { try HostileCorpus.check("expvar/empty.json") }
    func testExpvarLongLineJson() throws { try HostileCorpus.check("expvar/long-line.json") }
    func testExpvarNanLiteralJson() throws { try HostileCorpus.check("expvar/nan-literal.json") }
    func testExpvarNanStringJson() throws { try HostileCorpus.check("expvar/nan-string.json") }
    func testExpvarNoMemstatsJson() throws { try HostileCorpus.check("expvar/no-memstats.json") }
    func testExpvarNotAnObjectJson() throws { try HostileCorpus.check("expvar/not-an-object.json") }
    func testExpvarNumber1e400Json() throws { try HostileCorpus.check("expvar/number-1e400.json") }
    func testExpvarPauseInYear30000Json() throws { try HostileCorpus.check("expvar/pause-in-year-30000.json") }
    func testExpvarRandomJson() throws { try HostileCorpus.check("expvar/random.json") }
    func testExpvarTooManyPausesJson() throws { try HostileCorpus.check("expvar/too-many-pauses.json") }
    func testExpvarTruncatedJson() throws { try HostileCorpus.check("expvar/truncated.json") }

    // MARK: /proc/PID/status and smaps_rollup

    func testProcEmptyStatus() throws { try HostileCorpus.check("proc/empty.status") }
    func testProcLongLineStatus() throws { try HostileCorpus.check("proc/long-line.status") }
    func testProcNoRssSmapsRollup() throws { try HostileCorpus.check("proc/no-rss.smaps_rollup") }
    func testProcRandomStatus() throws { try HostileCorpus.check("proc/random.status") }
    func testProcTruncatedSmapsRollup() throws { try HostileCorpus.check("proc/truncated.smaps_rollup") }
    func testProcVmrssNanStatus() throws { try HostileCorpus.check("proc/vmrss-nan.status") }
    func testProcVmrssNegativeStatus() throws { try HostileCorpus.check("proc/vmrss-negative.status") }
    func testProcVmrssOverflowStatus() throws { try HostileCorpus.check("proc/vmrss-overflow.status") }

    // MARK: cgroup v2 memory.stat, .current, .max, .events

    func testCgroupAnonNanStat() throws { try HostileCorpus.check("cgroup/anon-nan.stat") }
    func testCgroupEmptyEvents() throws { try HostileCorpus.check("cgroup/empty.events") }
    func testCgroupEmptyStat() throws { try HostileCorpus.check("cgroup/empty.stat") }
    func testCgroupLongLineStat() throws { try HostileCorpus.check("cgroup/long-line.stat") }
    func testCgroupNegativeCurrent() throws { try HostileCorpus.check("cgroup/negative.current") }
    func testCgroupOomKillInfEvents() throws { try HostileCorpus.check("cgroup/oom-kill-inf.events") }
    func testCgroupOverflowCurrent() throws { try HostileCorpus.check("cgroup/overflow.current") }
    func testCgroupRandomStat() throws { try HostileCorpus.check("cgroup/random.stat") }
    func testCgroupUnlimitedMax() throws { try HostileCorpus.check("cgroup/unlimited.max") }

    // MARK: recording.json manifests

    func testManifestDeepNestingJson() throws { try HostileCorpus.check("manifest/deep-nesting.json") }
    func testManifestEmptyJson() throws { try HostileCorpus.check("manifest/empty.json") }
    func testManifestInterval1e300Json() throws { try HostileCorpus.check("manifest/interval-1e300.json") }
    func testManifestNanJson() throws { try HostileCorpus.check("manifest/nan.json") }
    func testManifestNegativeSamplesJson() throws { try HostileCorpus.check("manifest/negative-samples.json") }
    func testManifestStartedYear30000Json() throws { try HostileCorpus.check("manifest/started-year-30000.json") }
    func testManifestWrongSchemaJson() throws { try HostileCorpus.check("manifest/wrong-schema.json") }

    // MARK: Markdown notes (`--notes`)

    func testNotesLongLineMd() throws { try HostileCorpus.check("notes/long-line.md") }
    func testNotesNotUtf8Md() throws { try HostileCorpus.check("notes/not-utf8.md") }

    // MARK: profile.proto, plain and gzipped

    func testProtoAbsentFunctionPb() throws { try HostileCorpus.check("proto/absent-function.pb") }
    func testProtoAbsentLocationPb() throws { try HostileCorpus.check("proto/absent-location.pb") }
    func testProtoBomb10GiBPbGz() throws { try HostileCorpus.check("proto/bomb-10GiB.pb.gz") }
    func testProtoBomb1KiBPbGz() throws { try HostileCorpus.check("proto/bomb-1KiB.pb.gz") }
    func testProtoCorruptDeflatePbGz() throws { try HostileCorpus.check("proto/corrupt-deflate.pb.gz") }
    func testProtoDuplicateFunctionIdsPb() throws { try HostileCorpus.check("proto/duplicate-function-ids.pb") }
    func testProtoDuplicateLocationIdsPb() throws { try HostileCorpus.check("proto/duplicate-location-ids.pb") }
    func testProtoEmptyPb() throws { try HostileCorpus.check("proto/empty.pb") }
    func testProtoLocationIdZeroPb() throws { try HostileCorpus.check("proto/location-id-zero.pb") }
    func testProtoNegativeLengthPb() throws { try HostileCorpus.check("proto/negative-length.pb") }
    func testProtoNegativeStringIndexPb() throws { try HostileCorpus.check("proto/negative-string-index.pb") }
    func testProtoNestedGzipPbGz() throws { try HostileCorpus.check("proto/nested-gzip.pb.gz") }
    func testProtoNestedLengthOverflowPb() throws { try HostileCorpus.check("proto/nested-length-overflow.pb") }
    func testProtoRandomPb() throws { try HostileCorpus.check("proto/random.pb") }
    func testProtoStringIndexPastTablePb() throws { try HostileCorpus.check("proto/string-index-past-table.pb") }
    func testProtoStringTableStartsWrongPb() throws { try HostileCorpus.check("proto/string-table-starts-wrong.pb") }
    func testProtoTruncatedPb() throws { try HostileCorpus.check("proto/truncated.pb") }
    func testProtoTruncatedPbGz() throws { try HostileCorpus.check("proto/truncated.pb.gz") }
    func testProtoTwoMembersSecondCorruptPbGz() throws { try HostileCorpus.check("proto/two-members-second-corrupt.pb.gz") }
    func testProtoValueCountMismatchPb() throws { try HostileCorpus.check("proto/value-count-mismatch.pb") }
    func testProtoVarint11BytesPb() throws { try HostileCorpus.check("proto/varint-11-bytes.pb") }
    func testProtoVarintOverflowPb() throws { try HostileCorpus.check("proto/varint-overflow.pb") }
    func testProtoWireType7Pb() throws { try HostileCorpus.check("proto/wire-type-7.pb") }
    func testProtoWrongMagicPbGz() throws { try HostileCorpus.check("proto/wrong-magic.pb.gz") }

    // MARK: heap profiles, debug=1

    func testHeapDebug1BadAddressTxt() throws { try HostileCorpus.check("heap-debug1/bad-address.txt") }
    func testHeapDebug1CountOverflowTxt() throws { try HostileCorpus.check("heap-debug1/count-overflow.txt") }
    func testHeapDebug1GarbageAfterHeaderTxt() throws { try HostileCorpus.check("heap-debug1/garbage-after-header.txt") }
    func testHeapDebug1HeaderNanTxt() throws { try HostileCorpus.check("heap-debug1/header-nan.txt") }
    func testHeapDebug1LongLineTxt() throws { try HostileCorpus.check("heap-debug1/long-line.txt") }
    func testHeapDebug1MemstatsNanTxt() throws { try HostileCorpus.check("heap-debug1/memstats-nan.txt") }
    func testHeapDebug1TruncatedTxt() throws { try HostileCorpus.check("heap-debug1/truncated.txt") }

    // MARK: goroutine profiles, debug=1

    func testGoroutineDebug1NegativeCountTxt() throws { try HostileCorpus.check("goroutine-debug1/negative-count.txt") }
    func testGoroutineDebug1TotalMismatchTxt() throws { try HostileCorpus.check("goroutine-debug1/total-mismatch.txt") }
    func testGoroutineDebug1TotalOverflowTxt() throws { try HostileCorpus.check("goroutine-debug1/total-overflow.txt") }
    func testGoroutineDebug1TruncatedTxt() throws { try HostileCorpus.check("goroutine-debug1/truncated.txt") }

    // MARK: goroutine dumps, debug=2

    func testGoroutineDebug2BadIdTxt() throws { try HostileCorpus.check("goroutine-debug2/bad-id.txt") }
    func testGoroutineDebug2FrameWithoutFileTxt() throws { try HostileCorpus.check("goroutine-debug2/frame-without-file.txt") }
    func testGoroutineDebug2LongLineTxt() throws { try HostileCorpus.check("goroutine-debug2/long-line.txt") }
    func testGoroutineDebug2MinutesOverflowTxt() throws { try HostileCorpus.check("goroutine-debug2/minutes-overflow.txt") }
    func testGoroutineDebug2TruncatedTxt() throws { try HostileCorpus.check("goroutine-debug2/truncated.txt") }
}
