import Foundation

/// An email as RFC 5322/2045/2046 define it: a summary as `multipart/alternative`
/// (plain text and HTML) and the full report attached, inside `multipart/mixed`.
///
/// Output is deterministic: boundaries and the Message-ID derive from the content,
/// and the Date is the one given. Text parts are quoted-printable (readable in any
/// client, lines ≤ 76), the attachment base64 in 76-column lines; non-ASCII header text
/// is RFC 2047 encoded. `sendmail -t < message.eml` sends it.
public struct MIMEMessage: Sendable {
    public var from: String
    public var to: [String]
    public var subject: String
    /// Unix seconds for the Date header.
    public var date: Double
    public var plainText: String
    public var html: String
    public var attachmentName: String
    public var attachment: [UInt8]

    public init(from: String, to: [String], subject: String, date: Double, plainText: String, html: String,
                attachmentName: String, attachment: [UInt8]) {
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.plainText = plainText
        self.html = html
        self.attachmentName = attachmentName
        self.attachment = attachment
    }

    /// The message, CRLF line ends throughout.
    public func encoded() -> String {
        let digest = Self.fnv1a(Array(plainText.utf8) + Array(html.utf8) + attachment + Array(subject.utf8))
        let mixed = "=_gomemreport_mixed_\(digest)", alternative = "=_gomemreport_alt_\(digest)"
        var lines: [String] = []
        lines.append(Self.folded("From: \(Self.headerText(from))"))
        if !to.isEmpty { lines.append(Self.folded("To: \(to.map(Self.headerText).joined(separator: ", "))")) }
        lines.append(Self.folded("Subject: \(Self.headerText(subject))"))
        lines.append("Date: \(Self.rfc5322Date(date))")
        lines.append("Message-ID: <\(digest).report@gomemreport.invalid>")
        lines.append("MIME-Version: 1.0")
        lines.append("Content-Type: multipart/mixed;\r\n boundary=\"\(mixed)\"")
        lines.append("")
        lines.append("This is a MIME message: a summary and the full report attached as \(attachmentName).")
        lines.append("--\(mixed)")
        lines.append("Content-Type: multipart/alternative;\r\n boundary=\"\(alternative)\"")
        lines.append("")
        lines.append("--\(alternative)")
        lines.append("Content-Type: text/plain; charset=utf-8")
        lines.append("Content-Transfer-Encoding: quoted-printable")
        lines.append("")
        lines += Self.quotedPrintable(plainText)
        lines.append("--\(alternative)")
        lines.append("Content-Type: text/html; charset=utf-8")
        lines.append("Content-Transfer-Encoding: quoted-printable")
        lines.append("")
        lines += Self.quotedPrintable(html)
        lines.append("--\(alternative)--")
        lines.append("")
        lines.append("--\(mixed)")
        lines.append("Content-Type: text/html; charset=utf-8; name=\"\(attachmentName)\"")
        lines.append("Content-Disposition: attachment; filename=\"\(attachmentName)\"")
        lines.append("Content-Transfer-Encoding: base64")
        lines.append("")
        let base64 = Data(attachment).base64EncodedString()
        var index = base64.startIndex
        while index < base64.endIndex {
            let end = base64.index(index, offsetBy: 76, limitedBy: base64.endIndex) ?? base64.endIndex
            lines.append(String(base64[index..<end]))
            index = end
        }
        lines.append("--\(mixed)--")
        lines.append("")
        return lines.joined(separator: "\r\n")
    }

    /// Header text as is when it is printable ASCII, else one RFC 2047 encoded word per
    /// chunk (base64 of UTF-8), folded so no line passes 78 columns.
    static func headerText(_ text: String) -> String {
        let clean = String(text.map { $0.isNewline ? " " : $0 })
        if clean.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) && clean.count <= 900 { return clean }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in clean {
            let bytes = Array(String(character).utf8)
            // 45 bytes of UTF-8 make 60 base64 characters: a word of 72 with its wrapper.
            if chunk.count + bytes.count > 45 {
                words.append("=?utf-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?utf-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    /// A header line folded at spaces so that no line passes 78 columns where it can
    /// (RFC 5322 §2.2.3); encoded words are already on lines of their own.
    static func folded(_ line: String) -> String {
        if line.contains("\r\n") || line.count <= 78 { return line }
        var out: [String] = []
        var current = ""
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty && current.count + 1 + word.count > 78 {
                out.append(current)
                current = " " + word
            } else {
                current += (current.isEmpty ? "" : " ") + word
            }
        }
        out.append(current)
        return out.joined(separator: "\r\n")
    }

    /// Quoted-printable (RFC 2045 §6.7) with CRLF line breaks and soft breaks at 76.
    static func quotedPrintable(_ text: String) -> [String] {
        var out: [String] = []
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            var encoded = ""
            var length = 0
            let bytes = Array(line.utf8)
            for (offset, byte) in bytes.enumerated() {
                let last = offset == bytes.count - 1
                let piece: String
                if (byte >= 33 && byte <= 126 && byte != 61) || (byte == 32 && !last) {
                    piece = String(UnicodeScalar(byte))
                } else {
                    piece = String(format: "=%02X", byte)
                }
                if length + piece.count > 75 {
                    out.append(encoded + "=")
                    encoded = ""
                    length = 0
                }
                encoded += piece
                length += piece.count
            }
            out.append(encoded)
        }
        return out
    }

    static func rfc5322Date(_ unix: Double) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: Date(timeIntervalSince1970: unix.rounded(.down)))
    }

    /// 64-bit FNV-1a, in hex: a stable name for this content, not a security measure.
    static func fnv1a(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
