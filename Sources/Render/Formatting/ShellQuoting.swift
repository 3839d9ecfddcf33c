/// A file name made safe to paste into a shell, for the commands the report suggests.
///
/// Profile file names come from the recording folder, so one could be
/// `heap-$(reboot).pb.gz`; a reader who copies the suggested command must run it with
/// that name, not with what the shell would make of it. Names of only letters, digits
/// and `._/+,:=@%-` are left as they are (every name gomemreport writes); any other is
/// single-quoted, with `'` written `'\''`.
enum ShellQuoting {
    static func word(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
            default: return "._/+,:=@%-".unicodeScalars.contains(scalar)
            }
        }
        if plain && !text.hasPrefix("-") { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
