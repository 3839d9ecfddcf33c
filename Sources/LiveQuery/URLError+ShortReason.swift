import Foundation
import Ingest
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension URLError {
    /// A few words for a one-line message: "connection refused or no route", "TLS failed".
    public var shortReason: String {
        switch code {
        case .cannotConnectToHost: return "connection refused or no route"
        case .cannotFindHost, .dnsLookupFailed: return "unknown host"
        case .timedOut: return "no answer within the timeout"
        case .networkConnectionLost: return "connection lost"
        case .notConnectedToInternet: return "no network"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateHasUnknownRoot, .serverCertificateNotYetValid: return "TLS failed"
        case .unsupportedURL, .badURL: return "not an http or https URL"
        default: return "URL error \(code.rawValue)"
        }
    }
}
